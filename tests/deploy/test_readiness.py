"""Ready only when warm (issue 23, part 2): ``/_sahayak/ready`` (serve.py) answers 200 only once
the process has fitted the sample model and loaded the pages' code, 503 before; liveness stays on
Streamlit's ``/_stcore/health``. The image's HEALTHCHECK, compose and the Kubernetes
readinessProbe use it (tests/deploy/test_deploy.py checks that they do).

Loopback only: a fresh ``streamlit run serve.py`` on a free 127.0.0.1 port, polled from the moment
it starts; then headless Chromium opens the planner as the first visitor, right after ready.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import serve
from tests.browser.server import ROOT, free_port, stop

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
START_LIMIT = 120.0  # seconds from start to ready on a busy 2-core CI machine (seen: 6-10 s)
WARM_OPENS = 3
GOAL = 1.5  # first planner open right after ready / median warm open


def _status(url: str) -> int:
    """The HTTP status of ``url``, 0 if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_the_ready_route_says_503_until_the_process_is_warm():
    """In isolation: 503 "warming" while the event is clear, 200 "ready" once it is set."""
    from concurrent.futures import ThreadPoolExecutor

    def answer_now():  # on a thread of its own: Playwright may run a loop on this one
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(lambda: asyncio.run(serve.ready(None))).result()  # type: ignore[arg-type]

    was = serve.READY.is_set()
    try:
        serve.READY.clear()
        answer = answer_now()
        assert (answer.status_code, answer.body) == (503, b"warming")
        assert answer.headers["cache-control"] == "no-store"
        serve.READY.set()
        answer = answer_now()
        assert (answer.status_code, answer.body) == (200, b"ready")
    finally:
        (serve.READY.set if was else serve.READY.clear)()


def _open_planner(browser, url: str) -> float:
    """Seconds to open the planner in a new browser context (a new session), until the page's
    last element (the share panel) shows and the script is idle (as bench/bench_warm.py)."""
    from model.i18n import t

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{url}/planner?lang=en")
    page.locator(f'summary:has-text("{t("share.heading", "en")}")').first.wait_for(
        state="visible", timeout=120_000
    )
    page.locator(IDLE).wait_for(state="attached", timeout=120_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def _fresh_process(browser) -> tuple[float, float, float]:
    """Start serve.py, poll health and ready from the start; when ready first answers 200, open
    the planner (first open), then WARM_OPENS more. (seconds to ready, first, median warm)."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(cmd, cwd=Path(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: list[tuple[int, int]] = []  # (health, ready) at each poll
    try:
        started = time.monotonic()
        while time.monotonic() - started < START_LIMIT:
            assert proc.poll() is None, f"serve.py exited: {proc.stderr.read().decode()[-2000:]}"
            seen.append((_status(f"{url}/_stcore/health"), _status(f"{url}/_sahayak/ready")))
            if seen[-1][1] == 200:
                break
            time.sleep(0.1)
        ready_after = time.monotonic() - started
        assert seen[-1] == (200, 200), f"not ready in {START_LIMIT:.0f} s: last polls {seen[-5:]}"
        # every answer was one of these, and ready never came before health
        assert set(seen) <= {(0, 0), (200, 503), (200, 200)}, sorted(set(seen))
        assert (200, 503) in seen, f"ready at once ({ready_after:.1f} s): no warming window seen"
        first = _open_planner(browser, url)
        warm = statistics.median(_open_planner(browser, url) for _ in range(WARM_OPENS))
    finally:
        stop(proc)
    print(f"ready after {ready_after:.1f} s; planner first {first:.2f} s, warm {warm:.2f} s")
    return ready_after, first, warm


def test_a_fresh_process_is_ready_only_when_warm_and_its_first_planner_is_fast(browser):
    """From start: health answers first while ready says 503; ready follows (the fit is done);
    the first planner opened right then takes at most 1.5x a warm open of the same process.
    Timings on a shared 2-core machine vary, so a miss is checked once more in a second fresh
    process: the test fails only when both miss (a process taking visitors before its fit,
    1.7x and more, misses in both; bench/bench_ready.py has the figures)."""
    ratios = []
    for _ in range(2):
        _, first, warm = _fresh_process(browser)
        ratios.append(first / warm)
        if ratios[-1] <= GOAL:
            break
    assert min(ratios) <= GOAL, (
        f"first planner open right after ready was {', '.join(f'{r:.2f}x' for r in ratios)} "
        f"the warm open (median of {WARM_OPENS}) in {len(ratios)} fresh processes; goal <= {GOAL}x"
    )


def test_a_coach_copy_with_an_unusable_rate_file_or_bank_refuses_to_start(tmp_path, monkeypatch):
    """Issue 23, part 5: the files a coach mounts over data/ are checked at start; a bad one
    stops the server with a message naming the file and the problem (the app's own words)."""
    import model.quiz
    import model.rates

    serve.check_data()  # the shipped files pass
    bad = tmp_path / "data" / "sample_rates.csv"
    bad.parent.mkdir()
    bad.write_text("category,tier\nwriting,basic\n", encoding="utf-8")
    monkeypatch.setattr(model.rates, "RATES_PATH", bad)
    with pytest.raises(SystemExit) as stopped:
        serve.check_data()
    message = str(stopped.value.code)
    assert message.startswith("Sahayak cannot start: data/sample_rates.csv cannot be used: ")
    assert "column" in message.lower(), message
    monkeypatch.undo()
    bank = tmp_path / "data" / "questions.toml"
    bank.write_text("version = 'x'\n", encoding="utf-8")
    monkeypatch.setattr(model.quiz, "BANK_PATH", bank)
    with pytest.raises(SystemExit) as stopped:
        serve.check_data()
    assert str(stopped.value.code).startswith(
        "Sahayak cannot start: data/questions.toml cannot be used: "
    ), stopped.value.code


def test_a_coach_copy_sets_its_language_and_a_bad_one_refuses_to_start(monkeypatch):
    """Issue 23, part 5: ``SAHAYAK_LANG`` sets the language a visit without ``lang`` opens in;
    a language we do not have stops the server with a message naming the setting."""
    monkeypatch.setenv("SAHAYAK_LANG", "hi")
    serve.check_data()
    monkeypatch.setenv("SAHAYAK_LANG", "fr")
    with pytest.raises(SystemExit) as stopped:
        serve.check_data()
    assert str(stopped.value.code) == (
        "Sahayak cannot start: SAHAYAK_LANG='fr' is not a language we have (en, hi)"
    )
