"""Generate the synthetic sample of VA hourly rates and monthly incomes (data/sample_rates.csv).

The data is SYNTHETIC: no real person is in it. It is grounded in the pay bands of
``data/pay_bands.toml`` (themselves from shared/FACTS.md and Payoneer's freelancer
surveys) and in the article's rules of thumb:

* each row is a VA whose clients are in India or abroad (``market``); ``ABROAD_SHARE`` of
  the rows serve clients abroad, drawn independently of everything else, so the model can
  tell the market's effect apart from the kind of work, the level, hours and clients;
* each market, category and tier has a typical hourly band; a row's rate is drawn
  log-normally so that about 80% of rates fall inside its band, clipped to the
  overall ₹70 to ₹9,000 range (the article: ₹70 to ₹7,000+);
* a higher tier raises the rate, and rates rise a little as the client base grows;
* hours offered per week and the number of clients are drawn independently, so a
  regression can tell their effects apart (toy datasets often move them in lockstep);
* each client brings a limited amount of work a week, so more clients fill more of
  the week, but each one also costs some unpaid coordination time;
* clients in India are mostly small local businesses that pay a fixed monthly fee for a
  bounded amount of work (issue 18): each brings the hours a local fee covers
  (``local_hours`` in ``data/india_pay.toml``, 12-40 hours a month), paid at the India band's
  rate, so the fee is that rate times those hours; clients abroad bring 5-14 hours a week;
* monthly income = billed hours a week x rate x 52/12, with some noise.

Run ``python data/make_rates.py`` to rewrite the file; the seed makes it reproducible.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.anchors import load_india_pay  # noqa: E402
from model.ids import CATEGORIES, TIERS  # noqa: E402
from model.pay import load_bands  # noqa: E402

OUT = ROOT / "data" / "sample_rates.csv"
SEED = 2026
ROWS = 3000
CATEGORY_SHARE = (0.22, 0.16, 0.11, 0.14, 0.16, 0.11, 0.10)  # admin most common
TIER_SHARE = (0.50, 0.35, 0.15)
ABROAD_SHARE = 0.4  # most people start with clients in India
Z90 = 1.2816  # the 90th percentile of a standard normal
RATE_FLOOR, RATE_CEILING = 70.0, 9000.0
WEEKS_PER_MONTH = 52 / 12
ABROAD_DEMAND = (5.0, 14.0)  # hours of work a client abroad brings a week


def generate(rows: int = ROWS, seed: int = SEED) -> pd.DataFrame:
    """Draw ``rows`` synthetic VAs; the same seed always gives the same table."""
    rng = np.random.default_rng(seed)
    bands = load_bands()
    market = np.where(rng.random(rows) < ABROAD_SHARE, "abroad", "india")
    category = rng.choice(CATEGORIES, size=rows, p=CATEGORY_SHARE)
    tier = rng.choice(TIERS, size=rows, p=TIER_SHARE)
    hours = rng.integers(4, 61, size=rows)  # hours offered a week, 4..60
    clients = np.clip(1 + rng.poisson(2.5, size=rows), 1, 15)  # independent of hours

    cells = list(zip(market, category, tier, strict=True))
    low = np.array([bands.band(c, t, m).low for m, c, t in cells])
    high = np.array([bands.band(c, t, m).high for m, c, t in cells])
    centre = np.sqrt(low * high)
    sigma = np.log(high / low) / (2 * Z90)
    client_premium = 1 + 0.03 * (clients - 1)  # rates can rise as the client base grows
    rate = np.clip(centre * client_premium * rng.lognormal(0, sigma), RATE_FLOOR, RATE_CEILING)

    # hours of work a client brings a week: a local fee's bounded work in India, more abroad
    local_low, local_high = (h / WEEKS_PER_MONTH for h in load_india_pay().local_hours)
    demand_per_client = np.where(
        market == "india",
        rng.uniform(local_low, local_high, size=rows),
        rng.uniform(ABROAD_DEMAND[0], ABROAD_DEMAND[1], size=rows),
    )
    coordination = 0.5 * clients  # unpaid hours a week spent keeping each client
    billed = np.minimum(0.9 * hours, clients * demand_per_client) - coordination
    billed = np.maximum(billed, 0.5)
    income = billed * rate * WEEKS_PER_MONTH * rng.lognormal(0, 0.12, size=rows)

    return pd.DataFrame(
        {
            "category": category,
            "tier": tier,
            "market": market,
            "hours_per_week": hours,
            "clients": clients,
            "hourly_rate_inr": rate.round(0).astype(int),
            "billed_hours_per_week": billed.round(1),
            "monthly_income_inr": income.round(-1).astype(int),
        }
    )


def main() -> None:
    """Write the sample file (or another path given with --out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    table = generate(args.rows, args.seed)
    table.to_csv(args.out, index=False)
    print(f"wrote {len(table)} rows to {args.out}")


if __name__ == "__main__":
    main()
