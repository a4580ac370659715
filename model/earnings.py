"""Earnings model: monthly income from category, tier, market, hours a week and clients.

The model in two sentences: monthly income is modelled on the log scale from the kind of
work, the level, the market (clients in India or abroad) and the logs of hours and clients,
so a projection is never negative. Its P10-P90 range comes from how far real (here: sample)
incomes fell from the model's predictions on data the model had not seen, per market.

A mix of markets (``abroad_share`` between 0 and 1: the share of one's billed work done for
clients abroad) is projected as that blend of the two markets' projections, and so is its
range. ``fit`` compares a few simple candidates by 5-fold cross-validation (MAE in
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
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_predict, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder
from threadpoolctl import threadpool_limits

from model.ids import CATEGORIES, TIERS
from model.pay import DEFAULT_MARKET, MARKETS
from model.rates import (
    HIGH_Q,
    LOW_Q,
    MARKET,
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
# The sample data reaches 0.73; an upload where income does not follow the inputs falls below.
MIN_R2 = 0.2
MIN_MARKET_ROWS = 40  # a market with fewer rows takes its likely range from all rows


def _ids() -> OneHotEncoder:
    """One-hot columns for category, tier and market, always all of them (in id order), so
    that a market constraint can name its columns even when the data has one market only."""
    return OneHotEncoder(
        categories=[list(CATEGORIES), list(TIERS), list(MARKETS)],
        handle_unknown="ignore",
        sparse_output=False,
    )


def _features() -> ColumnTransformer:
    return ColumnTransformer(
        [
            (
                "log",
                FunctionTransformer(np.log, feature_names_out="one-to-one"),
                ["hours_per_week", "clients"],
            ),
            ("ids", _ids(), ["category", "tier", MARKET]),
        ],
        verbose_feature_names_out=False,
    )


def _with_cell(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["cell"] = out["category"] + ":" + out["tier"] + ":" + out[MARKET]
    return out


# The billable-hours model (issue 18): income is a rate for the kind of work, level and market
# times the hours one can bill, and those are capped twice, by the hours set aside and by the
# work the clients bring (``demand`` hours a week each). The cap is a smooth minimum,
# (hours^-s + (demand x clients)^-s)^(-1/s), so income rises smoothly with hours and clients and
# levels off when one of them runs out; ``demand`` and ``s`` are chosen per market from these
# grids by least squares on the training rows (so cross-validation stays honest).
DEMANDS = (1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 11.0, 15.0, 25.0, 50.0)  # hours a week per client
SOFTNESS = (2.0, 4.0)


def billable(hours: np.ndarray, clients: np.ndarray, demand: float, softness: float) -> np.ndarray:
    """The smooth minimum of the hours set aside and the work ``clients`` bring a week."""
    work = demand * clients
    return (hours ** (-softness) + work ** (-softness)) ** (-1.0 / softness)


class BillableHours(RegressorMixin, BaseEstimator):
    """Log income = kind of work + level + (kind x level) + beta x log(billable hours), per market.

    Each market is fitted on its own rows (a Ridge regression); ``demand`` (the hours of work a
    client brings a week) and ``softness`` are picked per market from :data:`DEMANDS` and
    :data:`SOFTNESS`. A market the training data lacks falls back to the others' fit."""

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def _design(self, encoder: OneHotEncoder, x: pd.DataFrame, column: np.ndarray) -> np.ndarray:
        return np.hstack([encoder.transform(x[["category", "tier", "cell"]]), column[:, None]])

    def fit(self, x: pd.DataFrame, y: np.ndarray) -> BillableHours:
        x = _with_cell(x)
        y = np.asarray(y, dtype=float)
        markets = x[MARKET].to_numpy()
        self.fits_: dict[str, tuple[OneHotEncoder, Ridge, float, float]] = {}
        for market in MARKETS:
            mine = markets == market
            if mine.sum() < 2:
                continue
            rows = x.loc[mine]
            encoder = OneHotEncoder(
                categories=[list(CATEGORIES), list(TIERS), _cells(market)],
                handle_unknown="ignore",
                sparse_output=False,
            ).fit(rows[["category", "tier", "cell"]])
            base = encoder.transform(rows[["category", "tier", "cell"]])
            hours = rows["hours_per_week"].to_numpy(dtype=float)
            clients = rows["clients"].to_numpy(dtype=float)
            # pick demand and softness by the Ridge fit's squared error (solved in closed form:
            # one small linear system per pair), then fit the chosen pair's Ridge
            target = y[mine] - y[mine].mean()
            centred = base - base.mean(axis=0)
            gram = centred.T @ centred
            cross = centred.T @ target
            best: tuple[float, float, float] | None = None
            for demand in DEMANDS:
                for softness in SOFTNESS:
                    column = np.log(billable(hours, clients, demand, softness))
                    column = column - column.mean()
                    sse = _ridge_sse(centred, gram, cross, column, target, self.alpha)
                    if best is None or sse < best[0]:
                        best = (sse, demand, softness)
            assert best is not None
            _, demand, softness = best
            design = np.hstack([base, np.log(billable(hours, clients, demand, softness))[:, None]])
            ridge = Ridge(alpha=self.alpha).fit(design, y[mine])
            self.fits_[market] = (encoder, ridge, demand, softness)
        if not self.fits_:
            raise ValueError("no rows to fit")
        return self

    def predict(self, x: pd.DataFrame) -> np.ndarray:
        x = _with_cell(x)
        out = np.empty(len(x))
        markets = x[MARKET].to_numpy()
        for market in MARKETS:
            mine = markets == market
            if not mine.any():
                continue
            encoder, ridge, demand, softness = self.fits_.get(
                market, next(iter(self.fits_.values()))
            )
            rows = x.loc[mine]
            column = np.log(
                billable(
                    rows["hours_per_week"].to_numpy(dtype=float),
                    rows["clients"].to_numpy(dtype=float),
                    demand,
                    softness,
                )
            )
            out[mine] = ridge.predict(self._design(encoder, rows, column))
        return out

    def explain(self) -> dict[str, dict[str, float]]:
        """Per market: the hours of work a client brings a week, softness, and the effect of
        log billable hours (beta), for the about page and the README."""
        return {
            market: {"demand": demand, "softness": softness, "beta": float(ridge.coef_[-1])}
            for market, (_, ridge, demand, softness) in self.fits_.items()
        }


def _ridge_sse(
    centred: np.ndarray,
    gram: np.ndarray,
    cross: np.ndarray,
    column: np.ndarray,
    target: np.ndarray,
    alpha: float,
) -> float:
    """Squared error of a Ridge fit (with intercept) on ``centred`` plus one more centred
    ``column``: the normal equations grown by one row and column, solved directly."""
    size = gram.shape[0] + 1
    system = np.empty((size, size))
    system[:-1, :-1] = gram
    system[:-1, -1] = system[-1, :-1] = centred.T @ column
    system[-1, -1] = column @ column
    system[np.diag_indices(size)] += alpha
    rhs = np.append(cross, column @ target)
    coef = np.linalg.solve(system, rhs)
    residual = target - centred @ coef[:-1] - column * coef[-1]
    return float(residual @ residual)


def _cells(market: str) -> list[str]:
    return [f"{c}:{t}:{market}" for c in CATEGORIES for t in TIERS]


def _candidates(trees: bool = True) -> dict[str, Pipeline]:
    """The simple, smooth models compared by cross-validation (all on log income), simplest
    first. Every one is a regression a coach can follow; none has steps (issue 18 dropped the
    boosted trees, whose projections rose in steps). ``trees`` is kept for callers and ignored:
    every candidate fits in well under a second."""
    del trees
    interactions = ColumnTransformer(
        [
            (
                "log",
                FunctionTransformer(np.log, feature_names_out="one-to-one"),
                ["hours_per_week", "clients"],
            ),
            ("ids", _ids(), ["category", "tier", MARKET]),
            ("cells", OneHotEncoder(handle_unknown="ignore", sparse_output=False), ["cell"]),
        ],
        verbose_feature_names_out=False,
    )
    return {
        "log_linear": Pipeline([("features", _features()), ("model", Ridge(alpha=1.0))]),
        "log_linear_cells": Pipeline(
            [
                ("cells", FunctionTransformer(_with_cell)),
                ("features", interactions),
                ("model", Ridge(alpha=1.0)),
            ]
        ),
        "billable_hours": Pipeline([("model", BillableHours(alpha=1.0))]),
    }


INPUTS = ["category", "tier", MARKET, "hours_per_week", "clients"]


def _grid() -> pd.DataFrame:
    hours = np.arange(HOURS_RANGE[0], HOURS_RANGE[1] + 1, dtype=float)
    clients = np.arange(CLIENTS_RANGE[0], CLIENTS_RANGE[1] + 1, dtype=float)
    rows = [
        (c, t, m, h, k)
        for c in CATEGORIES
        for t in TIERS
        for m in MARKETS
        for h in hours
        for k in clients
    ]
    return pd.DataFrame(rows, columns=INPUTS)


GRID_SHAPE = (
    len(CATEGORIES),
    len(TIERS),
    len(MARKETS),
    HOURS_RANGE[1] - HOURS_RANGE[0] + 1,
    CLIENTS_RANGE[1] - CLIENTS_RANGE[0] + 1,
)


def _grid_centres(pipeline: Pipeline) -> np.ndarray:
    """Log-scale predictions for every category, tier, market and whole hour and client count."""
    return pipeline.predict(_grid()).reshape(GRID_SHAPE)


def _monotone(centres: np.ndarray) -> bool:
    """True if predictions never fall as hours or clients rise (all else equal)."""
    return bool(
        (np.diff(centres, axis=3) >= -1e-9).all() and (np.diff(centres, axis=4) >= -1e-9).all()
    )


@dataclass(frozen=True)
class Projection:
    """A monthly income projection in rupees with its P10..P90 range."""

    monthly_inr: float
    low_inr: float
    high_inr: float
    hourly_inr: float


Row = tuple[str, str, float, float] | tuple[str, str, float, float, float]
"""A projection's inputs: (category, tier, hours a week, clients[, share of clients abroad])."""


@dataclass
class EarningsModel:
    """The chosen fitted pipeline, its residual quantiles and its measured quality.

    ``metrics`` is measured on all rows; ``by_market`` has the same three figures (and
    ``rows``) for the VAs with clients in each market the data has rows for (``markets``).
    ``offsets`` gives each market its own P10/P90 residual offsets when it has enough rows;
    otherwise ``low_offset`` and ``high_offset`` (from all rows) are used."""

    name: str
    pipeline: Pipeline
    low_offset: float
    high_offset: float
    metrics: dict[str, float]
    comparison: pd.DataFrame = field(repr=False)
    rows: int = 0
    grid: np.ndarray | None = field(default=None, repr=False)  # log centres, see GRID_SHAPE
    markets: tuple[str, ...] = MARKETS
    by_market: dict[str, dict[str, float]] = field(default_factory=dict)
    offsets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def predict(
        self,
        category: str,
        tier: str,
        hours_per_week: float,
        clients: float,
        abroad_share: float = 0.0,
    ) -> Projection:
        """Project monthly income; inputs are clamped to the planner's ranges.

        ``abroad_share`` (0 to 1) is the share of the work done for clients abroad: 0 is all
        clients in India (the default), 1 all abroad, anything between a blend of the two."""
        return self.predict_many([(category, tier, hours_per_week, clients, abroad_share)])[0]

    def abroad_share(self, share: Any) -> float:
        """``share`` clamped to 0..1, or the one market the data has when it has only one."""
        if "abroad" not in self.markets:
            return 0.0
        if DEFAULT_MARKET not in self.markets:
            return 1.0
        return min(max(_number(share, 0.0), 0.0), 1.0)

    def predict_many(self, rows: Sequence[Row]) -> list[Projection]:
        """Project many rows (see :data:`Row`) in one pass of the pipeline.

        Much faster than calling :meth:`predict` in a loop (one pandas/sklearn call instead
        of one per row); the planner's curves and goal seeking use it."""
        if not rows:
            return []
        clean = [
            (
                row[0] if row[0] in CATEGORIES else CATEGORIES[0],
                row[1] if row[1] in TIERS else TIERS[0],
                _clamped(row[2], HOURS_RANGE),
                _clamped(row[3], CLIENTS_RANGE),
                self.abroad_share(row[4] if len(row) > 4 else 0.0),  # type: ignore[misc]
            )
            for row in rows
        ]
        queries = [
            (category, tier, market, hours, clients)
            for category, tier, hours, clients, share in clean
            for market, weight in zip(MARKETS, (1 - share, share), strict=True)
            if weight > 0
        ]
        centres = iter(self._centres(queries))
        out = []
        for _, _, hours, _, share in clean:
            monthly = low = high = 0.0
            for market, weight in zip(MARKETS, (1 - share, share), strict=True):
                if weight <= 0:
                    continue
                centre = next(centres)
                low_offset, high_offset = self.offsets.get(
                    market, (self.low_offset, self.high_offset)
                )
                monthly += weight * math.exp(centre)
                low += weight * math.exp(centre + low_offset)
                high += weight * math.exp(centre + high_offset)
            out.append(
                Projection(
                    monthly_inr=monthly,
                    low_inr=min(low, monthly),
                    high_inr=max(high, monthly),
                    hourly_inr=monthly / (hours * WEEKS_PER_MONTH),
                )
            )
        return out

    def _centres(self, rows: list[tuple[str, str, str, float, float]]) -> list[float]:
        """Log-scale predictions for (category, tier, market, hours, clients): looked up in the
        precomputed grid for whole hours and clients (what the planner asks for), from the
        pipeline for anything else."""
        out: list[float | None] = [None] * len(rows)
        missing = []
        for i, (category, tier, market, hours, clients) in enumerate(rows):
            if self.grid is not None and hours.is_integer() and clients.is_integer():
                out[i] = float(
                    self.grid[
                        CATEGORIES.index(category),
                        TIERS.index(tier),
                        MARKETS.index(market),
                        int(hours) - HOURS_RANGE[0],
                        int(clients) - CLIENTS_RANGE[0],
                    ]
                )
            else:
                missing.append(i)
        if missing:
            frame = pd.DataFrame([rows[i] for i in missing], columns=INPUTS)
            with threadpool_limits(limits=1):  # boosted trees would otherwise use every core
                centres = self.pipeline.predict(frame)
            for i, centre in zip(missing, centres, strict=True):
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
    x = rates[INPUTS] if MARKET in rates.columns else rates.assign(market=DEFAULT_MARKET)[INPUTS]
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
    the other 75%; the same for each market's rows in ``EarningsModel.by_market``.
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
        rows.append(
            {
                "model": name,
                **_accuracy(income, predicted),
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

    # Coverage: a model fitted on 75% of the rows, with the range built from the out-of-fold
    # residuals of those rows (from the comparison's run, which saves a second 5-fold fit),
    # checked on the other 25%.
    fit_rows, out_rows = train_test_split(np.arange(len(y)), test_size=0.25, random_state=SEED)
    x_fit, x_out, y_fit, y_out = x.iloc[fit_rows], x.iloc[out_rows], y[fit_rows], y[out_rows]
    held = _candidates()[name].fit(x_fit, y_fit)
    held_offsets = _market_offsets(y_fit - oof[name][fit_rows], x_fit[MARKET].to_numpy())
    centre = held.predict(x_out)
    markets_out = x_out[MARKET].to_numpy()
    low = np.array([held_offsets[m][0] for m in markets_out])
    high = np.array([held_offsets[m][1] for m in markets_out])
    inside = (y_out >= centre + low) & (y_out <= centre + high)

    # the comparison's out-of-fold run gives the final offsets and the per-market R² and MAE
    offsets = _market_offsets(y - oof[name], x[MARKET].to_numpy())
    markets = tuple(m for m in MARKETS if (x[MARKET] == m).any())
    by_market = {}
    for market in markets:
        rows_in = (x[MARKET] == market).to_numpy()
        held_in = markets_out == market
        by_market[market] = {
            **_accuracy(income[rows_in], np.exp(oof[name][rows_in])),
            "interval_coverage": float(np.mean(inside[held_in])) if held_in.any() else math.nan,
            "rows": float(rows_in.sum()),
        }
    metrics = {
        "r2": float(best["r2"]),
        "mae_inr": float(best["mae_inr"]),
        "interval_coverage": float(np.mean(inside)),
    }
    pooled = offsets.pop("")
    return EarningsModel(
        name,
        fitted[name],
        pooled[0],
        pooled[1],
        metrics,
        comparison,
        len(rates),
        grids[name],
        markets,
        by_market,
        offsets,
    )


def _accuracy(income: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """R² and mean absolute error, in rupees, of ``predicted`` against ``income``."""
    ss_res = float(np.sum((income - predicted) ** 2))
    ss_tot = float(np.sum((income - income.mean()) ** 2))
    return {
        "r2": 1 - ss_res / ss_tot if ss_tot > 0 else 0.0,
        "mae_inr": float(np.mean(np.abs(income - predicted))),
    }


def _market_offsets(residuals: np.ndarray, markets: np.ndarray) -> dict[str, tuple[float, float]]:
    """P10/P90 residual offsets for each market with at least ``MIN_MARKET_ROWS`` rows (under
    key ``""``: from all rows, which every other market uses)."""
    pooled = _band(residuals)
    out = {"": pooled}
    for market in MARKETS:
        mine = residuals[markets == market]
        out[market] = _band(mine) if len(mine) >= MIN_MARKET_ROWS else pooled
    return out
