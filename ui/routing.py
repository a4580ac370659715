"""Make sure every page runs inside app.py's frame, even in Streamlit's legacy mode.

Streamlit still has its first multipage mode: when a folder named ``pages/`` sits
beside the entry script, a fresh server process (and every AppTest run) opens a
deep link such as ``/quiz`` by running ``pages/quiz.py`` on its own, skipping
``app.py`` (no language switch, no URL checks, legacy navigation) until some
session has called ``st.navigation``. Our design keeps the ``pages/`` folder, so
each page calls :func:`ensure_frame` first: when ``app.py`` is not running
around it, the page runs ``app.py`` instead, which sets up the session and the
navigation and then runs this same page inside it.
"""

from __future__ import annotations

import runpy
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

APP = Path(__file__).resolve().parent.parent / "app.py"
PAGES = (
    ("home", ":material/home:"),
    ("quiz", ":material/quiz:"),
    ("results", ":material/insights:"),
    ("planner", ":material/savings:"),
    ("about", ":material/info:"),
    ("cohort", ":material/groups:"),
)
PAGE_NAMES = tuple(name for name, _ in PAGES)
_frames = threading.local()  # Streamlit runs each session's script on its own thread


RUN_TIMES: deque[float] = deque(maxlen=1000)  # seconds per script run; read by bench/


@contextmanager
def frame() -> Iterator[None]:
    """Mark the code inside as running within app.py (used by app.py only), and time the run."""
    _frames.depth = getattr(_frames, "depth", 0) + 1
    start = time.perf_counter()
    try:
        yield
    finally:
        _frames.depth -= 1
        RUN_TIMES.append(time.perf_counter() - start)


def ensure_frame() -> None:
    """If this page was started without app.py, run app.py (which runs the page) and stop."""
    if getattr(_frames, "depth", 0):
        return
    runpy.run_path(str(APP), run_name="__main__")
    st.stop()
