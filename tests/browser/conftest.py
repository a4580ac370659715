"""Real-browser fixtures: the Streamlit server and a headless Chromium.

Chromium is, in order: Debian's ``chromium`` on PATH (CI installs it), else the one
Playwright downloaded for this user. Without either the journeys skip locally, but
under CI (``CI`` set) they fail: in CI they must run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.server import CHROMIUM_ARGS, ROOT, streamlit_server

ARTIFACTS = ROOT / "artifacts"


@contextmanager
def run_server(
    script: Path = ROOT / "app.py", cwd: Path = ROOT, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run ``streamlit run script`` on a free loopback port; yield its base URL."""
    with streamlit_server("run", str(script), cwd=cwd, env=env) as (url, _):
        yield url


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A real Streamlit server for the app on a free loopback port; yields its base URL."""
    with run_server() as url:
        yield url


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


@pytest.fixture
def shot(request):
    """Save a full-page screenshot to artifacts/ under the test's name."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        # Streamlit scrolls inside its main block, so grow the viewport to the content's
        # height for one picture of the whole page, then put it back.
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        size = page.viewport_size
        height = page.evaluate(
            "() => (document.querySelector('[data-testid=\"stMain\"]') || document.body)"
            ".scrollHeight"
        )
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
        page.wait_for_timeout(300)
        page.screenshot(path=str(path))
        page.set_viewport_size(size)
        return path

    return take
