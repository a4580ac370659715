"""Journeys in real headless Chromium: what a person sees at desktop and phone size."""

from __future__ import annotations

import re

import pytest

from model.fmt import inr
from model.i18n import t
from model.planner import market_note
from model.quiz import load_bank, steps
from model.rates import load_rates, rate_band
from tests.pages.helpers import honest_answers

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 800}


def _expect():
    from playwright.sync_api import expect

    return expect


def _progress(page, lang, form):
    """Wait until the server has counted every answer given so far (as a person would)."""
    total = len(load_bank().questions(form))

    def wait(done: int) -> None:
        text = t("quiz.progress", lang, answered=done, total=total)
        _expect()(page.get_by_text(text, exact=True)).to_be_visible()

    return wait


def _answer_step(page, part, answers, lang, form="short", done=0):
    wait = _progress(page, lang, form)
    for question in part:
        group = page.locator('[data-testid="stRadio"]').filter(has_text=question.text(lang))
        group.get_by_text(question.option(answers[question.id]).text(lang), exact=True).click()
        done += 1
        wait(done)
    return done


def _take_quiz(page, form, answers, lang, done=0, first_step=0):
    parts = steps(load_bank().questions(form))
    for i, part in enumerate(parts[first_step:], start=first_step):
        _expect()(
            page.get_by_text(t("quiz.step", lang, step=i + 1, steps=len(parts)))
        ).to_be_visible()
        done = _answer_step(page, part, answers, lang, form, done)
        last = i == len(parts) - 1
        page.get_by_role("button", name=t("quiz.finish" if last else "quiz.next", lang)).click()
    return done


def _idle(page):
    """Wait until the app's script has finished its run (a download button's file is only
    stable between runs)."""
    idle = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    _expect()(idle).to_have_count(1)


def _start(page, lang: str, form: int = 0) -> None:
    """Tap a home page "start" button (0 short, 1 full, 2 adaptive) once the page is idle: on
    arrival the page scrolls itself to the top, and a tap during that scroll can land on
    another button."""
    _idle(page)
    page.get_by_role("button", name=t("home.start", lang)).nth(form).click()


def _open_share_panel(page, lang):
    """Unfold the share panel once the page is idle, and wait for its buttons."""
    _idle(page)
    page.get_by_text(t("share.heading", lang)).click()
    _expect()(page.get_by_role("button", name=t("share.report", lang))).to_be_visible()
    _idle(page)


def _download(page, name: str):
    """Tap a download button and return the download. A person whose download does not start
    taps again: on a loaded 2-core CI machine the first tap's download sometimes never
    started (2 of about 8 full runs; never when the browser tests ran alone)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button = page.get_by_role("button", name=name)
    try:
        with page.expect_download(timeout=20_000) as info:
            button.click()
    except PlaywrightTimeout:
        _idle(page)
        with page.expect_download(timeout=40_000) as info:
            button.click()
    return info.value


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_english_desktop_quiz_to_result(server, browser, shot):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server)
    _expect()(page.get_by_role("heading", name=t("home.title", "en"))).to_be_visible(timeout=30_000)
    shot(page, "home")
    _start(page, "en")
    answers = honest_answers("marketing", "short")
    _take_quiz(page, "short", answers, "en")
    _expect()(page.get_by_role("heading", name=t("results.title", "en"))).to_be_visible()
    sure = f"{t('certainty.clear_title', 'en')}|{t('certainty.likely_title', 'en')}"
    _expect()(page.get_by_text(re.compile(f"^({sure})$"))).to_be_visible()
    _expect()(page.get_by_role("heading", name=t("cat.marketing.name", "en"))).to_be_visible()
    _expect()(page.locator('[data-testid="stProgress"]')).to_have_count(12)
    bands = page.get_by_text(re.compile(r"^₹[\d,]+ – ₹[\d,]+ per hour$"))
    _expect()(bands).to_have_count(2)  # clients in India and clients abroad, side by side
    _expect()(bands.first).to_be_visible()
    _expect()(page.get_by_text(t("pay.india", "en"), exact=True)).to_be_visible()
    _expect()(page.get_by_text(t("pay.abroad", "en"), exact=True)).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "results")
    page.close()


def test_hindi_phone_switches_language_mid_quiz_and_keeps_answers(server, browser, shot):
    page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{server}/quiz?form=short")
    bank = load_bank()
    parts = steps(bank.questions("short"))
    answers = honest_answers("design", "short")
    _expect()(page.get_by_text(t("quiz.step", "en", step=1, steps=len(parts)))).to_be_visible(
        timeout=30_000
    )
    _answer_step(page, parts[0], answers, "en")
    page.get_by_role("radio", name="हिंदी").click()
    _expect()(page.get_by_text(t("quiz.step", "hi", step=1, steps=len(parts)))).to_be_visible()
    for question in parts[0]:  # the same answers, now in Hindi
        group = page.locator('[data-testid="stRadio"]').filter(has_text=question.text("hi"))
        _expect()(group.locator("input:checked")).to_have_count(1)
        checked = group.locator("label").filter(has=page.locator("input:checked"))
        _expect()(checked).to_contain_text(question.option(answers[question.id]).text("hi"))
    shot(page, "quiz-hi")
    _no_sideways_scroll(page)
    page.get_by_role("button", name=t("quiz.next", "hi")).click()
    _take_quiz(page, "short", answers, "hi", done=len(parts[0]), first_step=1)
    _expect()(page.get_by_role("heading", name=t("results.title", "hi"))).to_be_visible()
    _expect()(page.get_by_role("heading", name=t("cat.design.name", "hi"))).to_be_visible()
    bands = page.get_by_text(re.compile(r"^₹[\d,]+ – ₹[\d,]+ प्रति घंटा$"))
    _expect()(bands).to_have_count(2)
    _expect()(bands.last).to_be_visible()
    _expect()(page.locator('[data-testid="stProgress"]')).to_have_count(12)
    assert "lang=hi" in page.url
    _no_sideways_scroll(page)
    shot(page, "results-hi")
    page.close()


def test_quiz_result_planner_prefilled_and_scenario_saved(server, browser, shot):
    page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{server}/quiz?lang=hi&form=short")
    answers = honest_answers("writing", "short")
    steps_ = len(steps(load_bank().questions("short")))
    _expect()(page.get_by_text(t("quiz.step", "hi", step=1, steps=steps_))).to_be_visible(
        timeout=30_000
    )
    _take_quiz(page, "short", answers, "hi")
    _expect()(page.get_by_role("heading", name=t("cat.writing.name", "hi"))).to_be_visible()
    page.get_by_role("button", name=t("results.to_planner", "hi")).click()
    _expect()(page.get_by_role("heading", name=t("planner.title", "hi"))).to_be_visible()
    _expect()(page.get_by_text(t("planner.from_quiz", "hi"))).to_be_visible()
    category = page.locator('[data-testid="stSelectbox"]').first.locator("input")
    _expect()(category).to_have_value(t("cat.writing.label", "hi"))
    _expect()(page.get_by_text(re.compile(r"^₹[\d,]+$")).first).to_be_visible()
    page.get_by_label(t("planner.scenario_name", "hi")).fill("मेरी पहली योजना")
    page.get_by_role("button", name=t("planner.scenario_save", "hi")).click()
    _expect()(page.get_by_text(t("planner.scenario_none", "hi"))).to_have_count(0)
    _expect()(page.locator('[data-testid="stMarkdownContainer"] table')).to_have_count(2)
    _expect()(page.locator(".js-plotly-plot")).to_have_count(0)  # folded until opened
    shows = page.get_by_text(t("planner.chart_show", "hi"), exact=True)
    shows.first.click()  # one plotly download buys every chart: all three open at once
    _expect()(page.locator(".js-plotly-plot")).to_have_count(3)
    shows.nth(1).click()  # closing one closes that one only
    _expect()(page.locator(".js-plotly-plot")).to_have_count(2)
    shows.nth(1).click()
    _expect()(page.locator(".js-plotly-plot")).to_have_count(3)
    _no_sideways_scroll(page)
    shot(page, "planner-hi")
    page.close()


@pytest.mark.parametrize(("lang", "size"), [("en", DESKTOP), ("hi", PHONE)])
def test_switching_where_the_clients_are_changes_the_projection(
    server, browser, model, shot, lang, size
):
    """Issue 13: the planner starts with clients in India; choosing abroad, then a mix, changes
    the projection to the model's figure for that market, and the share link carries it."""
    page = browser.new_page(viewport=size, is_mobile=size is PHONE, has_touch=size is PHONE)
    page.goto(f"{server}/planner?lang={lang}")
    _expect()(page.get_by_role("heading", name=t("planner.title", lang))).to_be_visible(
        timeout=30_000
    )
    projected = page.locator('[data-testid="stMetricValue"]').first
    india = model.predict("admin", "basic", 20, 2).monthly_inr
    _expect()(projected).to_have_text(inr(india, lang))
    rates = load_rates()
    bands = {m: rate_band(rates, "admin", "basic", m) for m in ("india", "abroad")}
    note = market_note(bands["india"], bands["abroad"], 0, lang)
    _expect()(page.get_by_text(note)).to_be_visible()

    page.get_by_role("radio", name=t("planner.market_abroad", lang), exact=True).click()
    abroad = model.predict("admin", "basic", 20, 2, 1.0).monthly_inr
    _expect()(projected).to_have_text(inr(abroad, lang))
    assert abroad > 1.5 * india
    where = t("market.short.abroad", lang)
    _expect()(page.get_by_text(re.compile(re.escape(f"({where}:")))).to_be_visible()

    page.get_by_role("radio", name=t("planner.market_mix", lang), exact=True).click()
    _expect()(page.get_by_text(t("planner.abroad_pct", lang))).to_be_visible()
    mixed = model.predict("admin", "basic", 20, 2, 0.5).monthly_inr
    _expect()(projected).to_have_text(inr(mixed, lang))
    _no_sideways_scroll(page)
    shot(page, f"planner-market-{lang}")

    _open_share_panel(page, lang)
    _expect()(page.locator("[data-sahayak-link]")).to_contain_text("mkt=mix")
    page.close()
