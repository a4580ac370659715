"""serve.py's middlewares on a live server (issue 20, findings 4 and 10), and in isolation.

Loopback only: the server is ``streamlit run serve.py`` on a free 127.0.0.1 port; the client
speaks Streamlit's WebSocket protocol (as bench/load_ws.py does) and PUTs files to the upload
endpoint as the browser does.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any, TypeVar

import pytest
import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from serve import PROCESS_UPLOAD_BYTES, SESSION_FILES, UploadCaps, origin_allowed
from tests.browser.server import streamlit_server

XSRF = "_streamlit_xsrf"
T = TypeVar("T")


def _run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to its end on a thread of its own (a Playwright test earlier in the same
    session may keep an event loop running on this thread)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with streamlit_server("run", "serve.py") as (url, _):
        yield url


def _xsrf_cookie(url: str) -> str:
    with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as response:
        cookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
    return cookie[XSRF].value


async def _session_id(url: str, cookie: str, hold: asyncio.Event) -> tuple[str, asyncio.Task[None]]:
    """Open a session over the WebSocket; return its id as soon as the server names it, and keep
    the socket open until ``hold`` is set."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    found: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def run() -> None:
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit", cookie],  # the browser's form: the token as a protocol
            additional_headers={"Cookie": f"{XSRF}={cookie}"},
            max_size=None,
        ) as ws:
            from streamlit.proto.BackMsg_pb2 import BackMsg

            message = BackMsg()
            message.rerun_script.query_string = ""
            message.rerun_script.page_name = ""
            await ws.send(message.SerializeToString())
            while not found.done():
                forward = ForwardMsg()
                forward.ParseFromString(await asyncio.wait_for(ws.recv(), 30))
                if forward.WhichOneof("type") == "new_session":
                    found.set_result(forward.new_session.initialize.session_id)
            await hold.wait()

    task = asyncio.create_task(run())
    return await asyncio.wait_for(found, 60), task


def _put(url: str, cookie: str, session: str, size: int) -> int:
    boundary = "sahayaktestboundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + b"x" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{url}/_stcore/upload_file/{session}/{uuid.uuid4()}",
        data=body,
        method="PUT",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": cookie,
            "Cookie": f"{XSRF}={cookie}",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def _held_upload_bytes(url: str) -> int:
    """Bytes Streamlit's uploaded-file manager holds, from the (direct) metrics endpoint."""
    with urllib.request.urlopen(url + "/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.findall(r"cache_memory_bytes\{[^}]*UploadedFileManager[^}]*\} (\d+)", text)
    return sum(int(n) for n in found)


def test_a_session_holds_at_most_two_uploaded_files(server):
    """Finding 4: six 400 KB files PUT to one session under made-up file ids (the review sent
    120); Streamlit alone keeps all six for as long as the session lives."""

    async def attack() -> int:
        cookie = _xsrf_cookie(server)
        hold = asyncio.Event()
        session, socket_task = await _session_id(server, cookie, hold)
        for _ in range(6):
            assert await asyncio.to_thread(_put, server, cookie, session, 400_000) == 204
        held = _held_upload_bytes(server)
        hold.set()
        await socket_task
        return held

    held = _run_async(attack)
    assert 400_000 <= held <= SESSION_FILES * 400_000


@dataclass
class _Rec:
    data: bytes


class _FakeManager:
    """The parts of Streamlit's MemoryUploadedFileManager that UploadCaps uses."""

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], _Rec] = {}

    def get_files(self, session: str, ids: list[str]) -> list[_Rec]:
        return [self.files[(session, i)] for i in ids if (session, i) in self.files]

    def remove_file(self, session: str, file_id: str) -> None:
        self.files.pop((session, file_id), None)


def test_all_sessions_together_hold_at_most_the_process_cap():
    """Finding 4: 60 sessions with 1 MiB each (the review: a 1 GiB pod full in 6 minutes);
    the oldest files go first, the newest is kept."""
    manager = _FakeManager()

    async def app(scope, receive, send):
        session, file_id = scope["path"].split("/")[-2:]
        manager.files[(session, file_id)] = _Rec(b"x" * 1024 * 1024)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    caps = UploadCaps(app, manager=lambda: manager)

    async def noop(message):
        return None

    async def run() -> None:
        for i in range(60):
            scope = {
                "type": "http",
                "method": "PUT",
                "path": f"/_stcore/upload_file/s{i}/f{i}",
            }
            await caps(scope, None, noop)

    _run_async(run)
    held = sum(len(r.data) for r in manager.files.values())
    assert held <= PROCESS_UPLOAD_BYTES
    assert ("s59", "f59") in manager.files and ("s0", "f0") not in manager.files


# Finding 10: a foreign Origin never makes the server look itself up on the internet.


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        (None, "example.org", True),
        ("https://example.org", "example.org", True),
        ("http://localhost:8080", "localhost", True),
        ("http://127.0.0.1:9", "127.0.0.1:8501", True),
        ("https://evil.example", "example.org", False),
        ("https://example.org.evil.example", "example.org", False),
        ("null", "example.org", False),
    ],
)
def test_origin_rule(origin, host, allowed):
    assert origin_allowed(origin, host) is allowed


class _Recorder:
    """A TCP listener that counts connections (stands in for the internet, via the proxy
    variables the HTTP library honours) and never answers, like dropped outbound traffic."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.seen = 0
        self.stop = threading.Event()
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.seen += 1
            self.held.append(conn)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        for conn in self.held:
            conn.close()
        self.sock.close()


def test_a_foreign_origin_is_refused_without_an_outside_lookup():
    recorder = _Recorder()
    env = {
        **os.environ,
        "HTTP_PROXY": recorder.url,
        "HTTPS_PROXY": recorder.url,
        "http_proxy": recorder.url,
        "https_proxy": recorder.url,
        "NO_PROXY": "",
        "no_proxy": "",
    }
    try:
        with streamlit_server("run", "serve.py", env=env) as (url, _):
            ws_url = url.replace("http://", "ws://") + "/_stcore/stream"

            async def connect(origin: str) -> float:
                start = time.perf_counter()
                try:
                    async with websockets.connect(
                        ws_url, subprotocols=["streamlit"], origin=origin, open_timeout=20
                    ):
                        pass
                except websockets.InvalidStatus as refused:
                    assert refused.response.status_code == 403
                    return time.perf_counter() - start
                return -1.0

            refusals = [_run_async(lambda: connect("https://evil.example")) for _ in range(3)]
            assert all(0 <= s < 0.9 for s in refusals), refusals  # one lookup alone takes 1 s
            assert _run_async(lambda: connect(url)) == -1.0  # the app's own origin still connects
    finally:
        recorder.close()
    assert recorder.seen == 0
