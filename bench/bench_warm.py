"""Cold start and upload refit: issue 10's two CPU goals, each against a same-run baseline.

Run on demand (not part of the tests):

    .venv/bin/python bench/bench_warm.py            # 3 fresh servers per entry point
    .venv/bin/python bench/bench_warm.py --quick    # 1 fresh server per entry point

1. The planner's first open in a fresh server process against its warm open (goal <= 1.5x).
   For each entry point, ``streamlit run app.py`` (before: the first session pays for imports
   and the sample model's fit) and ``streamlit run serve.py`` (after: the fit starts with the
   server), a new server is started; once it answers its health check and its CPU has been idle
   for a second (as a server is when its first visitor arrives), a new browser context opens
   ``/planner`` (first open), then three more (warm opens). Each open is timed from navigation
   until the share panel, the page's last element, shows and the script is idle.
2. The server CPU (``time.process_time``) to check and fit a coach's upload of 10,000 rows, with
   the boosted-trees candidate (before) and without it (after, what uploads use), median of 3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "data"))

from make_rates import generate  # noqa: E402

from model.earnings import fit  # noqa: E402
from model.i18n import t  # noqa: E402
from model.rates import read_upload  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, streamlit_server  # noqa: E402

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
READY = f'summary:has-text("{t("share.heading", "en")}")'
WARM_OPENS = 3
UPLOAD_ROWS = 10_000


def wait_cpu_idle(proc: psutil.Process, quiet: float = 1.0, limit: float = 120.0) -> float:
    """Wait until ``proc`` used under 5% of a core for ``quiet`` seconds; return seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        before = sum(proc.cpu_times()[:2])
        time.sleep(quiet)
        if sum(proc.cpu_times()[:2]) - before < 0.05 * quiet:
            break
    return time.monotonic() - start


def open_planner(browser: Any, url: str) -> float:
    """Seconds to open the planner in a new browser context (a new session)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{url}/planner")
    page.locator(READY).first.wait_for(state="visible", timeout=120_000)
    page.locator(IDLE).wait_for(state="attached", timeout=120_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def cold_and_warm(browser: Any, script: str, servers: int) -> tuple[list[float], list[float]]:
    """First opens (one per fresh server) and warm opens for ``streamlit run script``."""
    first, warm = [], []
    for _ in range(servers):
        with streamlit_server("run", script) as (url, proc):
            wait_cpu_idle(psutil.Process(proc.pid))
            first.append(open_planner(browser, url))
            warm += [open_planner(browser, url) for _ in range(WARM_OPENS)]
    return first, warm


def upload_cpu(trees: bool, repeats: int = 3) -> float:
    """Median process CPU seconds to read and fit a 10,000-row upload."""
    data = generate(UPLOAD_ROWS, seed=7).to_csv(index=False).encode()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fit(read_upload(data), trees=trees)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one fresh server per entry point")
    args = parser.parse_args()
    servers = 1 if args.quick else 3
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    print(f"{dt.date.today().isoformat()}: {os.cpu_count()} cores; chromium: {executable}")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        results = {}
        for script in ("app.py", "serve.py"):  # before, after
            results[script] = cold_and_warm(browser, script, servers)
        browser.close()
    print("\n1. planner open, fresh server process (median seconds)")
    for script, label in (("app.py", "before: run app.py"), ("serve.py", "after: run serve.py")):
        first, warm = (statistics.median(x) for x in results[script])
        print(
            f"   {label:<22} first {first:6.2f} s  warm {warm:6.2f} s  "
            f"first/warm {first / warm:5.2f}x  (goal <= 1.50x)"
        )
    before = statistics.median(results["app.py"][0])
    after = statistics.median(results["serve.py"][0])
    print(f"   first open, after/before: {after / before:.2f}x")

    print(f"\n2. server CPU to check and fit a {UPLOAD_ROWS:,}-row upload (median of 3)")
    with_trees = upload_cpu(trees=True)
    without = upload_cpu(trees=False)
    print(f"   before: with boosted trees     {with_trees:6.2f} s CPU  1.00x")
    print(
        f"   after:  without boosted trees  {without:6.2f} s CPU  {without / with_trees:.2f}x"
        f"  (goal <= 2 s: {'met' if without <= 2 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
