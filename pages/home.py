"""Home: what Sahayak is, what you get, and the three quiz forms to start."""

import streamlit as st

from model import adaptive
from model.advice import minutes_for
from model.i18n import t, t_list
from model.ids import FORMS
from model.quiz import ADAPTIVE
from ui import chrome, routing, state
from ui.chrome import plain

routing.ensure_frame()

lang = state.lang()
bank = state.bank()
answers = state.answers()

st.title(t("home.title", lang))
st.caption(t("app.tagline", lang))
if state.coach()[0]:
    st.info(t("coach.home_line", lang, coach=plain(state.coach()[0])), icon=":material/school:")
st.write(t("home.lead", lang))

st.subheader(t("home.what_heading", lang))
st.markdown("\n".join(f"- {line}" for line in t_list("home.what", lang)))

if answers:
    questions = bank.questions(state.form())
    total = len(questions)
    with st.container(border=True):
        if state.form() == ADAPTIVE:  # no fixed list: asked so far + about how many are left
            step = adaptive.plan(answers, bank)
            done, total = step.asked, step.asked + step.left
            st.progress(done / total if total else 1.0)
        else:
            done = chrome.quiz_progress(lang, questions, answers)
        resume, results = st.columns(2)
        if resume.button(
            t("home.resume", lang, answered=done, total=total), type="primary", width="stretch"
        ):
            st.switch_page("pages/quiz.py", query_params={state.LANG: lang})
        if results.button(t("home.see_results", lang), width="stretch"):
            st.switch_page("pages/results.py", query_params={state.LANG: lang})

st.subheader(t("home.choose_heading", lang))
for form in FORMS:
    count = adaptive.TYPICAL_QUESTIONS if form == ADAPTIVE else len(bank.questions(form))
    with st.container(border=True):
        st.markdown(f"**{t(f'home.{form}_name', lang)}**")
        st.caption(t(f"home.{form}_desc", lang, count=count, minutes=minutes_for(count)))
        if st.button(
            t("home.start", lang),
            key=f"start_{form}",
            type="primary" if form == "short" and not answers else "secondary",
            icon=":material/arrow_forward:",
            width="stretch",
        ):
            st.session_state[state.FORM] = form
            st.session_state[state.STEP] = 0
            st.switch_page("pages/quiz.py", query_params={state.LANG: lang})

st.info(t("home.no_degree", lang), icon=":material/lightbulb:")
st.caption(t("home.coach_note", lang))
st.caption(t("home.cohort_hint", lang))
st.page_link("pages/cohort.py", label=t("nav.cohort", lang), icon=":material/groups:")
st.caption(t("home.kept", lang))
if state.has_anything() and st.button(
    t("home.clear", lang),
    type="tertiary",
    icon=":material/delete:",
    help=t("home.clear_help", lang),
):
    state.forget_everything()
    state.add_notice("home.cleared")
    st.rerun()
