"""Real-browser fixtures: the Streamlit server and screenshots. The headless Chromium
(``browser``) is in tests/conftest.py, shared with tests/deploy/test_proxy.py: one Playwright
per test run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.server import ROOT, streamlit_server

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
