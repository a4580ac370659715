"""The self-assessment quiz: the question bank and the scoring.

The question bank (``data/questions.toml``) has three kinds of question, kept
apart the way O*NET keeps interests apart from preparation:

* ``category`` items (interests and skills) suggest the kind of VA work;
* ``tier`` items (experience and independence) decide Basic / Specialist / Expert;
* ``quality`` items (short work scenarios) measure the five qualities of a good VA.

Every option carries weights from 0 to 1 on the dimensions of its kind: the seven
category ids, ``tier``, or the five quality ids. A ``scale`` question (how much
do you enjoy X?) shares one answer scale and gives each option
``scale value x question weight``.

Scoring, for the questions a person actually answered:

* **Category fit** = points earned / points available x 100, per category.
  "Available" is the best any option of each answered question could give that
  category, so a category is never punished for questions that were skipped.
  Ranking is by fit, ties broken by the fixed order of ``model.ids.CATEGORIES``.
* **Tier score** = tier points earned / points available x 100, where at least
  ``MIN_TIER_ITEMS`` items count as available (one answer alone cannot make an
  expert). Below ``SPECIALIST_AT`` is Basic, from ``EXPERT_AT`` is Expert.
  Switching any answer to one with more experience never lowers the tier.
* **Quality score** = the same ratio per quality; a quality no answered item
  measured scores 0 and is marked unmeasured.
* **Drivers** are the answers that separated the top category most from the
  average of the others.
* **Status** warns instead of judging: ``empty`` (nothing answered),
  ``uniform`` (the same option position every time), ``too_few`` (fewer than
  ``MIN_CATEGORY_ITEMS`` interest answers), ``flat`` (all categories within
  ``FLAT_SPREAD`` points) or ``ok``. ``close_call`` is set when the top two
  are within ``CLOSE_GAP`` points.

Everything is deterministic: the same answers always give the same result.
Unknown question or option ids in the answers are ignored, never raised.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from model.ids import CATEGORIES, FORMS, LANGUAGES, QUALITIES, TIERS

BANK_PATH = Path(__file__).resolve().parent.parent / "data" / "questions.toml"

KINDS: dict[str, tuple[str, ...]] = {
    "category": CATEGORIES,
    "tier": ("tier",),
    "quality": QUALITIES,
}
MIN_TIER_ITEMS = 3
SPECIALIST_AT = 40.0
EXPERT_AT = 70.0
MIN_CATEGORY_ITEMS = 3
MIN_UNIFORM_ITEMS = 5
FLAT_SPREAD = 5.0
CLOSE_GAP = 8.0
MAX_DRIVERS = 3


class BankError(ValueError):
    """The question bank file is malformed; the message names the place."""


@dataclass(frozen=True)
class Option:
    """One answer to a question, with its weights on that question's dimensions."""

    id: str
    texts: Mapping[str, str]
    weights: Mapping[str, float]

    def text(self, lang: str) -> str:
        """The option's wording in ``lang`` (English when the language is unknown)."""
        return self.texts.get(lang) or self.texts["en"]


@dataclass(frozen=True)
class Question:
    """One quiz item: its kind, the forms it appears in, its wording and options."""

    id: str
    kind: str
    forms: tuple[str, ...]
    texts: Mapping[str, str]
    options: list[Option]

    def text(self, lang: str) -> str:
        """The question's wording in ``lang`` (English when the language is unknown)."""
        return self.texts.get(lang) or self.texts["en"]

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)

    def best(self, dim: str) -> float:
        """The most any option of this question gives ``dim``."""
        return max((o.weights.get(dim, 0.0) for o in self.options), default=0.0)


@dataclass(frozen=True)
class QuestionBank:
    """All quiz items, in bank order, with the bank's version number."""

    version: int
    items: tuple[Question, ...]
    _by_id: Mapping[str, Question] = field(repr=False, compare=False)

    def questions(self, form: str = "full") -> list[Question]:
        """The items of ``form`` ("short" for phones, "full"), in bank order."""
        if form not in FORMS:
            raise ValueError(f"unknown form {form!r}; expected one of {FORMS}")
        return [q for q in self.items if form in q.forms]

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return self._by_id.get(question_id)


@dataclass(frozen=True)
class Driver:
    """An answer that pushed the top category ahead, with how much it did."""

    question_id: str
    option_id: str
    lift: float


@dataclass(frozen=True)
class Assessment:
    """The outcome of a quiz: category ranking, tier, qualities and caveats."""

    category: str
    ranking: list[str]
    fit: dict[str, float]
    tier: str
    tier_score: float
    qualities: dict[str, float]
    measured: dict[str, bool]
    status: str
    close_call: bool
    drivers: list[Driver]
    answered: int
    total: int
    answers: dict[str, str]

    @property
    def confident(self) -> bool:
        """True when the answers support a clear suggestion."""
        return self.status == "ok"


def _texts(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise BankError(f"{where}: 'text' must be a table with en and hi")
    texts = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise BankError(f"{where}: text in '{lang}' is missing or empty")
        texts[lang] = value.strip()
    return texts


def _weights(raw: Any, dims: tuple[str, ...], where: str) -> dict[str, float]:
    if not isinstance(raw, Mapping) or not raw:
        raise BankError(f"{where}: 'weights' must be a non-empty table")
    out = {}
    for dim, value in raw.items():
        if dim not in dims:
            raise BankError(f"{where}: unknown weight '{dim}'; expected one of {', '.join(dims)}")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise BankError(f"{where}: weight '{dim}' must be a number from 0 to 1")
        out[dim] = float(value)
    return out


def _scale_options(
    raw_scales: Any, name: Any, weights: dict[str, float], where: str
) -> list[Option]:
    scale = raw_scales.get(name) if isinstance(raw_scales, Mapping) else None
    if not isinstance(scale, list) or len(scale) < 2:
        raise BankError(f"{where}: scale '{name}' is not defined in [scales]")
    options = []
    for i, raw in enumerate(scale):
        spot = f"scale '{name}' option {i + 1}"
        value = raw.get("value") if isinstance(raw, Mapping) else None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise BankError(f"{spot}: 'value' must be a number from 0 to 1")
        scaled = {dim: round(w * float(value), 6) for dim, w in weights.items()}
        options.append(Option(str(raw.get("id", "")), _texts(raw.get("text"), spot), scaled))
    return options


def _question(raw: Any, scales: Any, index: int) -> Question:
    if not isinstance(raw, Mapping):
        raise BankError(f"question {index + 1}: must be a table")
    qid = raw.get("id")
    where = f"question {index + 1} ({qid!r})"
    if not isinstance(qid, str) or not qid.isidentifier():
        raise BankError(f"{where}: 'id' must be letters, digits and underscores")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise BankError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
    forms = raw.get("forms", ["full"])
    if not isinstance(forms, list) or not forms or any(f not in FORMS for f in forms):
        raise BankError(f"{where}: 'forms' must list some of {', '.join(FORMS)}")
    if "full" not in forms:
        forms = [*forms, "full"]  # the full form holds every item
    texts = _texts(raw.get("text"), where)
    if "scale" in raw:
        weights = _weights(raw.get("weights"), KINDS[kind], where)
        options = _scale_options(scales, raw["scale"], weights, where)
    else:
        raw_options = raw.get("options")
        if not isinstance(raw_options, list):
            raise BankError(f"{where}: needs 'options' or a 'scale'")
        options = []
        for j, opt in enumerate(raw_options):
            spot = f"{where} option {j + 1}"
            if not isinstance(opt, Mapping):
                raise BankError(f"{spot}: must be a table")
            options.append(
                Option(
                    str(opt.get("id", "")),
                    _texts(opt.get("text"), spot),
                    _weights(opt.get("weights"), KINDS[kind], spot),
                )
            )
    ids = [o.id for o in options]
    if len(options) < 2:
        raise BankError(f"{where}: needs at least two options")
    if any(not i.isidentifier() for i in ids) or len(set(ids)) != len(ids):
        raise BankError(f"{where}: option ids must be unique letters, digits and underscores")
    return Question(qid, kind, tuple(sorted(set(forms), key=FORMS.index)), texts, options)


def parse_bank(text: str) -> QuestionBank:
    """Parse and validate a question bank from TOML text; raise BankError if it is malformed."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"the file is not valid TOML: {exc}") from exc
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BankError("'version' must be a whole number from 1")
    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise BankError("the bank has no [[questions]]")
    items = tuple(_question(q, raw.get("scales"), i) for i, q in enumerate(raw_questions))
    by_id: dict[str, Question] = {}
    for q in items:
        if q.id in by_id:
            raise BankError(f"question id '{q.id}' is used twice")
        by_id[q.id] = q
    return QuestionBank(version, items, by_id)


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int) -> QuestionBank:
    return parse_bank(path.read_text(encoding="utf-8"))


def load_bank(path: str | Path | None = None) -> QuestionBank:
    """Load the question bank (default: ``data/questions.toml``), cached per file version."""
    p = Path(path) if path is not None else BANK_PATH
    return _load_cached(p.resolve(), p.stat().st_mtime_ns)


def clean_answers(answers: Mapping[str, str], bank: QuestionBank) -> dict[str, str]:
    """Keep only answers whose question and option both exist in the bank."""
    clean = {}
    for qid, oid in answers.items():
        question = bank.get(qid) if isinstance(qid, str) else None
        if question is not None and isinstance(oid, str) and question.option(oid) is not None:
            clean[qid] = oid
    return clean


def _ratio(earned: float, available: float) -> float:
    return round(100.0 * earned / available, 1) if available > 0 else 0.0


def _scores(chosen: list[tuple[Question, Option]], dims: tuple[str, ...]) -> tuple[dict, dict]:
    earned = dict.fromkeys(dims, 0.0)
    available = dict.fromkeys(dims, 0.0)
    for question, option in chosen:
        for dim in dims:
            available[dim] += question.best(dim)
            earned[dim] += option.weights.get(dim, 0.0)
    return earned, available


def _tier(chosen: list[tuple[Question, Option]]) -> tuple[str, float]:
    earned, available = _scores(chosen, ("tier",))
    items = len(chosen)
    floor = MIN_TIER_ITEMS * (available["tier"] / items if items else 1.0)
    score = _ratio(earned["tier"], max(available["tier"], floor))
    if score >= EXPERT_AT:
        return "expert", score
    if score >= SPECIALIST_AT:
        return "specialist", score
    return "basic", score


def _drivers(chosen: list[tuple[Question, Option]], top: str) -> list[Driver]:
    lifts = []
    for question, option in chosen:
        others = [option.weights.get(c, 0.0) for c in CATEGORIES if c != top]
        lift = option.weights.get(top, 0.0) - sum(others) / len(others)
        if lift > 0:
            lifts.append(Driver(question.id, option.id, round(lift, 3)))
    lifts.sort(key=lambda d: -d.lift)  # stable: bank order breaks ties
    return lifts[:MAX_DRIVERS]


def _status(chosen: list[tuple[Question, Option]], by_kind: dict, fit: dict[str, float]) -> str:
    if not chosen:
        return "empty"
    positions = {q.options.index(o) for q, o in chosen}
    if len(chosen) >= MIN_UNIFORM_ITEMS and len(positions) == 1:
        return "uniform"
    if len(by_kind["category"]) < MIN_CATEGORY_ITEMS:
        return "too_few"
    if max(fit.values()) - min(fit.values()) < FLAT_SPREAD:
        return "flat"
    return "ok"


def assess(
    answers: Mapping[str, str], bank: QuestionBank | None = None, form: str | None = None
) -> Assessment:
    """Score quiz answers (question id -> option id) into an Assessment.

    ``form`` only sets ``Assessment.total``; when omitted it is the short form
    if every answer belongs to it, else the full form.
    """
    bank = bank or load_bank()
    clean = clean_answers(answers if isinstance(answers, Mapping) else {}, bank)
    chosen = [(q, q.option(clean[q.id])) for q in bank.items if q.id in clean]
    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    for question, option in chosen:
        by_kind[question.kind].append((question, option))

    earned, available = _scores(by_kind["category"], CATEGORIES)
    fit = {c: _ratio(earned[c], available[c]) for c in CATEGORIES}
    ranking = sorted(CATEGORIES, key=lambda c: (-fit[c], CATEGORIES.index(c)))
    tier, tier_score = _tier(by_kind["tier"])
    q_earned, q_available = _scores(by_kind["quality"], QUALITIES)
    qualities = {q: _ratio(q_earned[q], q_available[q]) for q in QUALITIES}
    measured = {q: q_available[q] > 0 for q in QUALITIES}

    if form not in FORMS:
        short_ids = {q.id for q in bank.questions("short")}
        form = "short" if clean and set(clean) <= short_ids else "full"
    status = _status(chosen, by_kind, fit)
    return Assessment(
        category=ranking[0],
        ranking=ranking,
        fit=fit,
        tier=tier if tier in TIERS else "basic",
        tier_score=tier_score,
        qualities=qualities,
        measured=measured,
        status=status,
        close_call=status == "ok" and fit[ranking[0]] - fit[ranking[1]] < CLOSE_GAP,
        drivers=_drivers(by_kind["category"], ranking[0]) if status == "ok" else [],
        answered=len(clean),
        total=len(bank.questions(form)),
        answers=clean,
    )


def steps(questions: list[Question], per_step: int = 5) -> list[list[Question]]:
    """Split a form into quiz steps: one kind at a time (interests, experience,
    situations), bank order within a kind, at most ``per_step`` questions a step,
    with the questions of a kind spread evenly over its steps."""
    out: list[list[Question]] = []
    for kind in KINDS:
        group = [q for q in questions if q.kind == kind]
        if not group:
            continue
        count = -(-len(group) // max(1, per_step))
        size, extra = divmod(len(group), count)
        start = 0
        for i in range(count):
            end = start + size + (1 if i < extra else 0)
            out.append(group[start:end])
            start = end
    return out
