"""About: the method, the sources, privacy and limits."""

import streamlit as st

from model.i18n import t, t_list
from ui import routing, state

routing.ensure_frame()

lang = state.lang()

st.title(t("about.title", lang))
st.write(t("about.lead", lang))

st.subheader(t("about.method_heading", lang))
for paragraph in t_list("about.method", lang):
    st.write(paragraph)

st.subheader(t("about.sources_heading", lang))
st.markdown("\n".join(f"- {line}" for line in t_list("about.sources", lang)))

st.subheader(t("about.privacy_heading", lang))
st.write(t("about.privacy", lang))

st.subheader(t("about.limits_heading", lang))
st.write(t("about.limits", lang))
