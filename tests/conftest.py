"""Fixtures shared across the test tree."""

from __future__ import annotations

import pytest

from model.earnings import EarningsModel, fit, load_rates


@pytest.fixture(scope="session")
def model() -> EarningsModel:
    """The earnings model fitted on the shipped sample data, once per test run."""
    return fit(load_rates())
