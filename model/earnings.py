"""Earnings model: monthly income from category, tier, hours a week and clients.

The model in two sentences: monthly income is modelled on the log scale as a sum
of a category effect, a tier effect and the logs of hours and clients, so each
effect multiplies income and a projection is never negative. Its P10-P90 range
comes from how far real (here: sample) incomes fell from the model's predictions
on data the model had not seen.

``fit`` compares a few simple candidates by 5-fold cross-validation (MAE in
rupees), keeps the simplest unless another cuts the error by 5% or more,
drops any whose projections would fall when hours or clients rise, and
keeps the best; ``EarningsModel.comparison`` keeps the table for the about page.

Data is refused (``RateDataError``) when, all else equal, income falls as hours or
clients rise (a planning tool cannot learn "work more, earn more" from it), and when
the chosen model's cross-validated R² is below ``MIN_R2``. Fits run on one thread
(``threadpoolctl``): on a shared server a refit must not spin every core.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_predict, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder
from threadpoolctl import threadpool_limits

from model.ids import CATEGORIES, TIERS
from model.rates import (
    HIGH_Q,
    LOW_Q,
    RATES_PATH,
    REQUIRED,
    RateDataError,
    load_rates,
    rate_band,
    validate_rates,
)

__all__ = [
    "CLIENTS_RANGE",
    "HOURS_RANGE",
    "RATES_PATH",
    "REQUIRED",
    "EarningsModel",
    "Projection",
    "RateDataError",
    "fit",
    "load_rates",
    "rate_band",
    "validate_rates",
]

HOURS_RANGE = (1, 60)
CLIENTS_RANGE = (1, 20)
WEEKS_PER_MONTH = 52 / 12
FOLDS = 5
SEED = 0
CLEARLY_BETTER = 0.05  # a more complex candidate must cut MAE by 5% to be chosen
# The least cross-validated R² a model must reach to be used. At 0.2, hours, clients, kind of
# work and level explain a fifth of the differences in income on rows the model did not see;
# below that the projection is little better than one average for everyone, while the planner
# tells people what more hours or clients would bring. R² <= 0 is worse than that average.
# The sample data reaches 0.69; an upload where income does not follow the inputs falls below.
MIN_R2 = 0.2


def _features() -> ColumnTransformer:
    return ColumnTransformer(
        [
            (
                "log",
                FunctionTransformer(np.log, feature_names_out="one-to-one"),
                ["hours_per_week", "clients"],
            ),
            (
                "ids",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                ["category", "tier"],
            ),
        ],
        verbose_feature_names_out=False,
    )


def _with_cell(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["cell"] = out["category"] + ":" + out["tier"]
    return out


def _candidates(trees: bool = True) -> dict[str, Pipeline]:
    """The simple models compared by cross-validation (all on log income); ``trees=False``
    leaves out the boosted trees, the costliest candidate (see :func:`fit`)."""
    interactions = ColumnTransformer(
        [
            (
                "log",
                FunctionTransformer(np.log, feature_names_out="one-to-one"),
                ["hours_per_week", "clients"],
            ),
            (
                "ids",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                ["category", "tier", "cell"],
            ),
        ],
        verbose_feature_names_out=False,
    )
    tree_features = _features().set_output(transform="pandas")
    out = {
        "log_linear": Pipeline([("features", _features()), ("model", Ridge(alpha=1.0))]),
        "log_linear_cells": Pipeline(
            [
                ("cells", FunctionTransformer(_with_cell)),
                ("features", interactions),
                ("model", Ridge(alpha=1.0)),
            ]
        ),
        "boosted_trees": Pipeline(
            [
                ("features", tree_features),
                (
                    "model",
                    HistGradientBoostingRegressor(
                        max_iter=80,
                        learning_rate=0.1,
                        random_state=SEED,
                        monotonic_cst={"hours_per_week": 1, "clients": 1},
                    ),
                ),
            ]
        ),
    }
    if not trees:
        del out["boosted_trees"]
    return out


def _grid() -> pd.DataFrame:
    hours = np.arange(HOURS_RANGE[0], HOURS_RANGE[1] + 1, dtype=float)
    clients = np.arange(CLIENTS_RANGE[0], CLIENTS_RANGE[1] + 1, dtype=float)
    rows = [(c, t, h, k) for c in CATEGORIES for t in TIERS for h in hours for k in clients]
    return pd.DataFrame(rows, columns=["category", "tier", "hours_per_week", "clients"])


GRID_SHAPE = (
    len(CATEGORIES),
    len(TIERS),
    HOURS_RANGE[1] - HOURS_RANGE[0] + 1,
    CLIENTS_RANGE[1] - CLIENTS_RANGE[0] + 1,
)


def _grid_centres(pipeline: Pipeline) -> np.ndarray:
    """Log-scale predictions for every category, tier and whole hour and client count."""
    return pipeline.predict(_grid()).reshape(GRID_SHAPE)


def _monotone(centres: np.ndarray) -> bool:
    """True if predictions never fall as hours or clients rise (all else equal)."""
    return bool(
        (np.diff(centres, axis=2) >= -1e-9).all() and (np.diff(centres, axis=3) >= -1e-9).all()
    )


@dataclass(frozen=True)
class Projection:
    """A monthly income projection in rupees with its P10..P90 range."""

    monthly_inr: float
    low_inr: float
    high_inr: float
    hourly_inr: float


@dataclass
class EarningsModel:
    """The chosen fitted pipeline, its residual quantiles and its measured quality."""

    name: str
    pipeline: Pipeline
    low_offset: float
    high_offset: float
    metrics: dict[str, float]
    comparison: pd.DataFrame = field(repr=False)
    rows: int = 0
    grid: np.ndarray | None = field(default=None, repr=False)  # log centres, see GRID_SHAPE

    def predict(
        self, category: str, tier: str, hours_per_week: float, clients: float
    ) -> Projection:
        """Project monthly income; inputs are clamped to the planner's ranges."""
        return self.predict_many([(category, tier, hours_per_week, clients)])[0]

    def predict_many(self, rows: Sequence[tuple[str, str, float, float]]) -> list[Projection]:
        """Project many (category, tier, hours, clients) rows in one pass of the pipeline.

        Much faster than calling :meth:`predict` in a loop (one pandas/sklearn call instead
        of one per row); the planner's curves and goal seeking use it."""
        if not rows:
            return []
        clean = [
            (
                category if category in CATEGORIES else CATEGORIES[0],
                tier if tier in TIERS else TIERS[0],
                _clamped(hours, HOURS_RANGE),
                _clamped(clients, CLIENTS_RANGE),
            )
            for category, tier, hours, clients in rows
        ]
        centres = self._centres(clean)
        out = []
        for (_, _, hours, _), centre in zip(clean, centres, strict=True):
            monthly = math.exp(float(centre))
            out.append(
                Projection(
                    monthly_inr=monthly,
                    low_inr=math.exp(float(centre) + self.low_offset),
                    high_inr=math.exp(float(centre) + self.high_offset),
                    hourly_inr=monthly / (hours * WEEKS_PER_MONTH),
                )
            )
        return out

    def _centres(self, rows: list[tuple[str, str, float, float]]) -> list[float]:
        """Log-scale predictions: looked up in the precomputed grid for whole hours and
        clients (what the planner asks for), from the pipeline for anything else."""
        out: list[float | None] = [None] * len(rows)
        missing = []
        for i, (category, tier, hours, clients) in enumerate(rows):
            if self.grid is not None and hours.is_integer() and clients.is_integer():
                out[i] = float(
                    self.grid[
                        CATEGORIES.index(category),
                        TIERS.index(tier),
                        int(hours) - HOURS_RANGE[0],
                        int(clients) - CLIENTS_RANGE[0],
                    ]
                )
            else:
                missing.append(i)
        if missing:
            frame = pd.DataFrame(
                [rows[i] for i in missing],
                columns=["category", "tier", "hours_per_week", "clients"],
            )
            for i, centre in zip(missing, self.pipeline.predict(frame), strict=True):
                out[i] = float(centre)
        return [float(c) for c in out]  # type: ignore[arg-type]


def _clamped(value: Any, bounds: tuple[int, int]) -> float:
    return float(min(max(_number(value, bounds[0]), bounds[0]), bounds[1]))


def _number(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _xy(rates: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    x = rates[["category", "tier", "hours_per_week", "clients"]]
    y = np.log(np.maximum(rates["monthly_income_inr"].to_numpy(dtype=float), 1.0))
    return x, y


def _oof(pipeline: Pipeline, x: pd.DataFrame, y: np.ndarray) -> np.ndarray:
    """Out-of-fold predictions (log scale) from shuffled 5-fold cross-validation."""
    folds = KFold(n_splits=min(FOLDS, len(y)), shuffle=True, random_state=SEED)
    return cross_val_predict(pipeline, x, y, cv=folds)


def _band(residuals: np.ndarray) -> tuple[float, float]:
    """The P10 and P90 of out-of-fold residuals: the offsets of the likely range."""
    return float(np.quantile(residuals, LOW_Q)), float(np.quantile(residuals, HIGH_Q))


def falling_input(x: pd.DataFrame, y: np.ndarray) -> str | None:
    """The input ("hours_per_week" or "clients") that income falls with, all else equal, if any.

    Read from the plain log-linear fit (category and level held equal): a negative effect of
    log hours or log clients means more work brings less income in this data.
    """
    pipeline = Pipeline([("features", _features()), ("model", Ridge(alpha=1.0))]).fit(x, y)
    effects = dict(
        zip(pipeline["features"].get_feature_names_out(), pipeline["model"].coef_, strict=True)
    )
    for column in ("hours_per_week", "clients"):
        if effects[column] < 0:
            return column
    return None


def fit(rates: pd.DataFrame, trees: bool = True) -> EarningsModel:
    """Compare candidates (on one thread; see :func:`_fit`) and return the chosen model.

    ``trees=False`` (a coach's upload) leaves the boosted trees out of the comparison: they are
    most of a fit's CPU time (bench/bench_warm.py) and the sample data's fit prefers the
    log-linear model anyway."""
    with threadpool_limits(limits=1):
        return _fit(rates, trees)


def _fit(rates: pd.DataFrame, trees: bool = True) -> EarningsModel:
    """Compare the candidates by cross-validation, keep the best monotone one, fit it on all rows.

    Metrics (all measured on data the model did not see): ``r2`` and ``mae_inr`` from
    5-fold cross-validation on the rupee scale, and ``interval_coverage``, the share
    of a 25% held-out split whose income fell inside the P10-P90 range built from
    the other 75%.
    """
    rates = validate_rates(rates)
    if len(rates) < 4 * FOLDS:
        raise RateDataError("too_few_rows", rows=len(rates), need=4 * FOLDS)
    x, y = _xy(rates)
    falling = falling_input(x, y)
    if falling is not None:
        raise RateDataError("income_falls", column=falling)
    income = np.exp(y)
    rows = []
    fitted: dict[str, Pipeline] = {}
    grids: dict[str, np.ndarray] = {}
    oof: dict[str, np.ndarray] = {}
    for name, pipeline in _candidates(trees).items():
        oof[name] = _oof(pipeline, x, y)
        predicted = np.exp(oof[name])
        pipeline.fit(x, y)
        fitted[name] = pipeline
        ss_res = float(np.sum((income - predicted) ** 2))
        ss_tot = float(np.sum((income - income.mean()) ** 2))
        rows.append(
            {
                "model": name,
                "r2": 1 - ss_res / ss_tot if ss_tot > 0 else 0.0,
                "mae_inr": float(np.mean(np.abs(income - predicted))),
                "monotone": _monotone(grids.setdefault(name, _grid_centres(pipeline))),
            }
        )
    comparison = pd.DataFrame(rows)
    usable = comparison[comparison["monotone"]]
    if usable.empty:
        raise RateDataError("not_monotone")
    # Candidates are listed simplest first; a more complex one must be clearly better.
    best = usable.iloc[0]
    for _, row in usable.iloc[1:].iterrows():
        if row["mae_inr"] < best["mae_inr"] * (1 - CLEARLY_BETTER):
            best = row
    name = str(best["model"])
    if float(best["r2"]) < MIN_R2:
        raise RateDataError("weak_model", r2=f"{float(best['r2']):.2f}", floor=f"{MIN_R2:.2f}")

    x_fit, x_out, y_fit, y_out = train_test_split(x, y, test_size=0.25, random_state=SEED)
    held = _candidates()[name].fit(x_fit, y_fit)
    low, high = _band(y_fit - _oof(_candidates()[name], x_fit, y_fit))
    centre = held.predict(x_out)
    coverage = float(np.mean((y_out >= centre + low) & (y_out <= centre + high)))

    low_all, high_all = _band(y - oof[name])  # reuse the comparison's out-of-fold run
    metrics = {
        "r2": float(best["r2"]),
        "mae_inr": float(best["mae_inr"]),
        "interval_coverage": coverage,
    }
    return EarningsModel(
        name, fitted[name], low_all, high_all, metrics, comparison, len(rates), grids[name]
    )
