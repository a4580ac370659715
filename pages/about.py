"""About: the method, the sources, privacy and limits."""

import pandas as pd
import streamlit as st

from model.anchors import anchor_table, model_line
from model.fmt import inr, number, percent
from model.i18n import t, t_list
from ui import models, routing, state, validity

routing.ensure_frame()

lang = state.lang()

st.title(t("about.title", lang))
st.write(t("about.lead", lang))

st.subheader(t("about.method_heading", lang))
for paragraph in t_list("about.method", lang):
    st.write(paragraph)

model = models.sample_model()
st.subheader(t("about.model_heading", lang))
st.write(t("about.model_lead", lang))
st.write(
    t(
        "about.model_chosen",
        lang,
        name=t(f"about.model_name_{model.name}", lang),
        r2=number(model.metrics["r2"], lang, digits=2),
        mae=inr(model.metrics["mae_inr"], lang),
        coverage=percent(100 * model.metrics["interval_coverage"], lang),
    )
)
st.caption(t("about.model_table", lang))
st.dataframe(
    pd.DataFrame(
        {
            t("about.model_col_name", lang): [
                t(f"about.model_name_{n}", lang) for n in model.comparison["model"]
            ],
            t("about.model_col_r2", lang): [
                number(v, lang, digits=3) for v in model.comparison["r2"]
            ],
            t("about.model_col_mae", lang): [inr(v, lang) for v in model.comparison["mae_inr"]],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(t("about.model_markets", lang))
st.dataframe(
    pd.DataFrame(
        {
            t("about.model_col_market", lang): [t(f"pay.{m}", lang) for m in model.by_market],
            t("about.model_col_rows", lang): [
                number(f["rows"], lang) for f in model.by_market.values()
            ],
            t("about.model_col_r2", lang): [
                number(f["r2"], lang, digits=2) for f in model.by_market.values()
            ],
            t("about.model_col_mae", lang): [
                inr(f["mae_inr"], lang) for f in model.by_market.values()
            ],
            t("about.model_col_coverage", lang): [
                percent(100 * f["interval_coverage"], lang) for f in model.by_market.values()
            ],
        }
    ),
    hide_index=True,
    width="stretch",
)
explained = model_line(model, lang)
if explained:
    st.write(explained)
st.subheader(t("about.anchor_heading", lang))
st.write(t("about.anchor_lead", lang))
st.dataframe(anchor_table(model, lang), hide_index=True, width="stretch")
st.subheader(t("about.data_heading", lang))
st.write(t("about.data_text", lang, count=model.rows, rows=number(model.rows, lang)))

validity.table(lang)

st.subheader(t("about.sources_heading", lang))
st.markdown("\n".join(f"- {line}" for line in t_list("about.sources", lang)))

st.subheader(t("about.privacy_heading", lang))
st.write(t("about.privacy", lang))

st.subheader(t("about.limits_heading", lang))
st.write(t("about.limits", lang))
