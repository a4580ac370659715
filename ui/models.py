"""The fitted earnings model, shared by every session of this server process."""

from __future__ import annotations

import streamlit as st

from model.earnings import EarningsModel, fit, load_rates


@st.cache_resource(show_spinner=False)
def sample_model() -> EarningsModel:
    """The model fitted once on the shipped sample data (the data never changes at run time)."""
    return fit(load_rates())
