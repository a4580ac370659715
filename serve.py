"""Server entry: ``streamlit run serve.py`` serves app.py and warms the model at start.

Two small ASGI middlewares contain problems of Streamlit 1.67's own web server at our layer
(README, "Security": reported upstream):

- :class:`UploadCaps` bounds the memory uploads hold. Streamlit keeps every file a session sends
  to ``/_stcore/upload_file/<session>/<file>`` (any file id the sender makes up) until the session
  ends. Here a session keeps at most ``SESSION_FILES`` files (its newest) and the process at most
  ``PROCESS_UPLOAD_BYTES`` (the oldest files anywhere go first).
- :class:`SameOriginStream` refuses a WebSocket whose ``Origin`` is another site before
  Streamlit sees it: Streamlit's check would look up this machine's own address on the internet
  (two blocking calls with 1 s timeouts on the event loop, repeated while they fail).

Readiness: ``/_sahayak/ready`` answers 200 only once this process is warm (the sample model
fitted, the chart code imported, the long-lived objects frozen), 503 before. The image's
HEALTHCHECK, compose and the Kubernetes readinessProbe use it, so no visitor is sent to a process
that would make them wait for the fit; liveness stays on Streamlit's ``/_stcore/health``.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_FILES = 2  # the file in use and its replacement
PROCESS_UPLOAD_BYTES = 32 * 1024 * 1024  # all sessions' uploads together (32 files of 1 MiB)
_UPLOAD_PATH = re.compile(r"/_stcore/upload_file/([^/]+)/([^/]+)$")
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})


def _upload_manager() -> Any:
    """Streamlit's uploaded-file manager (the running runtime's)."""
    from streamlit.runtime import Runtime

    return Runtime.instance().uploaded_file_mgr


class UploadCaps:
    """Bound the bytes uploads hold: per session (``SESSION_FILES``) and per process
    (``PROCESS_UPLOAD_BYTES``), by forgetting the oldest files before a new one is taken."""

    def __init__(self, app: ASGIApp, manager: Callable[[], Any] = _upload_manager) -> None:
        self.app = app
        self._manager = manager
        self._lock = threading.Lock()
        self._files: OrderedDict[tuple[str, str], int] = OrderedDict()  # oldest first

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _UPLOAD_PATH.search(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None or scope.get("method") != "PUT":
            await self.app(scope, receive, send)
            return
        key = (match[1], match[2])
        self._make_room(key)
        status = 0

        async def sent(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, sent)
        if status == 204:
            self._taken(key)

    def _present(self, manager: Any, key: tuple[str, str]) -> int | None:
        """The file's size if Streamlit still holds it, else None."""
        files = manager.get_files(key[0], [key[1]])
        return len(files[0].data) if files else None

    def _make_room(self, key: tuple[str, str]) -> None:
        """Before a new file of session ``key[0]``: keep its newest ``SESSION_FILES - 1``, and
        leave room for 1 MiB under the process cap (oldest files anywhere go first)."""
        manager = self._manager()
        with self._lock:
            for old in list(self._files):  # forget what Streamlit already dropped
                if old == key or self._present(manager, old) is None:
                    self._files.pop(old, None)
            mine = [old for old in self._files if old[0] == key[0]]
            for old in mine[: max(0, len(mine) - (SESSION_FILES - 1))]:
                manager.remove_file(*old)
                self._files.pop(old)
            total = sum(self._files.values())
            while self._files and total + 1024 * 1024 > PROCESS_UPLOAD_BYTES:
                old, size = self._files.popitem(last=False)
                manager.remove_file(*old)
                total -= size

    def _taken(self, key: tuple[str, str]) -> None:
        manager = self._manager()
        with self._lock:
            size = self._present(manager, key)
            if size is not None:
                self._files[key] = size


def _host_name(netloc: str) -> str:
    return (urlsplit(f"//{netloc}").hostname or "").lower()


def origin_allowed(origin: str | None, host: str | None, allowed: tuple[str, ...] = ()) -> bool:
    """Streamlit's WebSocket origin rule without its look-ups of this machine's own address:
    no Origin, the same host and port, a local name, or one of ``server.corsAllowedOrigins``."""
    if origin is None:
        return True
    netloc = urlsplit(origin).netloc.lower()
    if host is not None and netloc == host.lower():
        return True
    name = _host_name(netloc)
    return name in _LOCAL_HOSTS or name in {_host_name(urlsplit(a).netloc) for a in allowed}


class SameOriginStream:
    """Refuse a cross-site WebSocket to ``/_stcore/stream`` before Streamlit's own check, which
    would block the event loop looking up the server's address on the internet."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope.get("path", "").endswith("/_stcore/stream"):
            headers = {
                k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]
            }
            from streamlit import config

            allowed = tuple(config.get_option("server.corsAllowedOrigins") or ())
            enforced = config.get_option("server.enableCORS")
            if enforced and not origin_allowed(headers.get("origin"), headers.get("host"), allowed):
                await send({"type": "websocket.close", "code": 1008})
                return
        await self.app(scope, receive, send)


def check_data() -> None:
    """Refuse to start, with a message that names the file and the problem, when the rate file
    or the question bank the app reads cannot be used: a coach's copy mounts its own over
    ``/app/data/sample_rates.csv`` and ``/app/data/questions.toml`` (README, "Deploying"), and
    sets the language plain visits open in with ``SAHAYAK_LANG`` (``en`` or ``hi``)."""
    from model.quiz import BANK_PATH, load_bank
    from model.rates import RATES_PATH, load_rates

    for path, load in ((RATES_PATH, load_rates), (BANK_PATH, load_bank)):
        try:
            load()
        except (OSError, UnicodeError, ValueError) as error:  # RateDataError, BankError
            where = path.relative_to(path.parent.parent)
            sys.exit(f"Sahayak cannot start: {where} cannot be used: {error}")
    from model.i18n import SITE_LANGUAGE_VAR, site_language

    try:
        site_language(os.environ.get(SITE_LANGUAGE_VAR))
    except ValueError as error:
        sys.exit(f"Sahayak cannot start: {error}")


READY_PATH = "/_sahayak/ready"
READY = threading.Event()  # set once this process is warm


def _get_warm() -> None:
    """Wait for the warm-up thread, then make sure its work is in the cache (a failed warm-up
    is retried here once; if that fails too the process never reports ready), import the pages'
    code and freeze the libraries' objects, so that the first visitor finds all of it done."""
    from ui import models

    models.warm_in_background().join()
    models.sample_model()  # cached by now: returns at once (or fits, if the thread failed)
    from model.ids import CATEGORIES, TIERS

    models.sample_bands(CATEGORIES[0], TIERS[0])  # all 42 bands, computed once
    # the modules the pages import (the planner's are the heaviest first open)
    from model.fmt import inr, inr_compact, percent
    from model.i18n import t
    from ui import inputs, planner_view, plots, rates, routing, share, state, tables  # noqa: F401

    for lang in ("en", "hi"):  # both catalogs and Babel's number data for both locales
        t("planner.title", lang)
        inr(123456.0, lang), inr_compact(123456.0, lang), percent(0.5, lang)

    models.freeze_long_lived()
    READY.set()


async def ready(_request: Request) -> PlainTextResponse:
    """200 "ready" once the process is warm, else 503 "warming" (no caching either way)."""
    headers = {"Cache-Control": "no-store"}
    if READY.is_set():
        return PlainTextResponse("ready", headers=headers)
    return PlainTextResponse("warming", status_code=503, headers=headers)


@asynccontextmanager
async def _warm(_app: st.App) -> AsyncIterator[None]:
    threading.Thread(target=_get_warm, name="sahayak-ready", daemon=True).start()
    yield


check_data()
app = st.App(
    "app.py",
    lifespan=_warm,
    routes=[Route(READY_PATH, ready, methods=["GET", "HEAD"])],
    middleware=[Middleware(SameOriginStream), Middleware(UploadCaps)],
)
