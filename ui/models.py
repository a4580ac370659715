"""The fitted earnings model, shared by every session of this server process."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.earnings import EarningsModel, fit, load_rates


@st.cache_resource(show_spinner=False)
def sample_rates() -> pd.DataFrame:
    """The shipped sample rate data, read once per process (treat as read-only)."""
    return load_rates()


@st.cache_resource(show_spinner=False)
def sample_model() -> EarningsModel:
    """The model fitted once on the shipped sample data (the data never changes at run time)."""
    return fit(sample_rates())
