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
from model.fmt import percent
from model.i18n import t
from model.ids import CATEGORIES, QUALITIES
from model.quiz import Assessment, Question, QuestionBank
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
    if not plan.done:
        st.caption(left_text(answers, bank, lang))
    elif current is not None:  # back at an earlier question: the end's box is not shown
        st.caption(t("quiz.adaptive.done", lang, count=plan.asked))
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


def left_text(answers: dict[str, str], bank: QuestionBank, lang: str) -> str:
    """How many questions are still to come, as a range the quiz keeps (model.adaptive)."""
    fewest, most = adaptive.left_range(answers, bank)
    if fewest >= most:
        return t("quiz.adaptive.left", lang, count=max(most, 1))
    return t("quiz.adaptive.left_range", lang, low=fewest, high=most)


# ---------------------------------------------------------------------------------------
# What a short result knows (issue 21): ui/result_view.py calls these on the results page.
# ---------------------------------------------------------------------------------------

THIN_PROFILE = 3
"""Fewer answered situations than this make no profile of work habits: no bars then."""


def kinds_asked(result: Assessment, bank: QuestionBank) -> set[str]:
    """The kinds of work some answered (and scored) interest question could give points to;
    the fit of any other kind is no measurement, not 0%."""
    asked: set[str] = set()
    for qid, oid in result.answers.items():
        question = bank.get(qid)
        if question is None or question.kind != "category":
            continue
        option = question.option(oid)
        if option is not None and not option.unscored:
            asked.update(c for c in CATEGORIES if question.best(c) > 0)
    return asked


def not_asked(result: Assessment, bank: QuestionBank, lang: str) -> None:
    """Name the kinds of work no answer spoke to, instead of drawing them at 0%."""
    missing = [c for c in result.ranking if c not in kinds_asked(result, bank)]
    if missing:
        names = ", ".join(t(f"cat.{c}.label", lang) for c in missing)
        st.caption(t("results.not_asked", lang, kinds=names))


def situations(result: Assessment, bank: QuestionBank) -> list[str]:
    """The quality each answered situation's chosen option puts first, in answer order."""
    firsts = []
    for qid, oid in result.answers.items():
        question = bank.get(qid)
        option = question.option(oid) if question is not None else None
        if question is None or question.kind != "quality" or option is None or option.unscored:
            continue
        weights = {q: option.weights.get(q, 0.0) for q in QUALITIES}
        if max(weights.values()) > 0:
            firsts.append(max(QUALITIES, key=lambda q: (weights[q], -QUALITIES.index(q))))
    return firsts


def thin_profile(result: Assessment, bank: QuestionBank, lang: str) -> bool:
    """On too few situations, say what they showed in words (no bars, no percentages) and
    offer the full quiz for a real profile. True when it drew that instead of the profile."""
    firsts = situations(result, bank)
    if not firsts or len(firsts) >= THIN_PROFILE:
        return False
    chosen = ", ".join(dict.fromkeys(t(f"quality.{q}.name", lang) for q in firsts))
    st.write(t("profile.thin", lang, count=len(firsts), chosen=chosen))
    st.caption(t("profile.full_offer", lang))
    if st.button(t("profile.full_button", lang), icon=":material/checklist:", key="full_quiz"):
        st.session_state[state.FORM] = "full"
        st.session_state[state.STEP] = 0
        st.switch_page("pages/quiz.py", query_params={state.LANG: lang})
    return True


def fit_line(result: Assessment, lang: str) -> str:
    """The fit under the suggestion: on a close call, each kind's own figure."""
    kinds = (result.category, result.runner_up) if result.close_call else (result.category,)
    figures = [t("results.fit_value", lang, fit=percent(result.fit[c], lang)) for c in kinds]
    if len(kinds) == 1:
        return figures[0]
    return " · ".join(
        f"{t(f'cat.{c}.label', lang)}: {f}" for c, f in zip(kinds, figures, strict=True)
    )
