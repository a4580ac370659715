"""Sahayak's entry point: page config, language switch and navigation. Nothing else."""

import streamlit as st

from model.i18n import t
from ui import chrome, routing, state

with routing.frame():
    st.set_page_config(page_title="Sahayak · सहायक", page_icon="🤝", layout="centered")
    state.start_session(st.query_params.to_dict())
    lang = chrome.header()
    st.query_params[state.LANG] = lang
    notice_area = st.container()

    pages = [
        st.Page("pages/home.py", title=t("nav.home", lang), icon=":material/home:", default=True),
        st.Page(
            "pages/quiz.py", title=t("nav.quiz", lang), icon=":material/quiz:", url_path="quiz"
        ),
        st.Page(
            "pages/results.py",
            title=t("nav.results", lang),
            icon=":material/insights:",
            url_path="results",
        ),
        st.Page(
            "pages/about.py", title=t("nav.about", lang), icon=":material/info:", url_path="about"
        ),
    ]
    st.navigation(pages, position="top").run()

    with notice_area:
        chrome.notices(lang)
    chrome.footer(lang)
