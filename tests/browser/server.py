"""Starting a real Streamlit server and headless Chromium: shared by the browser tests and
``bench/bench_app.py`` (a plain module, so the benchmark need not import a conftest)."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until ``url``'s /_stcore/health answers 200, or fail if the server exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


@contextmanager
def streamlit_server(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, port: int | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``streamlit <args>`` (e.g. ``run app.py`` or ``hello``) headless on loopback ``port``
    (a free one if None); yield its base URL and process, and stop it afterwards."""
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        *args,
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, seconds: float = 10) -> None:
    """End ``proc``: ask it to stop, and kill it if it has not within ``seconds``."""
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def proxy_conf(listen: int, upstream: int) -> str:
    """deploy/nginx.conf with only the listen port and the upstream port substituted."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    text, listens = re.subn(r"listen 8080;", f"listen 127.0.0.1:{listen};", text)
    text, upstreams = re.subn(
        r"server 127\.0\.0\.1:8501 ", f"server 127.0.0.1:{upstream} ", text
    )
    assert listens == 1 and upstreams == 1
    return text


def _wait_nginx(url: str, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("nginx did not answer in time")


@contextmanager
def nginx_proxy(app_url: str, prefix: Path) -> Iterator[str]:
    """Debian's nginx with the shipped config (ports changed only) in front of ``app_url``,
    its files in ``prefix``; yield the proxy's base URL, and stop it afterwards."""
    prefix.chmod(0o755)  # nginx's workers drop root
    shutil.copy("/etc/nginx/mime.types", prefix / "mime.types")
    port = free_port()
    (prefix / "nginx.conf").write_text(proxy_conf(port, int(app_url.rsplit(":", 1)[1])))
    cmd = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
    check = subprocess.run([*cmd, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_nginx(f"{url}/_stcore/health", proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
