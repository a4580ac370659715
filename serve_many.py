"""Run several Sahayak server processes in one container, for nginx to spread browsers over.

deploy/compose.yaml runs this as the app container's command: ``SAHAYAK_PROCESSES`` processes
(unset or ``auto``: the cores this container may use) of ``streamlit run serve.py``, on ports
8501, 8502, ... (``SAHAYAK_BASE_PORT`` moves the first), each its own Python with its own
sessions. A process that
exits is started again after a second; SIGTERM (``docker stop``) stops them all. Arguments after
the script's own are passed to every ``streamlit run``. nginx (deploy/nginx.conf,
deploy/proxy-start.sh) must be told the same number.

    python serve_many.py              # run them
    python serve_many.py --check      # exit 0 only if every process is ready

The check is the container's health check in compose: every process answers its
``/_sahayak/ready`` (serve.py: the sample model is fitted) with 200.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

APP = Path(__file__).resolve().parent
MAX_PROCESSES = 64


class SettingError(ValueError):
    """A setting given in the environment that cannot be used (the message says which)."""


def cores() -> int:
    """The cores this process may run on (a container's CPU set), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _number(name: str, default: int, low: int, high: int) -> int:
    """``name``'s whole number from the environment; ``default`` if unset, empty or "auto"."""
    raw = os.environ.get(name, "").strip()
    if raw in ("", "auto"):
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SettingError(f"{name}={raw!r}: give a whole number from {low} to {high}")
    return int(raw)


def settings() -> tuple[int, int]:
    """(number of processes, first port) from the environment, checked."""
    count = _number("SAHAYAK_PROCESSES", min(cores(), MAX_PROCESSES), 1, MAX_PROCESSES)
    base = _number("SAHAYAK_BASE_PORT", 8501, 1024, 65535 - MAX_PROCESSES)
    return count, base


def command(port: int, extra: list[str]) -> list[str]:
    """The ``streamlit run serve.py`` command line for one process."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP / "serve.py"),
        f"--server.port={port}",
        "--server.headless=true",
        *extra,
    ]


def ready(port: int, host: str = "127.0.0.1") -> bool:
    """True if the process on ``port`` answers its readiness route with 200."""
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_sahayak/ready", timeout=4) as answer:
            return answer.status == 200
    except OSError:
        return False


def run(count: int, base: int, extra: list[str]) -> int:
    """Start ``count`` processes, restart any that exits, stop all on SIGTERM or SIGINT."""
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    procs = {base + i: subprocess.Popen(command(base + i, extra), cwd=APP) for i in range(count)}
    print(f"sahayak: {count} processes on ports {base}-{base + count - 1}", flush=True)
    while not stopping:
        time.sleep(0.5)
        for port, proc in list(procs.items()):
            if proc.poll() is not None and not stopping:
                print(
                    f"sahayak: process on {port} exited ({proc.returncode}); restarting", flush=True
                )
                time.sleep(1)
                procs[port] = subprocess.Popen(command(port, extra), cwd=APP)
    for proc in procs.values():
        proc.terminate()
    for proc in procs.values():
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


def main(argv: list[str]) -> int:
    try:
        count, base = settings()
    except SettingError as error:
        print(f"sahayak: {error}", file=sys.stderr)
        return 2
    if argv[:1] == ["--check"]:
        missing = [base + i for i in range(count) if not ready(base + i)]
        if missing:
            print(f"sahayak: not ready yet on ports {missing}", file=sys.stderr)
        return 1 if missing else 0
    return run(count, base, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
