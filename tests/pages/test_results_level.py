"""Issue 19 on the results page, both languages: Expert next steps for an Expert, no second
unexplained percentage beside the fit, and no "answer more" notice for skipping the optional
last question or the experience items that "not yet" made moot."""

from __future__ import annotations

import re

import pytest

from model.i18n import t, t_list
from model.quiz import assess, load_bank
from tests.pages.helpers import all_text, goto, honest_answers, start

BANK = load_bank()
EXPERT = {  # five years and more of paid client work, every fact agreeing
    "lvl_time": "e",
    "lvl_where": "d",
    "lvl_show": "e",
    "lvl_trust": "e",
    "lvl_independence": "e",
    "lvl_tools": "e",
    "about_now": "job",
}


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_an_expert_sees_expert_next_steps_not_a_beginners(lang):
    answers = {**honest_answers("av_editing"), **EXPERT}
    assert assess(answers, BANK).tier == "expert"
    at = goto(start({"lang": lang}, answers=answers), "results")
    text = all_text(at)
    assert t("results.expert_heading", lang) in text
    assert t_list("tier.expert.steps", lang)[0] in text
    assert t_list("cat.av_editing.skills", lang)[0] not in text  # "a video editor used..."
    assert t("situation.first_step.job", lang) not in text
    step = t("situation.first_step_expert", lang, category=t("cat.av_editing.name", lang))
    assert step in text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_hero_shows_one_percentage_and_says_what_it_is(lang):
    at = goto(start({"lang": lang}, answers=honest_answers("writing")), "results")
    sentences = [m.value for m in at.markdown] + [c.value for c in at.caption]
    certainty = [s for s in sentences if str(300) in s and ("re-check" in s or "जाँच" in s)]
    assert certainty, sentences
    assert all("%" not in s for s in certainty)
    fit_lines = [
        s for s in sentences if "%" in s and t("results.tier_line", lang, tier="")[:6] in s
    ]
    assert len(fit_lines) == 1 and len(re.findall(r"\d+(?:\.\d+)?%", fit_lines[0])) == 1


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_skipping_the_optional_question_or_moot_items_asks_for_nothing_more(lang):
    answers = honest_answers("design", "full")
    answers.pop("about_now", None)
    for qid in ("lvl_where", "lvl_show", "lvl_trust", "lvl_independence", "lvl_tools"):
        answers.pop(qid, None)
    answers["lvl_time"] = "a"  # not yet: the other experience items are moot
    at = goto(start({"lang": lang}, answers=answers, form="full"), "results")
    partial = t("results.partial", lang, answered=0, total=0).split(":")[0]
    assert not [i.value for i in at.info if partial in i.value]
    assert t("tier.basic.name", lang) in all_text(at)
