"""The adaptive quick form: the full form's answer in about a dozen questions.

Instead of a fixed list, each next question is chosen from the full form (the bank's
latest version) to learn the most about what is still unsettled, in three parts:

1. **Kind of work** (``category`` items). A simple answer model turns the bank's option
   weights into how likely each answer is for a person of each kind (an option weighs
   for a kind as a share of the best that item offers it; a person of a kind leans to
   the options that weigh most for it and away from those that weigh for other kinds).
   From the answers so far that gives a belief over the seven kinds; the next item is the
   one whose answer is expected to shrink the uncertainty (entropy) of that belief most.
   The part is settled when, after at least ``MIN_CATEGORY`` items, the belief puts at
   least ``SETTLED_AT`` on one kind *and* the quiz's own scoring (``model.quiz``, fit per
   kind) ranks that kind first; it stops anyway after ``MAX_CATEGORY`` items.
2. **Level** (``tier`` items, one per facet). The level rule is monotone: more evidence
   never lowers it. So the level is settled exactly when answering every unasked facet
   with its lowest option and with its highest gives the same level, and the level read
   from the answers so far is that level too: then no further tier answer can change the
   full form's level. The next item is the facet most likely (over its options, equally
   likely) to settle it, bank order on a tie.
3. **Work habits** (``quality`` items): at least ``MIN_QUALITY`` situations, each chosen to
   offer the qualities offered least so far, so that every quality is measured.

The optional context item (what the person does now) is offered once the rest is done and
is not counted as a question. Everything is deterministic and depends only on the set of
answers (not their order): ties go to bank order, scores are rounded before comparing.
Pure Python and numpy; no streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model import quiz
from model.ids import CATEGORIES, QUALITIES
from model.quiz import Question, QuestionBank, clean_answers

FORM = "adaptive"
MIN_CATEGORY = 4
"""At least this many interest items before the kind of work may count as settled."""
MAX_CATEGORY = 10
"""Never more interest items than this: undecided people stop here with a close call."""
SETTLED_AT = 0.90
"""The belief in the leading kind at which the kind of work counts as settled."""
MIN_QUALITY = 2
"""Situations asked at least; two are enough to offer all five qualities once."""
MAX_QUESTIONS = 20
"""A hard cap on counted questions (never reached with the shipped bank's limits)."""
SHARPNESS = 5.0
"""How strongly a person leans to the options that weigh for their kind (answer model)."""
AWAY = 0.5
"""How strongly a person leans away from options that weigh for another kind."""
SLIP = 0.10
"""Share of answers the answer model treats as given at random (people slip)."""
PHASES = ("category", "tier", "quality", "done")
TYPICAL_QUESTIONS = 10
"""The median number of questions in the validity study (n=600, seed 7), shown on the home
page as the form's expected length; tests/model/test_adaptive.py keeps it in step."""


@dataclass(frozen=True)
class Plan:
    """Where an adaptive quiz stands after some answers.

    ``next`` is the question to ask now (None when done); ``asked`` counts the answered
    questions that count (everything but context items); ``left`` is about how many more
    counted questions to expect; ``phase`` is the part being settled; ``context`` is the
    optional context question still to offer once done (None if answered or absent).
    """

    next: Question | None
    asked: int
    left: int
    phase: str
    belief: dict[str, float]
    context: Question | None = None

    @property
    def done(self) -> bool:
        """True when nothing more needs asking."""
        return self.next is None


@dataclass(frozen=True)
class _Tables:
    """Per bank: the pool and the answer model's likelihoods, computed once."""

    pool: tuple[Question, ...]
    likelihood: dict[str, np.ndarray]  # category item id -> options x kinds, P(option | kind)


_CACHE: dict[int, tuple[QuestionBank, _Tables]] = {}


def _likelihood(question: Question) -> np.ndarray:
    """P(option | kind) for one interest item under the answer model (module docstring)."""
    weights = np.array([[o.weights.get(c, 0.0) for c in CATEGORIES] for o in question.options])
    best = weights.max(axis=0)
    share = np.divide(weights, best, out=np.zeros_like(weights), where=best > 0)
    others = np.array([[np.delete(row, k).max() for k in range(len(CATEGORIES))] for row in share])
    utility = SHARPNESS * (share - AWAY * others)
    utility -= utility.max(axis=0)
    prob = np.exp(utility)
    prob /= prob.sum(axis=0)
    return (1 - SLIP) * prob + SLIP / len(question.options)


def _tables(bank: QuestionBank) -> _Tables:
    cached = _CACHE.get(id(bank))
    if cached is not None and cached[0] is bank:
        return cached[1]
    pool = tuple(bank.questions("full"))
    likelihood = {q.id: _likelihood(q) for q in pool if q.kind == "category"}
    tables = _Tables(pool, likelihood)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(bank)] = (bank, tables)
    return tables


def pool(bank: QuestionBank) -> list[Question]:
    """The questions the adaptive form may ask: the full form of the latest version."""
    return list(_tables(bank).pool)


def _entropy(p: np.ndarray) -> np.ndarray:
    safe = np.where(p > 0, p, 1.0)
    return -(p * np.log(safe)).sum(axis=-1)


def belief(answers: Mapping[str, str], bank: QuestionBank) -> np.ndarray:
    """The answer model's belief over the kinds (in ``CATEGORIES`` order) given the answers."""
    tables = _tables(bank)
    log_p = np.zeros(len(CATEGORIES))
    for q in tables.pool:
        if q.kind == "category" and q.id in answers:
            option = [o.id for o in q.options].index(answers[q.id])
            log_p += np.log(tables.likelihood[q.id][option])
    p = np.exp(log_p - log_p.max())
    return p / p.sum()


def _best_category(p: np.ndarray, candidates: list[Question], tables: _Tables) -> Question:
    """The candidate whose answer is expected to shrink the belief's entropy most."""
    scores = []
    for q in candidates:
        lik = tables.likelihood[q.id]  # options x kinds
        joint = lik * p  # P(option, kind)
        predictive = joint.sum(axis=1)
        posterior = joint / np.where(predictive > 0, predictive, 1.0)[:, None]
        scores.append(round(float((predictive * _entropy(posterior)).sum()), 9))
    return candidates[int(np.argmin(scores))]  # argmin: first in bank order on a tie


def _fit_top(chosen: list[tuple[Question, quiz.Option]]) -> str:
    earned, available = quiz._scores(chosen, CATEGORIES)
    fit = {c: quiz._ratio(earned[c], available[c]) for c in CATEGORIES}
    return min(CATEGORIES, key=lambda c: (-fit[c], CATEGORIES.index(c)))


def _level(chosen: list[tuple[Question, quiz.Option]]) -> str:
    return quiz.level(chosen)[0]


def _tier_bounds(
    answered: list[tuple[Question, quiz.Option]], open_: list[Question]
) -> tuple[str, str]:
    """The level with every open facet answered at its lowest, and at its highest."""

    def extreme(pick: object) -> str:
        filled = [(q, pick(q.options, key=lambda o: o.weights.get("tier", 0.0))) for q in open_]
        return _level(answered + filled)

    return extreme(min), extreme(max)


def _tier_settled(answered: list[tuple[Question, quiz.Option]], open_: list[Question]) -> bool:
    low, high = _tier_bounds(answered, open_)
    return low == high and _level(answered) == low


def _best_tier(answered: list[tuple[Question, quiz.Option]], open_: list[Question]) -> Question:
    """The open facet most likely to settle the level when answered (options equally likely)."""
    scores = []
    for q in open_:
        rest = [r for r in open_ if r is not q]
        settles = sum(_tier_settled([*answered, (q, o)], rest) for o in q.options)
        scores.append(round(settles / len(q.options), 9))
    return open_[int(np.argmax(scores))]


def _best_quality(answered: list[Question], open_: list[Question]) -> Question:
    """The situation offering the qualities offered least so far (bank order on a tie)."""
    offered = dict.fromkeys(QUALITIES, 0)
    for q in answered:
        for x in QUALITIES:
            offered[x] += q.best(x) > 0
    scores = [sum(1.0 / (1 + offered[x]) for x in QUALITIES if q.best(x) > 0) for q in open_]
    return open_[int(np.argmax([round(s, 9) for s in scores]))]


def plan(answers: Mapping[str, str], bank: QuestionBank | None = None) -> Plan:
    """What to ask next given ``answers`` (question id -> option id; unknown ids ignored)."""
    bank = bank or quiz.load_bank()
    tables = _tables(bank)
    clean = clean_answers(answers if isinstance(answers, Mapping) else {}, bank)
    by_kind: dict[str, list[Question]] = {k: [] for k in quiz.KINDS}
    open_by_kind: dict[str, list[Question]] = {k: [] for k in quiz.KINDS}
    for q in tables.pool:
        (by_kind if q.id in clean else open_by_kind)[q.kind].append(q)
    chosen = {k: [(q, q.option(clean[q.id])) for q in qs] for k, qs in by_kind.items()}
    asked = sum(len(by_kind[k]) for k in quiz.KINDS if k != "context")
    p = belief(clean, bank)
    context = next(iter(open_by_kind["context"]), None)
    beliefs = {c: round(float(v), 4) for c, v in zip(CATEGORIES, p, strict=True)}

    n_cat, n_tier, n_qual = (len(by_kind[k]) for k in ("category", "tier", "quality"))
    open_cat, open_tier, open_qual = (open_by_kind[k] for k in ("category", "tier", "quality"))
    cat_settled = (
        n_cat >= MIN_CATEGORY
        and float(p.max()) >= SETTLED_AT
        and CATEGORIES[int(p.argmax())] == _fit_top(chosen["category"])
    )
    tier_settled = _tier_settled(chosen["tier"], open_tier)
    tier_left = 0 if tier_settled else max(1, min(len(open_tier), 3 - n_tier))
    qual_left = max(0, min(len(open_qual), MIN_QUALITY - n_qual))
    cat_left = 0 if cat_settled else max(1, min(len(open_cat), MIN_CATEGORY - n_cat))

    next_q: Question | None = None
    phase = "done"
    if asked < MAX_QUESTIONS:
        if open_cat and not cat_settled and n_cat < MAX_CATEGORY:
            next_q, phase = _best_category(p, open_cat, tables), "category"
        elif open_tier and not tier_settled:
            next_q, phase = _best_tier(chosen["tier"], open_tier), "tier"
        elif open_qual and n_qual < MIN_QUALITY:
            next_q, phase = _best_quality(by_kind["quality"], open_qual), "quality"
    if next_q is None:
        cat_left = tier_left = qual_left = 0
    if phase != "category":
        cat_left = 0
    left = min(cat_left + tier_left + qual_left, MAX_QUESTIONS - asked)
    return Plan(next_q, asked, max(left, 0 if next_q is None else 1), phase, beliefs, context)


def next_question(answers: Mapping[str, str], bank: QuestionBank | None = None) -> Question | None:
    """The next question to ask (None when the adaptive quiz is done)."""
    return plan(answers, bank).next


def order(answers: Mapping[str, str], bank: QuestionBank | None = None) -> list[str]:
    """The answered question ids in the order the adaptive quiz asks them: the replay of
    :func:`plan` from no answers, then any answers it would not have asked (from another
    form or a hand-made link), in bank order. Context items come last."""
    bank = bank or quiz.load_bank()
    clean = clean_answers(answers if isinstance(answers, Mapping) else {}, bank)
    known: dict[str, str] = {}
    while True:
        nxt = next_question(known, bank)
        if nxt is None or nxt.id not in clean:
            break
        known[nxt.id] = clean[nxt.id]
    rest = [q.id for q in bank.items if q.id in clean and q.id not in known]
    rest.sort(key=lambda qid: bank.get(qid).kind == "context")
    return [*known, *rest]


def run(source: Mapping[str, str], bank: QuestionBank | None = None) -> dict[str, str]:
    """Take the adaptive quiz with every answer looked up in ``source`` (question id ->
    option id, e.g. a simulated person's answers to the whole full form): ask, look up,
    repeat until done or ``source`` has no answer; then the context answer, if any."""
    bank = bank or quiz.load_bank()
    known: dict[str, str] = {}
    while True:
        step = plan(known, bank)
        if step.next is None or step.next.id not in source:
            break
        known[step.next.id] = source[step.next.id]
    for q in bank.questions("full"):
        if q.kind == "context" and q.id in source:
            known[q.id] = source[q.id]
    return clean_answers(known, bank)


def replan(
    answers: Mapping[str, str],
    question_id: str,
    option_id: str | None,
    bank: QuestionBank | None = None,
) -> dict[str, str]:
    """The answers after changing (or, with None, clearing) one of them: the answers asked
    before it stay, and of those asked after it only the ones the new plan still asks,
    in turn, are kept; the rest of what follows is planned again. Context answers stay."""
    bank = bank or quiz.load_bank()
    clean = clean_answers(answers if isinstance(answers, Mapping) else {}, bank)
    asked = order(clean, bank)
    position = asked.index(question_id) if question_id in asked else len(asked)
    kept = {qid: clean[qid] for qid in asked[:position]}
    if option_id is not None:
        kept[question_id] = option_id
    kept = clean_answers(kept, bank)
    while True:
        nxt = next_question(kept, bank)
        if nxt is None or nxt.id not in clean or nxt.id == question_id:
            break
        kept[nxt.id] = clean[nxt.id]
    for q in bank.items:
        if q.kind == "context" and q.id in clean and q.id != question_id:
            kept[q.id] = clean[q.id]
    return kept


def left_range(answers: Mapping[str, str], bank: QuestionBank | None = None) -> tuple[int, int]:
    """The fewest and the most counted questions still to come (0, 0 when done).

    ``Plan.left`` is a typical count; this is a promise the screen can keep (issue 21: "about 3
    left" stayed for four questions). Fewest: the interest items the kind of work still needs
    before it may settle (at least one while it is open), one level item while the level is open,
    and the situations still missing. Most: interest items up to ``MAX_CATEGORY``, every open
    level item, the same situations; never past ``MAX_QUESTIONS``.
    """
    bank = bank or quiz.load_bank()
    now = plan(answers, bank)
    if now.next is None:
        return 0, 0
    clean = clean_answers(answers if isinstance(answers, Mapping) else {}, bank)
    done = {k: [q for q in _tables(bank).pool if q.kind == k and q.id in clean] for k in quiz.KINDS}
    open_ = {
        k: [q for q in _tables(bank).pool if q.kind == k and q.id not in clean] for k in quiz.KINDS
    }
    tier_open = not _tier_settled([(q, q.option(clean[q.id])) for q in done["tier"]], open_["tier"])
    quality = max(0, min(len(open_["quality"]), MIN_QUALITY - len(done["quality"])))
    fewest, most = quality, quality
    if now.phase == "category":
        fewest += min(len(open_["category"]), max(1, MIN_CATEGORY - len(done["category"])))
        most += min(len(open_["category"]), MAX_CATEGORY - len(done["category"]))
    if tier_open and open_["tier"]:
        fewest += 1
        most += len(open_["tier"])
    cap = MAX_QUESTIONS - now.asked
    return min(fewest, cap), max(min(most, cap), 1)
