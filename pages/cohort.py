"""For coaches: their own link, and their group's results read from a chat, a list or a CSV.

Everything stays in the coach's browser session (ui/cohort.py keeps the parsed cohort there);
the reading and counting is model/cohort.py."""

import streamlit as st

from model.i18n import t
from ui import cohort, routing, state

routing.ensure_frame()

lang = state.lang()

st.title(t("cohort.title", lang))
st.write(t("cohort.lead", lang))
st.caption(t("cohort.stored_nothing", lang))

cohort.make_link(lang)
found = cohort.read(lang)
if found is None:
    st.info(t("cohort.none_yet", lang), icon=":material/group:")
else:
    cohort.problems(found, lang)
    if found.people:
        cohort.summary(found.people, lang)
        st.subheader(t("cohort.table_heading", lang))
        rows = cohort.choose(found.people, lang)
        cohort.downloads(rows, found, lang)  # above the table: a long table on a phone
        cohort.table(rows, len(found.people), lang)
        cohort.older(found, lang)
