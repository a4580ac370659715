"""Load test speaking Streamlit's own WebSocket protocol (no browsers), against 127.0.0.1 only.

Run on demand (not part of the tests):

    .venv/bin/python bench/load_ws.py                       # levels 25 50 100 150
    .venv/bin/python bench/load_ws.py --levels 10 20 --clicks 6

It starts the app (``streamlit run serve.py``) on a free loopback port. At each concurrency level
that many simulated sessions arrive over ``--ramp`` seconds; each opens a WebSocket to
``/_stcore/stream`` as the browser does and sends ``BackMsg.rerun_script`` messages, one per
"click", 3-8 s apart: the quiz page, reruns of the quiz (one per answer), the results from a share
link's answers, the planner, and reruns of the planner. The server's answer time is from sending
a ``rerun_script`` to receiving its ``script_finished``; an error is a connection failure, an
exception shown by the script, a run that did not finish successfully, or no answer in 30 s.

With ``--browsers N`` (default 2), N real headless Chromium pages join each level halfway
through its ramp and answer the quiz's first step a click at a time, timing each click until
the progress line on the screen counts it: the latency a person sees while the level runs. (Their
own CPU is not in the load generator's figure.)

What this leaves out, and why: a rerun here sends the session's widget states unchanged (a click
that changes no answer), so the server does a full script run per click, as for a real click, but
does not change the quiz's answers; the results and planner get their inputs from the link's
query string, as a shared link does. No browser renders anything: this measures the server.
Every level is bounded in sessions, clicks and time, and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from model import links  # noqa: E402
from model.i18n import t  # noqa: E402
from tests.browser.server import streamlit_server  # noqa: E402
from tests.pages.helpers import honest_answers  # noqa: E402

ANSWER_TIMEOUT = 30.0  # seconds without script_finished counts as an error
THINK = (3.0, 8.0)  # seconds between clicks
TARGET_P95 = 1.0
TITLES = {page: t(f"{page}.title", "en") for page in ("quiz", "results", "planner")}


@dataclass
class Level:
    """What one concurrency level measured."""

    sessions: int
    answers: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def median(self) -> float:
        return sorted(self.answers)[len(self.answers) // 2] if self.answers else float("nan")

    def p95(self) -> float:
        if not self.answers:
            return float("nan")
        ordered = sorted(self.answers)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def journey(clicks: int) -> list[tuple[str, str]]:
    """(page name, query string) for each click: quiz, quiz reruns, results, planner, reruns."""
    answers = honest_answers("marketing", "short")
    share = links.query_string(links.encode(lang="en", form="short", answers=answers))
    quiz_reruns = max(1, clicks - 5)
    return (
        [("quiz", "lang=en&form=short")] * (1 + quiz_reruns)
        + [("results", share)]
        + [("planner", share)] * 3
    )


async def run_once(
    ws: websockets.ClientConnection,
    page: str,
    query: str,
    widgets: list[WidgetState] | None = None,
    seen: dict[str, Any] | None = None,
) -> tuple[float, str]:
    """Send one rerun_script; return (seconds to script_finished, error or "").

    ``widgets`` are sent as the page's widget states (a click or an upload); ``seen``, if
    given, collects what the run drew: ``ids`` (element type -> widget ids) and ``texts``
    (every markdown, alert and caption body)."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    for widget in widgets or ():
        message.rerun_script.widget_states.widgets.append(widget)
    start = time.perf_counter()
    await ws.send(message.SerializeToString())
    deadline = start + ANSWER_TIMEOUT
    error = ""
    headings: list[str] = []
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return ANSWER_TIMEOUT, "no answer in time"
        raw = await asyncio.wait_for(ws.recv(), timeout=left)
        if isinstance(raw, str):
            continue
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.new_element.WhichOneof("type") == "exception":
            error = "exception: " + forward.delta.new_element.exception.message[:80]
        if kind == "page_not_found":
            error = f"page not found: {page}"
        if kind == "delta" and forward.delta.new_element.WhichOneof("type") == "heading":
            headings.append(forward.delta.new_element.heading.body)
        if seen is not None and kind == "delta" and forward.delta.HasField("new_element"):
            element = forward.delta.new_element
            which = element.WhichOneof("type") or ""
            inner = getattr(element, which, None)
            if getattr(inner, "id", ""):
                seen.setdefault("ids", {}).setdefault(which, []).append(inner.id)
            if getattr(inner, "body", ""):
                seen.setdefault("texts", []).append(inner.body)
        if kind == "script_finished":
            status = forward.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # a page switch reruns: wait for the run that finishes
            seconds = time.perf_counter() - start
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                error = error or f"finished with status {status}"
            if not error and TITLES[page] not in headings:
                error = f"{page}: its title was not drawn"
            return seconds, error


async def session(url: str, level: Level, delay: float, clicks: int, rng: random.Random) -> None:
    """One simulated person: arrive after ``delay``, click through the journey, leave."""
    await asyncio.sleep(delay)
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(
            address, subprotocols=["streamlit"], max_size=None, open_timeout=ANSWER_TIMEOUT
        ) as ws:
            for i, (page, query) in enumerate(journey(clicks)):
                if i:
                    await asyncio.sleep(rng.uniform(*THINK))
                seconds, error = await run_once(ws, page, query)
                level.answers.append(seconds)
                if error:
                    level.errors.append(error)
    except (OSError, TimeoutError, websockets.WebSocketException) as exc:
        level.errors.append(f"{type(exc).__name__}: {exc}"[:120])


async def browser_sampler(url: str, seen: list[float], delay: float, rng: random.Random) -> None:
    """One real Chromium page among the simulated sessions: open the quiz, answer the first
    step's questions a click at a time (3-8 s apart), and time each click until the progress
    line on the screen counts it."""
    from playwright.async_api import async_playwright

    from model.quiz import load_bank, steps
    from tests.browser.server import CHROMIUM_ARGS

    questions = load_bank().questions("short")
    await asyncio.sleep(delay)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
        )
        page = await browser.new_page(viewport={"width": 360, "height": 800})
        await page.goto(f"{url}/quiz?lang=en&form=short")
        progress = page.get_by_text(t("quiz.progress", "en", answered=0, total=len(questions)))
        await progress.wait_for(timeout=60_000)
        for done, question in enumerate(steps(questions)[0], start=1):
            await asyncio.sleep(rng.uniform(*THINK))
            group = page.locator('[data-testid="stRadio"]').filter(has_text=question.text("en"))
            start = time.perf_counter()
            await group.get_by_text(question.options[0].text("en"), exact=True).click()
            shown = t("quiz.progress", "en", answered=done, total=len(questions))
            await page.get_by_text(shown, exact=True).wait_for(timeout=60_000)
            seen.append(time.perf_counter() - start)
        await browser.close()


async def run_level(
    url: str, sessions: int, ramp: float, clicks: int, seed: int, browsers: int = 0
) -> tuple[Level, list[float]]:
    """``sessions`` simulated sessions, and ``browsers`` real pages sampling on-screen latency
    while they run (arriving halfway through the ramp)."""
    level = Level(sessions)
    rng = random.Random(seed)
    tasks = [
        session(url, level, rng.uniform(0, ramp), clicks, random.Random(rng.random()))
        for _ in range(sessions)
    ]
    seen: list[float] = []
    tasks += [browser_sampler(url, seen, ramp / 2, random.Random(i)) for i in range(browsers)]
    await asyncio.gather(*tasks)
    return level, seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[25, 50, 100, 150])
    parser.add_argument("--clicks", type=int, default=11, help="clicks per session (>= 6)")
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which they arrive")
    parser.add_argument(
        "--browsers", type=int, default=2, help="real Chromium pages sampling on-screen latency"
    )
    args = parser.parse_args()
    if max(args.levels) > 400 or args.clicks > 30:
        parser.error("bounded on purpose: at most 400 sessions and 30 clicks each")
    print(
        f"{dt.date.today().isoformat()}: {os.cpu_count()} cores, load generator on the same "
        f"machine; {args.clicks} clicks a session, {THINK[0]:.0f}-{THINK[1]:.0f} s apart"
    )
    best = 0
    with streamlit_server("run", "serve.py") as (url, proc):
        assert url.startswith("http://127.0.0.1:"), "loopback only"
        server = psutil.Process(proc.pid)
        asyncio.run(run_level(url, 1, 0.0, 6, seed=0))  # warm-up: one session
        baseline, _ = asyncio.run(run_level(url, 1, 0.0, args.clicks, seed=1))
        print(f"  baseline, 1 session: p95 {baseline.p95() * 1000:6.0f} ms, 1.00x")
        for sessions in args.levels:
            server_cpu = sum(server.cpu_times()[:2])
            own_cpu, wall = time.process_time(), time.time()
            level, seen = asyncio.run(
                run_level(url, sessions, args.ramp, args.clicks, sessions, args.browsers)
            )
            wall = time.time() - wall
            server_cpu = (sum(server.cpu_times()[:2]) - server_cpu) / wall
            own_cpu = (time.process_time() - own_cpu) / wall
            ok = not level.errors and level.p95() <= TARGET_P95
            best = sessions if ok else best
            kinds = sorted(set(level.errors))[:3]
            print(
                f"  {sessions:4d} sessions: {len(level.answers):5d} answers, "
                f"{len(level.errors):3d} errors, p95 {level.p95() * 1000:6.0f} ms "
                f"({level.p95() / baseline.p95():.1f}x), median {level.median() * 1000:4.0f} ms; "
                f"CPU cores busy: server {server_cpu:.2f}, load generator {own_cpu:.2f}; "
                f"server RSS {server.memory_info().rss / 2**20:.0f} MB  "
                f"{'ok' if ok else 'MISSED'}" + (f"  {kinds}" if kinds else "")
            )
            if seen:
                seen.sort()
                print(
                    f"        {args.browsers} real browsers, {len(seen)} quiz clicks on screen: "
                    f"median {seen[len(seen) // 2] * 1000:.0f} ms, slowest {seen[-1] * 1000:.0f} ms"
                )
    print(f"  largest level with 0 errors and p95 <= {TARGET_P95:.0f} s: {best} (goal >= 100)")


if __name__ == "__main__":
    main()
