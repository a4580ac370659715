"""No axe-core violations (WCAG 2.0/2.1, levels A and AA) on any page, in both languages, on a
phone (360x800) and a desktop (1280x900).

axe-core comes inside the ``axe-playwright-python`` package (requirements-dev.txt): nothing is
downloaded at test time. Each page is loaded once per language and size, and the whole page is
checked once it is idle: home, the quiz, a results link, the planner with its charts open,
the about page and the coaches' page. On each, no choice's text is cut off (issue 21: the
planner's goal control cut "Share of cli…" at 360 px), and no icon is read out by its English
name.
"""

from __future__ import annotations

import re

import pytest

from model import links
from model.i18n import t
from tests.browser.test_journeys import _expect, _idle
from tests.pages.helpers import honest_answers

pytestmark = pytest.mark.browser
SIZES = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ICON_NAME = re.compile(r'img "[^"]*icon"|\b(?:arrow_forward|keyboard_arrow_\w+|handshake)\b')
# The text of a choice (segmented buttons, a select's shown value, radio options, the planner's
# in particular) that its box cuts off: wider than the box, with the overflow hidden or scrolled
# (the goal control's third button ran past its row, 367 px of content in 328).
CLIPPED = """() => [...document.querySelectorAll(
    '[data-testid="stButtonGroup"] *, [data-testid="stSelectbox"] [data-baseweb="select"] *,'
    + ' [data-testid="stRadio"] label *')]
  .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible")
  .map((e) => e.textContent.trim()).filter((text) => text)"""
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}


def _pages(lang: str) -> dict[str, str]:
    """Each page's address (after the server's base URL)."""
    answers = honest_answers("marketing", "short")
    result = links.query_string(links.encode(lang=lang, form="short", answers=answers))
    return {
        "home": f"/?lang={lang}",
        "quiz": f"/quiz?lang={lang}",
        "results": f"/results?{result}",
        "planner": f"/planner?{result}",
        "about": f"/about?lang={lang}",
        "cohort": f"/cohort?lang={lang}",
    }


def _ready(page, name: str, lang: str) -> None:
    """Wait for the page's own heading, open the planner's charts, and wait until idle."""
    titles = {
        "home": "home.title",
        "quiz": "quiz.title",
        "results": "results.title",
        "planner": "planner.title",
        "about": "about.title",
        "cohort": "cohort.title",
    }
    heading = page.get_by_role("heading", name=t(titles[name], lang)).first
    _expect()(heading).to_be_visible(timeout=30_000)
    if name == "planner":
        _idle(page)  # a tap while the page scrolls itself to the top can miss
        shows = page.get_by_text(t("planner.chart_show", lang), exact=True)
        charts = shows.count()  # the plan's charts (a third comes with saved plans)
        shows.first.click()  # opening one opens them all
        _expect()(page.locator(".js-plotly-plot")).to_have_count(charts)
        page.wait_for_timeout(300)  # plotly draws its axes just after the script's run
    _at_rest(page)


def _at_rest(page) -> None:
    """Wait until the app's run is over and no element is faded as stale."""
    _idle(page)
    _expect()(page.locator('[data-stale="true"]')).to_have_count(0)
    page.wait_for_timeout(500)


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:4]:
            lines.append(f"    {node['target']} {node.get('failureSummary', '')[:160]!r}")
    return "\n".join(lines)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["hi", "en"])
def test_no_axe_violations_on_any_page(server, browser, lang, size):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page(viewport=SIZES[size])
    found = {}
    for name, path in _pages(lang).items():
        page.goto(server + path)
        _ready(page, name, lang)
        violations = axe.run(page, options=OPTIONS).response["violations"]
        if violations:  # a rerun's faded (stale) elements are no finding: check once at rest
            _at_rest(page)
            violations = axe.run(page, options=OPTIONS).response["violations"]
        if violations:
            found[name] = violations
        clipped = page.evaluate(CLIPPED)
        assert not clipped, f"{name}: choices cut off at {size}: {clipped}"
        # icons are decoration next to their text: none is read out by its English name
        named = ICON_NAME.findall(page.locator("body").aria_snapshot())
        assert not named, f"{name}: icons a screen reader reads out: {named}"
    page.close()
    assert not found, "\n".join(f"{name}:\n{_describe(v)}" for name, v in found.items())
