"""Benchmark the earnings model: fit and prediction times against a bare baseline.

Run on demand (not part of the tests): ``.venv/bin/python bench/bench_model.py``.
Targets (issue: earnings planner): final fit under 100 ms, one prediction under 5 ms.
The baseline is a plain scikit-learn LinearRegression on the two numeric columns,
timed in the same run, so the ratios hold across machines. For ``fit()`` before and after a
change in the same run (another checkout in a git worktree), see bench/bench_anchors.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LinearRegression
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed

from model.earnings import _candidates, _xy, fit, load_rates


def main() -> None:
    rates = load_rates()
    x, y = _xy(rates)
    numeric = rates[["hours_per_week", "clients"]].to_numpy()
    baseline = LinearRegression()
    base_fit = timed(lambda: baseline.fit(numeric, y), 20)
    row = numeric[:1]
    base_predict = timed(lambda: baseline.predict(row), 200)

    model = fit(rates)
    chosen = _candidates()[model.name]
    with threadpool_limits(limits=1):  # as fit() runs it
        final_fit = timed(lambda: chosen.fit(x, y), 10)
    selection = timed(lambda: fit(rates), 3)
    predict = timed(lambda: model.predict("marketing", "specialist", 30, 4), 200)

    table = pd.DataFrame(
        [
            ("baseline fit (LinearRegression, 2 columns)", base_fit, 1.0, ""),
            (f"final fit ({model.name} pipeline)", final_fit, final_fit / base_fit, "< 100 ms"),
            ("fit() with 5-fold CV of 3 candidates", selection, selection / base_fit, "once/data"),
            ("baseline predict (1 row)", base_predict, 1.0, ""),
            ("EarningsModel.predict (1 row)", predict, predict / base_predict, "< 5 ms"),
        ],
        columns=["what", "median ms", "x baseline", "target"],
    )
    print(
        f"rows: {len(rates)}; chosen model: {model.name}; metrics: "
        + ", ".join(f"{k}={v:.3f}" for k, v in model.metrics.items())
    )
    for market, figures in model.by_market.items():
        print(
            f"  {market}: "
            + ", ".join(
                f"{k}={v:,.3f}" if k != "rows" else f"rows={v:,.0f}" for k, v in figures.items()
            )
        )
    print(model.comparison.to_string(index=False, float_format=lambda v: f"{v:,.3f}"))
    print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}"))


if __name__ == "__main__":
    main()
