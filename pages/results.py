"""Results: the suggestion and how sure it is, ranking, reasons, level and what it rests on,
work habits, next steps for the person's situation, and pay."""

import streamlit as st

from model.i18n import t
from model.quiz import assess
from ui import result_view, routing, share, state
from ui.chrome import plain

routing.ensure_frame()

lang = state.lang()
bank = state.bank()
result = assess(state.answers(), bank, state.form())


def _to_quiz(label_key: str, primary: bool = False) -> None:
    if st.button(
        t(label_key, lang),
        type="primary" if primary else "secondary",
        key=f"to_quiz_{label_key}",
        width="stretch",
    ):
        st.switch_page("pages/quiz.py", query_params={state.LANG: lang})


st.title(t("results.title", lang))
if state.coach()[0]:
    st.info(t("coach.results_line", lang, coach=plain(state.coach()[0])), icon=":material/school:")


def _no_verdict() -> None:
    """Empty or straight-lined answers: a notice and a way back, no verdict."""
    st.warning(t(f"results.notice_{result.status}", lang), icon=":material/warning:")
    _to_quiz("results.go_quiz" if result.status == "empty" else "results.edit", primary=True)


def _verdict() -> None:
    """The full result, section by section (ui/result_view.py)."""
    result_view.number_line(result, lang, state.form(), bank)
    if result.version < bank.version:
        st.info(t("certainty.old_version", lang), icon=":material/history:")
    if result.confident:
        result_view.hero(result, lang)
    else:
        st.warning(t(f"results.notice_{result.status}", lang), icon=":material/warning:")
        st.caption(t("results.tentative", lang))
    result_view.ranking(result, lang)
    result_view.reasons(result, bank, lang)
    result_view.level(result, bank, lang)
    result_view.profile(result, lang)
    result_view.next_steps(result, lang)
    result_view.pay(result, lang)

    if st.button(
        t("results.to_planner", lang), type="primary", icon=":material/savings:", width="stretch"
    ):
        st.switch_page("pages/planner.py", query_params={state.LANG: lang})
    edit, again = st.columns(2)
    with edit:
        _to_quiz("results.edit")
    with again:
        if st.button(t("results.retake", lang), width="stretch"):
            state.clear_answers()
            st.switch_page("pages/home.py", query_params={state.LANG: lang})

    share.panel("results", lang, result)


if result.status in ("empty", "uniform"):
    _no_verdict()
else:
    _verdict()
