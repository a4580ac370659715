"""The adaptive quick form (model/adaptive.py): determinism, the stop rule, never asking a
question twice, any answer order, and agreement with the full form on simulated people."""

from __future__ import annotations

import random

import numpy as np
import pytest

from model import adaptive
from model.ids import FORMS
from model.quiz import assess, load_bank
from model.validity import AdaptiveStudy, adaptive_study, answer, draw_respondents, plan

BANK = load_bank()
FULL = {q.id for q in BANK.questions("full")}

# Thresholds, checked on the validity study's default run (n=600, seed 7: the figures the
# README shows). Measured: the same top kind as the full form for 95.8% of people, the same
# level for 100%, a median of 11 questions (context not counted). The issue asks for at
# least 90% on the kind, 80% on the level and a median of at most 12: the kind can differ
# only when the full form itself is unsure (most differences are undecided people, whose
# call is "close" or "likely" on both forms), and the level is settled exactly (no further
# answer could change it), so it differs only if that rule is broken.
MIN_KIND_AGREE = 90.0
MIN_LEVEL_AGREE = 80.0
MAX_MEDIAN = 12


def _people(n: int, seed: int) -> list[dict[str, str]]:
    items = plan(BANK)
    return [
        answer(BANK, person, np.random.default_rng([seed, 1, i]), items)
        for i, person in enumerate(draw_respondents(n, seed))
    ]


@pytest.fixture(scope="module")
def study() -> AdaptiveStudy:
    return adaptive_study(BANK, 600, 7)


def test_the_form_is_known_and_its_pool_is_the_full_form():
    assert "adaptive" in FORMS and adaptive.FORM == "adaptive"
    assert [q.id for q in BANK.questions("adaptive")] == [q.id for q in BANK.questions("full")]
    assert [q.id for q in adaptive.pool(BANK)] == [q.id for q in BANK.questions("full")]


def test_the_first_question_is_always_the_same_and_an_interest_item():
    first = adaptive.next_question({}, BANK)
    assert first is not None and first.kind == "category"
    assert all(adaptive.next_question({}, BANK).id == first.id for _ in range(3))


@pytest.mark.parametrize("seed", [1, 2])
def test_same_answers_same_sequence_and_never_a_question_twice(seed):
    for full in _people(25, seed):
        asked = adaptive.run(full, BANK)
        assert adaptive.run(full, BANK) == asked
        order = adaptive.order(asked, BANK)
        assert len(order) == len(set(order)) == len(asked)
        assert set(asked) <= FULL


def test_any_answer_order_gives_the_same_next_question():
    rng = random.Random(3)
    for full in _people(15, 4):
        asked = adaptive.run(full, BANK)
        items = list(asked.items())[: max(1, len(asked) // 2)]
        expected = adaptive.next_question(dict(items), BANK)
        for _ in range(3):
            rng.shuffle(items)
            assert adaptive.next_question(dict(items), BANK) == expected


def test_the_stop_rule_minimums_and_the_cap():
    for full in _people(40, 5):
        asked = adaptive.run(full, BANK)
        kinds = [BANK.get(q).kind for q in asked]
        step = adaptive.plan(asked, BANK)
        assert step.done and step.left == 0 and step.asked == len(asked) - kinds.count("context")
        assert adaptive.MIN_CATEGORY <= kinds.count("category") <= adaptive.MAX_CATEGORY
        assert kinds.count("quality") >= adaptive.MIN_QUALITY
        assert step.asked <= adaptive.MAX_QUESTIONS
        # settled level: the adaptive level is the full form's
        assert assess(asked, BANK, "adaptive").tier == assess(full, BANK, "full").tier


def test_a_partial_quiz_is_not_done_and_says_about_how_many_are_left():
    step = adaptive.plan({}, BANK)
    assert not step.done and step.asked == 0 and step.phase == "category"
    assert adaptive.MIN_CATEGORY + adaptive.MIN_QUALITY + 1 <= step.left <= adaptive.MAX_QUESTIONS
    assert step.context is not None and step.context.kind == "context"


def test_unknown_ids_are_ignored():
    bad = {"nope": "a", "lvl_years": "zzz", 3: "a"}
    assert adaptive.next_question(bad, BANK) == adaptive.next_question({}, BANK)  # type: ignore[arg-type]


def test_changing_an_earlier_answer_replans_what_follows():
    full = _people(1, 6)[0]
    asked = adaptive.run(full, BANK)
    order = adaptive.order(asked, BANK)
    first = BANK.get(order[0])
    other = next(o.id for o in first.options if o.id != asked[first.id])
    changed = adaptive.replan(asked, first.id, other, BANK)
    assert changed[first.id] == other
    replayed = adaptive.order(changed, BANK)
    assert replayed[0] == first.id and len(replayed) == len(set(replayed))
    # what is kept is exactly what the new plan asks, in turn, from the old answers
    known: dict[str, str] = {first.id: other}
    for qid in replayed[1:]:
        if BANK.get(qid).kind == "context":
            continue
        assert adaptive.next_question(known, BANK).id == qid
        known[qid] = changed[qid]
    cleared = adaptive.replan(asked, first.id, None, BANK)
    assert first.id not in cleared


def test_assess_counts_the_questions_asked_as_the_total():
    full = _people(1, 8)[0]
    asked = adaptive.run(full, BANK)
    result = assess(asked, BANK, "adaptive")
    assert result.total == result.answered == len(asked)


def test_the_adaptive_form_agrees_with_the_full_form(study):
    assert study.kind_agree >= MIN_KIND_AGREE, study
    assert study.level_agree >= MIN_LEVEL_AGREE, study
    assert study.median <= MAX_MEDIAN, study
    assert round(study.median) == adaptive.TYPICAL_QUESTIONS, "update the home page's length"
    assert sum(study.counts.values()) == study.n == 600
    assert max(study.counts) <= adaptive.MAX_QUESTIONS


def test_the_choice_does_not_depend_on_language():
    # One bank serves both languages (the same ids and weights): the plan takes no language,
    # so the Hindi and English quizzes ask the same questions in the same order.
    full = _people(1, 9)[0]
    assert adaptive.run(full, BANK) == adaptive.run(dict(full), load_bank())


@pytest.mark.parametrize("not_yet", [{"lvl_time": "a"}, {"lvl_where": "a"}])
def test_not_yet_ends_the_experience_part(not_yet):
    """Issue 19: after "not yet" the level is settled (Basic), so no other experience item is
    asked; on a full form's answers the adaptive result has the full form's level."""
    source = {**_people(1, 3)[0], **not_yet}
    asked = adaptive.run(source, BANK)
    tier_items = [q for q in asked if BANK.get(q).kind == "tier"]
    assert set(tier_items) <= {"lvl_time", "lvl_where"} and set(not_yet) <= set(tier_items)
    assert assess(asked, BANK, adaptive.FORM).tier == "basic"
