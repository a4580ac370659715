"""Sharing in real Chromium: a link made in one browser opens the same result in another,
the report downloads and renders Hindi, and a coach's rate file changes only their session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model import adaptive, links
from model.i18n import t
from model.quiz import assess, load_bank
from model.rates import REQUIRED, load_rates
from tests.browser.test_journeys import (
    DESKTOP,
    PHONE,
    _download,
    _expect,
    _no_sideways_scroll,
    _open_share_panel,
    _start,
    _take_quiz,
)
from tests.pages.helpers import honest_answers

pytestmark = pytest.mark.browser


def _share_link(page) -> str:
    _open_share_panel(page, "hi")  # the panel starts folded
    code = page.locator("[data-sahayak-link]").filter(has_text=f"v={links.latest_version()}")
    _expect()(code).to_have_count(1)
    return re.sub(r"\s+", "", code.inner_text())


def _open_elsewhere(browser, link: str, viewport: dict, category: str) -> tuple:
    """Open a Hindi results ``link`` in a new browser context (no shared session) and wait
    for the results title and ``category``'s heading; return (context, page)."""
    client = browser.new_context(viewport=viewport)
    other = client.new_page()
    other.goto(link)
    _expect()(other.get_by_role("heading", name=t("results.title", "hi"))).to_be_visible(
        timeout=30_000
    )
    _expect()(other.get_by_role("heading", name=t(f"cat.{category}.name", "hi"))).to_be_visible()
    return client, other


def test_share_link_opens_the_same_hindi_result_in_another_browser(server, browser, shot):
    answers = honest_answers("av_editing", "short")
    expected = assess(answers, load_bank(), "short")
    coach = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = coach.new_page()
    page.goto(f"{server}/?lang=hi&form=short")  # the link a coach sends to start
    _expect()(page.get_by_role("heading", name=t("home.title", "hi"))).to_be_visible(timeout=30_000)
    _start(page, "hi")
    _take_quiz(page, "short", answers, "hi")
    _expect()(page.get_by_role("heading", name=t("cat.av_editing.name", "hi"))).to_be_visible()
    link = _share_link(page)
    assert link.startswith(server) and "/results?" in link and len(link) < 500
    report = _download(page, t("share.report", "hi"))
    html = Path(report.path()).read_text(encoding="utf-8")
    assert report.suggested_filename.endswith(".html")
    assert t("report.title", "hi") in html and t("cat.av_editing.name", "hi") in html
    _no_sideways_scroll(page)
    shot(page, "coach-results-hi")

    client, other = _open_elsewhere(browser, link, DESKTOP, "av_editing")
    fit = t("results.fit_value", "hi", fit=f"{round(expected.fit[expected.category])}%")
    _expect()(other.get_by_text(fit)).to_be_visible()
    counted = t("results.answered", "hi", answered=expected.answered, total=expected.total)
    _expect()(other.get_by_text(counted)).to_be_visible()
    assert other.locator('[data-testid="stException"]').count() == 0
    shot(other, "client-results-hi")

    report_page = browser.new_page(viewport=PHONE)
    report_page.set_content(html)
    heading = report_page.get_by_role("heading", name=t("report.title", "hi"))
    _expect()(heading).to_be_visible()
    box = heading.bounding_box()
    assert box and box["height"] < 80  # Devanagari laid out as text, not boxes of tofu
    pdf = report_page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # prints on one page
    report_page.close()
    coach.close()
    client.close()


def test_hand_edited_link_shows_a_notice_not_a_traceback(server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server}/planner?v=1&lang=hi&h=500&cat=design&s=<script>alert(1)</script>")
    _expect()(page.get_by_role("heading", name=t("planner.title", "hi"))).to_be_visible(
        timeout=30_000
    )
    _expect()(page.get_by_text(re.compile(t("notice.link.plan", "hi")))).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("script", has_text="alert(1)").count() == 0
    context.close()


def test_coach_upload_changes_only_their_session(server, browser, tmp_path, shot):
    sample = load_rates().head(300).copy()
    sample["monthly_income_inr"] = (sample["monthly_income_inr"] * 2).round()
    path = tmp_path / "pune-rates.csv"
    sample.loc[:, [*REQUIRED, "market"]].to_csv(path, index=False)

    coach = browser.new_context(viewport=DESKTOP)
    page = coach.new_page()
    page.goto(f"{server}/planner?lang=en")
    _expect()(page.get_by_role("heading", name=t("planner.title", "en"))).to_be_visible(
        timeout=30_000
    )
    headline = page.locator('[data-testid="stMetricValue"]').first
    before = headline.inner_text()
    page.get_by_text(t("rates.heading", "en")).click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    # User text is shown as text: a word joiner after "." keeps it from becoming a link.
    _expect()(page.get_by_text(re.compile(r"pune-rates\.\u2060?csv \(300 rows\)"))).to_be_visible()
    _expect()(headline).not_to_have_text(before)
    shot(page, "coach-upload")

    second = browser.new_context(viewport=DESKTOP)
    other = second.new_page()
    other.goto(f"{server}/planner?lang=en")
    _expect()(other.locator('[data-testid="stMetricValue"]').first).to_have_text(before)
    _expect()(other.get_by_text(t("rates.using_sample", "en", rows="3,000"))).to_be_visible()
    second.close()
    coach.close()


def test_hindi_phone_adaptive_quiz_and_its_link_in_a_new_browser(server, browser, shot):
    """A Hindi phone user takes the quick (adaptive) quiz one question at a time; its share
    link opens the same result, with how many questions it took, in a fresh browser."""
    bank = load_bank()
    source = honest_answers("writing")
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{server}/?lang=hi")
    _expect()(page.get_by_role("heading", name=t("home.title", "hi"))).to_be_visible(timeout=30_000)
    _expect()(page.get_by_text(t("home.adaptive_name", "hi"))).to_be_visible()
    _start(page, "hi", 2)  # short, full, adaptive
    known: dict[str, str] = {}
    while (question := adaptive.next_question(known, bank)) is not None:
        group = page.locator('[data-testid="stRadio"]').filter(has_text=question.text("hi"))
        _expect()(group).to_be_visible()
        group.get_by_text(question.option(source[question.id]).text("hi"), exact=True).click()
        known[question.id] = source[question.id]
    done = t("quiz.adaptive.done", "hi", count=len(known))
    _expect()(page.get_by_text(done).first).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "adaptive-done-hi")
    page.get_by_role("button", name=t("quiz.finish", "hi")).click()
    expected = assess(known, bank, "adaptive")
    _expect()(page.get_by_role("heading", name=t("cat.writing.name", "hi"))).to_be_visible()
    sure = t(f"results.adaptive_sure.{expected.certainty}", "hi")
    line = t("results.adaptive", "hi", count=len(known), sure=sure)
    _expect()(page.get_by_text(line)).to_be_visible()
    link = _share_link(page)
    assert "form=adaptive" in link and len(link) < 500

    client, other = _open_elsewhere(browser, link, PHONE, "writing")
    _expect()(other.get_by_text(line)).to_be_visible()
    assert other.locator('[data-testid="stException"]').count() == 0
    shot(other, "adaptive-link-hi")
    phone.close()
    client.close()
