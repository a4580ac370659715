"""A phone on a slow network: seconds until idle and bytes transferred, through the shipped proxy.

Run on demand (not part of the tests; needs Debian's nginx and chromium):

    .venv/bin/python bench/bench_phone.py [--samples 3]

The production setup we ship: ``serve.py`` behind ``deploy/nginx.conf`` (only the ports
changed, as in tests/deploy/test_proxy.py). Each sample is a new browser context (empty cache)
at 360x800 with touch, on Chromium's network emulation at Lighthouse's "Slow 4G" profile
(1.6 Mbps down, 750 kbps up, 150 ms round trip, ``Network.emulateNetworkConditions``). Bytes
are what crossed the network (``encodedDataLength``: compressed bodies plus headers). The
same-run baseline is the same page served by Streamlit directly, without the proxy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model import links  # noqa: E402
from model.i18n import t  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, nginx_proxy, streamlit_server  # noqa: E402
from tests.pages.helpers import honest_answers  # noqa: E402

SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
GOALS = {"home": 6.0, "results link": 7.0, "planner headline": 8.0, "planner charts": 15.0}


def _visit(browser: Any, url: str, ready: Callable[[Any], None], context: Any = None) -> tuple:
    """Open ``url`` on Slow 4G; (seconds until ``ready`` and idle, MB transferred, page)."""
    context = context or browser.new_context(
        viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    moved: list[float] = []
    cdp.on("Network.loadingFinished", lambda e: moved.append(e.get("encodedDataLength", 0)))
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    ready(page)
    page.locator(IDLE).wait_for(state="attached", timeout=180_000)
    return time.perf_counter() - start, sum(moved) / 1e6, page, moved, start


def measure(browser: Any, base: str) -> dict[str, tuple[float, float]]:
    """Seconds and MB for each goal of issue 10, on one fresh context per page."""
    out: dict[str, tuple[float, float]] = {}

    def heading(name: str) -> Callable[[Any], None]:
        return lambda page: page.get_by_role("heading", name=name).first.wait_for(timeout=180_000)

    seconds, mb, page, _, _ = _visit(browser, f"{base}/?lang=hi", heading(t("home.title", "hi")))
    out["home"] = (seconds, mb)
    context = page.context
    seconds, mb, page, _, _ = _visit(
        browser, f"{base}/?lang=hi", heading(t("home.title", "hi")), context
    )
    out["repeat visit (warm cache)"] = (seconds, mb)
    context.close()

    answers = honest_answers("writing", "short")
    query = links.query_string(links.encode(lang="hi", form="short", answers=answers))
    seconds, mb, page, _, _ = _visit(
        browser, f"{base}/results?{query}", heading(t("cat.writing.name", "hi"))
    )
    out["results link"] = (seconds, mb)
    page.context.close()

    def headline(page: Any) -> None:
        page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=180_000)

    seconds, mb, page, moved, start = _visit(browser, f"{base}/planner?lang=hi", headline)
    out["planner headline"] = (seconds, mb)
    charts = page.get_by_text(t("planner.chart_show", "hi"), exact=True)
    shown = charts.count()
    charts.first.tap()  # opening one chart opens all of them (ui/plots.py)
    for i in range(shown):
        page.locator(".js-plotly-plot").nth(i).wait_for(state="visible", timeout=180_000)
    out["planner charts"] = (time.perf_counter() - start, sum(moved) / 1e6)
    page.context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[dict]] = {"proxy": [], "direct": []}
    with (
        streamlit_server("run", "serve.py") as (app_url, _),
        tempfile.TemporaryDirectory(prefix="sahayak-nginx-") as folder,
        nginx_proxy(app_url, Path(folder)) as proxied,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
        )
        measure(browser, app_url)  # warm-up: the server's first sessions
        for _ in range(args.samples):
            runs["proxy"].append(measure(browser, proxied))
            runs["direct"].append(measure(browser, app_url))
        browser.close()
    print(
        f"{dt.date.today().isoformat()}, Slow 4G, 360x800, fresh context, median of "
        f"{args.samples}; baseline: the same page from Streamlit directly, same run"
    )
    print(f"{'what':28} {'proxy s':>8} {'MB':>6} {'direct s':>9} {'MB':>6} {'s ratio':>8}  goal")
    for what in runs["proxy"][0]:
        ps = statistics.median(r[what][0] for r in runs["proxy"])
        pm = statistics.median(r[what][1] for r in runs["proxy"])
        ds = statistics.median(r[what][0] for r in runs["direct"])
        dm = statistics.median(r[what][1] for r in runs["direct"])
        goal = f"<= {GOALS[what]:.0f} s" if what in GOALS else "<= 3 s"
        print(f"{what:28} {ps:8.1f} {pm:6.2f} {ds:9.1f} {dm:6.2f} {ps / ds:7.2f}x  {goal}")


if __name__ == "__main__":
    main()
