"""Fixtures shared across the test tree.

``browser``: Chromium is, in order, Debian's ``chromium`` on PATH (CI installs it), else the one
Playwright downloaded for this user. Without either the browser tests skip locally, but under
CI (``CI`` set) they fail: in CI they must run.
"""

from __future__ import annotations

import os
import shutil

import pytest

from model.earnings import EarningsModel, fit, load_rates
from tests.browser.server import CHROMIUM_ARGS


@pytest.fixture(scope="session")
def model() -> EarningsModel:
    """The earnings model fitted on the shipped sample data, once per test run."""
    return fit(load_rates())


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (Debian's if on PATH, else Playwright's own)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # A page switch reruns the whole app on a 2-core CI box: allow more than the 5 s default.
    sync_api.expect.set_options(timeout=20_000)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as exc:  # no browser at all on this machine
            if os.environ.get("CI"):
                raise
            pytest.skip(f"no Chromium found ({exc.__class__.__name__}); see README")
        yield browser
        browser.close()
