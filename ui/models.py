"""Which earnings model a session uses: the shared sample model, or its own upload's.

The sample model is fitted once per server process and shared. A coach's upload
is fitted for that session only: the fit is cached per session by the file's
bytes (re-uploading the same file does not refit) and is dropped when the
session ends. Nothing is written to disk.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model.earnings import EarningsModel, fit, load_rates
from model.ids import CATEGORIES, TIERS
from model.pay import MARKETS
from model.rates import Band, missing_cells, rate_band, read_upload, template_csv

UPLOAD = "rates.upload"  # session key: the accepted upload (an Upload)


@st.cache_resource(show_spinner=False)
def sample_rates() -> pd.DataFrame:
    """The shipped sample rate data, read once per process (treat as read-only)."""
    return load_rates()


@st.cache_resource(show_spinner=False)
def _sample_bands() -> dict[tuple[str, str, str], Band]:
    rates = sample_rates()
    return {
        (c, tr, m): rate_band(rates, c, tr, m) for c in CATEGORIES for tr in TIERS for m in MARKETS
    }


def sample_band(category: str, tier: str, market: str) -> Band:
    """``rate_band`` on the sample data, all 42 computed once per process: filtering the
    sample on every rerun was a quarter of the planner's server time (bench/load_ws.py)."""
    return _sample_bands()[(category, tier, market)]


def sample_bands(category: str, tier: str) -> dict[str, Band]:
    """The sample's band for each market (the results page and the report show both)."""
    return {market: sample_band(category, tier, market) for market in MARKETS}


@st.cache_resource(show_spinner=False)
def sample_template() -> bytes:
    """The coaches' starter file (``template_csv`` of the sample), built once per process."""
    return template_csv(sample_rates())


@st.cache_resource(show_spinner=False)
def sample_model() -> EarningsModel:
    """The model fitted once on the shipped sample data (the data never changes at run time)."""
    return fit(sample_rates())


_frozen = threading.Lock()
_warming = threading.Lock()
_warm_thread: list[threading.Thread] = []  # the one warm-up thread, once started


def warm() -> None:
    """Load what the pages need and fit the sample model into the process-wide cache."""
    import model.charts  # noqa: F401  (plotly and the chart builders, for the planner)

    sample_model()


def warm_in_background() -> threading.Thread:
    """Start :func:`warm` on a daemon thread once per process; return that thread.

    Called when this module is first imported and from ``serve.py`` when the server starts, so
    that no visitor's click waits for the sample model's fit (about 3 s of CPU, bench/). A
    session that needs the model before the thread is done waits for the same fit (the cache
    holds one lock per function), it never fits a second time.
    """
    with _warming:
        if not _warm_thread:
            thread = threading.Thread(target=warm, name="sahayak-warm", daemon=True)
            thread.start()
            _warm_thread.append(thread)
        return _warm_thread[0]


def freeze_long_lived() -> None:
    """Move everything alive now (the libraries) out of the garbage collector's view.

    Streamlit runs a full ``gc.collect(2)`` after every script run. With pandas, scikit-learn
    and plotly loaded that walks ~200,000 objects, about 120 ms of CPU per click, which
    serialised 25 concurrent users behind one another (bench/bench_app.py). Frozen objects
    are never freed by the collector, so this runs once per process, when the first session
    starts and the libraries are loaded; the sessions' own objects are collected as before.
    """
    if not _frozen.acquire(blocking=False):
        return  # done already (the lock is never released)
    import plotly.graph_objects  # noqa: F401  (loaded now so that it is frozen too)

    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class Upload:
    """A coach's accepted rate file: its name, its model and the cells it has no rows for."""

    name: str
    model: EarningsModel
    missing: tuple[tuple[str, str], ...]
    file_id: str = ""


@st.cache_resource(show_spinner=False, scope="session", max_entries=2)
def fit_upload(data: bytes) -> tuple[EarningsModel, tuple[tuple[str, str], ...]]:
    """Validate and fit an uploaded rate file, for this session only (raises RateDataError).

    Without the boosted-trees candidate: 10,000 rows cost about 1 s of CPU instead of about 6 s
    (bench/bench_warm.py); the page says so (``rates.upload_models``)."""
    table = read_upload(data)
    return fit(table, trees=False), tuple(missing_cells(table))


REFIT_GAP_MIN_S = 0.5  # the least pause between two refits in one process
REFIT_QUEUE_S = 5.0  # a refit waits this long at most for its turn, then the page says "wait"
ADDRESS_COOLDOWN_S = 10.0  # one refit per client address per 10 s (a 10,000-row refit: ~1 s)
_ADDRESSES_KEPT = 4096  # the addresses whose last refit is remembered (oldest forgotten first)
UNKNOWN_ADDRESS = ""  # no address (AppTest; a browser on the server's own machine)


class RefitGate:
    """Refits in this server process, whoever asks (issue 20, finding 3: the cool-down was per
    session, so eight tabs of one browser refitted eight times at once).

    One refit at a time in the process; after each, a pause as long as the refit's CPU time
    (at least ``REFIT_GAP_MIN_S``), so refits use at most about half of one core however many
    sessions, tabs or addresses ask. A refit waits (asleep, no CPU) up to ``REFIT_QUEUE_S`` for
    its turn. And one refit per client address every ``ADDRESS_COOLDOWN_S`` seconds, so one
    address cannot take every turn.
    """

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._busy = False
        self._free_at = 0.0
        self._last: OrderedDict[str, float] = OrderedDict()

    def _address_wait(self, address: str, now: float) -> float:
        last = self._last.get(address) if address != UNKNOWN_ADDRESS else None
        return 0.0 if last is None else ADDRESS_COOLDOWN_S - (now - last)

    def enter(self, address: str, queue_s: float = REFIT_QUEUE_S) -> float:
        """Take the refit slot for ``address`` and return 0, or return the seconds to wait
        (the address's cool-down, or the queue was longer than ``queue_s``)."""
        deadline = time.monotonic() + queue_s
        with self._turn:
            while True:
                now = time.monotonic()
                wait = self._address_wait(address, now)
                if wait > 0:
                    return wait
                turn = REFIT_GAP_MIN_S if self._busy else self._free_at - now
                if turn <= 0:
                    break
                if now >= deadline:
                    return max(turn, 1.0)
                self._turn.wait(timeout=min(turn, deadline - now))
            self._busy = True
            if address != UNKNOWN_ADDRESS:
                self._last[address] = now
                self._last.move_to_end(address)
                while len(self._last) > _ADDRESSES_KEPT:
                    self._last.popitem(last=False)
            return 0.0

    def leave(self, cpu_seconds: float) -> None:
        """Give the slot back after a refit that used ``cpu_seconds`` of CPU."""
        with self._turn:
            self._busy = False
            self._free_at = time.monotonic() + max(REFIT_GAP_MIN_S, cpu_seconds)
            self._turn.notify_all()


REFITS = RefitGate()


def address_of(peer: str | None, real_ip: str | None) -> str:
    """The client's address from the connection's peer (None: loopback) and the proxy's
    ``X-Real-IP``: a loopback or private peer is a proxy (ours, or the Kubernetes ingress
    controller in the cluster's network), so its ``X-Real-IP`` names the client; a public peer is
    the client itself (its own ``X-Real-IP`` is not believed)."""
    import ipaddress

    if peer is not None:
        try:
            proxied = ipaddress.ip_address(peer).is_private
        except ValueError:
            proxied = False
        if not proxied:
            return peer
    return (real_ip or "").strip() or peer or UNKNOWN_ADDRESS


def client_address() -> str:
    """The address a refit is counted against (:func:`address_of` of this session's
    connection). Without a proxy in front a client on the server's own network could name any
    address here: production runs behind the proxy (README)."""
    return address_of(st.context.ip_address, st.context.headers.get("X-Real-Ip"))


def refit(data: bytes) -> tuple[EarningsModel, tuple[tuple[str, str], ...]] | float:
    """Fit an upload through the process-wide gate (:class:`RefitGate`): the fit, or the whole
    seconds to wait before asking again. Raises RateDataError as :func:`fit_upload` does."""
    wait = REFITS.enter(client_address())
    if wait > 0:
        return float(math.ceil(wait))
    start = time.thread_time()
    try:
        return fit_upload(data)
    finally:
        REFITS.leave(time.thread_time() - start)


def upload() -> Upload | None:
    """The session's accepted upload, if any."""
    value = st.session_state.get(UPLOAD)
    return value if isinstance(value, Upload) else None


def current() -> EarningsModel:
    """The model this session's projections use."""
    chosen = upload()
    return chosen.model if chosen else sample_model()


# Imported by serve.py when the server starts (and by app.py on the first run otherwise).
warm_in_background()
