"""Nothing a person enters is lost (issue 17), in real Chromium against a real server.

Each test does what people on phones do: reload mid-quiz, reload the results or the planner,
lose the network for longer than Streamlit keeps a session, meet a server restart, open a
second tab with the same address, switch language twice on the planner. Each asserts that
every answer and setting is still there, as the person sees it on screen.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from model import links
from model.i18n import t
from model.quiz import assess, load_bank, steps
from tests.browser.relay import relay
from tests.browser.server import free_port, streamlit_server
from tests.browser.test_journeys import DESKTOP, PHONE, _expect, _idle, _progress, _start
from tests.pages.helpers import honest_answers

pytestmark = pytest.mark.browser
SESSION_TTL = 3  # seconds a server keeps a disconnected session in these tests (default 120)


@contextmanager
def _server(port: int | None = None, ttl: int = 120) -> Iterator[tuple[str, subprocess.Popen]]:
    """The app on ``port`` (a free one if None), keeping disconnected sessions ``ttl`` s."""
    ttl_arg = f"--server.disconnectedSessionTTL={ttl}"
    with streamlit_server("run", "app.py", ttl_arg, port=port) as running:
        yield running


@pytest.fixture(scope="module")
def short_lived() -> Iterator[str]:
    """A server that forgets a disconnected session after SESSION_TTL seconds, so a network
    gap "longer than Streamlit keeps a session" takes seconds, not minutes."""
    with _server(ttl=SESSION_TTL) as (url, _):
        yield url


FULL = "full"
ANSWERS = honest_answers("design", FULL)


def _answer(page, lang: str, count: int, done: int = 0) -> int:
    """Answer the full form in order until ``count`` questions are answered, starting on the
    part that holds answer ``done`` (moving on when a part is complete); return the 0-based
    part the person is on."""
    parts = steps(load_bank().questions(FULL))
    wait = _progress(page, lang, FULL)
    seen = 0
    for number, part in enumerate(parts):
        if seen + len(part) < done:  # done before the part the person is on
            seen += len(part)
            continue
        _expect()(
            page.get_by_text(t("quiz.step", lang, step=number + 1, steps=len(parts)))
        ).to_be_visible()
        for question in part:
            seen += 1
            if seen <= done:
                continue
            group = page.locator('[data-testid="stRadio"]').filter(has_text=question.text(lang))
            option = question.option(ANSWERS[question.id]).text(lang)
            group.get_by_text(option, exact=True).click()
            wait(seen)
            if seen == count:
                return number
        page.get_by_role("button", name=t("quiz.next", lang)).click()
    raise AssertionError("the form has fewer questions than asked for")


def _at_part(page, lang: str, part: int, answered: int) -> None:
    """The quiz shows ``part`` (0-based) of the full form with ``answered`` answers counted."""
    parts = steps(load_bank().questions(FULL))
    _expect()(
        page.get_by_text(t("quiz.step", lang, step=part + 1, steps=len(parts)))
    ).to_be_visible(timeout=30_000)
    _progress(page, lang, FULL)(answered)


def _begin_full(page, url: str, lang: str) -> None:
    page.goto(f"{url}/?lang={lang}")
    _expect()(page.get_by_role("heading", name=t("home.title", lang))).to_be_visible(timeout=30_000)
    _start(page, lang, form=1)


def test_a_reload_at_question_20_of_the_full_form_keeps_every_answer(server, browser, shot):
    page = browser.new_page(viewport=PHONE)
    _begin_full(page, server, "hi")
    part = _answer(page, "hi", 20)
    _idle(page)
    history = page.evaluate("history.length")
    page.reload()
    _at_part(page, "hi", part, 20)
    shot(page, "after-reload")
    # the address was replaced in place: 20 answers did not add 20 steps to Back
    assert page.evaluate("history.length") <= history
    part = _answer(page, "hi", 21, done=20)  # and the next answer keeps the 20 before it
    _at_part(page, "hi", part, 21)
    page.close()


def test_a_reload_on_the_results_keeps_the_result(server, browser):
    answers = honest_answers("writing", "short")
    query = links.query_string(links.encode(lang="en", form="short", answers=answers))
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/results?{query}")
    heading = page.get_by_role("heading", name=t("cat.writing.name", "en"))
    _expect()(heading).to_be_visible(timeout=30_000)
    page.get_by_role("link", name=t("nav.planner", "en")).first.click()  # away and back
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible()
    page.go_back()
    _expect()(heading).to_be_visible()
    _idle(page)
    page.reload()
    _expect()(heading).to_be_visible(timeout=30_000)
    _expect()(page.get_by_text(t("results.notice_empty", "en"))).to_have_count(0)
    page.close()


def _metric(page) -> str:
    return page.locator('[data-testid="stMetricValue"]').first.inner_text()


def test_a_reload_on_the_planner_keeps_settings_and_saved_plans(server, browser, model):
    answers = honest_answers("design", "short")
    result = assess(answers, load_bank(), "short")
    query = links.query_string(links.encode(lang="en", form="short", answers=answers))
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/planner?{query}")
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(
        timeout=30_000
    )
    _idle(page)
    sliders = page.locator('[data-testid="stSlider"] input[type="range"]')
    hours = sliders.nth(0)
    hours.focus()
    for _ in range(7):  # 7 more hours than the start, by keyboard as a person might
        hours.press("ArrowRight")
    _idle(page)
    page.locator('[data-testid="stButtonGroup"]').filter(
        has_text=t("planner.market_abroad", "en")
    ).get_by_text(t("planner.market_abroad", "en"), exact=True).click()
    _idle(page)
    for name in ("First plan", "Second plan"):
        page.get_by_label(t("planner.scenario_name", "en")).fill(name)
        page.get_by_role("button", name=t("planner.scenario_save", "en")).click()
        _expect()(page.get_by_text(name).first).to_be_visible()
        _idle(page)
    before = _metric(page)
    state = page.evaluate("location.search")
    assert "mkt=abroad" in state and state.count("s=") == 2
    page.reload()
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(
        timeout=30_000
    )
    _idle(page)
    assert _metric(page) == before
    for name in ("First plan", "Second plan"):
        _expect()(page.get_by_text(name).first).to_be_visible()
    assert page.evaluate("location.search") == state  # the same settings, in the same order
    assert f"cat={result.category}" in state and f"tier={result.tier}" in state
    kind = page.locator('[data-testid="stSelectbox"] input[role="combobox"]')
    _expect()(kind.first).to_have_value(t(f"cat.{result.category}.label", "en"))
    _expect()(kind.nth(1)).to_have_value(t(f"tier.{result.tier}.name", "en"))
    page.close()


def test_a_network_gap_longer_than_the_server_keeps_a_session_loses_nothing(
    short_lived, browser, shot
):
    """Offline longer than the server keeps the session (3 s here, 2 minutes in production):
    the page says once, in Hindi, that the answers are safe; the next answer keeps the rest."""
    with relay(short_lived) as network:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        _begin_full(page, network.url, "hi")
        part = _answer(page, "hi", 20)
        _idle(page)
        network.cut()
        line = page.locator("#sahayak-offline")
        _expect()(line).to_have_text(t("app.offline", "hi"), timeout=30_000)
        _expect()(line).to_be_visible()
        shot(page, "offline")
        time.sleep(SESSION_TTL + 4)  # the server forgets the session meanwhile
        # Streamlit's English "Connection error" box (after about 3 s) is closed, not shown
        _expect()(page.locator('[data-testid="stDialog"]')).to_have_count(0)
        _expect()(line).to_be_visible()
        network.restore()
        _expect()(line).to_be_hidden(timeout=60_000)
        _at_part(page, "hi", part, 20)
        part = _answer(page, "hi", 21, done=20)
        _at_part(page, "hi", part, 21)
        context.close()


def test_a_server_restart_mid_quiz_loses_nothing(browser):
    port = free_port()
    page = browser.new_page(viewport=DESKTOP)
    with _server(port) as (url, _):
        _begin_full(page, url, "en")
        part = _answer(page, "en", 12)
        _idle(page)
    with _server(port) as (url, _):  # a new process: it knows no session of ours
        _at_part(page, "en", part, 12)
        part = _answer(page, "en", 13, done=12)
        _at_part(page, "en", part, 13)
        page.reload()
        _at_part(page, "en", part, 13)
    page.close()


def test_a_second_tab_with_the_same_address_has_the_answers(server, browser):
    context = browser.new_context(viewport=DESKTOP)
    first = context.new_page()
    _begin_full(first, server, "en")
    part = _answer(first, "en", 9)
    _idle(first)
    second = context.new_page()
    second.goto(first.url)
    _at_part(second, "en", part, 9)
    context.close()


def test_two_language_switches_on_the_planner_keep_kind_level_and_figure(server, browser, model):
    answers = honest_answers("design", FULL)
    result = assess(answers, load_bank(), FULL)
    query = links.query_string(links.encode(lang="en", form=FULL, answers=answers))
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/planner?{query}")
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(
        timeout=30_000
    )
    _idle(page)
    figure = _metric(page)
    for lang in ("hi", "en", "hi", "en"):
        switch = page.locator('[data-testid="stButtonGroup"]').first
        switch.get_by_text(t(f"lang.{lang}", lang), exact=True).click()
        _expect()(page.get_by_role("heading", name=t("planner.title", lang))).to_be_visible()
        _idle(page)
        kind = page.locator('[data-testid="stSelectbox"] input[role="combobox"]').first
        _expect()(kind).to_have_value(t(f"cat.{result.category}.label", lang))
        digits = "".join(ch for ch in figure if ch.isdigit())
        assert "".join(ch for ch in _metric(page) if ch.isdigit()) == digits
    assert f"cat={result.category}" in page.evaluate("location.search")
    page.close()
