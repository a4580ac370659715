"""Per-session state: language, quiz form, answers and one-shot notices.

Session state is the single source of truth. The URL is read once, when a
session starts: a coach's link may preset ``lang`` and ``form``, and a share link
carries answers, planner inputs and saved plans (``model.links``). Anything in it
that does not fit is ignored with a notice. Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from model import links
from model.i18n import normalize_lang, t
from model.ids import DEFAULT_FORM, DEFAULT_LANGUAGE, FORMS
from model.planner import FIELDS, Plan, Scenario, add_scenario, make_scenario
from model.quiz import Assessment, QuestionBank, clean_answers, load_bank
from ui import models

LANG = "lang"
FORM = "form"
ANSWERS = "answers"
STEP = "quiz_step"
NOTICES = "notices"
PLAN = "plan."  # planner widget keys: plan.<field name>
SCENARIOS = "scenarios"
_STARTED = "_started"


def _link_notices(ignored: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """Notices for the parts of a link that could not be used."""
    notices: list[tuple[str, dict[str, Any]]] = []
    if LANG in ignored:
        notices.append(("notice.bad_lang", {}))
    if FORM in ignored:
        notices.append(("notice.bad_form", {}))
    parts: list[str] = []
    for part in ignored:
        if part in (LANG, FORM):
            continue
        key = links.notice_key(part)
        if key not in parts:
            parts.append(key)
    if parts:
        notices.append(("notice.link.parts", {"parts": parts}))
    return notices


def _restore_scenarios(saved: list[tuple[str, Plan]], lang: str) -> None:
    """Saved plans from a link, projected again with the sample model."""
    model = models.sample_model()
    restored: list[Scenario] = []
    for number, (name, plan) in enumerate(saved, start=1):
        label = name or t("planner.scenario_default", lang, number=number)
        restored = add_scenario(restored, make_scenario(model, label, plan))
    st.session_state[SCENARIOS] = restored


def start_session(params: Mapping[str, Any]) -> None:
    """On a session's first run, open what the URL asks for: language, quiz form, answers,
    planner inputs and saved plans (a share link), with a notice for anything unusable."""
    state = st.session_state
    if state.get(_STARTED):
        return
    state[_STARTED] = True
    models.freeze_long_lived()
    link = links.decode(params, bank())
    state.setdefault(LANG, link.lang or DEFAULT_LANGUAGE)
    state.setdefault(FORM, link.form or DEFAULT_FORM)
    state.setdefault(ANSWERS, link.answers or {})
    state.setdefault(STEP, 0)
    for name, value in link.plan.items():
        state[f"{PLAN}{name}"] = value
    if link.scenarios:
        _restore_scenarios(link.scenarios, lang())
    state[NOTICES] = _link_notices(link.ignored)


def plan_values(result: Assessment | None = None) -> dict[str, object]:
    """The planner inputs of this session (defaults for those not set yet). Before the
    planner has been opened, a confident quiz ``result`` supplies the kind of work and level,
    as the planner itself would."""
    values = {
        name: st.session_state.get(f"{PLAN}{name}", spec.default) for name, spec in FIELDS.items()
    }
    if result is not None and result.confident and f"{PLAN}category" not in st.session_state:
        values.update(category=result.category, tier=result.tier)
    return values


def scenarios() -> list[Scenario]:
    """The session's saved plans."""
    saved = st.session_state.get(SCENARIOS)
    return list(saved) if isinstance(saved, list) else []


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
