"""What the results page says: levels, weak qualities, next tier, the reasons, the level's
evidence and the person's situation, as data.

Pages turn these into text through the catalogs. The two sentences that the results page and
the report must say alike (how sure the suggestion is, what the level rests on) are composed
here from catalog texts, so there is one place for each.
"""

from __future__ import annotations

from dataclasses import dataclass

from model import quiz
from model.fmt import number
from model.i18n import t
from model.ids import QUALITIES, TIERS
from model.pay import Band
from model.quiz import BOOTSTRAP, EXPERT_AT, SPECIALIST_AT, Assessment, QuestionBank

# Quality scores are the share of the situations offering a quality in which the person
# chose it (4 sensible options, so 25 is what picking at random gives).
STRONG_AT = 50.0
GROWING_AT = 25.0
WEAK_GAP = 5.0
MAX_TIPS = 2
SITUATION_ITEM = "about_now"
SITUATIONS = (
    "student",
    "job",
    "home",
    "retired",
    "looking",
    "freelance",
    "own_business",
    "family_business",
)


def quality_level(score: float) -> str:
    """ "strong" (put first at least half the time), "growing" or "work_on" for a 0..100
    quality score."""
    if score >= STRONG_AT:
        return "strong"
    if score >= GROWING_AT:
        return "growing"
    return "work_on"


def weak_qualities(assessment: Assessment) -> list[str]:
    """The measured qualities a person put first least often: below the strong level and at
    least ``WEAK_GAP`` points under their own average, weakest first (ties in canonical order),
    at most ``MAX_TIPS``. An even spread gives none."""
    measured = [q for q in QUALITIES if assessment.measured[q]]
    if not measured:
        return []
    average = sum(assessment.qualities[q] for q in measured) / len(measured)
    weak = [
        q
        for q in measured
        if assessment.qualities[q] < STRONG_AT and assessment.qualities[q] <= average - WEAK_GAP
    ]
    return sorted(weak, key=lambda q: (assessment.qualities[q], QUALITIES.index(q)))[:MAX_TIPS]


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


def evidence_level(value: float) -> str:
    """The level one facet's evidence (0..1) points to, on the quiz's own thresholds."""
    if value >= EXPERT_AT:
        return "expert"
    if value >= SPECIALIST_AT:
        return "specialist"
    return "basic"


@dataclass(frozen=True)
class Evidence:
    """One facet of the level: its catalog key or the question that measured it, and where
    it points."""

    facet: str
    label_key: str | None
    question: str
    level: str


def level_evidence(assessment: Assessment, bank: QuestionBank, lang: str) -> list[Evidence]:
    """What the level rests on, facet by facet, in bank order. Facets of older banks (no
    facet name) are labelled with their question."""
    out = []
    for facet, value in assessment.evidence.items():
        question = bank.get(facet)
        out.append(
            Evidence(
                facet,
                None if question else f"level.facet.{facet}",
                question.text(lang) if question else "",
                evidence_level(value),
            )
        )
    return out


def situation(assessment: Assessment) -> str | None:
    """The person's situation now (one of ``SITUATIONS``), if they said."""
    value = assessment.context.get(SITUATION_ITEM)
    return value if value in SITUATIONS else None


def suggested(assessment: Assessment) -> list[str]:
    """The kinds of work to show next steps for: the top one, and on a close call the
    runner-up too."""
    if assessment.close_call:
        return [assessment.category, assessment.runner_up]
    return [assessment.category]


def rechecks(assessment: Assessment) -> int:
    """In how many of the ``BOOTSTRAP`` re-checks the suggestion came first."""
    return round(assessment.stability * BOOTSTRAP)


def certainty_sentence(assessment: Assessment, lang: str) -> str:
    """How sure the suggestion is, in words: a clear fit, a likely fit (and what came next),
    or a close call naming both kinds of work. Empty when there is no suggestion. The share
    of re-checks is a count ("in 270 of 300 re-checks"), never a second percentage beside
    the fit."""
    if not assessment.confident:
        return ""
    first = t(f"cat.{assessment.category}.name", lang)
    second = t(f"cat.{assessment.runner_up}.name", lang)
    if assessment.close_call:
        return t("certainty.close", lang, first=first, second=second)
    return t(
        f"certainty.{assessment.certainty}",
        lang,
        category=first,
        count=rechecks(assessment),
        runs=BOOTSTRAP,
        runner_up=second,
    )


def skills(assessment: Assessment, category: str) -> tuple[str, str]:
    """The catalog keys of the heading and the list of next skills for ``category`` that fit
    the level: the kind of work's skills to build, or for an Expert the Expert's next steps
    (an Expert who trains juniors is not told to learn an editor)."""
    if assessment.tier == "expert":
        return "results.expert_heading", "tier.expert.steps"
    return "results.skills_heading", f"cat.{category}.skills"


def first_step(assessment: Assessment) -> str | None:
    """The catalog key of this week's first step, fitting the level and the situation: for a
    Specialist or an Expert one for their level; for a beginner one for their situation (None
    when they did not say)."""
    if assessment.tier in ("specialist", "expert"):
        return f"situation.first_step_{assessment.tier}"
    place = situation(assessment)
    return f"situation.first_step.{place}" if place else None


def counted(assessment: Assessment, bank: QuestionBank, form: str) -> tuple[int, int]:
    """Answered and asked questions of a fixed form (``short`` or ``full``), leaving out the
    optional ones (context items) and the experience items that "not yet" made moot, so
    skipping them never asks for more answers."""
    moot = quiz.moot(assessment.answers, bank)
    asked = [
        q.id
        for q in bank.questions(form, assessment.version)
        if q.kind != "context" and q.id not in moot
    ]
    answered = sum(1 for qid in asked if qid in assessment.answers)
    return answered, len(asked)


def level_lines(assessment: Assessment, bank: QuestionBank, lang: str) -> list[str]:
    """One line per facet of the level: what it is and which level it points to."""
    return [
        f"{t(e.label_key, lang) if e.label_key else e.question}: "
        f"{t('level.points', lang, tier=t(f'tier.{e.level}.name', lang))}"
        for e in level_evidence(assessment, bank, lang)
    ]


def pay_ratio(india: Band, abroad: Band) -> float:
    """How many times what clients in India pay clients abroad typically pay: the ratio of the
    two bands' middles (the bands the page shows beside it)."""
    middle = (india.low + india.high) / 2
    return (abroad.low + abroad.high) / 2 / middle if middle > 0 else 1.0


def ratio_text(ratio: float, lang: str) -> str:
    """A ratio as "about N times" says it: to the nearest half ("2.5", "3")."""
    halves = round(ratio * 2) / 2
    return number(halves, lang, digits=0 if halves == int(halves) else 1)


def markets_text(india: Band, abroad: Band, lang: str) -> str:
    """The results page's line on the two markets, with the ratio of the bands it shows."""
    return t("pay.markets", lang, ratio=ratio_text(pay_ratio(india, abroad), lang))
