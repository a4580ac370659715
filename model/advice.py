"""What the results page says: levels, weak qualities, next tier and the reasons, as data.

Pages turn these into text through the catalogs; nothing here is worded.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.ids import QUALITIES, TIERS
from model.quiz import Assessment, QuestionBank

STRONG_AT = 70.0
GROWING_AT = 40.0


def quality_level(score: float) -> str:
    """ "strong", "growing" or "work_on" for a 0..100 quality score."""
    if score >= STRONG_AT:
        return "strong"
    if score >= GROWING_AT:
        return "growing"
    return "work_on"


def weak_qualities(assessment: Assessment) -> list[str]:
    """Measured qualities below the strong level, weakest first (ties in canonical order)."""
    weak = [q for q in QUALITIES if assessment.measured[q] and assessment.qualities[q] < STRONG_AT]
    return sorted(weak, key=lambda q: (assessment.qualities[q], QUALITIES.index(q)))


def next_tier(tier: str) -> str | None:
    """The tier above ``tier``, or None at the top."""
    index = TIERS.index(tier) if tier in TIERS else 0
    return TIERS[index + 1] if index + 1 < len(TIERS) else None


@dataclass(frozen=True)
class Reason:
    """One answer that drove the suggestion, ready to show."""

    question_id: str
    question: str
    answer: str


def reasons(assessment: Assessment, bank: QuestionBank, lang: str) -> list[Reason]:
    """The driving answers in ``lang``, skipping any that no longer exist in the bank."""
    out = []
    for driver in assessment.drivers:
        question = bank.get(driver.question_id)
        option = question.option(driver.option_id) if question else None
        if question and option:
            out.append(Reason(question.id, question.text(lang), option.text(lang)))
    return out


def minutes_for(question_count: int) -> int:
    """A friendly time estimate: about 20 seconds a question, at least 2 minutes."""
    return max(2, round(question_count * 20 / 60))
