"""Issue 18, goal 4: the planner starts from the person (model.planner.starting_plan)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from model.i18n import t
from model.planner import FIELDS, OTHER_START, STARTS, start_line, start_reason, starting_plan
from model.quiz import assess, load_bank
from tests.pages.helpers import honest_answers

BANK = load_bank()


def _result(tier: str = "basic", situation: str | None = None, confident: bool = True):
    answers = honest_answers("design")
    answers.pop("about_now", None)
    result = assess(answers, BANK)
    context = {} if situation is None else {"about_now": situation}
    return replace(result, tier=tier, context=context, status="ok" if confident else "too_few")


def test_every_option_of_the_now_question_gets_a_start_and_a_line():
    """The five situations the planner knows are options of the "now" question; any other
    option (added later: freelancers, own or family business) starts at ``OTHER_START`` and
    still gets its line in both languages."""
    options = [o.id for o in BANK.get("about_now").options]
    assert set(STARTS) <= set(options)
    for option in options:
        start = starting_plan(_result("specialist", option))
        assert (start["hours"], start["clients"]) == STARTS.get(option, OTHER_START)
        for lang in ("en", "hi"):
            line = start_line(_result("specialist", option), lang)
            assert line and "{" not in line and str(start["hours"]) in line


@pytest.mark.parametrize("situation", [*STARTS, "freelancer", None])
@pytest.mark.parametrize("tier", ["basic", "specialist", "expert"])
def test_start_fits_the_situation_and_level(situation, tier):
    start = starting_plan(_result(tier, situation))
    hours, clients = STARTS.get(situation, OTHER_START) if situation else OTHER_START
    assert start["hours"] == hours
    assert start["clients"] == (1 if tier == "basic" else clients)
    assert (start["category"], start["tier"]) == ("design", tier)
    for name, value in start.items():  # every value is one the planner's inputs accept
        assert FIELDS[name].clean(value) == value


def test_kind_of_work_and_level_only_from_a_confident_result():
    start = starting_plan(_result("expert", "looking", confident=False))
    assert "category" not in start and "tier" not in start
    assert start["clients"] == 1  # the planner's level stays Basic: one client
    assert start["hours"] == STARTS["looking"][0]


def test_no_answers_no_start():
    assert starting_plan(None) == {} and start_reason(None) is None
    assert starting_plan(assess({}, BANK)) == {}
    assert start_line(assess({}, BANK), "en") == ""


def test_students_start_smaller_than_people_looking_for_work():
    student = starting_plan(_result("specialist", "student"))
    looking = starting_plan(_result("specialist", "looking"))
    assert student["hours"] < looking["hours"] and student["clients"] <= looking["clients"]
    assert max(h for h, _ in STARTS.values()) < FIELDS["hours"].default  # below the old 20 h
    assert FIELDS["goal"].default is None  # no goal until the person sets one


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize("situation", [*STARTS, "freelancer", None])
def test_the_line_names_the_start(lang, situation):
    result = _result("basic", situation)
    start = starting_plan(result)
    line = start_line(result, lang)
    reason = start_reason(result)
    assert reason == (situation if situation in STARTS else "other" if situation else "none")
    clients = t("planner.clients_line", lang, count=1)
    hours = start["hours"]
    expected = t(f"planner.start.{reason}", lang, count=hours, hours=hours, clients=clients)
    assert line.startswith(expected)
    assert t("planner.start_basic", lang) in line
    assert "{" not in line and f"{start['hours']}" in line
    specialist = start_line(_result("specialist", situation), lang)
    assert t("planner.start_basic", lang) not in specialist
