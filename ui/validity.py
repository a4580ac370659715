"""The validity study's published table, as the about page shows it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.fmt import number
from model.i18n import t
from model.validity import PUBLISHED_COLUMNS, load_published

PEOPLE = 600  # the published study's n (scripts/validity_study.py --write)


@st.cache_data(show_spinner=False)
def _rows() -> list[tuple[str, str, dict[str, float]]]:
    return [(r.when, r.form, dict(r.figures)) for r in load_published()]


def table(lang: str) -> None:
    """Heading, a plain statement that this is simulation, the table and how to read it."""
    st.subheader(t("validity.heading", lang))
    st.write(t("validity.lead", lang, people=number(PEOPLE, lang)))
    shown = [c for c in PUBLISHED_COLUMNS if c != "bias"]
    data = {t("validity.col_form", lang): []} | {t(f"validity.col_{c}", lang): [] for c in shown}
    for when, form, figures in _rows():
        name = t(f"quiz.form_{form}", lang)
        data[t("validity.col_form", lang)].append(t(f"validity.row_{when}", lang, form=name))
        for column in shown:
            data[t(f"validity.col_{column}", lang)].append(number(figures[column], lang, digits=1))
    st.dataframe(pd.DataFrame(data), hide_index=True, width="stretch")
    st.caption(t("validity.caption", lang))
