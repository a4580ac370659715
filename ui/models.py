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
from model.rates import missing_cells, read_upload

UPLOAD = "rates.upload"  # session key: the accepted upload (an Upload)


@st.cache_resource(show_spinner=False)
def sample_rates() -> pd.DataFrame:
    """The shipped sample rate data, read once per process (treat as read-only)."""
    return load_rates()


@st.cache_resource(show_spinner=False)
def sample_model() -> EarningsModel:
    """The model fitted once on the shipped sample data (the data never changes at run time)."""
    return fit(sample_rates())


_frozen = threading.Lock()


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
    """Validate and fit an uploaded rate file, for this session only (raises RateDataError)."""
    table = read_upload(data)
    return fit(table), tuple(missing_cells(table))


def upload() -> Upload | None:
    """The session's accepted upload, if any."""
    value = st.session_state.get(UPLOAD)
    return value if isinstance(value, Upload) else None


def current() -> EarningsModel:
    """The model this session's projections use."""
    chosen = upload()
    return chosen.model if chosen else sample_model()
