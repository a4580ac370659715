"""The planner's "use your own rate data" panel for coaches."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from model.fmt import inr, number, percent
from model.i18n import t
from model.planner import clean_name
from model.rates import MAX_ROWS, MAX_UPLOAD_MB, MIN_ROWS, RateDataError, template_csv
from ui import models
from ui.chrome import md_escape

FILE = "rates.file"  # the uploader widget's key prefix (plus a reset counter)
RESETS = "rates.resets"  # bumped to give the uploader a new key, which empties it
ERROR = "rates.error"  # the last rejected file: (error key, error params, file id)


def _forget() -> None:
    """Back to the sample data: drop the accepted upload and any error."""
    st.session_state.pop(models.UPLOAD, None)
    st.session_state.pop(ERROR, None)


def _on_change(key: str) -> None:
    """The uploader changed: a removed file means back to the sample data."""
    if st.session_state.get(key) is None:
        _forget()


def _back_to_sample() -> None:
    """The button: forget the upload and empty the uploader, so the file is not taken again."""
    _forget()
    st.session_state[RESETS] = st.session_state.get(RESETS, 0) + 1


def _accept(file: UploadedFile, lang: str) -> None:
    """Validate and fit a newly chosen file; keep the current data if it is rejected."""
    try:
        with st.spinner(t("rates.fitting", lang)):
            model, missing = models.fit_upload(file.getvalue())
    except RateDataError as exc:
        st.session_state[ERROR] = (exc.key, exc.params, file.file_id)
        return
    st.session_state[models.UPLOAD] = models.Upload(
        clean_name(file.name) or "CSV", model, missing, file.file_id
    )
    st.session_state.pop(ERROR, None)


def _metrics_line(lang: str) -> str:
    chosen = models.upload()
    assert chosen is not None
    m = chosen.model.metrics
    return t(
        "rates.upload_metrics",
        lang,
        model=t(f"about.model_name_{chosen.model.name}", lang),
        r2=number(m["r2"], lang, digits=2),
        mae=inr(m["mae_inr"], lang),
        coverage=percent(100 * m["interval_coverage"], lang),
    )


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
            template_csv(models.sample_rates()),
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
        if error:
            problem = RateDataError(error[0], **error[1]).message(lang)
            st.error(t("rates.rejected", lang, problem=md_escape(problem)), icon=":material/error:")
        if chosen:
            st.caption(_metrics_line(lang))
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
            name=md_escape(chosen.name),
            count=chosen.model.rows,
            rows=number(chosen.model.rows, lang),
        )
    rows = models.sample_model().rows
    return t("rates.using_sample", lang, count=rows, rows=number(rows, lang))
