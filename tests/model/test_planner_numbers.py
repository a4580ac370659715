"""Issue 18, goal 5: the planner's numbers agree with each other.

Relations only (the rupee figures come from a model that is being reworked): the growth plan
starts from the plan and its total follows every input; the per-hour-set-aside figure never
exceeds the billed band's middle; abroad presets the fees its note describes; the "about N
times" lines match the bands beside them; the US-dollar line converts what it names.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.advice import markets_text, pay_ratio, ratio_text
from model.earnings import HOURS_RANGE, Projection
from model.fmt import inr, usd
from model.i18n import t
from model.ids import CATEGORIES, TIERS
from model.planner import (
    FEW_HOURS,
    FIELDS,
    PAY_CUT_ABROAD,
    PLATFORM_FEES,
    NetView,
    Plan,
    band_middle,
    fees_pct,
    growth_plan,
    growth_total,
    market_note,
    market_presets,
    net_view,
    per_hour,
    per_hour_text,
    plan_from,
    preset_updates,
    usd_text,
)
from model.rates import load_rates, rate_band

RATES = load_rates()
BANDS = {
    (c, tr, m): rate_band(RATES, c, tr, m)
    for c in CATEGORIES
    for tr in TIERS
    for m in ("india", "abroad")
}


def band_of(category: str, tier: str, market: str):
    return BANDS[(category, tier, market)]


plans = st.builds(
    Plan,
    category=st.sampled_from(CATEGORIES),
    tier=st.sampled_from(TIERS),
    hours=st.integers(1, 60),
    clients=st.integers(1, 20),
    abroad_pct=st.sampled_from([0.0, 30.0, 50.0, 100.0]),
)


# --- the growth plan -----------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(plan=plans, target=st.integers(1, 20))
def test_growth_starts_from_the_plan_and_is_its_months(model, plan, target):
    months = growth_plan(model, plan, target)
    now = model.predict(plan.category, plan.tier, plan.hours, plan.clients, plan.abroad_share)
    assert months[0].projection == now  # month 1 is the plan as it stands
    assert months[0].clients == plan.clients and months[-1].clients == max(target, plan.clients)
    expected = sum(
        model.predict(plan.category, m.tier, plan.hours, m.clients, plan.abroad_share).monthly_inr
        for m in months
    )
    assert growth_total(months) == pytest.approx(expected)


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("pct", [0.0, 50.0, 100.0])
def test_growth_total_follows_each_input(model, category, pct):
    """Changing only one input moves the total the right way: more hours, more clients to
    start with, a higher level or more work abroad never lower it, and a real change in hours
    raises it."""

    def total(**change) -> float:
        base = {"category": category, "tier": "basic", "hours": 10, "clients": 1, "abroad_pct": pct}
        return growth_total(growth_plan(model, Plan(**{**base, **change}), 5))

    base = total()
    assert total(hours=30) > base  # only the hours changed
    for hours in (11, 20, 40, 60):
        assert total(hours=hours) >= total(hours=hours - 1)
    assert total(clients=3) >= base
    assert total(tier="specialist") >= base
    if pct < 100:
        assert total(abroad_pct=100.0) >= base


# --- per hour set aside --------------------------------------------------------------------


@pytest.mark.parametrize("pct", [0.0, 50.0, 100.0])
@pytest.mark.parametrize("tier", TIERS)
def test_per_hour_never_above_the_billed_middle(model, tier, pct):
    """Over every kind of work, hours 1..60 and a range of clients: an hour set aside never
    brings more than the middle of the billed band (for a mix, the blend of both), and where
    the projection alone would say more, the line says so and what to plan with."""
    hours = range(HOURS_RANGE[0], HOURS_RANGE[1] + 1)
    for category in CATEGORIES:
        middle = band_middle(band_of, category, tier, pct)
        rows = [(category, tier, h, c, pct / 100) for c in (1, 2, 3, 5, 10, 20) for h in hours]
        for (_, _, h, _, _), projection in zip(rows, model.predict_many(rows), strict=True):
            view = per_hour(projection, h, middle)
            assert 0 < view.rate <= middle
            assert view.capped == (projection.hourly_inr > middle)
            if view.capped:
                assert view.ceiling_inr is not None
                assert view.ceiling_inr == pytest.approx(middle * h * 52 / 12)
                assert view.ceiling_inr < projection.monthly_inr
                assert t("planner.hourly_capped", "en").split("(")[0] in per_hour_text(view, "en")
            if h < FEW_HOURS:
                assert per_hour_text(view, "hi")


def test_per_hour_cause_and_mix_middle():
    """The cause: dividing a month's pay by the hours set aside assumes pay falls in proportion
    to hours; where the model holds its figure at very few hours, that quotient exceeds what a
    billed hour pays, which cannot be (billed hours <= hours set aside)."""
    flat = Projection(6400, 4000, 9000, 6400 / (1 * 52 / 12))
    capped = per_hour(flat, 1, 865.0)
    assert capped.capped and capped.rate == 865.0 and capped.few_hours
    assert capped.ceiling_inr == pytest.approx(865 * 52 / 12)
    fair = per_hour(Projection(40_000, 30_000, 50_000, 0), 20, 865.0)
    assert not fair.capped and fair.rate == pytest.approx(40_000 / (20 * 52 / 12))
    assert per_hour_text(fair, "en") == ""
    uncapped = per_hour(flat, 1, None)  # no band known (a coach's data): the plain quotient
    assert uncapped.rate == pytest.approx(flat.hourly_inr) and not uncapped.capped
    india = (BANDS[("design", "basic", "india")].low + BANDS[("design", "basic", "india")].high) / 2
    abroad = (
        BANDS[("design", "basic", "abroad")].low + BANDS[("design", "basic", "abroad")].high
    ) / 2
    assert band_middle(band_of, "design", "basic", 0) == india
    assert band_middle(band_of, "design", "basic", 100) == abroad
    assert band_middle(band_of, "design", "basic", 30) == pytest.approx(0.7 * india + 0.3 * abroad)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_few_hours_are_explained(lang):
    view = per_hour(Projection(3000, 2000, 4000, 0), 2, 5000.0)
    assert not view.capped and view.few_hours
    assert per_hour_text(view, lang) == t("planner.hourly_few", lang, count=2, hours=2)


# --- abroad presets the fees it describes ---------------------------------------------------


def test_presets_follow_where_the_clients_are():
    assert market_presets(0) == {"fee": "none", "pay_cut": 0.0}
    assert market_presets(100) == {"fee": "upwork", "pay_cut": PAY_CUT_ABROAD}
    half = market_presets(50)  # a mix: in proportion to the work abroad
    assert half == {"fee": "custom", "fee_pct": PLATFORM_FEES["upwork"] / 2, "pay_cut": 1.5}
    for pct in range(10, 100, 10):
        preset = market_presets(pct)
        assert preset["fee_pct"] == pytest.approx(PLATFORM_FEES["upwork"] * pct / 100, abs=0.25)
        assert preset["pay_cut"] == pytest.approx(PAY_CUT_ABROAD * pct / 100, abs=0.25)
        for name, value in preset.items():
            assert FIELDS[name].clean(value) == value


def test_presets_change_only_what_the_person_left():
    start = {"fee": "none", "fee_pct": 5.0, "pay_cut": 0.0}
    assert preset_updates(start, None, 100) == {}  # first look: a link's fees stay
    assert preset_updates(start, 0, 0) == {}
    abroad = preset_updates(start, 0, 100)
    assert abroad == {"fee": "upwork", "pay_cut": PAY_CUT_ABROAD}
    now = {**start, **abroad}
    assert preset_updates(now, 100, 30) == {"fee": "custom", "fee_pct": 3.0, "pay_cut": 1.0}
    assert preset_updates({**now, "fee": "none"}, 100, 0) == {"pay_cut": 0.0}  # their fee stays
    assert preset_updates({**now, "pay_cut": 5.0}, 100, 0) == {"fee": "none"}
    mixed = {"fee": "custom", "fee_pct": 3.0, "pay_cut": 1.0}
    assert preset_updates(mixed, 30, 50) == {"fee_pct": 5.0, "pay_cut": 1.5}
    assert preset_updates({**mixed, "fee_pct": 8.0}, 30, 50) == {"pay_cut": 1.5}


def test_fees_add_up_and_links_carry_them():
    assert fees_pct("upwork", 0, PAY_CUT_ABROAD) == 10 + PAY_CUT_ABROAD
    assert fees_pct("custom", 40, 15) == 50  # at most what net_view and links take
    assert fees_pct("none", 20, 0) == 0
    plan = plan_from({"fee": "upwork", "pay_cut": 3.0, "market": "abroad"})
    assert plan.fee_pct == 13.0 and plan.abroad_pct == 100
    assert FIELDS["fee_pct"].clean(plan.fee_pct) == plan.fee_pct


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_market_note_names_the_market_chosen(lang):
    india, abroad = (
        BANDS[("admin", "specialist", "india")],
        BANDS[("admin", "specialist", "abroad")],
    )
    ratio = ratio_text(pay_ratio(india, abroad), lang)
    home = market_note(india, abroad, 0, lang)
    starts_there = t("planner.market_note", lang).split(".")[0].split("।")[0]
    assert home.startswith(starts_there) and ratio in home
    away = market_note(india, abroad, 100, lang)
    assert starts_there not in away and ratio in away and "10%" in away and "3%" in away
    mixed = market_note(india, abroad, 30, lang)
    assert starts_there not in mixed and "30%" in mixed and "{" not in mixed


# --- "about N times" matches the bands shown -------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_about_n_times_matches_the_bands(lang):
    for category in CATEGORIES:
        for tier in TIERS:
            india, abroad = BANDS[(category, tier, "india")], BANDS[(category, tier, "abroad")]
            ratio = pay_ratio(india, abroad)
            middles = ((abroad.low + abroad.high) / 2) / ((india.low + india.high) / 2)
            assert ratio == pytest.approx(middles)
            said = float(ratio_text(ratio, "en"))
            assert abs(said - ratio) <= 0.25
            assert ratio_text(ratio, lang) in markets_text(india, abroad, lang)
    assert t("pay.markets", "en").count("{ratio}") == 1 and "twice" not in t("pay.markets", "en")


# --- the US-dollar view ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_usd_line_converts_what_it_names(lang):
    projection = Projection(85_000, 42_500, 170_000, 500)
    net = NetView(85_000, 80_000, 8000, 1500, 7000, 63_500)
    text = usd_text(projection, net, 425.0, 85.0, lang)
    for rupees in (85_000, 42_500, 170_000, 63_500, 425):
        assert usd(rupees / 85, lang) in text
    assert text.endswith(t("planner.usd_rest", lang))
    assert "₹" not in text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_report_shows_the_planners_per_hour_figure(lang):
    """The report prints the same per-hour figure as the planner: capped at a few hours."""
    import datetime as dt
    from html import escape

    from model.quiz import assess, load_bank
    from model.report import PlanPart, build_report

    bands = {m: BANDS[("design", "specialist", m)] for m in ("india", "abroad")}
    plan = Plan("design", "specialist", 1, 2)
    projection = Projection(6400, 4000, 9000, 6400 / (52 / 12))  # a model that runs ahead
    view = per_hour(projection, 1, band_middle(band_of, "design", "specialist", 0))
    assert view.capped and view.rate < projection.hourly_inr
    html = build_report(
        lang=lang,
        result=assess({}, load_bank()),
        bank=load_bank(),
        plan=PlanPart(
            "design", "specialist", 1, 2, projection, net_view(projection, plan), 0, bands
        ),
        scenarios=[],
        method="",
        today=dt.date(2026, 12, 4),
    )
    assert escape(t("planner.hourly", lang, rate=inr(view.rate, lang))) in html
