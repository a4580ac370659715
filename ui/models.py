"""Which earnings model a session uses: the shared sample model, or its own upload's.

The sample model is fitted once per server process and shared. A coach's upload
is fitted for that session only: the fit is cached per session by the file's
bytes (re-uploading the same file does not refit) and is dropped when the
session ends. Nothing is written to disk.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model.earnings import EarningsModel, fit, load_rates
from model.ids import CATEGORIES, TIERS
from model.pay import MARKETS
from model.rates import Band, missing_cells, rate_band, read_upload, template_csv

UPLOAD = "rates.upload"  # session key: the accepted upload (an Upload)


@st.cache_resource(show_spinner=False)
def sample_rates() -> pd.DataFrame:
    """The shipped sample rate data, read once per process (treat as read-only)."""
    return load_rates()


@st.cache_resource(show_spinner=False)
def _sample_bands() -> dict[tuple[str, str, str], Band]:
    rates = sample_rates()
    return {
        (c, tr, m): rate_band(rates, c, tr, m) for c in CATEGORIES for tr in TIERS for m in MARKETS
    }


def sample_band(category: str, tier: str, market: str) -> Band:
    """``rate_band`` on the sample data, all 42 computed once per process: filtering the
    sample on every rerun was a quarter of the planner's server time (bench/load_ws.py)."""
    return _sample_bands()[(category, tier, market)]


def sample_bands(category: str, tier: str) -> dict[str, Band]:
    """The sample's band for each market (the results page and the report show both)."""
    return {market: sample_band(category, tier, market) for market in MARKETS}


@st.cache_resource(show_spinner=False)
def sample_template() -> bytes:
    """The coaches' starter file (``template_csv`` of the sample), built once per process."""
    return template_csv(sample_rates())


@st.cache_resource(show_spinner=False)
def sample_model() -> EarningsModel:
    """The model fitted once on the shipped sample data (the data never changes at run time)."""
    return fit(sample_rates())


_frozen = threading.Lock()
_warming = threading.Lock()
_warm_thread: list[threading.Thread] = []  # the one warm-up thread, once started


def warm() -> None:
    """Load what the pages need and fit the sample model into the process-wide cache."""
    import model.charts  # noqa: F401  (plotly and the chart builders, for the planner)

    sample_model()


def warm_in_background() -> threading.Thread:
    """Start :func:`warm` on a daemon thread once per process; return that thread.

    Called when this module is first imported and from ``serve.py`` when the server starts, so
    that no visitor's click waits for the sample model's fit (about 3 s of CPU, bench/). A
    session that needs the model before the thread is done waits for the same fit (the cache
    holds one lock per function), it never fits a second time.
    """
    with _warming:
        if not _warm_thread:
            thread = threading.Thread(target=warm, name="sahayak-warm", daemon=True)
            thread.start()
            _warm_thread.append(thread)
        return _warm_thread[0]


def freeze_long_lived() -> None:
    """Move everything alive now (the libraries) out of the garbage collector's view.

    Streamlit runs a full ``gc.collect(2)`` after every script run. With pandas, scikit-learn
    and plotly loaded that walks ~200,000 objects, about 120 ms of CPU per click, which
    serialised 25 concurrent users behind one another (bench/bench_app.py). Frozen objects
    are never freed by the collector, so this runs once per process, when the first session
    starts and the libraries are loaded; the sessions' own objects are collected as before.
    """
    if not _frozen.acquire(blocking=False):
        return  # done already (the lock is never released)
    import plotly.graph_objects  # noqa: F401  (loaded now so that it is frozen too)

    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class Upload:
    """A coach's accepted rate file: its name, its model and the cells it has no rows for."""

    name: str
    model: EarningsModel
    missing: tuple[tuple[str, str], ...]
    file_id: str = ""


@st.cache_resource(show_spinner=False, scope="session", max_entries=2)
def fit_upload(data: bytes) -> tuple[EarningsModel, tuple[tuple[str, str], ...]]:
    """Validate and fit an uploaded rate file, for this session only (raises RateDataError).

    Without the boosted-trees candidate: 10,000 rows cost about 1 s of CPU instead of about 6 s
    (bench/bench_warm.py); the page says so (``rates.upload_models``)."""
    table = read_upload(data)
    return fit(table, trees=False), tuple(missing_cells(table))


def upload() -> Upload | None:
    """The session's accepted upload, if any."""
    value = st.session_state.get(UPLOAD)
    return value if isinstance(value, Upload) else None


def current() -> EarningsModel:
    """The model this session's projections use."""
    chosen = upload()
    return chosen.model if chosen else sample_model()


# Imported by serve.py when the server starts (and by app.py on the first run otherwise).
warm_in_background()
