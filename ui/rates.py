"""The planner's "use your own rate data" panel for coaches.

A refit costs seconds of CPU, so one session refits at most once every ``COOLDOWN_S`` seconds
and never two at once; a file that has to wait is checked when the coach presses "Check the
file" (or changes anything) after the pause. Cheap checks (format, columns, values) are never
delayed.
"""

from __future__ import annotations

import math
import threading
import time

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from model.fmt import inr, number, percent
from model.i18n import t
from model.planner import clean_name
from model.rates import (
    MAX_ROWS,
    MAX_UPLOAD_MB,
    MIN_ROWS,
    RateDataError,
    read_upload,
)
from ui import models
from ui.chrome import plain

FILE = "rates.file"  # the uploader widget's key prefix (plus a reset counter)
RESETS = "rates.resets"  # bumped to give the uploader a new key, which empties it
ERROR = "rates.error"  # the last rejected file: (error key, error params, file id)
LAST_FIT = "rates.last_fit"  # time.monotonic() when this session's last refit ended
BUSY = "rates.busy"  # a lock held while this session refits
WAITING = "rates.waiting"  # seconds left before the chosen file can be refitted
COOLDOWN_S = 10.0  # a 10,000-row refit takes about 4 s of CPU on one thread
EMPTIED = "rates.emptied"  # (the upload in use, time) when the uploader was last emptied
REPLACE_S = 5.0  # a browser choosing a new file empties the uploader first, then uploads it


def _forget() -> None:
    """Back to the sample data: drop the accepted upload and any error."""
    st.session_state.pop(models.UPLOAD, None)
    st.session_state.pop(ERROR, None)
    st.session_state.pop(WAITING, None)


def _on_change(key: str) -> None:
    """The uploader changed: a removed file means back to the sample data.

    A browser that replaces the file empties the uploader first; the upload in use is kept
    aside for ``REPLACE_S`` seconds so that a rejected replacement can give it back."""
    if st.session_state.get(key) is None:
        chosen = models.upload()
        _forget()
        if chosen is not None:
            st.session_state[EMPTIED] = (chosen, time.monotonic())


def _restore_replaced() -> None:
    """A rejected file right after the uploader was emptied: the upload in use stays."""
    emptied = st.session_state.pop(EMPTIED, None)
    if emptied and time.monotonic() - emptied[1] < REPLACE_S:
        st.session_state[models.UPLOAD] = emptied[0]


def _back_to_sample() -> None:
    """The button: forget the upload and empty the uploader, so the file is not taken again."""
    _forget()
    st.session_state.pop(EMPTIED, None)
    st.session_state[RESETS] = st.session_state.get(RESETS, 0) + 1


def _wait_left() -> float:
    """Seconds until this session may refit again (0 when it may now)."""
    last = st.session_state.get(LAST_FIT)
    return 0.0 if last is None else max(0.0, COOLDOWN_S - (time.monotonic() - last))


def _session_lock() -> threading.Lock:
    """This session's refit lock (made on first use)."""
    lock = st.session_state.get(BUSY)
    if not isinstance(lock, type(threading.Lock())):
        lock = st.session_state[BUSY] = threading.Lock()
    return lock


def _reject(exc: RateDataError, file: UploadedFile) -> None:
    st.session_state[ERROR] = (exc.key, exc.params, file.file_id)
    _restore_replaced()


def _accept(file: UploadedFile, lang: str) -> None:
    """Validate and fit a newly chosen file; keep the current data if it is rejected.

    The refit waits (``WAITING`` is set, nothing else changes) while the session's last refit
    is under ``COOLDOWN_S`` seconds old or still running."""
    st.session_state.pop(WAITING, None)
    data = file.getvalue()
    try:
        read_upload(data)  # cheap checks first: a bad file is explained at once
    except RateDataError as exc:
        _reject(exc, file)
        return
    lock = _session_lock()
    wait = _wait_left()
    if wait > 0 or not lock.acquire(blocking=False):
        st.session_state[WAITING] = math.ceil(wait) or int(COOLDOWN_S)
        emptied = st.session_state.get(EMPTIED)
        if emptied:  # a replacement that must wait: the upload in use stays until then
            st.session_state[models.UPLOAD] = emptied[0]
        return
    try:
        with st.spinner(t("rates.fitting", lang)):
            model, missing = models.fit_upload(data)
    except RateDataError as exc:
        _reject(exc, file)
        return
    finally:
        st.session_state[LAST_FIT] = time.monotonic()
        lock.release()
    st.session_state[models.UPLOAD] = models.Upload(
        clean_name(file.name) or "CSV", model, missing, file.file_id
    )
    st.session_state.pop(ERROR, None)
    st.session_state.pop(EMPTIED, None)


def _metrics_line(lang: str) -> str:
    chosen = models.upload()
    assert chosen is not None
    m = chosen.model.metrics
    line = t(
        "rates.upload_metrics",
        lang,
        model=t(f"about.model_name_{chosen.model.name}", lang),
        r2=number(m["r2"], lang, digits=2),
        mae=inr(m["mae_inr"], lang),
        coverage=percent(100 * m["interval_coverage"], lang),
    )
    by_market = chosen.model.by_market
    if len(by_market) == 2 and all(
        math.isfinite(f["interval_coverage"]) for f in by_market.values()
    ):
        shares = {k: percent(100 * f["interval_coverage"], lang) for k, f in by_market.items()}
        line += " " + t("rates.upload_markets", lang, **shares)
    return line


def panel(lang: str) -> None:
    """Template download, uploader and the state of the session's own data."""
    chosen = models.upload()
    error = st.session_state.get(ERROR)
    with st.expander(
        t("rates.heading", lang), icon=":material/upload_file:", expanded=bool(chosen or error)
    ):
        st.caption(t("rates.lead", lang))
        st.download_button(
            t("rates.template", lang),
            models.sample_template(),
            file_name="sahayak-rates-template.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
        key = f"{FILE}.{st.session_state.get(RESETS, 0)}"
        file = st.file_uploader(
            t("rates.upload", lang),
            type=["csv", "txt", "tsv"],
            key=key,
            on_change=_on_change,
            args=(key,),
            max_upload_size=MAX_UPLOAD_MB,
            help=t(
                "rates.upload_help",
                lang,
                min=MIN_ROWS,
                max=number(MAX_ROWS, lang),
                mb=MAX_UPLOAD_MB,
            ),
        )
        seen = {chosen.file_id if chosen else None, error[2] if error else None}
        if file is not None and file.file_id not in seen:
            _accept(file, lang)
            chosen, error = models.upload(), st.session_state.get(ERROR)
        if file is not None and st.session_state.get(WAITING):
            st.warning(
                t("rates.wait", lang, seconds=st.session_state[WAITING]), icon=":material/timer:"
            )
            st.button(t("rates.check_now", lang), icon=":material/refresh:")
        if error:
            params = {name: plain(value) for name, value in error[1].items()}
            problem = RateDataError(error[0], **params).message(lang)
            st.error(t("rates.rejected", lang, problem=problem), icon=":material/error:")
        if chosen:
            st.caption(_metrics_line(lang) + " " + t("rates.upload_models", lang))
            if chosen.missing:
                cells = ", ".join(
                    f"{t(f'cat.{c}.label', lang)} · {t(f'tier.{tr}.name', lang)}"
                    for c, tr in chosen.missing[:6]
                ) + (" …" if len(chosen.missing) > 6 else "")
                st.warning(t("rates.missing_cells", lang, cells=cells), icon=":material/warning:")
            st.button(
                t("rates.back_to_sample", lang), icon=":material/undo:", on_click=_back_to_sample
            )


def source_line(lang: str) -> str:
    """Which data the projections on screen come from."""
    chosen = models.upload()
    if chosen:
        return t(
            "rates.using_upload",
            lang,
            name=plain(chosen.name),
            count=chosen.model.rows,
            rows=number(chosen.model.rows, lang),
        )
    rows = models.sample_model().rows
    return t("rates.using_sample", lang, count=rows, rows=number(rows, lang))
