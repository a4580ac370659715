"""Sahayak's entry point: page config, language switch and navigation. Nothing else."""

import streamlit as st

from model.i18n import t
from ui import chrome, routing, state

with routing.frame():
    st.set_page_config(page_title="Sahayak · सहायक", page_icon="🤝", layout="centered")
    state.start_session({key: st.query_params.get_all(key) for key in st.query_params})
    lang = chrome.header()
    notice_area = st.container()

    pages = [
        st.Page(
            f"pages/{name}.py",
            title=t(f"nav.{name}", lang),
            icon=icon,
            url_path=name,
            default=name == "home",
        )
        for name, icon in routing.PAGES
    ]
    page = st.navigation(pages, position="top")
    page.run()
    state.write_address(lang)  # the address holds everything entered (ui/state.py)

    with notice_area:
        chrome.notices(lang)
    chrome.footer(lang, page.url_path or "home")  # the default page's url_path is ""
