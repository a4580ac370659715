"""The quiz: one part at a time (or, on the adaptive form, one question at a time, drawn by
ui/adaptive.py), with progress, back/next and answers kept across languages."""

import streamlit as st

from model.i18n import t
from model.ids import FORMS
from model.quiz import ADAPTIVE, Question, moot, steps
from ui import adaptive as adaptive_view
from ui import chrome, routing, state

routing.ensure_frame()

lang = state.lang()
bank = state.bank()
answers = state.answers()


def _store(question_id: str, widget_key: str) -> None:
    state.set_answer(question_id, st.session_state.get(widget_key))


def _go(step: int) -> None:
    st.session_state[state.STEP] = step
    st.session_state["_scroll_top"] = True


def _question(number: int, question: Question) -> None:
    option_ids = [o.id for o in question.options]
    chosen = answers.get(question.id)
    key = f"q.{lang}.{question.id}"
    with st.container(border=True):
        shown = st.radio(
            f"**{number}.** {question.text(lang)}",
            options=option_ids,
            index=option_ids.index(chosen) if chosen in option_ids else None,
            format_func=lambda oid, q=question: q.option(oid).text(lang),
            key=key,
            on_change=_store,
            args=(question.id, key),
        )
    if shown is not None and shown != chosen:
        # A tap that reached a new session (after a long network gap or a restart) came with
        # the browser's widget values but ran no callback: keep it like any other answer.
        state.set_answer(question.id, shown)
        st.rerun()  # once, so the progress drawn above counts it


st.title(t("quiz.title", lang))
form = st.segmented_control(
    t("quiz.form_label", lang),
    options=list(FORMS),
    default=state.form(),
    format_func=lambda f: t(f"quiz.form_{f}", lang),
    required=True,
    key=f"form_pick.{lang}",
    help=t("quiz.form_switch_note", lang),
)
if form in FORMS and form != state.form():
    st.session_state[state.FORM] = form
if state.form() == ADAPTIVE:
    adaptive_view.render(lang, bank, answers)
else:
    questions = bank.questions(state.form())
    parts = steps(questions)
    step = min(max(int(st.session_state.get(state.STEP) or 0), 0), len(parts) - 1)
    st.session_state[state.STEP] = step

    skip = moot(answers, bank)  # experience items that "not yet" made needless
    chrome.quiz_progress(lang, [q for q in questions if q.id not in skip], answers)

    part = parts[step]
    kind = part[0].kind
    st.caption(t("quiz.step", lang, step=step + 1, steps=len(parts)))
    st.subheader(t(f"quiz.section.{kind}.title", lang))
    if step == 0:
        st.caption(t("quiz.intro", lang))
    if step == 0 or parts[step - 1][0].kind != kind:
        st.write(t(f"quiz.section.{kind}.intro", lang))

    first_number = sum(len(p) for p in parts[:step]) + 1
    for offset, question in enumerate(part):
        if question.id not in skip:
            _question(first_number + offset, question)
    if all(q.id in skip for q in part):
        st.info(t("quiz.moot_part", lang), icon=":material/skip_next:")

    skipped = sum(
        1 for q in part if q.id not in answers and q.kind != "context" and q.id not in skip
    )
    if skipped and st.session_state.get("_tried_next") == step:
        st.warning(t("quiz.unanswered", lang, count=skipped), icon=":material/edit:")

    back, forward = st.columns(2)
    if step > 0:
        back.button(
            t("quiz.back", lang),
            icon=":material/arrow_back:",
            width="stretch",
            on_click=_go,
            args=(step - 1,),
        )
    last = step == len(parts) - 1
    if forward.button(
        t("quiz.finish" if last else "quiz.next", lang),
        icon=":material/check:" if last else ":material/arrow_forward:",
        type="primary",
        width="stretch",
    ):
        if skipped and st.session_state.get("_tried_next") != step:
            st.session_state["_tried_next"] = step
            st.rerun()
        st.session_state["_tried_next"] = None
        if last:
            st.switch_page("pages/results.py", query_params={state.LANG: lang})
        _go(step + 1)
        st.rerun()

    if st.session_state.pop("_scroll_top", False):
        chrome.scroll_to_top()

with st.expander(t("quiz.restart", lang)):
    if st.button(t("quiz.restart", lang), type="tertiary", icon=":material/delete:"):
        state.clear_answers()
        state.add_notice("quiz.restart_done")
        st.rerun()
