"""A coach's journey in real Chromium at 360x800 in Hindi: the coach's link reaches a person,
the person sends the result to the coach on WhatsApp, and the coach's cohort page reads a chat
export holding that link among 30 others."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from model import links
from model.i18n import t
from model.quiz import load_bank
from tests.browser.test_journeys import (
    PHONE,
    _download,
    _expect,
    _idle,
    _no_sideways_scroll,
    _open_share_panel,
    _start,
    _take_quiz,
)
from tests.pages.helpers import honest_answers

pytestmark = pytest.mark.browser
COACH, NUMBER = "आशा दीदी", "919876543210"
NNBSP = "\u202f"


def _others(server: str, count: int) -> list[str]:
    """``count`` other people's export lines, each with a result link of their own."""
    bank = load_bank()
    questions = bank.questions("short")
    kinds = ("admin", "writing", "design", "marketing", "finance", "programming")
    lines = []
    for i in range(count):
        answers = honest_answers(kinds[i % len(kinds)], "short")
        tier_item = next(q for q in questions if q.kind == "tier")
        answers[tier_item.id] = tier_item.options[i % len(tier_item.options)].id
        params = links.encode(lang="hi", form="short", answers=answers, coach=COACH)
        when = f"{1 + i % 28:02d}/03/25, {1 + i % 12}:{i % 60:02d}{NNBSP}pm"
        lines.append(f"{when} - साथी {i + 1}: {server}/results?{links.query_string(params)}")
        if i % 5 == 0:
            lines.append(f"{when} - साथी {i + 1}: मेरा नतीजा ऊपर है 🙏")
    return lines


def test_a_coachs_link_to_a_person_their_result_to_the_coach_and_the_cohort_page(
    server, browser, shot, tmp_path
):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{server}/?lang=hi&coach={quote(COACH)}&cwa={NUMBER}")
    _expect()(page.get_by_text(t("coach.home_line", "hi", coach=COACH))).to_be_visible(
        timeout=30_000
    )
    _start(page, "hi")
    answers = honest_answers("av_editing", "short")
    _take_quiz(page, "short", answers, "hi")
    _expect()(page.get_by_role("heading", name=t("cat.av_editing.name", "hi"))).to_be_visible()
    _expect()(page.get_by_text(t("coach.results_line", "hi", coach=COACH))).to_be_visible()
    _expect()(page).to_have_url(re.compile(f"cwa={NUMBER}"))  # the address carries the coach
    assert "coach=" in page.url

    _open_share_panel(page, "hi")
    page.get_by_role("textbox", name=t("coach.first_name", "hi")).fill("प्रिया")
    page.get_by_role("textbox", name=t("coach.first_name", "hi")).press("Enter")
    _idle(page)
    send = page.get_by_role("link", name=t("coach.send", "hi", coach=COACH))
    _expect()(send).to_have_attribute("href", re.compile("%E0%A4%AA%E0%A5%8D%E0%A4%B0"))
    href = send.get_attribute("href") or ""
    assert href.startswith(f"https://wa.me/{NUMBER}?text=")
    text = unquote(href.split("?text=", 1)[1])
    assert text.startswith(f"नमस्ते {COACH}, मैं प्रिया हूँ। सहायक पर मेरा नतीजा: {server}/results?")
    sent = text.rsplit(" ", 1)[1]
    params = parse_qs(urlsplit(sent).query)
    assert params["coach"] == [COACH] and params["cwa"] == [NUMBER]
    assert params["a"] == [links.encode_answers(answers)]
    _no_sideways_scroll(page)
    shot(page, "person-results-hi")
    phone.close()

    # The coach's phone: the WhatsApp group's export, the person's message among 30 others.
    chat = [f"01/03/25, 9:00{NNBSP}am - {COACH}: सभी लोग यह लिंक खोलें {server}/?coach=x"]
    others = _others(server, 30)
    chat += [*others[:20], f"29/03/25, 8:15{NNBSP}pm - प्रिया: {text}", *others[20:]]
    chat.append(f"30/03/25, 9:00{NNBSP}am - साथी 3: https://www.youtube.com/watch?v=abc")
    export = tmp_path / "WhatsApp Chat with VA batch.txt"
    export.write_text("\n".join(chat), encoding="utf-8")

    coach = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = coach.new_page()
    page.goto(f"{server}/cohort?lang=hi")
    _expect()(page.get_by_role("heading", name=t("cohort.title", "hi"))).to_be_visible(
        timeout=30_000
    )
    _expect()(page.get_by_text(t("cohort.stored_nothing", "hi"))).to_be_visible()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(export))
    table = page.locator('[data-testid="stMarkdownContainer"] table')
    _expect()(table).to_have_count(1, timeout=30_000)
    _expect()(table.locator("tbody tr")).to_have_count(31)
    row = table.locator("tbody tr").filter(has_text="प्रिया")
    _expect()(row).to_have_count(1)
    kind = t("cat.av_editing.name", "hi").replace("/", "/\u2060")  # shown as plain text
    _expect()(row).to_contain_text(kind)
    opened = row.get_by_role("link", name=t("cohort.open", "hi")).get_attribute("href") or ""
    assert parse_qs(urlsplit(opened).query)["a"] == [links.encode_answers(answers)]
    _expect()(page.get_by_text(t("cohort.problems_heading", "hi", count=2))).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    _no_sideways_scroll(page)
    shot(page, "coach-cohort-hi")
    page.get_by_text(t("planner.chart_show", "hi"), exact=True).first.click()
    _expect()(page.locator(".js-plotly-plot")).to_have_count(2)
    shot(page, "coach-cohort-charts-hi")

    report = _download(page, t("cohort.report", "hi"))
    html = Path(report.path()).read_text(encoding="utf-8")
    assert t("cohort.report_title", "hi") in html and "प्रिया" in html
    printed = browser.new_page(viewport=PHONE)
    printed.set_content(html)
    _expect()(printed.get_by_role("heading", name=t("cohort.report_title", "hi"))).to_be_visible()
    pdf = printed.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # one printed page
    shot(printed, "coach-report-hi")
    printed.close()
    coach.close()
