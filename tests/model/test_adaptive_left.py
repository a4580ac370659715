"""model.adaptive.left_range: the quick form's "left" count is a promise it keeps (issue 21)."""

from __future__ import annotations

import itertools
import random

import pytest

from model import adaptive
from model.ids import CATEGORIES
from model.quiz import load_bank

BANK = load_bank()


def _people() -> list[dict[str, str]]:
    """Clear favourites of each kind, and people who answer at random."""
    people = []
    for category in CATEGORIES:
        people.append(
            {
                q.id: max(q.options, key=lambda o, c=category: o.weights.get(c, 0.0)).id
                for q in BANK.questions("full")
            }
        )
    for seed in range(12):
        rnd = random.Random(seed)
        people.append({q.id: rnd.choice(q.options).id for q in BANK.questions("full")})
    return people


@pytest.mark.parametrize("person", range(len(CATEGORIES) + 12))
def test_the_questions_still_to_come_always_lie_in_the_range(person):
    source = _people()[person]
    answers: dict[str, str] = {}
    ranges = []
    while (step := adaptive.plan(answers, BANK)).next is not None:
        ranges.append(adaptive.left_range(answers, BANK))
        answers[step.next.id] = source[step.next.id]
    total = len(ranges)
    for i, (fewest, most) in enumerate(ranges):
        assert 1 <= fewest <= total - i <= most, (i, fewest, most, total)
    assert all(b[1] < a[1] for a, b in itertools.pairwise(ranges))  # moves each time
    assert adaptive.left_range(answers, BANK) == (0, 0)


def test_the_range_starts_wide_and_never_passes_the_cap():
    fewest, most = adaptive.left_range({}, BANK)
    assert fewest >= adaptive.MIN_CATEGORY + adaptive.MIN_QUALITY
    assert most <= adaptive.MAX_QUESTIONS
