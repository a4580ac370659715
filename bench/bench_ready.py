"""Ready only when warm (issue 23): the planner's first open in a fresh process, opened the moment
the health check passes (before: Streamlit's /_stcore/health) and the moment the readiness check
passes (after: serve.py's /_sahayak/ready), each against warm opens of the same process.

Run on demand (not part of the tests):

    .venv/bin/python bench/bench_ready.py            # 3 fresh processes per check
    .venv/bin/python bench/bench_ready.py --quick    # 1 fresh process per check

Each fresh ``streamlit run serve.py`` is polled every 0.1 s; when its check first answers 200 a
new browser context opens ``/planner`` (first open), then three more (warm opens), each timed
until the share panel shows and the script is idle (bench/bench_warm.py's ``open_planner``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_warm import open_planner  # noqa: E402

from tests.browser.server import CHROMIUM_ARGS, free_port  # noqa: E402

CHECKS = {"before": "/_stcore/health", "after": "/_sahayak/ready"}
WARM_OPENS = 3


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def first_and_warm(browser, check: str) -> tuple[float, float, float]:
    """(seconds from start to the check passing, first open, median warm open) for a fresh
    process opened as soon as ``check`` answers 200."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless=true"]
    cmd += [f"--server.port={port}", "--server.address=127.0.0.1"]
    cmd += ["--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        start = time.monotonic()
        while _status(url + check) != 200:
            assert time.monotonic() - start < 120 and proc.poll() is None, "never passed"
            time.sleep(0.1)
        passed = time.monotonic() - start
        first = open_planner(browser, url)
        warm = statistics.median(open_planner(browser, url) for _ in range(WARM_OPENS))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return passed, first, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one fresh process per check")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    print(f"{dt.date.today().isoformat()}: {os.cpu_count()} cores; chromium: {executable}")
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in CHECKS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        for _ in range(runs):  # interleaved: before, after, before, after, ...
            for name, check in CHECKS.items():
                results[name].append(first_and_warm(browser, check))
        browser.close()
    for name, check in CHECKS.items():
        passed, first, warm = (statistics.median(x) for x in zip(*results[name], strict=True))
        ratios = ", ".join(f"{f / w:.2f}x" for _, f, w in results[name])
        print(
            f"  {name:<6} open when {check:<16} passes ({passed:4.1f} s after start): first "
            f"{first:5.2f} s, warm {warm:5.2f} s, first/warm {first / warm:.2f}x "
            f"(each process: {ratios}; goal <= 1.50x)"
        )


if __name__ == "__main__":
    main()
