"""Earnings planner: projection with range, net view, curves, growth plan, goal seek, scenarios."""

from functools import partial

import streamlit as st

from model.charts import income_curves, scenario_bars
from model.fmt import inr, inr_compact
from model.i18n import t
from model.ids import CATEGORIES, TIERS
from model.planner import (
    FEE_CHOICES,
    MARKET_CHOICES,
    MAX_SCENARIOS,
    Plan,
    abroad_pct,
    add_scenario,
    curve_series,
    fees_pct,
    make_scenario,
    market_of,
    net_table,
    net_view,
    scenario_table,
)
from model.quiz import assess
from ui import inputs, models, planner_view, plots, rates, routing, share, state, tables

routing.ensure_frame()

lang = state.lang()
result = assess(state.answers(), state.bank(), state.form())


money = partial(inr, lang=lang)
short_money = partial(inr_compact, lang=lang)


st.title(t("planner.title", lang))
st.write(t("planner.intro", lang))
state.seed_planner(result)
if result.confident and st.session_state.get("plan.category") == result.category:
    st.caption(t("planner.from_quiz", lang))
rates.panel(lang)
model = models.current()

left, right = st.columns(2)
category = left.selectbox(
    t("planner.category", lang),
    CATEGORIES,
    **inputs.choice("category", lang),
    format_func=lambda c: t(f"cat.{c}.label", lang),
)
tier = right.selectbox(
    t("planner.tier", lang),
    TIERS,
    **inputs.choice("tier", lang),
    format_func=lambda x: t(f"tier.{x}.name", lang),
)
hours = st.slider(t("planner.hours", lang), **inputs.field("hours"))
clients = st.slider(t("planner.clients", lang), **inputs.field("clients"))
planner_view.start_caption(result, hours, clients, lang)
market = (
    st.segmented_control(
        t("planner.market", lang),
        MARKET_CHOICES,
        required=True,
        **inputs.choice("market", lang),
        format_func=lambda m: t(f"planner.market_{m}", lang),
    )
    or MARKET_CHOICES[0]
)
mix_pct = 0
if market == "mix":
    mix_pct = st.slider(t("planner.abroad_pct", lang), **inputs.field("abroad_pct"))
share_abroad = abroad_pct(market, mix_pct)
planner_view.note(category, tier, share_abroad, lang)
planner_view.fee_presets(share_abroad)  # before the fee inputs: abroad presets what it costs

with st.expander(t("planner.net_heading", lang)):
    fee_choice = st.segmented_control(
        t("planner.fee", lang),
        FEE_CHOICES,
        required=True,
        **inputs.choice("fee", lang),
        format_func=lambda f: t(f"planner.fee_{f}", lang),
    )
    custom_fee = 0.0
    if fee_choice == "custom":
        custom_fee = st.number_input(t("planner.fee_custom_pct", lang), **inputs.field("fee_pct"))
    pay_cut = st.number_input(t("planner.pay_cut", lang), **inputs.field("pay_cut"))
    expenses = st.number_input(t("planner.expenses", lang), **inputs.field("expenses"))
    set_aside = st.slider(t("planner.set_aside", lang), **inputs.field("set_aside"))
    weeks_off = st.slider(t("planner.weeks_off", lang), **inputs.field("weeks_off"))

fees = fees_pct(fee_choice or "none", custom_fee, pay_cut)
plan = Plan(category, tier, hours, clients, fees, expenses, set_aside, weeks_off, share_abroad)
projection = model.predict(category, tier, hours, clients, plan.abroad_share)
net = net_view(projection, plan)

with st.container(border=True):
    st.metric(t("planner.projected", lang), money(projection.monthly_inr))
    st.write(
        t("planner.range", lang, low=money(projection.low_inr), high=money(projection.high_inr))
    )
    per_hour = planner_view.hourly(projection, plan, market, lang)
    if plan.abroad_share < 1 and models.upload() is None:  # how local clients pay (issue 18)
        from model.anchors import local_fee_line

        st.caption(local_fee_line(category, tier, lang, money))
    st.metric(t("planner.net", lang), money(net.net), help=t("planner.net_help", lang))
    if net.net < 0:
        st.warning(t("planner.net_negative", lang), icon=":material/warning:")
    planner_view.dollars(projection, net, per_hour, lang)

tables.table(net_table(net, lang), right=(1,))
st.caption(rates.source_line(lang) + " " + t("planner.data_note_more", lang))
upload = models.upload()
if upload and (category, tier) in upload.missing:
    st.warning(t("rates.missing_this", lang), icon=":material/warning:")
if len(model.markets) == 1 and market_of(plan.abroad_pct) != model.markets[0]:
    present = t(f"market.short.{model.markets[0]}", lang)
    st.warning(t("planner.market_missing", lang, present=present), icon=":material/warning:")


# One plotly download buys every chart: opening one opens the others (ui/plots.py).
CHARTS = ("plan.chart_curves", "plan.chart_growth", "plan.chart_scenarios")
st.subheader(t("planner.chart_heading", lang))
lines = curve_series(model, category, tier, clients, lang, plan.abroad_share)
plots.folded(
    "plan.chart_curves",
    lang,
    lambda: income_curves(
        lines,
        t("planner.clients_line", lang, count=clients),
        short_money,
        t("planner.hours_axis", lang),
        t("planner.income_axis", lang),
        t("planner.band", lang),
    ),
    together=CHARTS,
)
st.caption(t("planner.chart_caption", lang))

planner_view.growth(model, plan, lang, short_money, CHARTS)
planner_view.goal(model, plan, lang)

st.subheader(t("planner.scenarios_heading", lang))
saved = state.scenarios()
with st.form("save_scenario", border=False):
    name = st.text_input(
        t("planner.scenario_name", lang),
        max_chars=40,
        key="planner.scenario_name",  # stable: the placeholder changes after each save
        placeholder=t("planner.scenario_default", lang, number=len(saved) + 1),
    )
    if st.form_submit_button(t("planner.scenario_save", lang), icon=":material/bookmark_add:"):
        label = name.strip() or t("planner.scenario_default", lang, number=len(saved) + 1)
        saved = add_scenario(saved, make_scenario(model, label, plan))
        st.session_state[state.SCENARIOS] = saved
        st.toast(t("planner.scenario_saved", lang, name=tables.shown(saved[-1].name)))
st.caption(t("planner.scenario_limit", lang, count=MAX_SCENARIOS))
if not saved:
    st.info(t("planner.scenario_none", lang), icon=":material/folder_open:")
else:
    tables.table(scenario_table(saved, lang), right=(3, 4, 5))  # the rupee columns
    plots.folded(
        "plan.chart_scenarios",
        lang,
        lambda: scenario_bars(
            [s.name for s in saved],
            [s.monthly_inr for s in saved],
            [s.net_inr for s in saved],
            short_money,
            t("planner.gross", lang),
            t("planner.net", lang),
        ),
        together=CHARTS,
    )
    if st.button(t("planner.scenario_clear", lang), type="tertiary", icon=":material/delete:"):
        st.session_state[state.SCENARIOS] = []
        st.rerun()

share.panel("planner", lang, result)
