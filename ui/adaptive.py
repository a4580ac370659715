"""The quick (adaptive) quiz on screen: one question at a time, chosen by ``model.adaptive``.

The answers live in the session's answers like any form's, so switching language or form
keeps them. Where the person is sits in ``POS``: None means "at the next new question";
a number is the place, in the order the quiz asked them (``model.adaptive.order``), of an
earlier question they went back to. Changing an earlier answer re-plans what follows: the next
questions are chosen again from all the answers. No answer is dropped (issue 20, finding 5:
the re-plan used to keep only the answers on the new path, so someone who had filled in the
full form and then changed one answer in the quick form lost 31 of 43, though the page says
answers are kept when you switch).
"""

from __future__ import annotations

import streamlit as st

from model import adaptive
from model.i18n import t
from model.quiz import Question, QuestionBank
from ui import chrome, state

POS = state.ADAPTIVE_POS
_KEY = "q.adaptive"  # widget keys start with "q." so clearing answers clears them too


def _position(asked: list[str]) -> int | None:
    """The stored place, or None when it is missing, odd or past the last asked question."""
    pos = st.session_state.get(POS)
    if isinstance(pos, bool) or not isinstance(pos, int) or not 0 <= pos < len(asked):
        return None
    return pos


def _store(question_id: str, widget_key: str, pos: int | None) -> None:
    """Record an answer (every other answer stays); after an earlier question, move on one
    question in the re-planned order."""
    chosen = st.session_state.get(widget_key)
    changed = state.answers().get(question_id) != chosen
    state.set_answer(question_id, chosen)
    if pos is None or not changed:
        return
    asked = adaptive.order(state.answers(), state.bank())
    st.session_state[POS] = pos + 1 if pos + 1 < len(asked) else None


def _go(pos: int | None) -> None:
    st.session_state[POS] = pos
    st.session_state["_scroll_top"] = True


def _radio(question: Question, lang: str, label: str, chosen: str | None, pos: int | None) -> None:
    option_ids = [o.id for o in question.options]
    key = f"{_KEY}.{lang}.{question.id}.{pos}"
    shown = st.radio(
        label,
        options=option_ids,
        index=option_ids.index(chosen) if chosen in option_ids else None,
        format_func=lambda oid, q=question: q.option(oid).text(lang),
        key=key,
        on_change=_store,
        args=(question.id, key, pos),
    )
    if shown is not None and shown != chosen:
        # A tap that reached a new session (after a long network gap or a restart) came with
        # the browser's widget value but ran no callback: keep it like any other answer.
        _store(question.id, key, pos)
        st.rerun()


def counted(answers: dict[str, str], bank: QuestionBank) -> int:
    """How many of ``answers`` count as questions (context items do not)."""
    return sum(1 for qid in answers if (q := bank.get(qid)) is not None and q.kind != "context")


def render(lang: str, bank: QuestionBank, answers: dict[str, str]) -> None:
    """Draw the adaptive quiz: progress, the current question (or the end), back/next."""
    asked = [qid for qid in adaptive.order(answers, bank) if bank.get(qid).kind != "context"]
    plan = adaptive.plan(answers, bank)
    pos = _position(asked)
    current = bank.get(asked[pos]) if pos is not None else plan.next
    number = (pos if pos is not None else len(asked)) + 1

    total = plan.asked + plan.left
    st.progress(plan.asked / total if total else 1.0)
    if plan.done:
        st.caption(t("quiz.adaptive.done", lang, count=plan.asked))
    else:
        st.caption(t("quiz.adaptive.left", lang, count=max(plan.left, 1)))
    if not asked:
        st.caption(t("quiz.intro", lang))
        st.caption(t("quiz.adaptive.how", lang))

    if current is not None:
        st.subheader(t(f"quiz.section.{current.kind}.title", lang))
        with st.container(border=True):
            label = f"**{t('quiz.adaptive.number', lang, number=number)}.** {current.text(lang)}"
            _radio(current, lang, label, answers.get(current.id), pos)
    else:
        st.success(t("quiz.adaptive.done", lang, count=plan.asked), icon=":material/check:")
        context = next((q for q in bank.questions("full") if q.kind == "context"), None)
        if context is not None:
            with st.container(border=True):
                _radio(
                    context, lang, t("quiz.adaptive.optional", lang), answers.get(context.id), None
                )

    back, forward = st.columns(2)
    previous = (
        (len(asked) - 1 if asked else None) if pos is None else (pos - 1 if pos > 0 else None)
    )
    if previous is not None:
        back.button(
            t("quiz.back", lang),
            icon=":material/arrow_back:",
            width="stretch",
            on_click=_go,
            args=(previous,),
        )
    if pos is not None:
        forward.button(
            t("quiz.next", lang),
            icon=":material/arrow_forward:",
            type="primary",
            width="stretch",
            on_click=_go,
            args=(pos + 1 if pos + 1 < len(asked) else None,),
        )
    elif plan.done and forward.button(
        t("quiz.finish", lang), icon=":material/check:", type="primary", width="stretch"
    ):
        st.switch_page("pages/results.py", query_params={state.LANG: lang})

    if st.session_state.pop("_scroll_top", False):
        chrome.scroll_to_top()
