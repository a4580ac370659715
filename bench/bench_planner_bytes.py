"""What a phone downloads to open the planner, with its charts folded (now) and opened (before).

Run on demand (not part of the tests):

    .venv/bin/python bench/bench_planner_bytes.py [--samples 5]

Each sample is a new browser context (empty cache) at 360x800 that opens ``/planner`` and waits
until the share panel, the page's last element, shows and the script is idle: the bytes fetched
(response bodies as sent, i.e. compressed where the server compresses) and the seconds taken.
Then, in the same context, it opens the charts (one tap opens them all), which is what the page
drew on arrival before issue 10: the bytes and seconds until all charts are drawn are the
same-run baseline. Streamlit itself serves its own bundles without compression (it gzips the
app's static folder, where plotly's basic build is); behind deploy/nginx.conf everything is
brotli or gzip.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.i18n import t  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, streamlit_server  # noqa: E402

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
READY = f'summary:has-text("{t("share.heading", "en")}")'
SHOW = t("planner.chart_show", "en")


def sample(browser: Any, url: str) -> tuple[float, float, float, float]:
    """(MB, seconds) for the folded open, then (MB, seconds) until the charts are drawn."""
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    sizes: list[int] = []

    def done(request: Any) -> None:
        with contextlib.suppress(Exception):  # a request torn down with its page
            sizes.append(request.sizes()["responseBodySize"])

    page.on("requestfinished", done)
    start = time.perf_counter()
    page.goto(f"{url}/planner")
    page.locator(READY).first.wait_for(state="visible", timeout=120_000)
    page.locator(IDLE).wait_for(state="attached", timeout=120_000)
    folded_s = time.perf_counter() - start
    page.wait_for_timeout(1_000)  # late requests (fonts, icons) belong to the open too
    folded_mb = sum(sizes) / 1e6
    charts = page.get_by_text(SHOW, exact=True)
    shown = charts.count()
    charts.first.tap()  # opening one chart opens all of them (ui/plots.py)
    for i in range(shown):
        page.locator(".js-plotly-plot").nth(i).wait_for(state="visible", timeout=120_000)
    opened_s = time.perf_counter() - start - 1.0
    page.wait_for_timeout(1_000)
    opened_mb = sum(sizes) / 1e6
    context.close()
    return folded_mb, folded_s, opened_mb, opened_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    from playwright.sync_api import sync_playwright

    with streamlit_server("run", "serve.py") as (url, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        sample(browser, url)  # warm-up: the server's first session
        runs = [sample(browser, url) for _ in range(args.samples)]
        browser.close()
    columns = zip(*runs, strict=True)
    folded_mb, folded_s, opened_mb, opened_s = (statistics.median(c) for c in columns)
    print(f"{dt.date.today().isoformat()}: planner at 360x800, median of {args.samples} opens")
    print(f"  bytes with the charts drawn (baseline)           {opened_mb:6.2f} MB  1.00x")
    print(
        f"  bytes with the charts folded (now)               {folded_mb:6.2f} MB  "
        f"{folded_mb / opened_mb:.2f}x"
    )
    print(
        f"  seconds: folded open until idle {folded_s:.2f} s; until the charts are drawn (open "
        f"and one tap) {opened_s:.2f} s"
    )


if __name__ == "__main__":
    main()
