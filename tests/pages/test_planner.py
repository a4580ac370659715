"""AppTest for the earnings planner: prefill, instant updates, scenarios, language and pages."""

from __future__ import annotations

import pytest

from model.earnings import load_rates
from model.fmt import inr
from model.i18n import t
from model.planner import market_note
from model.rates import rate_band
from tests.pages.helpers import all_text, charts, goto, honest_answers, md_tables, start


def _planner(lang="en", **state):
    return goto(start({"lang": lang}, **state), "planner")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_prefilled_from_the_quiz_result(lang):
    at = _planner(lang, answers=honest_answers("av_editing"))
    assert not at.exception
    assert at.selectbox(key=f"plan.category.{lang}").value == "av_editing"
    assert t("planner.from_quiz", lang) in all_text(at)


def test_without_a_result_category_and_tier_are_choosable():
    at = _planner()
    assert at.selectbox(key="plan.category.en").value == "admin"
    assert t("planner.from_quiz", "en") not in all_text(at)
    at.selectbox(key="plan.category.en").set_value("programming").run()
    at.selectbox(key="plan.tier.en").set_value("expert").run()
    assert not at.exception


def test_sliders_update_the_projection(model):
    at = _planner()
    at.selectbox(key="plan.category.en").set_value("writing").run()
    at.slider(key="plan.hours").set_value(40).run()
    at.slider(key="plan.clients").set_value(4).run()
    expected = model.predict("writing", "basic", 40, 4)
    assert at.metric[0].value == inr(expected.monthly_inr, "en")
    assert inr(expected.low_inr, "en") in all_text(at)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_net_table_goes_from_gross_to_the_net_shown_above(lang):
    """The gross-to-net table is Markdown (no data grid to download): words left, rupees
    right, its last line the same net as the metric."""
    at = _planner(lang)
    header, *rows = md_tables(at)[0]
    assert header == ["", "₹"]
    assert [row[0] for row in rows] == [
        t(f"planner.{key}", lang)
        for key in ("gross", "after_time_off", "fee_cut", "expenses_cut", "set_aside_cut", "net")
    ]
    assert rows[-1][1] == at.metric[1].value
    assert "---:" in next(m.value for m in at.markdown if m.value.startswith("| "))
    assert not at.get("arrow_data_frame")  # no st.dataframe on the planner


def test_a_plan_name_with_markdown_shows_literally_in_the_table():
    at = _planner()
    name = "A | *B* [x](http://e.in)"
    at.text_input[0].input(name)
    next(b for b in at.get("form_submit_button")).click().run()
    assert not at.exception
    header, *rows = md_tables(at)[-1]
    assert len(header) == len(rows[0]) == 6
    assert rows[0][0] == name


def test_net_view_responds_to_fees(model):
    at = _planner()
    net_before = at.metric[1].value
    at.segmented_control(key="plan.fee.en").set_value("upwork").run()
    assert at.metric[1].value != net_before
    at.segmented_control(key="plan.fee.en").set_value("custom").run()
    at.number_input(key="plan.fee_pct").set_value(20.0).run()
    assert not at.exception


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_save_and_compare_scenarios(lang):
    at = _planner(lang)
    for i, hours in enumerate((10, 25, 40, 55), start=1):
        at.slider(key="plan.hours").set_value(hours).run()
        at.text_input[0].input(f"Week {i}")
        next(b for b in at.get("form_submit_button")).click().run()
        assert not at.exception
    names = [s.name for s in at.session_state["scenarios"]]
    assert names == ["Week 2", "Week 3", "Week 4"]  # at most three, the newest kept
    header, *rows = md_tables(at)[-1]
    assert header[0] == t("planner.col_name", lang)
    assert [row[0] for row in rows] == names
    assert len(charts(at)) == 0  # folded: no chart until one is opened
    for key in ("plan.chart_curves", "plan.chart_growth", "plan.chart_scenarios"):
        at.session_state[key] = True  # what opening the "Show the chart" expanders does
    at.run()
    assert not at.exception
    assert len(charts(at)) == 3


def test_goal_seek_messages(model):
    at = _planner()
    reachable = round(model.predict("admin", "basic", 30, 2).monthly_inr)  # from the model
    at.number_input(key="plan.goal").set_value(reachable).run()
    assert at.success and "hours a week" in at.success[0].value
    at.number_input(key="plan.goal").set_value(5_000_000).run()
    assert (
        at.warning
        and t("planner.goal_out", "en", goal=inr(5_000_000, "en"), best="").split(":")[0]
        in at.warning[0].value
    )


def test_usd_view():
    at = _planner()
    at.toggle(key="plan.usd").set_value(True).run()
    assert "$" in all_text(at)


def test_inputs_survive_language_switch_and_page_changes(model):
    at = _planner()
    at.slider(key="plan.hours").set_value(33).run()
    at.slider(key="plan.clients").set_value(6).run()
    at.segmented_control(key="lang_switch").set_value("hi").run()
    assert at.slider(key="plan.hours").value == 33 and at.slider(key="plan.clients").value == 6
    at = goto(at, "about")
    at = goto(at, "planner")
    assert at.slider(key="plan.hours").value == 33 and at.slider(key="plan.clients").value == 6
    assert at.metric[0].value == inr(model.predict("admin", "basic", 33, 6).monthly_inr, "hi")


def test_about_page_shows_measured_metrics(model):
    at = goto(start(), "about")
    text = all_text(at)
    assert inr(model.metrics["mae_inr"], "en") in text
    assert t(f"about.model_name_{model.name}", "en") in text
    assert len(at.dataframe[0].value) == 3


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_hourly_line_tells_one_pay_story_with_the_results_page(lang, model):
    """The planner's per-hour figure sits beside the billed band of the chosen market, the same
    band the results page shows for that market."""
    at = _planner(lang)
    band = rate_band(load_rates(), "admin", "basic", "india")
    text = all_text(at)
    where = t("market.short.india", lang)
    billed = t(
        "pay.planner_billed", lang, market=where, low=inr(band.low, lang), high=inr(band.high, lang)
    )
    assert billed in text
    hourly = model.predict("admin", "basic", 20, 2).hourly_inr
    assert t("planner.hourly", lang, rate=inr(hourly, lang)) in text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_where_the_clients_are_changes_the_projection(lang, model):
    """Issue 13: India by default (with the line on what changes abroad); abroad and a mix
    change the projection, its range and the billed band shown."""
    at = _planner(lang)
    at.selectbox(key=f"plan.tier.{lang}").set_value("specialist").run()
    assert at.segmented_control(key=f"plan.market.{lang}").value == "india"
    rates = load_rates()
    india_band = rate_band(rates, "admin", "specialist", "india")
    abroad_band = rate_band(rates, "admin", "specialist", "abroad")
    assert market_note(india_band, abroad_band, 0, lang) in all_text(at)
    india = model.predict("admin", "specialist", 20, 2)
    assert at.metric[0].value == inr(india.monthly_inr, lang)

    at.segmented_control(key=f"plan.market.{lang}").set_value("abroad").run()
    abroad = model.predict("admin", "specialist", 20, 2, 1.0)
    assert not at.exception and at.metric[0].value == inr(abroad.monthly_inr, lang)
    assert abroad.monthly_inr > 2 * india.monthly_inr
    band = rate_band(load_rates(), "admin", "specialist", "abroad")
    where = t("market.short.abroad", lang)
    billed = t(
        "pay.planner_billed", lang, market=where, low=inr(band.low, lang), high=inr(band.high, lang)
    )
    assert billed in all_text(at)

    at.segmented_control(key=f"plan.market.{lang}").set_value("mix").run()
    at.slider(key="plan.abroad_pct").set_value(30).run()
    mixed = model.predict("admin", "specialist", 20, 2, 0.3)
    assert at.metric[0].value == inr(mixed.monthly_inr, lang)
    assert inr(mixed.low_inr, lang) in all_text(at)


def test_goal_seeking_offers_a_share_of_clients_abroad(model):
    at = _planner()
    at.selectbox(key="plan.tier.en").set_value("specialist").run()
    at.number_input(key="plan.goal").set_value(50_000).run()
    at.selectbox(key="plan.goal_vary.en").set_value("abroad").run()
    assert not at.exception and at.success
    share = next(
        s
        for s in range(0, 101, 10)
        if model.predict("admin", "specialist", 20, 2, s / 100).monthly_inr >= 50_000
    )
    expected = t("planner.goal_abroad", "en", share=f"{share}%", goal=inr(50_000, "en"))
    assert at.success[0].value == expected


def test_a_link_with_a_market_opens_it_and_an_old_link_reads_as_india(model):
    at = goto(start({"v": "3", "lang": "hi", "cat": "design", "mkt": "abroad"}), "planner")
    assert at.segmented_control(key="plan.market.hi").value == "abroad"
    expected = model.predict("design", "basic", 20, 2, 1.0).monthly_inr
    assert at.metric[0].value == inr(expected, "hi")
    old = goto(start({"v": "2", "lang": "hi", "cat": "design"}), "planner")
    assert old.segmented_control(key="plan.market.hi").value == "india"
    assert old.metric[0].value == inr(model.predict("design", "basic", 20, 2).monthly_inr, "hi")
