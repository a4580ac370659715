"""Per-session state: language, quiz form, answers and one-shot notices.

Session state is the single source of truth. The URL is read once, when a
session starts (a coach's link may preset ``lang`` and ``form``); anything in
it that does not fit is ignored with a notice. Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from model.i18n import normalize_lang
from model.ids import DEFAULT_FORM, DEFAULT_LANGUAGE, FORMS
from model.quiz import QuestionBank, clean_answers, load_bank

LANG = "lang"
FORM = "form"
ANSWERS = "answers"
STEP = "quiz_step"
NOTICES = "notices"
_STARTED = "_started"


def _first(value: Any) -> str | None:
    """A query parameter's single value (the first one if repeated)."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def start_session(params: Mapping[str, Any]) -> None:
    """On a session's first run, take ``lang`` and ``form`` from the URL, with notices."""
    state = st.session_state
    if state.get(_STARTED):
        return
    state[_STARTED] = True
    state.setdefault(ANSWERS, {})
    state.setdefault(STEP, 0)
    notices: list[tuple[str, dict[str, str]]] = []
    raw_lang = _first(params.get(LANG))
    lang = normalize_lang(raw_lang)
    if raw_lang is not None and lang is None:
        notices.append(("notice.bad_lang", {}))
    state.setdefault(LANG, lang or DEFAULT_LANGUAGE)
    raw_form = _first(params.get(FORM))
    form = raw_form.strip().lower() if raw_form else None
    if raw_form is not None and form not in FORMS:
        notices.append(("notice.bad_form", {}))
        form = None
    state.setdefault(FORM, form or DEFAULT_FORM)
    state[NOTICES] = notices


def lang() -> str:
    """The session's language id."""
    value = st.session_state.get(LANG)
    return value if normalize_lang(value) else DEFAULT_LANGUAGE


def set_lang(value: str) -> None:
    """Switch language; answers and everything else stay as they are."""
    st.session_state[LANG] = normalize_lang(value) or DEFAULT_LANGUAGE


def form() -> str:
    """The chosen quiz form ("short" or "full")."""
    value = st.session_state.get(FORM)
    return value if value in FORMS else DEFAULT_FORM


def bank() -> QuestionBank:
    """The question bank (parsed once per process and file version)."""
    return load_bank()


def answers() -> dict[str, str]:
    """The session's answers (question id -> option id), cleaned against the bank.

    If anything stored no longer fits the bank (for example after the bank was
    edited), it is dropped once, with a notice, and the rest is kept.
    """
    stored = st.session_state.get(ANSWERS)
    if not isinstance(stored, dict):
        stored = {}
    clean = clean_answers(stored, bank())
    if clean != stored:
        add_notice("notice.bad_state")
    st.session_state[ANSWERS] = clean
    return clean


def set_answer(question_id: str, option_id: str | None) -> None:
    """Record one answer (None removes it)."""
    current = dict(answers())
    if option_id is None:
        current.pop(question_id, None)
    else:
        current[question_id] = option_id
    st.session_state[ANSWERS] = clean_answers(current, bank())


def clear_answers() -> None:
    """Forget every answer and every quiz widget's state; back to the first step."""
    st.session_state[ANSWERS] = {}
    st.session_state[STEP] = 0
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("q.")]:
        del st.session_state[key]


def add_notice(key: str, **params: str) -> None:
    """Queue a notice (a catalog key) to show once at the top of the next page."""
    st.session_state.setdefault(NOTICES, []).append((key, params))


def pop_notices() -> list[tuple[str, dict[str, str]]]:
    """Take the queued notices (each shown once)."""
    notices = st.session_state.get(NOTICES) or []
    st.session_state[NOTICES] = []
    return list(notices)
