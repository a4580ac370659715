"""Planner sections that would make pages/planner.py long: the start line, the market note
and its fee presets, the per-hour and US-dollar lines, the growth plan and the goal.

The arithmetic is in ``model.planner``; this module reads widgets and draws.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from model.charts import growth_chart
from model.earnings import EarningsModel, Projection
from model.fmt import inr
from model.i18n import t
from model.ids import TIERS
from model.planner import (
    FIELDS,
    GOAL_VARY,
    NetView,
    PerHour,
    Plan,
    band_middle,
    billed_line,
    goal_message,
    growth_plan,
    growth_total,
    market_note,
    per_hour,
    per_hour_text,
    preset_updates,
    seek_goal,
    start_line,
    starting_plan,
    usd_text,
)
from model.quiz import Assessment
from ui import inputs, models, plots, state

WHERE = "planner.where"  # the share of work abroad the fee presets were last set for


def start_caption(result: Assessment, hours: int, clients: int, lang: str) -> None:
    """Where the planner started and why, while the week is still that start."""
    start = starting_plan(result)
    if start and (start["hours"], start["clients"]) == (hours, clients):
        st.caption(start_line(result, lang))


def fee_presets(share_pct: float) -> None:
    """When the person moves where their clients are, preset the fees the market note names
    (those they have not changed). Call before the fee inputs are drawn."""
    current = {
        name: st.session_state.get(f"{state.PLAN}{name}", FIELDS[name].default)
        for name in ("fee", "fee_pct", "pay_cut")
    }
    before = st.session_state.get(WHERE)
    for name, value in preset_updates(current, before, share_pct).items():
        st.session_state[f"{state.PLAN}{name}"] = value
    st.session_state[WHERE] = share_pct


def note(category: str, tier: str, share_pct: float, lang: str) -> None:
    """The market note with the ratio of this work and level's billed bands."""
    india = models.sample_band(category, tier, "india")
    abroad = models.sample_band(category, tier, "abroad")
    st.caption(market_note(india, abroad, share_pct, lang))


def hourly(projection: Projection, plan: Plan, market: str, lang: str) -> PerHour:
    """The per-hour-set-aside line: capped at the billed band's middle and explained."""
    sample = models.upload() is None  # the billed band comes from the same sample as results
    middle = (
        band_middle(models.sample_band, plan.category, plan.tier, plan.abroad_pct)
        if sample
        else None
    )
    view = per_hour(projection, plan.hours, middle)
    parts = [t("planner.hourly", lang, rate=inr(view.rate, lang))]
    if sample:
        parts.append(billed_line(models.sample_band, plan.category, plan.tier, market, lang))
    parts.append(per_hour_text(view, lang))
    st.caption(" ".join(p for p in parts if p))
    return view


def dollars(projection: Projection, net: NetView, view: PerHour, lang: str) -> None:
    """The US-dollar view: the headline figures converted, the rest named as rupees."""
    if st.toggle(t("planner.usd_toggle", lang), **inputs.field("usd")):
        rate = st.number_input(t("planner.usd_rate", lang), **inputs.field("fx"))
        st.caption(usd_text(projection, net, view.rate, rate, lang))


def growth(
    model: EarningsModel,
    plan: Plan,
    lang: str,
    short_money: Callable[[float], str],
    together: tuple[str, ...],
) -> None:
    """The 12-month growth plan: month 1 is the plan as it stands."""
    st.subheader(t("planner.growth_heading", lang))
    target = st.number_input(t("planner.growth_target", lang), **inputs.field("g_target"))
    tier_up_month = None
    if plan.tier == TIERS[-1]:
        st.caption(t("planner.growth_top", lang))
    elif st.checkbox(t("planner.growth_tier_up", lang), **inputs.field("g_up")):
        tier_up_month = st.slider(t("planner.growth_tier_month", lang), **inputs.field("g_month"))
    months = growth_plan(model, plan, int(target), tier_up_month)
    plots.folded(
        "plan.chart_growth",
        lang,
        lambda: growth_chart(
            [m.month for m in months],
            [m.projection.monthly_inr for m in months],
            [m.projection.low_inr for m in months],
            [m.projection.high_inr for m in months],
            short_money,
            t("planner.month_axis", lang),
            t("planner.income_axis", lang),
            t("planner.band", lang),
            t("planner.projected", lang),
        ),
        together=together,
    )
    st.caption(
        t(
            "planner.growth_total",
            lang,
            start=t("planner.clients_line", lang, count=months[0].clients),
            target=t("planner.clients_line", lang, count=months[-1].clients),
            total=inr(growth_total(months), lang),
        )
    )


def goal(model: EarningsModel, plan: Plan, lang: str) -> None:
    """Reach a monthly goal: no verdict until the person sets one."""
    st.subheader(t("planner.goal_heading", lang))
    goal_col, vary_col = st.columns(2)
    amount = goal_col.number_input(
        t("planner.goal_amount", lang),
        placeholder=t("planner.goal_placeholder", lang),
        **inputs.field("goal"),
    )
    # a select, not segmented buttons: three Hindi choices cut the third at 360 px (issue 21)
    vary = vary_col.selectbox(
        t("planner.goal_vary", lang),
        GOAL_VARY,
        **inputs.choice("goal_vary", lang),
        format_func=lambda v: t(f"planner.goal_vary_{v}", lang),
    )
    if amount is None:
        st.info(t("planner.goal_unset", lang), icon=":material/flag:")
        return
    answer = seek_goal(model, plan, amount, vary or "hours")
    message = goal_message(answer, plan, amount, vary or "hours", lang)
    if answer.reachable:
        st.success(message, icon=":material/flag:")
    else:
        st.warning(message, icon=":material/explore:")
