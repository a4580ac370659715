"""Per-session state: language, quiz form, answers and one-shot notices.

Session state is the single source of truth while a session lives, and the page's address
holds a copy of it: at the end of every run :func:`write_address` puts the language, the quiz
form and part, the answers, the planner settings and the saved plans into the address bar (the
same parameters as a share link, ``model.links``), replacing the address in place. A reload, a
tab the phone restored, a reconnect after a long network gap (Streamlit forgets a disconnected
session after two minutes), a restart or another server process all start a new session, which
reads the address once (:func:`start_session`) and reopens exactly where the person was.
Anything in an address that does not fit is ignored with a notice. Nothing is written to disk.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st

from model import links
from model.i18n import SITE_LANGUAGE_VAR, normalize_lang, site_language, t
from model.ids import DEFAULT_FORM, DEFAULT_LANGUAGE, FORMS
from model.planner import FIELDS, Plan, Scenario, add_scenario, make_scenario, starting_plan
from model.quiz import ADAPTIVE, Assessment, QuestionBank, clean_answers, load_bank
from ui import models

LANG = "lang"
FORM = "form"
ANSWERS = "answers"
STEP = "quiz_step"
ADAPTIVE_POS = "quiz_adaptive_pos"  # ui/adaptive.py: the earlier question gone back to, or None
NOTICES = "notices"
PLAN = "plan."  # planner widget keys: plan.<field name>
SCENARIOS = "scenarios"
COACH = "coach"  # a coach's link (model.links: ``coach`` and ``cwa``): (name, number or None)
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
    state.setdefault(LANG, link.lang or _site_language())
    state.setdefault(FORM, link.form or DEFAULT_FORM)
    state.setdefault(ANSWERS, link.answers or {})
    state.setdefault(STEP, 0)
    if link.part is not None:  # a reload mid-quiz: the same part (or adaptive question)
        state[ADAPTIVE_POS if state[FORM] == ADAPTIVE else STEP] = link.part
    for name, value in link.plan.items():
        state[f"{PLAN}{name}"] = value
    if link.scenarios:
        _restore_scenarios(link.scenarios, lang())
    if link.coach:
        state[COACH] = (link.coach, link.coach_wa)
    state[NOTICES] = _link_notices(link.ignored)


def _site_language() -> str:
    """The hosted copy's language for visits without ``lang`` (serve.py refuses a bad one)."""
    try:
        return site_language(os.environ.get(SITE_LANGUAGE_VAR))
    except ValueError:
        return DEFAULT_LANGUAGE


def _stored_plan() -> dict[str, object]:
    """The planner inputs this session has set (opened the planner, or came with a link)."""
    return {
        name: st.session_state[f"{PLAN}{name}"]
        for name in FIELDS
        if f"{PLAN}{name}" in st.session_state
    }


def quiz_part() -> int | None:
    """Where the person is in the quiz (0-based), or None at the start (or, on the adaptive
    form, at the next new question)."""
    key = ADAPTIVE_POS if form() == ADAPTIVE else STEP
    value = st.session_state.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value if value or form() == ADAPTIVE else None


def address(lang: str) -> dict[str, str | list[str]]:
    """The query parameters that reopen this session as it is now: a share link's (answers,
    planner settings, saved plans) plus the quiz form and part. A fresh visitor's is just
    ``lang``; the link version goes in only with answers or saved plans, which it reads."""
    saved = scenarios()
    given = answers()
    coach_name, coach_wa = coach()
    params = links.encode(
        lang=lang,
        form=form() if form() != DEFAULT_FORM else None,
        answers=given,
        plan=_stored_plan() or None,
        scenarios=[(s.name, s.plan) for s in saved],
        default_name=lambda n: t("planner.scenario_default", lang, number=n),
        part=quiz_part(),
        coach=coach_name,
        coach_wa=coach_wa,
    )
    if not given and not saved:
        params.pop(links.VERSION, None)
    return params


def write_address(lang: str) -> None:
    """Put :func:`address` in the address bar if it differs from what is there. Streamlit
    would add a history entry for each change; the page's history shim (ui/chrome.py) makes a
    change of the query alone replace the entry, so Back still leaves the page."""
    want = {k: v if isinstance(v, list) else [v] for k, v in address(lang).items()}
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    if want != have:
        st.query_params.from_dict(want)


def has_anything() -> bool:
    """Whether this session holds anything a person entered (answers, plans, settings)."""
    return bool(answers() or scenarios() or _stored_plan())


def forget_everything() -> None:
    """Clear answers, planner settings and saved plans (a shared phone); the address follows
    at the end of the run."""
    clear_answers()
    st.session_state[SCENARIOS] = []
    st.session_state[ADAPTIVE_POS] = None
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(PLAN)]:
        del st.session_state[key]


def plan_values(result: Assessment | None = None) -> dict[str, object]:
    """The planner inputs of this session (defaults for those not set yet). Before the
    planner has been opened, the quiz ``result`` supplies where the person starts, as the
    planner itself would (:func:`seed_planner`)."""
    values = {
        name: st.session_state.get(f"{PLAN}{name}", spec.default) for name, spec in FIELDS.items()
    }
    for name, value in starting_plan(result).items():
        if f"{PLAN}{name}" not in st.session_state:
            values[name] = value
    return values


def seed_planner(result: Assessment | None) -> None:
    """Before the planner's widgets are drawn: each input the session has no value for yet
    starts where this person would (``model.planner.starting_plan``: their situation, their
    level, a confident result's kind of work); values from a link or the address stay."""
    for name, value in starting_plan(result).items():
        st.session_state.setdefault(f"{PLAN}{name}", value)


def coach() -> tuple[str | None, str | None]:
    """The coach this session came from (a coach's link): their name and WhatsApp number
    (either may be None). Every link the person makes carries them on."""
    value = st.session_state.get(COACH)
    if isinstance(value, tuple) and len(value) == 2:
        name = links.clean_coach(value[0])
        return (name, links.clean_phone(value[1]) if name else None)
    return (None, None)


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
