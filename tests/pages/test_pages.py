"""AppTest: every page in both languages, the quiz flow, the language switch and bad URLs."""

from __future__ import annotations

import pytest

from model.i18n import t
from model.quiz import assess, load_bank, steps
from tests.pages.helpers import (
    all_text,
    charts,
    goto,
    honest_answers,
    latin_words,
    screen_texts,
    start,
)

PAGES = ["home", "quiz", "results", "planner", "about"]


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page, lang):
    at = goto(start({"lang": lang}, answers=honest_answers("design")), page)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value == t(f"{page}.title", lang)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("answers", ["none", "some"], ids=["empty", "answered"])
def test_hindi_screens_have_no_english_left(page, answers):
    state = {"answers": honest_answers("finance")} if answers == "some" else {}
    at = goto(start({"lang": "hi"}, **state), page)
    assert not at.exception
    assert latin_words(screen_texts(at)) == set()
    if page == "planner":  # and the charts' texts, once their expanders are opened
        for key in ("plan.chart_curves", "plan.chart_growth"):
            at.session_state[key] = True
        at.run()
        assert len(charts(at)) == 2
        assert latin_words(screen_texts(at)) == set()


def test_english_home_describes_the_quiz_forms():
    at = start()
    text = all_text(at)
    bank = load_bank()
    assert t("home.title", "en") in text
    assert f"{len(bank.questions('short'))} questions" in text
    assert f"{len(bank.questions('full'))} questions" in text


def test_start_short_quiz_from_home():
    at = start({"lang": "hi"})
    at.button(key="start_short").click().run()
    assert not at.exception
    assert at.title[0].value == t("quiz.title", "hi")
    assert at.session_state["form"] == "short"


def _answer_step(at, pick=0):
    for radio in at.radio:
        radio.set_value(radio.options[pick] if isinstance(pick, int) else pick[radio.key])
    return at.run()


def _click(at, label):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def test_walk_the_short_quiz_to_a_result():
    bank = load_bank()
    answers = honest_answers("av_editing", "short")
    parts = steps(bank.questions("short"))
    at = goto(start(form="short"), "quiz")
    for i, part in enumerate(parts):
        assert t("quiz.step", "en", step=i + 1, steps=len(parts)) in all_text(at)
        for radio, question in zip(at.radio, part, strict=True):
            radio.set_value(answers[question.id])
        at.run()
        label = t("quiz.finish" if i == len(parts) - 1 else "quiz.next", "en")
        at = _click(at, label)
        assert not at.exception
    assert at.title[0].value == t("results.title", "en")
    assert at.session_state["answers"] == answers
    text = all_text(at)
    assert t("cat.av_editing.name", "en") in text
    assert t("certainty.clear_title", "en") in text or t("certainty.likely_title", "en") in text


def test_progress_back_and_changing_an_answer():
    bank = load_bank()
    first = steps(bank.questions("short"))[0]
    at = goto(start(form="short"), "quiz")
    at.radio[0].set_value(first[0].options[1].id).run()
    assert at.session_state["answers"] == {first[0].id: first[0].options[1].id}
    assert "1 of" in at.get("progress")[0].proto.text
    # Next with unanswered questions warns once, the second press goes on
    at = _click(at, t("quiz.next", "en"))
    assert at.warning and at.session_state["quiz_step"] == 0
    at = _click(at, t("quiz.next", "en"))
    assert at.session_state["quiz_step"] == 1
    at = _click(at, t("quiz.back", "en"))
    assert at.session_state["quiz_step"] == 0
    assert at.radio[0].value == first[0].options[1].id  # the answer is still shown
    at.radio[0].set_value(first[0].options[2].id).run()
    assert at.session_state["answers"][first[0].id] == first[0].options[2].id


def test_language_switch_keeps_every_answer():
    answers = honest_answers("writing", "short")
    at = goto(start(form="short", answers=dict(answers)), "quiz")
    en_label = at.radio[0].label
    at.segmented_control(key="lang_switch").set_value("hi").run()
    assert not at.exception
    assert at.session_state["lang"] == "hi" and at.query_params["lang"] in ("hi", ["hi"])
    assert at.radio[0].label != en_label
    assert [r.value for r in at.radio] == [answers[r.key.split(".")[-1]] for r in at.radio]
    assert at.session_state["answers"] == answers
    at = goto(at, "results")
    assert t("cat.writing.name", "hi") in all_text(at)


def test_results_update_when_an_answer_changes():
    answers = honest_answers("programming")
    at = goto(start(answers=dict(answers)), "results")
    assert t("cat.programming.name", "en") in at.header[0].value
    at.session_state["answers"] = honest_answers("marketing")
    at.run()
    assert t("cat.marketing.name", "en") in at.header[0].value


def test_results_page_content_for_a_clear_result():
    answers = honest_answers("finance")
    result = assess(answers, load_bank())
    at = goto(start(answers=answers), "results")
    text = all_text(at)
    for key in (
        "results.ranking_heading",
        "results.why_heading",
        "results.tier_heading",
        "profile.heading",
        "results.next_heading",
        "results.pay_heading",
    ):
        assert t(key, "en") in text, key
    assert t(f"tier.{result.tier}.name", "en") in text
    assert "per hour" in text and "₹" in text
    assert len(at.get("progress")) == 7 + sum(result.measured.values())
    best = t(f"cat.{result.category}.label", "en")
    assert at.get("progress")[0].proto.text.startswith(f"**{best}")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_results_show_the_billed_band_from_india_and_abroad_side_by_side(lang):
    """Issue 13: both markets' bands for the suggestion, labelled, with the plain-words line."""
    from model.earnings import load_rates, rate_band
    from model.fmt import inr

    answers = honest_answers("design")
    result = assess(answers, load_bank())
    at = goto(start({"lang": lang}, answers=answers), "results")
    assert not at.exception
    text = all_text(at)
    rates = load_rates()
    for market in ("india", "abroad"):
        band = rate_band(rates, result.category, result.tier, market)
        assert t(f"pay.{market}", lang) in text
        shown = t("results.pay_band", lang, low=inr(band.low, lang), high=inr(band.high, lang))
        assert shown in text, market
    from model.advice import markets_text  # issue 18: the ratio of the bands shown

    bands = [rate_band(rates, result.category, result.tier, m) for m in ("india", "abroad")]
    assert markets_text(*bands, lang) in text and t("pay.billed", lang) in text
    india = text.index(t("pay.india", lang))
    assert india < text.index(t("pay.abroad", lang))  # India first: where most people start


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_empty_quiz_gets_a_notice_not_a_verdict(lang):
    at = goto(start({"lang": lang}), "results")
    assert at.warning[0].value == t("results.notice_empty", lang)
    assert not at.header


def test_identical_answers_get_a_notice():
    bank = load_bank()
    answers = {q.id: q.options[0].id for q in bank.questions("full")}
    at = goto(start(answers=answers), "results")
    assert at.warning[0].value == t("results.notice_uniform", "en")
    assert not [
        c for c in ("clear", "likely", "close") if t(f"certainty.{c}_title", "en") in all_text(at)
    ]


def test_clear_answers():
    at = goto(start(answers=honest_answers("design", "short"), form="short"), "quiz")
    at.button(key=None)
    next(b for b in at.button if b.label == t("quiz.restart", "en")).click().run()
    assert at.session_state["answers"] == {}
    assert all(r.value is None for r in at.radio)


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"lang": "fr"}, "notice.bad_lang"),
        ({"lang": "<script>alert(1)</script>"}, "notice.bad_lang"),
        ({"form": "huge"}, "notice.bad_form"),
    ],
)
def test_bad_url_values_are_ignored_with_a_notice(params, notice):
    at = start(params)
    assert not at.exception
    assert at.info[0].value == t(notice, "en", language=t("lang.en", "en"))
    assert at.session_state["lang"] == "en" and at.session_state["form"] == "short"
    assert "<script>" not in all_text(at)


def test_coach_link_presets_language_and_form():
    at = start({"lang": "hi", "form": "full"})
    assert at.session_state["lang"] == "hi" and at.session_state["form"] == "full"
    notices = {
        t(k, "hi", language=t("lang.hi", "hi")) for k in ("notice.bad_lang", "notice.bad_form")
    }
    assert not notices & {i.value for i in at.info}
    at = goto(at, "quiz")
    assert at.segmented_control(key="form_pick.hi").value == "full"


def test_stale_answers_are_dropped_with_a_notice():
    answers = {**honest_answers("design", "short"), "gone_question": "a"}
    at = start(answers=answers)
    assert not at.exception
    assert "gone_question" not in at.session_state["answers"]
    assert any(i.value == t("notice.bad_state", "en") for i in at.info)
    assert at.session_state["answers"] == honest_answers("design", "short")  # the rest is kept
    at = goto(at, "results")
    assert t("cat.design.name", "en") in at.header[0].value


def test_footer_shows_even_without_a_verdict():
    at = goto(start(), "results")
    assert t("app.footer", "en") in all_text(at)
