"""Issue 18 on screen: the about page's anchor table and the planner's local-fee line, both
languages."""

from __future__ import annotations

import pytest

from model.anchors import anchors, load_india_pay, local_fee, model_line
from model.fmt import inr, number
from model.i18n import t
from model.ids import CATEGORIES, TIERS
from tests.pages.helpers import all_text, goto, start


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_about_page_shows_the_anchor_table_with_sources(lang, model):
    at = goto(start({"lang": lang}), "about")
    assert not at.exception
    text = all_text(at)
    assert t("about.anchor_heading", lang) in text
    assert model_line(model, lang) in text  # the chosen model in plain words
    table = next(
        d.value for d in at.dataframe if t("about.anchor_col_role", lang) in d.value.columns
    )
    assert len(table) == len(CATEGORIES) * len(TIERS)
    pay = load_india_pay()
    first = anchors(model, pay)[0]
    row = table.iloc[0]
    assert row[t("about.anchor_col_role", lang)] == t("about.anchor_role.admin.basic", lang)
    assert row[t("about.anchor_col_salary", lang)] == inr(first.salaried, lang)
    assert row[t("about.anchor_col_projection", lang)] == inr(first.projection, lang)
    assert row[t("about.anchor_col_ratio", lang)] == number(first.ratio, lang, digits=2)
    sources = " ".join(table[t("about.anchor_col_sources", lang)])
    assert all(source in sources for c in CATEGORIES for source in pay.sources[c])
    fees = table[t("about.anchor_col_local", lang)]
    low, high = pay.local_fee["finance"]
    assert f"{inr(low, lang)}-{inr(high, lang)}" in set(fees)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_planner_names_the_local_fee_for_clients_in_india(lang):
    at = goto(start({"lang": lang}), "planner")
    assert not at.exception
    low, high, h_low, h_high = local_fee("admin", "basic")
    line = t(
        "planner.local_fee",
        lang,
        low=inr(low, lang),
        high=inr(high, lang),
        h_low=f"{h_low:.0f}",
        h_high=f"{h_high:.0f}",
    )
    assert line in all_text(at)
    at.segmented_control(key=f"plan.market.{lang}").set_value("abroad").run()
    assert line not in all_text(at)  # clients abroad pay by the hour
