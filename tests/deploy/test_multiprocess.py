"""Several app processes behind the shipped nginx (issue 23, part 3), in real Chromium.

Two ``streamlit run serve.py`` processes on consecutive loopback ports, and deploy/proxy-start.sh
starting Debian's nginx with deploy/nginx.conf (listen port changed; for the test only, a log of
which process each request reached, and a header naming it). nginx pins each browser to a process
by its ``sahayak_route`` cookie (the userid module and a consistent hash), not by its address: every
browser here comes from 127.0.0.1, as a class behind one carrier NAT would.
"""

from __future__ import annotations

import base64
import os
import re
import signal
import socket
import struct
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import serve_many as processes
from model.i18n import t
from tests.browser.relay import relay
from tests.browser.server import NGINX, ROOT, _wait_nginx, free_port, proxy_conf, wait_healthy
from tests.browser.test_journeys import DESKTOP, _expect, _idle
from tests.browser.test_nothing_lost import _answer, _at_part, _begin_full

pytestmark = pytest.mark.browser
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"
ROUTES = "$uid_got|$uid_set|$upstream_addr|$uri|$status|$upstream_status"
HEADER = "X-Test-Upstream"


def _free_pair() -> int:
    """A port p with p and p + 1 both free on the loopback interface."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            if port >= 65000:
                continue
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        return port
    raise RuntimeError("no two consecutive free ports")


@dataclass
class Stack:
    """nginx in front of two app processes."""

    url: str
    ports: tuple[int, int]
    apps: dict[int, subprocess.Popen]
    log: Path
    errors_log: Path

    def errors(self) -> str:
        """nginx's error log (why it gave up on a process, if it did)."""
        return self.errors_log.read_text() if self.errors_log.exists() else ""

    def routes(self) -> list[tuple[str, str, str]]:
        """(cookie value, process addresses tried, path) of every request nginx has logged:
        one address, or several ("A, B") when nginx gave up on one and tried the next."""
        rows = []
        for line in self.log.read_text().splitlines():
            got, new, upstream, uri, _status, _tried = line.split("|")
            cookie = (got if got != "-" else new).split("=", 1)[-1]
            rows.append((cookie, upstream, uri))
        return rows


def _app(port: int) -> subprocess.Popen:
    return subprocess.Popen(
        processes.command(port, ["--server.address=127.0.0.1", "--server.fileWatcherType=none"]),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def _stack(prefix: Path) -> Iterator[Stack]:
    if not Path(NGINX).exists() or not Path(BROTLI_MODULE).exists():
        message = "nginx and its brotli module are missing; scripts/test.sh installs them"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    base = _free_pair()
    listen = free_port()
    conf = proxy_conf(listen, base)
    log = prefix / "routes.log"
    conf = conf.replace(
        "access_log off;", f"log_format routes '{ROUTES}';\n    access_log {log} routes;"
    )
    conf = conf.replace(
        'add_header X-Frame-Options "DENY" always;',
        'add_header X-Frame-Options "DENY" always;\n'
        f"        add_header {HEADER} $upstream_addr always;",
    )
    conf = conf.replace("error_log stderr warn;", f"error_log {prefix / 'errors.log'} warn;")
    source = prefix / "source.conf"
    source.write_text(conf)
    apps = {port: _app(port) for port in (base, base + 1)}
    env = {
        **os.environ,
        "NGINX_PREFIX": str(prefix),
        "NGINX_CONF": str(source),
        "SAHAYAK_PROCESSES": "2",
        "SAHAYAK_BASE_PORT": str(base),
    }
    nginx = subprocess.Popen(
        ["sh", str(ROOT / "deploy" / "proxy-start.sh")], env=env, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{listen}"
    try:
        for port, proc in apps.items():
            wait_healthy(f"http://127.0.0.1:{port}", proc, seconds=120)
        _wait_nginx(f"{url}/_stcore/health", nginx)
        yield Stack(url, (base, base + 1), apps, log, prefix / "errors.log")
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for proc in apps.values():
            proc.terminate()
        for proc in apps.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def stack(tmp_path) -> Iterator[Stack]:
    with _stack(tmp_path) as running:
        yield running


def test_proxy_start_writes_one_server_line_per_further_process(tmp_path):
    """deploy/proxy-start.sh for 4 processes from 9000 (nginx itself replaced by `true`), and its
    clear refusal of a bad number."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "nginx").write_text("#!/bin/sh\nexit 0\n")
    (fake / "nginx").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{fake}:{os.environ['PATH']}",
        "NGINX_PREFIX": str(tmp_path / "prefix"),
        "NGINX_CONF": str(ROOT / "deploy" / "nginx.conf"),
        "SAHAYAK_PROCESSES": "4",
        "SAHAYAK_BASE_PORT": "9000",
    }
    script = str(ROOT / "deploy" / "proxy-start.sh")
    done = subprocess.run(["sh", script], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "prefix" / "processes" / "upstreams.conf").read_text().split("\n")
    assert written == [f"server 127.0.0.1:{p} weight=10;" for p in (9001, 9002, 9003)] + [""]
    assert "server 127.0.0.1:9000 weight=10;" in (tmp_path / "prefix" / "nginx.conf").read_text()
    for bad in ("0", "two", "65"):
        refused = subprocess.run(
            ["sh", script], env={**env, "SAHAYAK_PROCESSES": bad}, capture_output=True, text=True
        )
        assert refused.returncode == 2
        assert "give a whole number from 1 to 64" in refused.stderr, refused.stderr


def test_the_process_launcher_checks_its_settings(monkeypatch):
    monkeypatch.setenv("SAHAYAK_PROCESSES", "3")
    monkeypatch.setenv("SAHAYAK_BASE_PORT", "9100")
    assert processes.settings() == (3, 9100)
    monkeypatch.delenv("SAHAYAK_PROCESSES")
    cores = min(processes.cores(), processes.MAX_PROCESSES)
    assert processes.settings()[0] == cores
    monkeypatch.setenv("SAHAYAK_PROCESSES", "auto")  # compose's default
    assert processes.settings()[0] == cores
    for bad in ("0", "-1", "lots", "65"):
        monkeypatch.setenv("SAHAYAK_PROCESSES", bad)
        with pytest.raises(processes.SettingError, match="SAHAYAK_PROCESSES"):
            processes.settings()
    monkeypatch.setenv("SAHAYAK_PROCESSES", "2")
    monkeypatch.setenv("SAHAYAK_BASE_PORT", "80")
    with pytest.raises(processes.SettingError, match="SAHAYAK_BASE_PORT"):
        processes.settings()


def _process_of(context, url: str) -> str:
    """The app process (address) nginx sends this browser context's requests to."""
    answer = context.request.get(f"{url}/_stcore/health")
    assert answer.status == 200
    # after a failed try nginx names every process it tried: the last one answered
    return answer.headers[HEADER.lower()].split(", ")[-1]


def _one_id_per_process(url: str, tries: int = 40) -> dict[str, str]:
    """A route id (the cookie nginx sets) that lands on each of the two processes, from
    cookie-less requests: each gets a new id, and so a process picked afresh (all 40 on one of
    two processes: odds 2**-39)."""
    found: dict[str, str] = {}
    for _ in range(tries):
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
            cookies = "\n".join(answer.headers.get_all("Set-Cookie") or ())
            cookie = re.search(r"^sahayak_route=([^;]+);", cookies, re.MULTILINE)
            assert cookie, cookies
            found.setdefault(answer.headers[HEADER], cookie[1])
        if len(found) == 2:
            return found
    pytest.fail(f"{tries} new browsers all landed on {set(found)}: the cookie is not the key")


def _cookie(context) -> str:
    """The context's ``sahayak_route`` id as nginx logs it ($uid_got: four 32-bit words in hex)."""
    values = [c["value"] for c in context.cookies() if c["name"] == "sahayak_route"]
    assert len(values) == 1, context.cookies()
    raw = base64.b64decode(values[0])
    return "".join(f"{word:08X}" for word in struct.unpack("<4I", raw))


def test_two_browsers_from_one_address_land_on_different_processes_and_keep_them(stack, browser):
    """Browsers from the same address get their own cookies (nginx sets one on a first
    request); two whose cookies hash to different processes each answer the quiz, lose the
    network, and reconnect: each WebSocket, the reconnect included, reached the browser's own
    process, and every answer is still there."""
    ids = _one_id_per_process(stack.url)
    with relay(stack.url) as network, ExitStack() as contexts:
        where = {}
        for process, value in ids.items():
            context = contexts.enter_context(_context(browser))
            context.add_cookies([{"name": "sahayak_route", "value": value, "url": network.url}])
            assert _process_of(context, network.url) == process  # the cookie alone decides
            where[context] = process
        first, other = where
        pair = (first, other)
        pages = [context.new_page() for context in pair]
        parts = []
        for page, count in zip(pages, (3, 5), strict=True):
            _begin_full(page, network.url, "en")
            parts.append(_answer(page, "en", count))
            _idle(page)
        network.cut()
        for page in pages:
            _expect()(page.locator("#sahayak-offline")).to_have_text(
                t("app.offline", "en"), timeout=30_000
            )
        network.restore()
        for page, part, count in zip(pages, parts, (3, 5), strict=True):
            _expect()(page.locator("#sahayak-offline")).to_be_hidden(timeout=60_000)
            _at_part(page, "en", part, count)
            _at_part(page, "en", _answer(page, "en", count + 1, done=count), count + 1)
        for context in pair:
            assert _process_of(context, network.url) == where[context]
        cookies = {_cookie(context): where[context] for context in pair}
    time.sleep(1)  # nginx logs a WebSocket when it closes
    streams: dict[str, list[str]] = {}
    for cookie, upstream, uri in stack.routes():
        if uri == "/_stcore/stream" and cookie in cookies:
            streams.setdefault(cookie, []).append(upstream)
    for cookie, process in cookies.items():
        assert len(streams.get(cookie, [])) >= 2, (cookie, streams)  # first and the reconnect
        # each one reached its process at the first try ("A, B" would mean nginx gave up on A)
        assert set(streams[cookie]) == {process}, (streams[cookie], process, stack.errors())


@contextmanager
def _context(browser) -> Iterator:
    context = browser.new_context(viewport=DESKTOP)
    try:
        yield context
    finally:
        context.close()


def test_a_process_killed_mid_quiz_sends_its_people_to_the_other_without_losing_answers(
    stack, browser
):
    with _context(browser) as context:
        home = _process_of(context, stack.url)
        page = context.new_page()
        _begin_full(page, stack.url, "en")
        part = _answer(page, "en", 12)
        _idle(page)
        port = int(home.rsplit(":", 1)[1])
        stack.apps[port].send_signal(signal.SIGKILL)  # the process dies, no goodbye
        stack.apps[port].wait(timeout=10)
        _at_part(page, "en", part, 12)  # the page came back, on the other process
        part = _answer(page, "en", 13, done=12)
        _at_part(page, "en", part, 13)
        page.reload()
        _at_part(page, "en", part, 13)
        survivor = _process_of(context, stack.url)
        assert survivor != home and survivor.endswith(f":{({*stack.ports} - {port}).pop()}")
        cookie = _cookie(context)
    time.sleep(1)
    streams = [u for c, u, uri in stack.routes() if c == cookie and uri == "/_stcore/stream"]
    assert streams and streams[-1] == survivor, streams
