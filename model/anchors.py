"""India's own pay data: what the planner's rupee figures for clients in India are held against.

``data/india_pay.toml`` (sources and years in its comments) gives, for each kind of work and
level, the monthly pay of the nearest salaried role in India, and, where a public figure exists,
what small local businesses pay a freelancer per client per month. This module loads it and
measures a fitted model against it (issue 18):

* the **anchor check**: the India projection at 40 h a week and 3 clients, as a ratio of the
  salaried figure (0.6-1.5x at Basic and Specialist), and the highest India projection at 20 h a
  week or less (any number of clients) against the full-time salary of that level;
* the **smoothness check**: on the 105 India curves (7 kinds of work x 3 levels x 1-5 clients),
  income by hours from 5 to 40 h a week; a one-hour step counts as a jump when it is over 2.5x
  both of its neighbours (a smooth curve, rising or levelling off, has none);
* the **local fee line** the planner shows for clients in India.

Only numpy, tomllib and ``model.ids`` are needed at import time, so ``bench/bench_anchors.py``
can measure an older checkout's model with this file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from model.ids import CATEGORIES, TIERS

INDIA_PAY_PATH = Path(__file__).resolve().parent.parent / "data" / "india_pay.toml"
FULL_TIME_HOURS = 40 * 52 / 12  # a salaried month, about 173 hours
ANCHOR_HOURS, ANCHOR_CLIENTS = 40, 3  # where a projection is compared with the salary
PART_TIME_HOURS = 20  # at or below this, no projection may reach a full-time salary
RATIO_RANGE = (0.6, 1.5)  # the projection at 40 h and 3 clients, as a share of the salary
CAPPED_TIERS = ("basic", "specialist")  # an Expert may earn more than a salaried senior
SMOOTH_HOURS = (5, 40)  # the hours the smoothness check walks, one hour at a time
SMOOTH_CLIENTS = (1, 2, 3, 4, 5)  # 7 kinds x 3 levels x 5 client counts = 105 curves
JUMP = 2.5  # a step over 2.5x both of its neighbours is a jump
MAX_CLIENTS = 20  # the planner's client range is 1-20 (model.earnings.CLIENTS_RANGE)


@dataclass(frozen=True)
class IndiaPay:
    """The salaried anchors, the published local fees and the work a local fee buys."""

    salaried: dict[tuple[str, str], float]  # (category, tier) -> rupees a month
    local_fee: dict[str, tuple[float, float]]  # category -> rupees per client a month
    local_hours: tuple[float, float]  # hours of work a month a local client's fee covers
    sources: dict[str, tuple[str, ...]]  # category -> "site year" strings


@lru_cache(maxsize=2)
def load_india_pay(path: Path = INDIA_PAY_PATH) -> IndiaPay:
    """Read and check ``data/india_pay.toml``: every category and tier, pay rising with tier."""
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    salaried: dict[tuple[str, str], float] = {}
    fees: dict[str, tuple[float, float]] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for category in CATEGORIES:
        table = raw[category]
        pay = [float(table["salaried"][tier]) for tier in TIERS]
        if not 0 < pay[0] < pay[1] < pay[2]:
            raise ValueError(f"india_pay {category}: salaried pay must rise with tier: {pay}")
        salaried.update({(category, tier): p for tier, p in zip(TIERS, pay, strict=True)})
        if "local_fee" in table:
            low, high = (float(x) for x in table["local_fee"])
            if not 0 < low < high:
                raise ValueError(f"india_pay {category}: local_fee must be low < high")
            fees[category] = (low, high)
        sources[category] = tuple(str(s) for s in table.get("sources", ()))
        if not sources[category]:
            raise ValueError(f"india_pay {category}: name at least one source")
    h_low, h_high = (float(x) for x in raw["local_hours"])
    if not 0 < h_low < h_high:
        raise ValueError("india_pay local_hours must be low < high")
    return IndiaPay(salaried, fees, (h_low, h_high), sources)


class _Model(Protocol):
    def predict_many(self, rows: Any) -> list[Any]: ...


@dataclass(frozen=True)
class Anchor:
    """One kind of work and level: the model's India figures beside the salaried anchor."""

    category: str
    tier: str
    projection: float  # India, 40 h a week, 3 clients
    salaried: float
    part_time_max: float  # the highest India projection at <= 20 h a week, 1-20 clients

    @property
    def ratio(self) -> float:
        """The projection at 40 h and 3 clients as a share of the salaried figure."""
        return self.projection / self.salaried

    @property
    def holds(self) -> bool:
        """The issue's rule (Basic and Specialist only; an Expert may earn more)."""
        if self.tier not in CAPPED_TIERS:
            return True
        low, high = RATIO_RANGE
        return low <= self.ratio <= high and self.part_time_max <= self.salaried


def anchors(model: _Model, pay: IndiaPay | None = None) -> list[Anchor]:
    """The anchor check for every kind of work and level (clients in India)."""
    pay = pay or load_india_pay()
    cells = [(c, tr) for c in CATEGORIES for tr in TIERS]
    at_anchor = model.predict_many([(c, tr, ANCHOR_HOURS, ANCHOR_CLIENTS, 0.0) for c, tr in cells])
    part = [
        (c, tr, h, k, 0.0)
        for c, tr in cells
        for h in range(1, PART_TIME_HOURS + 1)
        for k in range(1, MAX_CLIENTS + 1)
    ]
    monthly = np.array([p.monthly_inr for p in model.predict_many(part)])
    part_max = monthly.reshape(len(cells), -1).max(axis=1)
    return [
        Anchor(c, tr, float(p.monthly_inr), pay.salaried[(c, tr)], float(top))
        for (c, tr), p, top in zip(cells, at_anchor, part_max, strict=True)
    ]


@dataclass(frozen=True)
class Smoothness:
    """How the 105 India curves (income by hour, 5 to 40 h) step."""

    curves: int
    jumpy_curves: int  # curves with at least one jump
    jumps: int  # all jumps
    flat_steps: int  # one-hour steps that add under ₹1
    steps: int
    median_step: float  # rupees
    max_step: float  # rupees
    falls: int  # steps where income falls (should be 0: the model is monotone)


def hour_curves(model: _Model) -> np.ndarray:
    """India incomes, shape (categories x tiers x clients 1-5, hours 5..40)."""
    hours = range(SMOOTH_HOURS[0], SMOOTH_HOURS[1] + 1)
    rows = [
        (c, tr, h, k, 0.0)
        for c in CATEGORIES
        for tr in TIERS
        for k in SMOOTH_CLIENTS
        for h in hours
    ]
    monthly = np.array([p.monthly_inr for p in model.predict_many(rows)])
    return monthly.reshape(-1, len(hours))


def jumps(curve: np.ndarray) -> int:
    """One-hour steps of ``curve`` over ``JUMP`` times both neighbouring steps (and over ₹1)."""
    steps = np.diff(curve)
    middle, before, after = steps[1:-1], steps[:-2], steps[2:]
    return int(np.sum((middle > 1.0) & (middle > JUMP * np.maximum(before, after))))


def smoothness(model: _Model) -> Smoothness:
    """The smoothness check over all 105 India curves."""
    curves = hour_curves(model)
    steps = np.diff(curves, axis=1)
    per_curve = [jumps(curve) for curve in curves]
    return Smoothness(
        curves=len(curves),
        jumpy_curves=sum(1 for j in per_curve if j),
        jumps=sum(per_curve),
        flat_steps=int(np.sum(steps < 1.0)),
        steps=int(steps.size),
        median_step=float(np.median(steps)),
        max_step=float(steps.max()),
        falls=int(np.sum(steps < -1e-6)),
    )


def local_fee(category: str, tier: str) -> tuple[float, float, float, float]:
    """What a small local client typically pays a month, in rupees, and the hours it covers.

    The fee is the India rate band's centre for this kind of work and level times the hours a
    local fee buys (``local_hours``), rounded to ₹500; it is the same arithmetic by which the
    sample data's clients in India pay (data/make_rates.py). Returns (low, high, h_low, h_high).
    """
    from model.pay import load_bands

    band = load_bands().band(category, tier, "india")
    centre = float(np.sqrt(band.low * band.high))
    h_low, h_high = load_india_pay().local_hours
    low = max(500.0, round(centre * h_low / 500) * 500)
    high = max(low + 500, round(centre * h_high / 500) * 500)
    return low, high, h_low, h_high


def local_fee_line(category: str, tier: str, lang: str, money: Callable[[float], str]) -> str:
    """The planner's plain-words line on how small local clients pay (clients in India)."""
    from model.i18n import t

    low, high, h_low, h_high = local_fee(category, tier)
    return t(
        "planner.local_fee",
        lang,
        low=money(low),
        high=money(high),
        h_low=f"{h_low:.0f}",
        h_high=f"{h_high:.0f}",
    )


def anchor_table(model: _Model, lang: str) -> Any:
    """The about page's table: kind of work, level, nearest salaried role and its pay, the
    published local fee, the India projection at 40 h and 3 clients, ratio, sources."""
    import pandas as pd

    from model.fmt import inr, number
    from model.i18n import t

    pay = load_india_pay()
    rows = []
    for a in anchors(model, pay):
        fee = pay.local_fee.get(a.category)
        rows.append(
            {
                t("about.anchor_col_kind", lang): t(f"cat.{a.category}.name", lang),
                t("about.anchor_col_level", lang): t(f"tier.{a.tier}.name", lang),
                t("about.anchor_col_role", lang): t(
                    f"about.anchor_role.{a.category}.{a.tier}", lang
                ),
                t("about.anchor_col_salary", lang): inr(a.salaried, lang),
                t("about.anchor_col_local", lang): (
                    f"{inr(fee[0], lang)}-{inr(fee[1], lang)}" if fee else "—"
                ),
                t("about.anchor_col_projection", lang): inr(a.projection, lang),
                t("about.anchor_col_ratio", lang): number(a.ratio, lang, digits=2),
                t("about.anchor_col_sources", lang): ", ".join(pay.sources[a.category]),
            }
        )
    return pd.DataFrame(rows)


def model_line(model: Any, lang: str) -> str | None:
    """The chosen billable-hours model in plain words (None for any other model): the hours of
    work a client brings a week in each market and what 10% more billable hours bring."""
    if getattr(model, "name", None) != "billable_hours":
        return None
    from model.fmt import number
    from model.i18n import t

    figures = model.pipeline["model"].explain()
    if "india" not in figures or "abroad" not in figures:
        return None
    beta = sum(f["beta"] for f in figures.values()) / len(figures)
    return t(
        "about.model_billable",
        lang,
        india=number(figures["india"]["demand"], lang),
        abroad=number(figures["abroad"]["demand"], lang),
        beta=number(100 * (1.1**beta - 1), lang),
    )
