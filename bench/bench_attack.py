"""What issue 20's attacks (findings 1-4) cost the server now, and what a bystander feels.

Run on demand (not part of the tests), loopback only:

    .venv/bin/python bench/bench_attack.py
    .venv/bin/python bench/bench_attack.py --root /tmp/old-checkout   # the same on other code

It starts the app (``streamlit run serve.py``) on a free 127.0.0.1 port with the shipped nginx
(deploy/nginx.conf, ports changed only) in front, as tests/deploy/test_proxy.py does. A
bystander session clicks the short quiz through the proxy (a ``rerun_script`` every 0.3 s,
bench/load_ws.py's client) the whole time; each phase reports the server's CPU-seconds (user +
system of the Streamlit process) and the bystander's median and slowest click, next to the
same figures with no attack (the baseline, measured first in the same run):

1. A rate file whose header is 60,000 repeated names (120 KB, the review's file), sent by 3
   sessions through the proxy as the browser sends a file (PUT, then a rerun naming it).
2. 140 WebSocket opens and closes through the proxy; then a person who left before it
   reconnects to their session: is it still there?
3. Eight tabs of one address send a valid rate file at once (refits); then eight addresses
   (straight to the app, each named by X-Real-IP as the proxy would) do the same.
4. One session sends 1 MB files at 2 a second for 20 s through the proxy; then 40 straight to
   the app. Reports the uploads taken, the bytes Streamlit holds, and the server's memory.

Every phase is bounded in requests and seconds and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import websockets  # noqa: E402
from streamlit.proto.Common_pb2 import FileUploaderState  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from bench.load_ws import run_once  # noqa: E402
from model.rates import REQUIRED  # noqa: E402
from tests.browser.server import nginx_proxy, streamlit_server  # noqa: E402
from tests.pages.test_share import rate_file  # noqa: E402

XSRF = "_streamlit_xsrf"
QUIZ = ("quiz", "lang=en&form=short")
PLANNER = ("planner", "lang=en")


@dataclass
class Phase:
    """One phase's figures."""

    name: str
    cpu_s: float = 0.0
    wall_s: float = 0.0
    clicks: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self, baseline: Phase | None) -> str:
        med = statistics.median(self.clicks) * 1000 if self.clicks else float("nan")
        worst = max(self.clicks) * 1000 if self.clicks else float("nan")
        ratio = ""
        if baseline and baseline.clicks and self.clicks:
            ratio = f" ({med / (statistics.median(baseline.clicks) * 1000):.1f}x)"
        return (
            f"  {self.name:<46} server {self.cpu_s:5.2f} CPU-s in {self.wall_s:4.1f} s; "
            f"bystander: {len(self.clicks):3d} clicks, median {med:5.0f} ms{ratio}, "
            f"slowest {worst:5.0f} ms" + ("".join(f"\n      {n}" for n in self.notes))
        )


def xsrf_cookie(base: str) -> str:
    with urllib.request.urlopen(base + "/_stcore/health", timeout=10) as response:
        cookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
    return cookie[XSRF].value


async def open_session(
    base: str,
    cookie: str,
    session: str = "",
    headers: dict[str, str] | None = None,
    source: str = "127.0.0.1",
) -> tuple[websockets.ClientConnection, str]:
    """A WebSocket session as the browser opens one (``session``: reconnect to that one), from
    the loopback address ``source`` (another address to the proxy's per-address limits);
    returns the socket and the session id the server gave."""
    ws = await websockets.connect(
        base.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit", cookie, session] if session else ["streamlit", cookie],
        additional_headers={"Cookie": f"{XSRF}={cookie}", **(headers or {})},
        max_size=None,
        open_timeout=30,
        local_addr=(source, 0),
    )
    return ws, await _session_id(ws)


async def _session_id(ws: websockets.ClientConnection) -> str:
    """Ask for a rerun and read the session id from the new_session message."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    back = BackMsg()
    back.rerun_script.query_string = QUIZ[1]
    back.rerun_script.page_name = QUIZ[0]
    await ws.send(back.SerializeToString())
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), 30))
        kind = forward.WhichOneof("type")
        if kind == "new_session":
            session = forward.new_session.initialize.session_id
        if (
            kind == "script_finished"
            and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            return session


def put_file(base: str, cookie: str, session: str, data: bytes, name: str) -> tuple[int, str]:
    """PUT one file as the uploader does; (HTTP status, file id)."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    file_id = str(uuid.uuid4())
    request = urllib.request.Request(
        f"{base}/_stcore/upload_file/{session}/{file_id}",
        data=body,
        method="PUT",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": cookie,
            "Cookie": f"{XSRF}={cookie}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, file_id
    except urllib.error.HTTPError as error:
        return error.code, file_id


def uploader_state(widget_id: str, file_id: str, name: str, size: int) -> WidgetState:
    state = WidgetState(id=widget_id)
    info = FileUploaderState().uploaded_file_info.add()
    info.file_id, info.name, info.size = file_id, name, size
    value = FileUploaderState()
    value.uploaded_file_info.append(info)
    state.file_uploader_state_value.CopyFrom(value)
    return state


async def send_file(
    base: str, data: bytes, name: str, headers: dict[str, str] | None = None
) -> tuple[float, str]:
    """A session that opens the planner and sends ``data`` as its rate file: (seconds from the
    rerun that names the file to its end, what the page said about the file)."""
    cookie = await asyncio.to_thread(xsrf_cookie, base)
    ws, session = await open_session(base, cookie, headers=headers)
    try:
        seen: dict[str, Any] = {}
        await run_once(ws, *PLANNER, seen=seen)
        widget = seen["ids"]["file_uploader"][0]
        status, file_id = await asyncio.to_thread(put_file, base, cookie, session, data, name)
        if status != 204:
            return 0.0, f"upload refused: HTTP {status}"
        seen = {}
        seconds, error = await run_once(
            ws, *PLANNER, widgets=[uploader_state(widget, file_id, name, len(data))], seen=seen
        )
        said = next(
            (
                kind
                for kind, key in (
                    ("refitted", "Projections use your data"),
                    ("told to wait", "can be checked"),
                    ("refused", "could not use this file"),
                )
                for text in seen.get("texts", [])
                if key in text
            ),
            error or "no word",
        )
        return seconds, said
    finally:
        await ws.close()


async def bystander(base: str, stop: asyncio.Event, clicks: list[float]) -> None:
    cookie = await asyncio.to_thread(xsrf_cookie, base)
    ws, _ = await open_session(base, cookie, source="127.0.0.3")  # a person elsewhere
    try:
        while not stop.is_set():
            seconds, _ = await run_once(ws, *QUIZ)
            clicks.append(seconds)
            await asyncio.sleep(0.3)
    finally:
        await ws.close()


async def measure(
    name: str,
    base: str,
    server: psutil.Process,
    attack: Callable[[Phase], Awaitable[None]],
    least_s: float,
) -> Phase:
    """Run ``attack`` beside a clicking bystander for at least ``least_s`` seconds (and until
    the attack is over); the server's CPU-seconds over the same window."""
    phase = Phase(name)
    stop = asyncio.Event()
    watcher = asyncio.create_task(bystander(base, stop, phase.clicks))
    await asyncio.sleep(1.0)  # the bystander is connected and clicking
    phase.clicks.clear()
    cpu, wall = sum(server.cpu_times()[:2]), time.monotonic()
    await asyncio.gather(attack(phase), asyncio.sleep(least_s))
    phase.cpu_s = sum(server.cpu_times()[:2]) - cpu
    phase.wall_s = time.monotonic() - wall
    stop.set()
    await watcher
    return phase


def big_rates(rows: int = 10_000) -> bytes:
    """A valid rate file of ``rows`` rows (the upload limit): the sample four times over, each
    copy a quarter of an hour a week apart so that no two rows are the same."""
    import io

    import pandas as pd

    sample = pd.read_csv(io.BytesIO(rate_file(3000, scale=2.0)))
    copies = []
    for k in range(4):
        copy = sample.copy()
        copy["hours_per_week"] = copy["hours_per_week"] + 0.25 * k
        copies.append(copy)
    out = io.StringIO()
    pd.concat(copies).head(rows).to_csv(out, index=False)
    return out.getvalue().encode()


def header_attack_file(names: int) -> bytes:
    header = ",".join(["x"] * names) + "," + ",".join(REQUIRED)
    return (header + "\n" + "admin,basic,20,2,500,40000\n" * 50).encode()


def held_upload_bytes(app: str) -> int:
    """Bytes Streamlit's uploaded-file manager holds (its metrics, after their 5 s cache)."""
    import re

    time.sleep(5.5)
    with urllib.request.urlopen(app + "/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.findall(r"cache_memory_bytes\{[^}]*UploadedFileManager[^}]*\} (\d+)", text)
    return sum(int(n) for n in found)


async def run(app: str, proxy: str, server: psutil.Process, names: int) -> list[Phase]:
    phases = [await measure("baseline: no attack", proxy, server, _nothing, 8.0)]

    async def header(phase: Phase) -> None:
        data = header_attack_file(names)
        results = await asyncio.gather(*(send_file(proxy, data, f"h{i}.csv") for i in range(3)))
        phase.notes.append(
            f"3 sessions, {len(data) // 1000} KB header of {names:,} names: "
            + "; ".join(f"{said} after {s * 1000:.0f} ms" for s, said in results)
        )

    phases.append(
        await measure("1. 3 uploads with a 60,000-name header", proxy, server, header, 6.0)
    )

    rates = big_rates()

    async def eight_tabs(phase: Phase) -> None:
        results = await asyncio.gather(*(send_file(proxy, rates, f"t{i}.csv") for i in range(8)))
        counts = {said: sum(1 for _, s in results if s == said) for _, said in results}
        phase.notes.append(f"8 tabs of one address, 10,000-row file: {counts}")

    phases.append(
        await measure("3a. 8 tabs of one address refit at once", proxy, server, eight_tabs, 10.0)
    )

    async def eight_addresses(phase: Phase) -> None:
        results = await asyncio.gather(
            *(
                send_file(app, rates, f"a{i}.csv", headers={"X-Real-IP": f"198.51.100.{i + 1}"})
                for i in range(8)
            )
        )
        counts = {said: sum(1 for _, s in results if s == said) for _, said in results}
        phase.notes.append(f"8 addresses, 10,000-row file: {counts}")

    phases.append(
        await measure("3b. 8 addresses refit at once", proxy, server, eight_addresses, 10.0)
    )

    async def flood(phase: Phase) -> None:
        rss = server.memory_info().rss
        cookie = await asyncio.to_thread(xsrf_cookie, proxy)
        ws, session = await open_session(proxy, cookie)
        statuses: list[int] = []
        for _ in range(40):
            status, _ = await asyncio.to_thread(
                put_file, proxy, cookie, session, b"y" * 1_000_000, "big.csv"
            )
            statuses.append(status)
            await asyncio.sleep(0.5)
        held = held_upload_bytes(app)
        taken = statuses.count(204)
        direct = [
            (await asyncio.to_thread(put_file, app, cookie, session, b"y" * 1_000_000, "b.csv"))[0]
            for _ in range(40)
        ]
        phase.notes.append(
            f"through the proxy, 40 x 1 MB at 2 a second: {taken} taken, "
            f"{statuses.count(429)} refused (429); Streamlit holds {held / 1e6:.1f} MB"
        )
        phase.notes.append(
            f"straight to the app, 40 x 1 MB: {direct.count(204)} taken; Streamlit holds "
            f"{held_upload_bytes(app) / 1e6:.1f} MB; server memory "
            f"{rss / 2**20:.0f} -> {server.memory_info().rss / 2**20:.0f} MB"
        )
        await ws.close()

    phases.append(await measure("4. a flood of 1 MB uploads", proxy, server, flood, 20.0))

    async def reconnect_slots(phase: Phase) -> None:
        cookie = await asyncio.to_thread(xsrf_cookie, proxy)
        victim, session = await open_session(proxy, cookie, source="127.0.0.2")  # elsewhere
        await victim.close()
        opened = refused = 0
        for _ in range(140):
            try:
                ws = await websockets.connect(
                    proxy.replace("http://", "ws://") + "/_stcore/stream",
                    subprotocols=["streamlit"],
                    open_timeout=10,
                )
                opened += 1
                await ws.close()
            except websockets.InvalidStatus:
                refused += 1
        await asyncio.sleep(1.0)
        back, again = await open_session(proxy, cookie, session=session, source="127.0.0.2")
        await back.close()
        phase.notes.append(
            f"140 opens: {opened} let through, {refused} refused (429); the person who left "
            f"before: session {'kept' if again == session else 'LOST'}"
        )

    phases.append(
        await measure("2. 140 WebSocket opens and closes", proxy, server, reconnect_slots, 6.0)
    )
    return phases


async def _nothing(_: Phase) -> None:
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--names", type=int, default=60_000, help="header names in attack 1")
    args = parser.parse_args()
    if args.names > 60_000:
        parser.error("bounded on purpose: at most 60,000 header names (the review's file)")
    print(
        f"{dt.date.today().isoformat()}: {os.cpu_count()} cores, client on the same machine; "
        f"serving {args.root}"
    )
    env = {**os.environ, "PYTHONPATH": str(args.root)}
    import tests.browser.server as launcher

    launcher.NGINX_CONF = args.root / "deploy" / "nginx.conf"  # that checkout's proxy too
    with (
        streamlit_server("run", "serve.py", cwd=args.root, env=env) as (app, proc),
        tempfile.TemporaryDirectory() as prefix,
        nginx_proxy(app, Path(prefix)) as proxy,
    ):
        assert app.startswith("http://127.0.0.1:") and proxy.startswith("http://127.0.0.1:")
        server = psutil.Process(proc.pid)
        asyncio.run(_warm(proxy))
        phases = asyncio.run(run(app, proxy, server, args.names))
    baseline = phases[0]
    for phase in phases:
        print(phase.line(None if phase is baseline else baseline))


async def _warm(proxy: str) -> None:
    cookie = await asyncio.to_thread(xsrf_cookie, proxy)
    ws, _ = await open_session(proxy, cookie)
    await run_once(ws, *PLANNER)
    await ws.close()


if __name__ == "__main__":
    main()
