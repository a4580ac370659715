"""AppTest for issue 18, goals 4 and 5, in both languages: the planner starts from the person,
no goal verdict before a goal, and its numbers agree (growth, per hour, abroad fees, dollars,
the results page's "about N times")."""

from __future__ import annotations

import pytest

from model.advice import markets_text
from model.earnings import load_rates
from model.fmt import inr, usd
from model.i18n import t
from model.planner import (
    PAY_CUT_ABROAD,
    Plan,
    band_middle,
    growth_plan,
    growth_total,
    market_note,
    net_view,
    per_hour,
    per_hour_text,
    start_line,
    starting_plan,
)
from model.quiz import assess, load_bank
from model.rates import rate_band
from tests.pages.helpers import all_text, goto, honest_answers, md_tables, start

RATES = load_rates()


def band_of(category: str, tier: str, market: str):
    return rate_band(RATES, category, tier, market)


def _planner(lang: str = "en", **state):
    return goto(start({"lang": lang}, **state), "planner")


def _choice(at, name: str, lang: str):
    """A planner choice widget (keyed per language, ui.inputs.choice)."""
    return at.segmented_control(key=f"plan.{name}.{lang}")


# --- goal 4: the planner starts from the person ------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize("situation", ["student", "job", "home", "retired", "looking"])
def test_the_planner_opens_where_the_person_would_start(lang, situation):
    answers = {**honest_answers("design", "short"), "about_now": situation}
    at = _planner(lang, answers=answers)
    assert not at.exception
    result = assess(answers, load_bank(), "short")
    expected = starting_plan(result)
    assert at.slider(key="plan.hours").value == expected["hours"]
    assert at.slider(key="plan.clients").value == expected["clients"]
    if result.tier == "basic":
        assert expected["clients"] == 1
    assert start_line(result, lang) in all_text(at)
    at.slider(key="plan.hours").set_value(expected["hours"] + 7).run()  # their own week now
    assert start_line(result, lang) not in all_text(at)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_no_goal_verdict_until_a_goal_is_set(lang, model):
    at = _planner(lang, answers={**honest_answers("admin", "short"), "about_now": "student"})
    assert at.number_input(key="plan.goal").value is None
    assert not at.success and not at.warning  # no "out of reach" before a goal
    assert t("planner.goal_unset", lang) in [i.value for i in at.info]
    at.number_input(key="plan.goal").set_value(5_000_000).run()
    out = t("planner.goal_out", lang, goal=inr(5_000_000, lang), best="").split(":")[0]
    assert any(out in w.value for w in at.warning)


# --- goal 5: consistent numbers ---------------------------------------------------------------


def _growth_caption(at, lang: str) -> str:
    head = t("planner.growth_total", lang).split("{")[0]
    return next(c.value for c in at.caption if c.value.startswith(head))


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_growth_starts_from_the_plan_and_follows_the_hours(lang, model):
    at = _planner(lang)
    at.slider(key="plan.clients").set_value(3).run()
    plan = Plan("admin", "basic", 20, 3)
    months = growth_plan(model, plan, 5)
    assert months[0].projection.monthly_inr == model.predict("admin", "basic", 20, 3).monthly_inr
    caption = _growth_caption(at, lang)
    assert inr(growth_total(months), lang) in caption
    assert t("planner.clients_line", lang, count=3) in caption  # from the chosen clients
    at.slider(key="plan.hours").set_value(40).run()  # only the hours change
    more = growth_total(growth_plan(model, Plan("admin", "basic", 40, 3), 5))
    assert more > growth_total(months)
    assert inr(more, lang) in _growth_caption(at, lang)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_per_hour_at_one_hour_is_capped_and_explained(lang, model):
    at = _planner(lang)
    at.selectbox(key=f"plan.category.{lang}").set_value("design").run()
    at.selectbox(key=f"plan.tier.{lang}").set_value("specialist").run()
    at.slider(key="plan.hours").set_value(1).run()
    middle = band_middle(band_of, "design", "specialist", 0)
    view = per_hour(model.predict("design", "specialist", 1, 2), 1, middle)
    assert view.rate <= middle and view.few_hours
    text = all_text(at)
    assert t("planner.hourly", lang, rate=inr(view.rate, lang)) in text
    assert per_hour_text(view, lang) in text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_abroad_presets_the_fees_its_note_describes(lang, model):
    at = _planner(lang)
    home_note = market_note(
        band_of("admin", "basic", "india"), band_of("admin", "basic", "abroad"), 0, lang
    )
    assert home_note in all_text(at)
    assert _choice(at, "fee", lang).value == "none"
    assert at.number_input(key="plan.pay_cut").value == 0

    _choice(at, "market", lang).set_value("abroad").run()
    assert not at.exception
    assert _choice(at, "fee", lang).value == "upwork"
    assert at.number_input(key="plan.pay_cut").value == PAY_CUT_ABROAD
    text = all_text(at)
    india, abroad = band_of("admin", "basic", "india"), band_of("admin", "basic", "abroad")
    assert market_note(india, abroad, 100, lang) in text
    assert home_note not in text  # no "so the planner starts there [India]"
    projection = model.predict("admin", "basic", 20, 2, 1.0)
    net = net_view(projection, Plan("admin", "basic", 20, 2, 10 + PAY_CUT_ABROAD, 1500, 10, 2, 100))
    rows = dict(md_tables(at)[0][1:])
    assert rows[t("planner.fee_cut", lang)] == inr(-net.fee, lang)
    assert at.metric[1].value == inr(net.net, lang)

    _choice(at, "fee", lang).set_value("none").run()  # editable: the person's choice stays
    _choice(at, "market", lang).set_value("mix").run()
    assert _choice(at, "fee", lang).value == "none"
    assert at.number_input(key="plan.pay_cut").value == PAY_CUT_ABROAD / 2  # 50%: in proportion
    assert market_note(india, abroad, 50, lang) in all_text(at)
    _choice(at, "market", lang).set_value("india").run()
    assert at.number_input(key="plan.pay_cut").value == 0
    assert home_note in all_text(at)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_dollar_view_converts_the_figures_it_shows_and_names_the_rest(lang, model):
    at = _planner(lang)
    at.toggle(key="plan.usd").set_value(True).run()
    plan = Plan("admin", "basic", 20, 2, 0, 1500, 10, 2)
    projection = model.predict("admin", "basic", 20, 2)
    net = net_view(projection, plan)
    view = per_hour(projection, 20, band_middle(band_of, "admin", "basic", 0))
    text = all_text(at)
    for rupees in (
        projection.monthly_inr,
        projection.low_inr,
        projection.high_inr,
        net.net,
        view.rate,
    ):
        assert usd(rupees / 85, lang) in text
    assert t("planner.usd_rest", lang) in text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_results_say_how_many_times_the_bands_differ(lang):
    answers = honest_answers("writing")
    result = assess(answers, load_bank())
    at = goto(start({"lang": lang}, answers=answers), "results")
    india = band_of(result.category, result.tier, "india")
    abroad = band_of(result.category, result.tier, "abroad")
    text = all_text(at)
    assert markets_text(india, abroad, lang) in text
    assert "about twice" not in text and "लगभग दोगुना" not in text
