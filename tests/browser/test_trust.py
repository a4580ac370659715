"""Results people can trust, in real Chromium: a close call names both kinds of work, the level
shows what it rests on, next steps follow the person's situation, and an old link still opens."""

from __future__ import annotations

import re

import pytest

from model import advice, links
from model.i18n import t
from model.quiz import assess, load_bank
from tests.browser.test_journeys import (
    DESKTOP,
    PHONE,
    _expect,
    _no_sideways_scroll,
    _start,
    _take_quiz,
)
from tests.model.test_links import REAL_V1_LINK
from tests.pages.helpers import honest_answers, undecided_answers

pytestmark = pytest.mark.browser


def test_an_undecided_person_sees_a_close_call_with_both_kinds_on_a_phone(server, browser, shot):
    answers = undecided_answers("full", everything=True)
    result = assess(answers, load_bank(), "full")
    assert result.close_call  # the premise: this person has no clear favourite
    first, second = result.category, result.runner_up
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    code = links.encode_answers(answers)
    page.goto(f"{server}/results?v={links.latest_version()}&lang=hi&form=full&a={code}")
    _expect()(page.get_by_text(t("certainty.close_title", "hi"), exact=True)).to_be_visible(
        timeout=30_000
    )
    title = " · ".join(t(f"cat.{c}.label", "hi") for c in (first, second))
    _expect()(page.get_by_role("heading", name=title)).to_be_visible()
    for category in (first, second):  # next steps for both
        heading = t("results.skills_heading", "hi", category=t(f"cat.{category}.name", "hi"))
        _expect()(page.get_by_text(heading, exact=True)).to_be_visible()
    _expect()(page.get_by_text(t("certainty.clear_title", "hi"), exact=True)).to_have_count(0)
    _no_sideways_scroll(page)
    shot(page, "close-call-hi-phone")
    context.close()


def test_a_student_sees_the_level_basis_habits_and_steps_for_them(server, browser, shot):
    answers = {**honest_answers("design", "short"), "about_now": "student"}
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/?form=short")
    _expect()(page.get_by_role("heading", name=t("home.title", "en"))).to_be_visible(timeout=30_000)
    _start(page, "en")
    _take_quiz(page, "short", answers, "en")
    _expect()(page.get_by_role("heading", name=t("cat.design.name", "en"))).to_be_visible()
    sure = f"{t('certainty.clear_title', 'en')}|{t('certainty.likely_title', 'en')}"
    _expect()(page.get_by_text(re.compile(f"^({sure})$"))).to_be_visible()
    _expect()(page.get_by_text(t("level.based_on", "en"), exact=True)).to_be_visible()
    _expect()(page.get_by_text(t("level.facet.proof", "en"), exact=False)).to_be_visible()
    _expect()(page.get_by_role("heading", name=t("profile.heading", "en"))).to_be_visible()
    # this week's step fits the level (issue 19): a beginner's fits being a student
    result = assess(answers, load_bank(), "short")
    step = advice.first_step(result)
    assert step is not None
    _expect()(page.get_by_text(t(step, "en", category=t("cat.design.name", "en")))).to_be_visible()
    _expect()(page.get_by_text(t("situation.part_time.student", "en"))).to_be_visible()
    _expect()(page.get_by_text(t("situation.part_time.job", "en"))).to_have_count(0)
    _expect()(page.get_by_text(t("pay.billed", "en"))).to_be_visible()
    shot(page, "student-results-en-desktop")


def test_a_link_from_the_previous_quiz_still_opens_with_its_result(server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{server}{REAL_V1_LINK}")
    _expect()(page.get_by_text(t("certainty.old_version", "hi"))).to_be_visible(timeout=30_000)
    _expect()(page.get_by_role("heading", name=t("cat.writing.name", "hi"))).to_be_visible()
    counted = t("results.answered", "hi", answered=40, total=40, count=40)
    _expect()(page.get_by_text(counted, exact=True)).to_be_visible()
    context.close()
