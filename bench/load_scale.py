"""Capacity with 1 and with 2 server processes behind the shipped nginx, in the same run (issue 23).

Run on demand (not part of the tests):

    .venv/bin/python bench/load_scale.py                          # 1 and 2 processes
    .venv/bin/python bench/load_scale.py --levels1 200 300 --levels2 400 600 --clicks 8

For each process count it starts ``serve_many.py`` (SAHAYAK_PROCESSES) on loopback ports and
``deploy/proxy-start.sh``, which runs Debian's nginx with deploy/nginx.conf (listen port changed
only; its per-address limits stay on), waits until every process is ready, and runs the sessions
of bench/load_ws.py through nginx: each simulated session opens ``/_stcore/stream`` and clicks
through quiz, results and planner, 3-8 s apart, timed from ``rerun_script`` to
``script_finished``. Each session comes from its own loopback address (127.0.0.2 upward), as
people on their own phones do, so nginx's per-address limits meet one person each; nginx spreads
them over the processes by the route cookie it sets (the hash of a new id for a first request).
The figure per count: the largest level with 0 errors and p95 <= 1 s. Loopback only; bounded in
sessions, clicks and time; stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psutil  # noqa: E402
import websockets  # noqa: E402
from load_ws import ANSWER_TIMEOUT, TARGET_P95, THINK, Level, journey, run_once  # noqa: E402

import serve_many  # noqa: E402
from tests.browser.server import _wait_nginx, free_port, proxy_conf  # noqa: E402

ADDRESSES = 250  # client addresses 127.0.0.2 ... 127.0.0.251
MAX_SESSIONS = 2000


@contextmanager
def stack(processes: int) -> Iterator[tuple[str, list[psutil.Process]]]:
    """``processes`` app processes behind nginx; yield nginx's URL and the app processes."""
    base = free_port()
    while base > 60000:
        base = free_port()
    listen = free_port()
    prefix = Path(tempfile.mkdtemp(prefix="sahayak-scale-"))
    (prefix / "source.conf").write_text(proxy_conf(listen, base))
    env = {**os.environ, "SAHAYAK_PROCESSES": str(processes), "SAHAYAK_BASE_PORT": str(base)}
    extra = ["--server.address=127.0.0.1", "--server.fileWatcherType=none"]
    apps = subprocess.Popen(
        [sys.executable, str(ROOT / "serve_many.py"), *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nginx_env = {**env, "NGINX_PREFIX": str(prefix), "NGINX_CONF": str(prefix / "source.conf")}
    nginx = subprocess.Popen(
        ["sh", str(ROOT / "deploy" / "proxy-start.sh")],
        env=nginx_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{listen}"
    try:
        deadline = time.monotonic() + 180
        while not all(serve_many.ready(base + i) for i in range(processes)):
            assert time.monotonic() < deadline, "the processes did not become ready in 180 s"
            assert apps.poll() is None, "serve_many.py exited"
            time.sleep(0.5)
        _wait_nginx(f"{url}/_stcore/health", nginx)
        children = psutil.Process(apps.pid).children()
        assert len(children) == processes, children
        yield url, children
    finally:
        nginx.terminate()
        apps.terminate()
        nginx.wait(timeout=10)
        apps.wait(timeout=30)


async def session(
    url: str, level: Level, delay: float, clicks: int, rng: random.Random, address: str
) -> None:
    """One simulated person from ``address``: arrive after ``delay``, click through, leave."""
    await asyncio.sleep(delay)
    try:
        async with websockets.connect(
            url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=ANSWER_TIMEOUT,
            local_addr=(address, 0),
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


async def run_level(
    url: str, sessions: int, ramp: float, clicks: int, seed: int, part: tuple[int, int] = (0, 1)
) -> Level:
    """``sessions`` simulated sessions; with ``part`` = (k, n) only every n-th from the k-th
    (one load generator process of n)."""
    level = Level(sessions)
    rng = random.Random(seed)
    plan = [(rng.uniform(0, ramp), rng.random()) for _ in range(sessions)]
    k, n = part
    await asyncio.gather(
        *(
            session(url, level, delay, clicks, random.Random(own), f"127.0.0.{2 + i % ADDRESSES}")
            for i, (delay, own) in enumerate(plan)
            if i % n == k
        )
    )
    return level


def _generator(args: tuple[str, int, float, int, int, tuple[int, int]]) -> tuple[list, list, float]:
    """One load generator process: its share's answers, errors and own CPU seconds."""
    level = asyncio.run(run_level(*args))
    return level.answers, level.errors, time.process_time()


def run_spread(
    url: str, sessions: int, ramp: float, clicks: int, seed: int, generators: int
) -> tuple[Level, float]:
    """The level's sessions from ``generators`` processes (so that one generator's event loop
    is not what the timings measure); the merged level and the generators' CPU seconds."""
    from concurrent.futures import ProcessPoolExecutor

    if generators == 1:
        start = time.process_time()
        level = asyncio.run(run_level(url, sessions, ramp, clicks, seed))
        return level, time.process_time() - start
    level = Level(sessions)
    jobs = [(url, sessions, ramp, clicks, seed, (k, generators)) for k in range(generators)]
    cpu = 0.0
    with ProcessPoolExecutor(generators) as pool:
        for answers, errors, seconds in pool.map(_generator, jobs):
            level.answers += answers
            level.errors += errors
            cpu += seconds
    return level, cpu


def measure(processes: int, levels: list[int], ramp: float, clicks: int, generators: int) -> int:
    """Print each level for ``processes`` processes; return the largest level that met the
    goal (0 errors, p95 <= 1 s)."""
    best = 0
    with stack(processes) as (url, children):
        asyncio.run(run_level(url, processes, 0.0, 6, seed=0))  # warm-up: one session each
        baseline = asyncio.run(run_level(url, 1, 0.0, clicks, seed=1))
        print(f"  {processes} process(es): 1 session p95 {baseline.p95() * 1000:.0f} ms")
        for sessions in levels:
            each = [sum(c.cpu_times()[:2]) for c in children]
            cpu = sum(each)
            wall = time.time()
            machine = psutil.cpu_times()
            level, own = run_spread(url, sessions, ramp, clicks, sessions, generators)
            wall = time.time() - wall
            own /= wall
            after = psutil.cpu_times()
            busy = (sum(after) - after.idle - sum(machine) + machine.idle) / wall
            each = [sum(c.cpu_times()[:2]) - b for c, b in zip(children, each, strict=True)]
            cpu = sum(each) / wall
            split = "/".join(f"{100 * e / sum(each):.0f}%" for e in each)
            rss = sum(c.memory_info().rss for c in children) / 2**20
            ok = not level.errors and level.p95() <= TARGET_P95
            best = sessions if ok and sessions > best else best
            kinds = sorted(set(level.errors))[:3]
            print(
                f"  {processes} process(es), {sessions:4d} sessions: {len(level.answers):5d} "
                f"answers, {len(level.errors):3d} errors, p95 {level.p95() * 1000:6.0f} ms, "
                f"median {level.median() * 1000:4.0f} ms; CPU cores: app {cpu:.2f} ({split}), load "
                f"generator {own:.2f}, whole machine {busy:.2f}; "
                f"app RSS {rss:.0f} MB  {'ok' if ok else 'MISSED'}"
                + (f"  {kinds}" if kinds else ""),
                flush=True,
            )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels1", type=int, nargs="+", default=[400, 450, 500])
    parser.add_argument("--levels2", type=int, nargs="+", default=[800, 900, 1000])
    parser.add_argument("--clicks", type=int, default=8, help="clicks per session (>= 6)")
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which they arrive")
    parser.add_argument(
        "--generators", type=int, default=1, help="load generator processes (the sessions split)"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the servers on kill, too
    if max(args.levels1 + args.levels2) > MAX_SESSIONS or args.clicks > 30:
        parser.error(f"bounded on purpose: at most {MAX_SESSIONS} sessions and 30 clicks each")
    print(
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: {os.cpu_count()} cores, "
        f"load generator ({args.generators} process(es)) and nginx on the same machine; "
        f"{args.clicks} clicks a session, "
        f"{THINK[0]:.0f}-{THINK[1]:.0f} s apart, arriving over {args.ramp:.0f} s"
    )
    one = measure(1, args.levels1, args.ramp, args.clicks, args.generators)
    two = measure(2, args.levels2, args.ramp, args.clicks, args.generators)
    ratio = two / one if one else float("nan")
    print(
        f"  largest level with 0 errors and p95 <= {TARGET_P95:.0f} s: 1 process {one}, "
        f"2 processes {two} ({ratio:.2f}x; goal >= 1.8x and >= 200)"
    )


if __name__ == "__main__":
    main()
