"""Typical hourly pay bands per market, category and tier, from ``data/pay_bands.toml``.

Two markets: ``india`` (clients in India, the default: where most people find their first
clients) and ``abroad`` (clients abroad; the article's bands).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.ids import CATEGORIES, TIERS

BANDS_PATH = Path(__file__).resolve().parent.parent / "data" / "pay_bands.toml"
MARKETS: tuple[str, ...] = ("india", "abroad")
DEFAULT_MARKET = "india"


@dataclass(frozen=True)
class Band:
    """A typical hourly range in rupees (about the 10th to 90th percentile)."""

    low: float
    high: float


@dataclass(frozen=True)
class PayBands:
    """All bands plus the overall range they sit in."""

    overall_min: float
    overall_max: float
    bands: dict[tuple[str, str, str], Band]

    def band(self, category: str, tier: str, market: str = DEFAULT_MARKET) -> Band:
        """The band for a category and tier in ``market`` (KeyError for unknown ids)."""
        return self.bands[(market, category, tier)]


@lru_cache(maxsize=1)
def load_bands(path: Path = BANDS_PATH) -> PayBands:
    """Read and check the pay bands: every market x category x tier, low < high, tiers rising."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    bands: dict[tuple[str, str, str], Band] = {}
    for market in MARKETS:
        for category in CATEGORIES:
            previous = 0.0
            for tier in TIERS:
                low, high = (float(x) for x in raw[market][category][tier])
                if not 0 < low < high or low < previous:
                    raise ValueError(
                        f"pay band {market}/{category}/{tier} must be rising: {low}-{high}"
                    )
                bands[(market, category, tier)] = Band(low, high)
                previous = low
    return PayBands(float(raw["overall_min"]), float(raw["overall_max"]), bands)
