"""The planner's "use your own rate data" panel for coaches.

A refit costs seconds of CPU, so one session refits at most once every ``COOLDOWN_S`` seconds,
and the whole server process refits one file at a time with a pause after each, and each client
address at most once every 10 s (``ui.models.RefitGate``); a file that has to wait is checked
when the coach presses "Check the file" (or changes anything) after the pause. Cheap checks
(format, columns, values) are never delayed.

Once a file has been checked (taken or refused) the server forgets its bytes
(:func:`_drop_bytes`): the session keeps the fitted model or the error, not the file, so
uploads no longer pile up in memory for as long as the session lives.
"""

from __future__ import annotations

import math
import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
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
from ui.tables import shown

FILE = "rates.file"  # the uploader widget's key prefix (plus a reset counter)
RESETS = "rates.resets"  # bumped to give the uploader a new key, which empties it
ERROR = "rates.error"  # the last rejected file: (error key, error params, file id)
LAST_FIT = "rates.last_fit"  # time.monotonic() when this session's last refit ended
WAITING = "rates.waiting"  # seconds left before the chosen file can be refitted
WAIT_BUSY = "rates.wait_busy"  # the wait is the server's (other files), not this session's
COOLDOWN_S = 10.0  # a 10,000-row refit takes about 4 s of CPU on one thread
EMPTIED = "rates.emptied"  # (the upload in use, time) when the uploader was last emptied


def _forget() -> None:
    """Back to the sample data: drop the accepted upload and any error."""
    st.session_state.pop(models.UPLOAD, None)
    st.session_state.pop(ERROR, None)
    st.session_state.pop(WAITING, None)


def _on_change(key: str) -> None:
    """The uploader changed: a removed file means back to the sample data.

    A browser that replaces the file empties the uploader first, and the new file may take
    many seconds to arrive on a slow network (a 1 MB file on Slow 4G: 11.6 s); the upload in use
    is kept aside until the next file is checked, so that a rejected replacement gives it back
    however long it took (issue 20, finding 6)."""
    if st.session_state.get(key) is None:
        chosen = models.upload()
        _forget()
        if chosen is not None:
            st.session_state[EMPTIED] = (chosen, time.monotonic())


def _restore_replaced() -> None:
    """A rejected file after the uploader was emptied: the upload in use before stays."""
    emptied = st.session_state.pop(EMPTIED, None)
    if emptied:
        st.session_state[models.UPLOAD] = emptied[0]


def _drop_bytes(file: UploadedFile) -> None:
    """Forget a checked file's bytes on the server (issue 20, finding 4): Streamlit keeps every
    uploaded file of a session until the session ends, used or not. The uploader in the browser
    still shows the file's name; removing it there works as before."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.uploaded_file_mgr.remove_file(ctx.session_id, file.file_id)


def _back_to_sample() -> None:
    """The button: forget the upload and empty the uploader, so the file is not taken again."""
    _forget()
    st.session_state.pop(EMPTIED, None)
    st.session_state[RESETS] = st.session_state.get(RESETS, 0) + 1


def _wait_left() -> float:
    """Seconds until this session may refit again (0 when it may now)."""
    last = st.session_state.get(LAST_FIT)
    return 0.0 if last is None else max(0.0, COOLDOWN_S - (time.monotonic() - last))


def _reject(exc: RateDataError, file: UploadedFile) -> None:
    st.session_state[ERROR] = (exc.key, exc.params, file.file_id)
    _restore_replaced()
    _drop_bytes(file)


def _wait(seconds: float, busy: bool) -> None:
    """The chosen file must wait ``seconds``; the upload in use (if being replaced) stays."""
    st.session_state[WAITING] = max(1, math.ceil(seconds))
    st.session_state[WAIT_BUSY] = busy
    emptied = st.session_state.get(EMPTIED)
    if emptied:  # a replacement that must wait: the upload in use stays until then
        st.session_state[models.UPLOAD] = emptied[0]


def _accept(file: UploadedFile, lang: str) -> None:
    """Validate and fit a newly chosen file; keep the current data if it is rejected.

    The refit waits (``WAITING`` is set, nothing else changes) while the session's last refit
    is under ``COOLDOWN_S`` seconds old, or the process or this address may not refit yet."""
    st.session_state.pop(WAITING, None)
    data = file.getvalue()
    try:
        read_upload(data)  # cheap checks first: a bad file is explained at once
    except RateDataError as exc:
        _reject(exc, file)
        return
    wait = _wait_left()
    if wait > 0:
        _wait(wait, busy=False)
        return
    try:
        with st.spinner(t("rates.fitting", lang)):
            fitted = models.refit(data)
    except RateDataError as exc:
        st.session_state[LAST_FIT] = time.monotonic()
        _reject(exc, file)
        return
    if isinstance(fitted, float):
        _wait(fitted, busy=True)
        return
    st.session_state[LAST_FIT] = time.monotonic()
    model, missing = fitted
    st.session_state[models.UPLOAD] = models.Upload(
        clean_name(file.name) or "CSV", model, missing, file.file_id
    )
    st.session_state.pop(ERROR, None)
    st.session_state.pop(EMPTIED, None)
    _drop_bytes(file)


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
            wait_key = "rates.wait_busy" if st.session_state.get(WAIT_BUSY) else "rates.wait"
            st.warning(
                t(wait_key, lang, seconds=st.session_state[WAITING]), icon=":material/timer:"
            )
            st.button(t("rates.check_now", lang), icon=":material/refresh:")
        if error:
            params = {name: shown(value) for name, value in error[1].items()}
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
            name=shown(chosen.name),
            count=chosen.model.rows,
            rows=number(chosen.model.rows, lang),
        )
    rows = models.sample_model().rows
    return t("rates.using_sample", lang, count=rows, rows=number(rows, lang))
