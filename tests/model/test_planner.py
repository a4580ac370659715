"""Planner arithmetic: net view, growth plan, goal seeking and scenarios."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.earnings import Projection
from model.fmt import inr
from model.i18n import t
from model.planner import (
    MAX_SCENARIOS,
    Plan,
    add_scenario,
    billed_line,
    curve_series,
    goal_message,
    growth_plan,
    make_scenario,
    net_table,
    net_view,
    scenario_table,
    seek_goal,
)


def test_net_view_arithmetic():
    p = Projection(100_000, 60_000, 150_000, 1000)
    plan = Plan(
        "admin", "basic", 20, 2, fee_pct=10, expenses_inr=2000, set_aside_pct=20, weeks_off=4
    )
    net = net_view(p, plan)
    assert net.gross == 100_000
    assert net.after_time_off == pytest.approx(100_000 * 48 / 52)
    assert net.fee == pytest.approx(net.after_time_off * 0.10)
    before = net.after_time_off - net.fee - 2000
    assert net.set_aside == pytest.approx(before * 0.20)
    assert net.net == pytest.approx(before * 0.80)


def test_net_view_clamps_odd_values_and_never_sets_aside_a_loss():
    p = Projection(10_000, 5_000, 20_000, 100)
    net = net_view(
        p,
        Plan(
            "admin",
            "basic",
            5,
            1,
            fee_pct=float("nan"),
            expenses_inr=50_000,
            set_aside_pct=500,
            weeks_off=-3,
        ),
    )
    assert net.fee == 0 and net.after_time_off == 10_000
    assert net.set_aside == 0 and net.net == -40_000


@settings(max_examples=60, deadline=None)
@given(
    goal=st.integers(1_000, 3_000_000),
    vary=st.sampled_from(["hours", "clients"]),
    tier=st.sampled_from(["basic", "specialist", "expert"]),
)
def test_goal_seek_finds_the_minimum(model, goal, vary, tier):
    plan = Plan("writing", tier, 20, 3)
    answer = seek_goal(model, plan, goal, vary)
    if answer.reachable:
        hours, clients = answer.hours, answer.clients
        assert model.predict("writing", tier, hours, clients).monthly_inr >= goal
        if vary == "hours" and hours > 1:
            assert model.predict("writing", tier, hours - 1, clients).monthly_inr < goal
        if vary == "clients" and clients > 1:
            assert model.predict("writing", tier, hours, clients - 1).monthly_inr < goal
    else:
        assert answer.best_inr < goal and answer.hours is None


def test_goal_out_of_reach_points_to_the_next_tier(model):
    plan = Plan("marketing", "basic", 60, 3)
    best_basic = model.predict("marketing", "basic", 60, 20).monthly_inr
    best_specialist = model.predict("marketing", "specialist", 60, 20).monthly_inr
    answer = seek_goal(model, plan, (best_basic + best_specialist) / 2, "clients")
    assert not answer.reachable and answer.next_tier_reaches
    top = seek_goal(model, Plan("marketing", "expert", 60, 3), 1e9, "hours")
    assert not top.reachable and not top.next_tier_reaches


def test_growth_plan(model):
    plan = Plan("design", "basic", 30, 1)
    months = growth_plan(model, plan, 7, tier_up_month=6)
    assert [m.month for m in months] == list(range(1, 13))
    assert months[0].clients == 1 and months[-1].clients == 7
    assert [m.tier for m in months[:5]] == ["basic"] * 5 and months[5].tier == "specialist"
    incomes = [m.projection.monthly_inr for m in months]
    assert incomes == sorted(incomes)
    flat = growth_plan(model, Plan("design", "expert", 30, 3), 3, tier_up_month=2)
    assert {m.tier for m in flat} == {"expert"} and {m.clients for m in flat} == {3}
    # a target below the plan's clients keeps the plan's clients: growth never shrinks
    assert {m.clients for m in growth_plan(model, Plan("design", "basic", 30, 6), 2)} == {6}


def test_scenarios_replace_by_name_and_keep_the_newest(model):
    saved = []
    for i in range(5):
        saved = add_scenario(
            saved, make_scenario(model, f"  Plan   {i} ", Plan("admin", "basic", 10 + i, 2))
        )
    assert [s.name for s in saved] == ["Plan 2", "Plan 3", "Plan 4"]
    assert len(saved) == MAX_SCENARIOS
    saved = add_scenario(saved, make_scenario(model, "Plan 3", Plan("admin", "expert", 40, 5)))
    assert [s.name for s in saved] == ["Plan 2", "Plan 4", "Plan 3"]
    assert saved[-1].plan.tier == "expert"
    assert make_scenario(model, "   ", Plan("admin", "basic", 10, 1)).name == "Plan"
    row = saved[-1].as_row()
    assert row["name"] == "Plan 3" and row["monthly_inr"] > 0 and row["hours"] == 40


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_tables_are_worded_and_formatted(model, lang):
    saved = [make_scenario(model, "A", Plan("finance", "specialist", 25, 3))]
    table = scenario_table(saved, lang)
    assert table.shape == (1, 6) and table.iloc[0, 3].startswith("₹")
    net = net_table(
        net_view(model.predict("finance", "basic", 20, 2), Plan("finance", "basic", 20, 2)), lang
    )
    assert len(net) == 6 and all(v.startswith(("₹", "-₹")) for v in net["₹"])
    series = curve_series(model, "finance", "basic", 3, lang)
    assert len(series) == 4 and all(len(v[0]) == 60 for v in series.values())


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_goal_messages(model, lang):
    plan = Plan("admin", "basic", 20, 2)
    reachable = model.predict("admin", "basic", 30, 2).monthly_inr  # a goal from the model
    ok = seek_goal(model, plan, reachable, "hours")
    assert ok.reachable and ok.hours <= 30
    assert str(ok.hours) in goal_message(ok, plan, reachable, "hours", lang)
    far = seek_goal(model, plan, 1e9, "clients")
    text = goal_message(far, plan, 1e9, "clients", lang)
    assert text.startswith(
        t("planner.goal_out", lang, goal=inr(1e9, lang), best=inr(far.best_inr, lang))
    )


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_share_of_clients_abroad_is_a_lever(model, lang):
    """Issue 13: goal seeking finds the smallest share of work abroad (in 10% steps) that
    reaches a goal, and names it when hours or clients alone cannot."""
    plan = Plan("admin", "specialist", 20, 2)
    india = model.predict("admin", "specialist", 20, 2).monthly_inr
    abroad = model.predict("admin", "specialist", 20, 2, 1.0).monthly_inr
    goal = (india + abroad) / 2
    answer = seek_goal(model, plan, goal, "abroad")
    assert answer.reachable and answer.abroad_pct is not None and 10 <= answer.abroad_pct < 100
    share = answer.abroad_pct / 100
    assert model.predict("admin", "specialist", 20, 2, share).monthly_inr >= goal
    assert model.predict("admin", "specialist", 20, 2, share - 0.1).monthly_inr < goal
    assert f"{answer.abroad_pct}%" in goal_message(answer, plan, goal, "abroad", lang)
    assert not seek_goal(model, plan, abroad * 1.01, "abroad").reachable

    best_india = model.predict("admin", "specialist", 20, 20).monthly_inr  # most clients
    out = seek_goal(model, plan, best_india * 1.05, "clients")
    assert not out.reachable and out.abroad_reaches and out.abroad_pct
    text = goal_message(out, plan, best_india * 1.05, "clients", lang)
    assert t("planner.goal_abroad_hint", lang, share=f"{out.abroad_pct}%") in text


def test_plans_carry_their_market_into_projections(model):
    mixed = Plan("writing", "specialist", 25, 3, abroad_pct=50)
    scenario = make_scenario(model, "Mix", mixed)
    assert scenario.monthly_inr == model.predict("writing", "specialist", 25, 3, 0.5).monthly_inr
    months = growth_plan(model, mixed, 5)
    assert months[-1].projection == model.predict("writing", "specialist", 25, 5, 0.5)
    assert "50%" in scenario_table([scenario], "en").iloc[0, 1]
    assert (
        t("market.short.india", "hi")
        in scenario_table([make_scenario(model, "In", Plan("writing", "basic", 25, 3))], "hi").iloc[
            0, 1
        ]
    )


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_billed_line_names_the_chosen_markets_band(lang):
    from model.earnings import load_rates, rate_band
    from model.fmt import inr

    rates = load_rates()
    india = rate_band(rates, "design", "specialist", "india")
    abroad = rate_band(rates, "design", "specialist", "abroad")
    line = billed_line(partial(rate_band, rates), "design", "specialist", "india", lang)
    assert inr(india.low, lang) in line and inr(india.high, lang) in line
    mix = billed_line(partial(rate_band, rates), "design", "specialist", "mix", lang)
    assert inr(india.low, lang) in mix and inr(abroad.high, lang) in mix
