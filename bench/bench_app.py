"""End-to-end benchmark: real server, headless Chromium, `streamlit hello` as the baseline.

Run on demand (not part of the tests), after ``bash scripts/test.sh`` has installed everything:

    .venv/bin/python bench/bench_app.py            # the whole table (about 5 minutes)
    .venv/bin/python bench/bench_app.py --quick    # fewer samples, 5 sessions

It prints one table. Each figure is measured in this run, and render times are quoted as a
ratio to `streamlit hello` served by the same Streamlit on the same machine:

- first full render (a new browser context, so a new session, until the page's last element is
  shown and the script has stopped running) of the home page and of the results page opened
  from a share link; the server is warmed up first, so process start-up is not counted;
- server-side rerun time after a widget change on the quiz and the planner: the script run in
  process (AppTest), with the model already cached, median and p95;
- model fit and prediction time;
- server memory (RSS of the server process) with 1 session, with N concurrent sessions, and
  after they disconnect;
- N concurrent browser sessions each doing quiz -> result -> planner: errors and the p95 of
  every interaction's latency (click until the page shows its effect).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model import links  # noqa: E402
from model.i18n import t  # noqa: E402
from model.quiz import load_bank, steps  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, streamlit_server  # noqa: E402
from tests.pages.helpers import honest_answers  # noqa: E402

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 800}


# --- servers ---------------------------------------------------------------------------------


@contextmanager
def streamlit(*args: str) -> Iterator[tuple[str, psutil.Process]]:
    """Run ``streamlit <args>`` headless on a free port; yield (url, psutil.Process)."""
    with streamlit_server(*args) as (url, proc):
        yield url, psutil.Process(proc.pid)


def rss_mb(proc: psutil.Process) -> float:
    """Resident memory of the server process and any children, in MB."""
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        total += child.memory_info().rss
    return total / 1024 / 1024


# --- statistics ------------------------------------------------------------------------------


def pct(samples: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


@dataclass
class Row:
    """One line of the printed table."""

    what: str
    value: str
    ratio: str = ""
    target: str = ""
    ok: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.rows.append(Row(*args, **kwargs))

    def print(self) -> None:
        width = max(len(r.what) for r in self.rows)
        print()
        print(f"{'what':<{width}}  {'measured':>22}  {'ratio':>10}  {'target':<16} ok")
        print("-" * (width + 60))
        for r in self.rows:
            mark = "" if r.ok is None else ("yes" if r.ok else "NO")
            print(f"{r.what:<{width}}  {r.value:>22}  {r.ratio:>10}  {r.target:<16} {mark}")


# --- 1. first full render --------------------------------------------------------------------


def first_render(browser: Any, url: str, ready: str, samples: int) -> list[float]:
    """Seconds from navigation to ``ready`` visible with the script idle, in fresh contexts."""
    times = []
    for _ in range(samples):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.locator(ready).first.wait_for(state="visible", timeout=60_000)
        page.locator(IDLE).wait_for(state="attached", timeout=60_000)
        times.append(time.perf_counter() - start)
        context.close()
    return times


def render_section(report: Report, browser: Any, ours: str, hello: str, samples: int) -> None:
    answers = honest_answers("marketing", "short")
    query = links.query_string(links.encode(lang="en", form="short", answers=answers))
    targets = {
        "hello": (hello, 'h1:has-text("Welcome to Streamlit")'),
        "home": (ours, f'button:has-text("{t("home.start", "en")}")'),
        # the share panel, folded, is the page's last element
        "results": (f"{ours}/results?{query}", f'summary:has-text("{t("share.heading", "en")}")'),
    }
    for url, ready in targets.values():  # warm up: server start, first model fit, caches
        first_render(browser, url, ready, 1)
    measured: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(samples):  # interleave so drift hits all three alike
        for name, (url, ready) in targets.items():
            measured[name] += first_render(browser, url, ready, 1)
    base = statistics.median(measured["hello"])
    report.add("first render: streamlit hello (baseline)", f"{base * 1000:.0f} ms", "1.00x")
    for name, label in (("home", "home page"), ("results", "results from a share link")):
        value = statistics.median(measured[name])
        ratio = value / base
        report.add(
            f"first render: {label}",
            f"{value * 1000:.0f} ms",
            f"{ratio:.2f}x",
            "<= 1.2x hello",
            ratio <= 1.2,
        )


# --- 2. server-side reruns -------------------------------------------------------------------


def rerun_times(
    setup: Callable[[], Any], change: Callable[[Any, int], None], n: int
) -> list[float]:
    """Milliseconds of ``at.run()`` after each widget change (AppTest, in process)."""
    at = setup()
    times = []
    for i in range(n):
        change(at, i)
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(at.exception)
    return times


def rerun_section(report: Report, n: int) -> None:
    from tests.pages.helpers import goto, start

    def quiz() -> Any:
        return goto(start({"lang": "en", "form": "short"}), "quiz")

    def answer(at: Any, i: int) -> None:
        radio = at.radio[i % len(at.radio)]
        radio.set_value(radio.options[(i // len(at.radio)) % len(radio.options)])

    def planner() -> Any:
        return goto(start({"lang": "en"}, answers=honest_answers("design")), "planner")

    def slide(at: Any, i: int) -> None:
        at.slider(key="plan.hours").set_value(10 + i % 40)

    goto(start({"lang": "en"}), "planner")  # fit the sample model once, as a server would
    for name, setup, change in (("quiz", quiz, answer), ("planner", planner, slide)):
        samples = rerun_times(setup, change, n)
        median, p95 = statistics.median(samples), pct(samples, 95)
        report.add(
            f"rerun after a widget change: {name} (median / p95)",
            f"{median:.0f} / {p95:.0f} ms",
            "",
            "median <= 50 ms",
            median <= 50,
        )


# --- 3. model --------------------------------------------------------------------------------


def model_section(report: Report) -> None:
    from bench.bench_model import timed
    from model.earnings import _candidates, _xy, fit, load_rates

    rates = load_rates()
    model = fit(rates)
    x, y = _xy(rates)
    chosen = _candidates()[model.name]
    final_fit = timed(lambda: chosen.fit(x, y), 10)
    predict = timed(lambda: model.predict("marketing", "specialist", 30, 4), 200)
    report.add(
        "model: final fit (3,000 rows)", f"{final_fit:.1f} ms", "", "< 100 ms", final_fit < 100
    )
    report.add("model: one prediction", f"{predict * 1000:.0f} µs", "", "< 5 ms", predict < 5)


# --- 4 and 5. concurrent sessions and memory -------------------------------------------------


THINK = 1.5  # seconds a (fast) person takes to read a question and click; jittered 0.5x-1.5x
RAMP = 60.0  # people arrive over a minute; all stay connected until memory is measured


@dataclass
class Journey:
    opens: list[float] = field(default_factory=list)  # page loads (new session)
    latencies: list[float] = field(default_factory=list)  # clicks and slider moves, on screen
    server: list[float] = field(
        default_factory=list
    )  # rerun request -> script finished, on the wire
    errors: list[str] = field(default_factory=list)
    finished: list[int] = field(default_factory=list)


def watch_wire(page: Any, into: list[float]) -> None:
    """Time each rerun on the WebSocket: from the browser sending ``rerun_script`` to it
    receiving ``script_finished``. This is the server's answer time as the browser's network
    layer sees it, without the time the (shared, loaded) renderer takes to paint."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    sent: list[float] = []

    def on_socket(socket: Any) -> None:
        def on_sent(payload: bytes | str) -> None:
            if isinstance(payload, bytes):
                message = BackMsg.FromString(payload)
                if message.WhichOneof("type") == "rerun_script":
                    sent.append(time.perf_counter())

        def on_received(payload: bytes | str) -> None:
            if isinstance(payload, bytes) and sent:
                message = ForwardMsg.FromString(payload)
                if message.WhichOneof("type") == "script_finished":
                    into.append(time.perf_counter() - sent.pop())
                    sent.clear()

        socket.on("framesent", on_sent)
        socket.on("framereceived", on_received)

    page.on("websocket", on_socket)


async def journey(
    browser: Any,
    url: str,
    index: int,
    done: asyncio.Event,
    out: Journey,
    total_sessions: int = 1,
) -> None:
    """One person: short quiz -> results -> planner -> move the hours slider; stays open."""
    lang = "en"
    form = "short"
    bank = load_bank()
    answers = honest_answers(("design", "writing", "admin", "finance")[index % 4], form)
    total = len(bank.questions(form))
    parts = steps(bank.questions(form))
    context = await browser.new_context(viewport=PHONE if index % 2 else DESKTOP)
    page = await context.new_page()
    watch_wire(page, out.server)

    rng = random.Random(index)

    async def timed(action: Callable[[], Any], expect: str | Any, into: list[float]) -> None:
        await asyncio.sleep(THINK * rng.uniform(0.5, 1.5))
        start = time.perf_counter()
        await action()
        target = page.locator(expect) if isinstance(expect, str) else expect
        await target.first.wait_for(state="visible", timeout=30_000)
        into.append(time.perf_counter() - start)

    try:
        await asyncio.sleep(RAMP * index / max(total_sessions, 1))
        await timed(
            lambda: page.goto(f"{url}/quiz?lang={lang}&form={form}"),
            page.get_by_text(t("quiz.step", lang, step=1, steps=len(parts))),
            out.opens,
        )
        done_count = 0
        for i, part in enumerate(parts):
            for question in part:
                group = page.locator('[data-testid="stRadio"]').filter(has_text=question.text(lang))
                option = group.get_by_text(
                    question.option(answers[question.id]).text(lang), exact=True
                )
                done_count += 1
                progress = t("quiz.progress", lang, answered=done_count, total=total)
                await timed(option.click, page.get_by_text(progress, exact=True), out.latencies)
            last = i == len(parts) - 1
            button = page.get_by_role(
                "button", name=t("quiz.finish" if last else "quiz.next", lang)
            )
            if last:
                expect = page.get_by_role("heading", name=t("results.title", lang))
            else:
                expect = page.get_by_text(t("quiz.step", lang, step=i + 2, steps=len(parts)))
            await timed(button.click, expect, out.latencies)
        await timed(
            page.get_by_role("button", name=t("results.to_planner", lang)).click,
            page.get_by_role("heading", name=t("planner.title", lang)),
            out.latencies,
        )
        metric = page.locator('[data-testid="stMetricValue"]').first
        before = await metric.inner_text()
        thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
        await asyncio.sleep(THINK)
        start = time.perf_counter()
        await thumb.focus()
        await page.keyboard.press("ArrowRight")
        deadline = time.monotonic() + 30
        while await metric.inner_text() == before:
            if time.monotonic() > deadline:
                raise TimeoutError("planner did not update")
            await asyncio.sleep(0.02)
        out.latencies.append(time.perf_counter() - start)
        if await page.locator('[data-testid="stException"]').count():
            out.errors.append(f"session {index}: exception on screen")
    except Exception as exc:  # every failure counts as an error
        out.errors.append(f"session {index}: {exc.__class__.__name__}: {str(exc)[:120]}")
    out.finished.append(index)
    await done.wait()  # stay connected until memory is measured
    await context.close()


async def crowd(
    executable: str | None, url: str, n: int, proc: psutil.Process
) -> tuple[Journey, float, float]:
    """Run ``n`` journeys at once; return results, RSS with them open, and elapsed seconds."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        out = Journey()
        done = asyncio.Event()
        start = time.perf_counter()
        tasks = [asyncio.create_task(journey(browser, url, i, done, out, n)) for i in range(n)]
        while len(out.finished) < n:  # each journey then waits, connected, on `done`
            await asyncio.sleep(0.2)
        elapsed = time.perf_counter() - start
        await asyncio.sleep(1)
        held = rss_mb(proc)
        done.set()
        await asyncio.gather(*tasks)
        await browser.close()
    return out, held, elapsed


def memory_and_load_section(report: Report, executable: str | None, sessions: int) -> None:
    with streamlit("run", str(ROOT / "app.py")) as (url, proc):
        idle = rss_mb(proc)
        one = Journey()
        asyncio.run(_single(executable, url, one))
        if one.errors:
            print("single journey failed:", one.errors)
        one_rss = rss_mb(proc)
        server_before, machine_before = proc.cpu_times(), psutil.cpu_times()
        out, held, elapsed = asyncio.run(crowd(executable, url, sessions, proc))
        server_after, machine_after = proc.cpu_times(), psutil.cpu_times()
        time.sleep(5)
        after = rss_mb(proc)
    per_session = (held - one_rss) / max(sessions - 1, 1)
    report.add("server RSS: started, no session", f"{idle:.0f} MB")
    report.add("server RSS: 1 session done quiz->planner", f"{one_rss:.0f} MB", "1.00x")
    report.add(
        f"server RSS: {sessions} sessions at once",
        f"{held:.0f} MB",
        f"{held / one_rss:.2f}x",
    )
    report.add(
        "server RSS per extra session",
        f"{per_session:.2f} MB",
        "",
        "<= 3 MB",
        per_session <= 3,
    )
    report.add(
        f"server RSS: 5 s after {sessions} disconnect", f"{after:.0f} MB", f"{after / one_rss:.2f}x"
    )
    report.add(
        f"{sessions} sessions quiz->result->planner: errors",
        f"{len(out.errors)}",
        "",
        "0",
        not out.errors,
    )
    report.add(
        f"{sessions} sessions: page open (new session) median / p95",
        f"{statistics.median(out.opens) * 1000:.0f} / {pct(out.opens, 95) * 1000:.0f} ms",
    )
    p95 = pct(out.latencies, 95)
    report.add(
        f"{sessions} sessions: interaction latency on screen, median / p95",
        f"{statistics.median(out.latencies) * 1000:.0f} / {p95 * 1000:.0f} ms",
        "",
        "p95 <= 1.5 s",
        p95 <= 1.5,
    )
    wire = pct(out.server, 95)
    report.add(
        f"{sessions} sessions: server answer on the wire, median / p95",
        f"{statistics.median(out.server) * 1000:.0f} / {wire * 1000:.0f} ms",
        "",
        "p95 <= 1.5 s",
        wire <= 1.5,
    )
    report.add(f"{sessions} sessions: wall time for all journeys", f"{elapsed:.1f} s")
    server_cpu = sum(server_after[:2]) - sum(server_before[:2])
    busy = sum(machine_after[:3]) - sum(machine_before[:3])  # user, nice, system
    report.add(
        f"{sessions} sessions: CPU used by the server / whole machine",
        f"{server_cpu:.0f} s / {busy:.0f} s",
        f"{server_cpu / max(busy, 1e-9):.0%}",
        "(browsers use the rest)",
    )
    for error in out.errors[:5]:
        print("error:", error)


async def _single(executable: str | None, url: str, out: Journey) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        done = asyncio.Event()
        done.set()
        await journey(browser, url, 0, done, out)
        await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, 5 sessions")
    parser.add_argument("--sessions", type=int, default=None, help="concurrent sessions (25)")
    args = parser.parse_args()
    samples = 3 if args.quick else 7
    sessions = args.sessions or (5 if args.quick else 25)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    report = Report()
    print(
        f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}; "
        f"chromium: {executable or 'Playwright'}",
        flush=True,
    )

    from playwright.sync_api import sync_playwright

    with (
        streamlit("hello") as (hello, _),
        streamlit("run", str(ROOT / "app.py")) as (ours, _),
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        render_section(report, browser, ours, hello, samples)
        browser.close()
    print("render: done", flush=True)
    rerun_section(report, 20 if args.quick else 60)
    print("reruns: done", flush=True)
    model_section(report)
    memory_and_load_section(report, executable, sessions)
    report.print()


if __name__ == "__main__":
    main()
