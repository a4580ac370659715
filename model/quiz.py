"""The self-assessment quiz: the question bank and the scoring.

The question bank (``data/questions.toml``) has four kinds of question, kept
apart the way O*NET keeps interests apart from preparation:

* ``category`` items (interests and skills) suggest the kind of VA work;
* ``tier`` items (facts a person can state about their experience) set the level;
* ``quality`` items (situational judgement: every option is a sensible thing to
  do, each putting a different quality first) give the work-habit profile;
* ``context`` items (the person's situation now) tailor the advice; never scored.

Every option carries weights from 0 to 1 on the dimensions of its kind: the seven
category ids, ``tier``, or the five quality ids. A ``scale`` question (how much
do you enjoy X?) shares one answer scale and gives each point
``scale value x question weight``. An ``unscored`` option ("none of these appeal
to me") counts as answered but scores nothing and offers nothing.

Versions: the bank keeps every item it ever asked. ``since`` and ``until`` say
which bank versions ask an item, so an answer from an old share link is still
read with the item it answered. Answers are read against the newest version
that asks every answered item; when no version does (a person answered both
retired and current items), the answers to retired items step aside.

Scoring, for the questions a person actually answered:

* **Category fit** = points earned / points available x 100, per category.
  "Available" is the best any option of each answered question could give that
  category, so a category is never punished for questions that were skipped.
  Ranking is by fit, ties broken by the fixed order of ``model.ids.CATEGORIES``.
* **Certainty** of the top category: the answered interest items are resampled
  ``BOOTSTRAP`` times (a fixed, seeded table of resamples, so the same answers
  always give the same result). ``stability`` is the share of resamples whose top
  category is the same; ``clear`` from ``CLEAR_AT`` with at least ``CLEAR_MIN_ITEMS``
  scored interest answers and the top fit above the next one (a few answers, or a tie,
  are at most ``likely``: undecided people are told so on every form), ``likely`` from
  ``LIKELY_AT``, else ``close``: a close call between the top category and the
  ``runner_up`` (the category that most often takes first place otherwise).
* **Level** comes from evidence, one value from 0 (nothing yet) to 1 (what an
  Expert can show) per facet: time spent on this work (multiplied by the ``setting``:
  paid work, in a job or for clients, counts in full, unpaid or hobby work at its
  setting value, 0.5), proof of work, trust (people who came back or gave more),
  independence, tools. A facet shows Specialist from ``SPECIALIST_AT`` and Expert from
  ``EXPERT_AT``. Missing facets count as no evidence up to ``MIN_TIER_FACETS``. Paid,
  independent work over time is what lifts a level (bank versions 2 on, whose items
  name their facets; older banks keep the plain majority rule):

  - "not yet" on the time or the setting item makes the level Basic, and the other
    experience items moot (:func:`moot`: the forms skip them);
  - **Specialist** when more than half of the facets show at least Specialist *and*
    either the work was paid (``PAID_AT``, for any time: ``PAID_TIME_AT``), or
    every other facet (at least ``STRONG_FACETS`` of them) shows Expert-level evidence
    (``STRONG_AT``): unpaid and hobby work reaches Specialist only with strong evidence
    on several facts, never by a majority of easy claims;
  - **Expert** when the work was paid, time shows Expert (5 years or more) and the other
    facts agree: at least half of them (rounded down, at least one) show Expert and none
    shows less than Specialist.

  More evidence on any answer never lowers the level. ``tier_score`` is the majority
  value x 100. The rules were chosen with the validity study (``model/validity.py``),
  whose respondents include hobby workers who describe their work generously and long
  salaried or freelance careers.
* **Quality score** = the same ratio per quality: in the current bank, the share
  of the situations offering a quality in which the person chose it. It is a
  profile of what a person puts first, not a grade: nobody can top all five.
  A quality no answered item measured is marked unmeasured.
* **Drivers** are the answers that separated the top category most from the
  average of the others.
* **Status** warns instead of judging: ``empty`` (nothing answered),
  ``uniform`` (the same option position every time), ``too_few`` (fewer than
  ``MIN_CATEGORY_ITEMS`` scored interest answers), ``flat`` (all categories within
  ``FLAT_SPREAD`` points) or ``ok``.

Everything is deterministic: the same answers always give the same result.
Unknown question or option ids in the answers are ignored, never raised.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from model.ids import CATEGORIES, FORMS, LANGUAGES, QUALITIES, TIERS

BANK_PATH = Path(__file__).resolve().parent.parent / "data" / "questions.toml"

KINDS: dict[str, tuple[str, ...]] = {
    "category": CATEGORIES,
    "tier": ("tier",),
    "quality": QUALITIES,
    "context": (),
}
FACETS = ("years", "setting", "proof", "return", "independence", "tools")
MIN_TIER_FACETS = 3
PAID_AT = 0.75  # a setting from this value is paid work (a job, clients, own business)
PAID_TIME_AT = 0.25  # Specialist through paid work: the time it needs (some paid work)
STRONG_AT = 0.95  # unpaid work: the evidence a facet must show to count as strong
STRONG_FACETS = 3  # unpaid work: facets besides time, all strong, needed for Specialist
TIME_FACET, SETTING_FACET = "years", "setting"
MEASURED_FACETS = 2  # fewer facets answered: the level is shown as not measured yet
SPECIALIST_AT = 0.45
EXPERT_AT = 0.95
MIN_CATEGORY_ITEMS = 3
MIN_UNIFORM_ITEMS = 5
FLAT_SPREAD = 5.0
BOOTSTRAP = 300
ADAPTIVE = "adaptive"  # the form with no fixed list (model/adaptive.py)
CLEAR_AT = 0.95
CLEAR_MIN_ITEMS = 6  # fewer scored interest answers: at most a likely fit
LIKELY_AT = 0.6
MAX_DRIVERS = 3
CERTAINTIES = ("clear", "likely", "close")


class BankError(ValueError):
    """The question bank file is malformed; the message names the place."""


@dataclass(frozen=True)
class Option:
    """One answer to a question, with its weights on that question's dimensions.

    ``unscored`` options ("none of these") are answers that score nothing.
    ``reason`` (for coaches) says what a quality option puts first and what it
    gives up; ``appeal`` is the author's estimate of how textbook-right it sounds,
    used by the validity study to simulate people who fake good.
    """

    id: str
    texts: Mapping[str, str]
    weights: Mapping[str, float]
    unscored: bool = False
    reason: str = ""
    appeal: float | None = None

    def text(self, lang: str) -> str:
        """The option's wording in ``lang`` (English when the language is unknown)."""
        return self.texts.get(lang) or self.texts["en"]


@dataclass(frozen=True)
class Question:
    """One quiz item: its kind, forms, the bank versions that ask it, wording and options."""

    id: str
    kind: str
    forms: tuple[str, ...]
    texts: Mapping[str, str]
    options: list[Option]
    since: int = 1
    until: int | None = None
    facet: str | None = None

    def text(self, lang: str) -> str:
        """The question's wording in ``lang`` (English when the language is unknown)."""
        return self.texts.get(lang) or self.texts["en"]

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)

    def best(self, dim: str) -> float:
        """The most any option of this question gives ``dim``."""
        return max((o.weights.get(dim, 0.0) for o in self.options), default=0.0)

    def asked_in(self, version: int) -> bool:
        """True when bank version ``version`` asks this question."""
        return self.since <= version and (self.until is None or version <= self.until)


@dataclass(frozen=True)
class QuestionBank:
    """All quiz items ever asked, in bank order, with the bank's (latest) version number."""

    version: int
    items: tuple[Question, ...]
    _by_id: Mapping[str, Question] = field(repr=False, compare=False)

    def questions(self, form: str = "full", version: int | None = None) -> list[Question]:
        """The items of ``form`` ("short" for phones, "full") that ``version`` (default: the
        latest) asks, in bank order. The ``adaptive`` form is no fixed list: its pool, the
        items it may ask (``model.adaptive`` picks them one at a time), is the full form."""
        if form not in FORMS:
            raise ValueError(f"unknown form {form!r}; expected one of {FORMS}")
        v = self.version if version is None else version
        pool = "full" if form == ADAPTIVE else form
        return [q for q in self.items if pool in q.forms and q.asked_in(v)]

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
    """The outcome of a quiz: category ranking, certainty, tier, qualities and caveats."""

    category: str
    ranking: list[str]
    fit: dict[str, float]
    tier: str
    tier_score: float
    qualities: dict[str, float]
    measured: dict[str, bool]
    status: str
    certainty: str
    stability: float
    runner_up: str
    drivers: list[Driver]
    answered: int
    total: int
    answers: dict[str, str]
    version: int = 1
    tier_measured: bool = True
    evidence: dict[str, float] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)

    @property
    def confident(self) -> bool:
        """True when the answers support a suggestion (it may still be a close call)."""
        return self.status == "ok"

    @property
    def close_call(self) -> bool:
        """True when the top two kinds of work are too close to call."""
        return self.status == "ok" and self.certainty == "close"


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


def _weights(raw: Any, dims: tuple[str, ...], where: str, required: bool) -> dict[str, float]:
    if raw is None and not required:
        return {}
    if not isinstance(raw, Mapping) or (required and not raw):
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


def _option(raw: Any, kind: str, spot: str) -> Option:
    if not isinstance(raw, Mapping):
        raise BankError(f"{spot}: must be a table")
    unscored = raw.get("unscored", False)
    if not isinstance(unscored, bool):
        raise BankError(f"{spot}: 'unscored' must be true or false")
    if unscored and "weights" in raw:
        raise BankError(f"{spot}: an unscored option has no weights")
    reason = raw.get("reason", "")
    if not isinstance(reason, str):
        raise BankError(f"{spot}: 'reason' must be text")
    appeal = raw.get("appeal")
    if appeal is not None and (
        isinstance(appeal, bool) or not isinstance(appeal, int | float) or not 0 <= appeal <= 1
    ):
        raise BankError(f"{spot}: 'appeal' must be a number from 0 to 1")
    required = kind != "context" and not unscored
    return Option(
        str(raw.get("id", "")),
        _texts(raw.get("text"), spot),
        _weights(raw.get("weights"), KINDS[kind], spot, required),
        unscored,
        reason.strip(),
        None if appeal is None else float(appeal),
    )


def _versions(raw: Mapping, where: str) -> tuple[int, int | None]:
    since, until = raw.get("since", 1), raw.get("until")
    if isinstance(since, bool) or not isinstance(since, int) or since < 1:
        raise BankError(f"{where}: 'since' must be a whole number from 1")
    if until is not None and (
        isinstance(until, bool) or not isinstance(until, int) or until < since
    ):
        raise BankError(f"{where}: 'until' must be a whole number, not before 'since'")
    return since, until


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
    fixed = [f for f in FORMS if f != ADAPTIVE]  # the adaptive form picks from the full one
    if not isinstance(forms, list) or not forms or any(f not in fixed for f in forms):
        raise BankError(f"{where}: 'forms' must list some of {', '.join(fixed)}")
    if "full" not in forms:
        forms = [*forms, "full"]  # the full form holds every item
    facet = raw.get("facet")
    if facet is not None and (kind != "tier" or facet not in FACETS):
        raise BankError(f"{where}: 'facet' is for tier items, one of {', '.join(FACETS)}")
    since, until = _versions(raw, where)
    texts = _texts(raw.get("text"), where)
    if "scale" in raw:
        weights = _weights(raw.get("weights"), KINDS[kind], where, kind != "context")
        options = _scale_options(scales, raw["scale"], weights, where)
    else:
        raw_options = raw.get("options")
        if not isinstance(raw_options, list):
            raise BankError(f"{where}: needs 'options' or a 'scale'")
        options = [_option(o, kind, f"{where} option {j + 1}") for j, o in enumerate(raw_options)]
    ids = [o.id for o in options]
    if len(options) < 2:
        raise BankError(f"{where}: needs at least two options")
    if any(not i.isidentifier() for i in ids) or len(set(ids)) != len(ids):
        raise BankError(f"{where}: option ids must be unique letters, digits and underscores")
    return Question(
        qid, kind, tuple(sorted(set(forms), key=FORMS.index)), texts, options, since, until, facet
    )


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
        if q.since > version:
            raise BankError(f"question '{q.id}': 'since' is after the bank's version {version}")
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


def read_version(answers: Mapping[str, str], bank: QuestionBank) -> int:
    """The newest bank version that asks every answered question (the latest when none does,
    or when nothing is answered). ``answers`` must be clean."""
    for version in range(bank.version, 0, -1):
        if all(bank.get(qid).asked_in(version) for qid in answers):
            return version
    return bank.version


def _ratio(earned: float, available: float) -> float:
    return round(100.0 * earned / available, 1) if available > 0 else 0.0


def _scores(chosen: list[tuple[Question, Option]], dims: tuple[str, ...]) -> tuple[dict, dict]:
    earned = dict.fromkeys(dims, 0.0)
    available = dict.fromkeys(dims, 0.0)
    for question, option in chosen:
        if option.unscored:
            continue
        for dim in dims:
            available[dim] += question.best(dim)
            earned[dim] += option.weights.get(dim, 0.0)
    return earned, available


def _setting(chosen: list[tuple[Question, Option]]) -> float | None:
    """The answered setting's value (None when not answered)."""
    return next((o.weights.get("tier", 0.0) for q, o in chosen if q.facet == SETTING_FACET), None)


def time_factor(setting: float) -> float:
    """How much of the time spent counts, given the setting's value: all of it for paid
    work (from ``PAID_AT``), else the setting's value (0.5 for unpaid or hobby work)."""
    return 1.0 if setting >= PAID_AT else setting


def tier_evidence(chosen: list[tuple[Question, Option]]) -> dict[str, float]:
    """Evidence of level per facet, 0..1. ``years`` (time) is multiplied by the setting when
    the setting was answered: in full for paid work (from ``PAID_AT``), else by the setting's
    value; items without a facet (older banks) each count alone."""
    evidence: dict[str, float] = {}
    for question, option in chosen:
        if question.facet != SETTING_FACET:
            evidence[question.facet or question.id] = option.weights.get("tier", 0.0)
    setting = _setting(chosen)
    if TIME_FACET in evidence and setting is not None:
        evidence[TIME_FACET] = round(evidence[TIME_FACET] * time_factor(setting), 6)
    return evidence


def _tier(
    evidence: Mapping[str, float], paid: bool = False, gated: bool = False
) -> tuple[str, float]:
    """The level from the evidence (module docstring). ``paid``: the setting was paid work;
    ``gated``: the answers name their facets (bank version 2 on), so the time rules apply."""
    values = sorted(evidence.values(), reverse=True)
    values += [0.0] * (MIN_TIER_FACETS - len(values))
    majority = values[len(values) // 2]  # more than half the facets reach this
    two_thirds = values[-(-2 * len(values) // 3) - 1]  # two thirds of them reach this
    score = round(100.0 * majority, 1)
    if not gated:
        if two_thirds >= EXPERT_AT:
            return "expert", score
        if majority >= SPECIALIST_AT:
            return "specialist", score
        return "basic", score
    if TIME_FACET in evidence and evidence[TIME_FACET] <= 0:
        return "basic", score  # not done yet (or not done in any setting)
    time = evidence.get(TIME_FACET, 0.0)
    others = [v for f, v in evidence.items() if f != TIME_FACET]
    others += [0.0] * (MIN_TIER_FACETS - 1 - len(others))
    strong = sum(v >= STRONG_AT for v in others) >= max(STRONG_FACETS, len(others))
    expert_facets = sum(v >= EXPERT_AT for v in others)
    agree = expert_facets >= max(1, len(others) // 2) and min(others) >= SPECIALIST_AT
    if paid and time >= EXPERT_AT and agree:
        return "expert", score
    if majority >= SPECIALIST_AT and ((paid and time >= PAID_TIME_AT) or strong):
        return "specialist", score
    return "basic", score


def level(chosen: list[tuple[Question, Option]]) -> tuple[str, float]:
    """The level and the tier score of the answered experience items (question, option)."""
    setting = _setting(chosen)
    gated = any(q.facet for q, _ in chosen)
    return _tier(tier_evidence(chosen), setting is not None and setting >= PAID_AT, gated)


def not_yet(chosen: list[tuple[Question, Option]]) -> bool:
    """True when the time or the setting item says the work has not been done yet."""
    return any(
        q.facet in (TIME_FACET, SETTING_FACET) and o.weights.get("tier", 0.0) <= 0
        for q, o in chosen
    )


def moot(answers: Mapping[str, str], bank: QuestionBank | None = None) -> set[str]:
    """Experience items that need no answer: after "not yet" on the time or the setting item,
    the other experience items of the answers' version (their answers are not used)."""
    bank = bank or load_bank()
    clean = clean_answers(answers if isinstance(answers, Mapping) else {}, bank)
    version = read_version(clean, bank)
    chosen = [(q, q.option(clean[q.id])) for q in bank.items if q.id in clean]
    stops = {q.id for q, o in chosen if q.kind == "tier" and not_yet([(q, o)])}
    if not stops:
        return set()
    return {q.id for q in bank.items if q.kind == "tier" and q.asked_in(version)} - stops


@lru_cache(maxsize=64)
def _resamples(items: int) -> np.ndarray:
    """A fixed table of bootstrap resamples (row = one resample of item indices)."""
    rng = np.random.Generator(np.random.PCG64(20261128 + items))
    return rng.integers(0, items, size=(BOOTSTRAP, items))


def _certainty(chosen: list[tuple[Question, Option]], ranking: list[str]) -> tuple[str, float, str]:
    """How stable the top category is when the answered interest items are resampled."""
    scored = [(q, o) for q, o in chosen if not o.unscored]
    if not scored:
        return "close", 0.0, ranking[1]
    earned = np.array([[o.weights.get(c, 0.0) for c in CATEGORIES] for _, o in scored])
    available = np.array([[q.best(c) for c in CATEGORIES] for q, _ in scored])
    rows = _resamples(len(scored))
    got, could = earned[rows].sum(axis=1), available[rows].sum(axis=1)
    fits = np.divide(got, could, out=np.zeros_like(got), where=could > 0)
    tops = Counter(CATEGORIES[i] for i in fits.argmax(axis=1))  # argmax: first = canonical tie
    stability = round(tops[ranking[0]] / BOOTSTRAP, 3)
    others = [(n, -CATEGORIES.index(c), c) for c, n in tops.items() if c != ranking[0]]
    runner_up = max(others)[2] if others else ranking[1]
    if stability >= CLEAR_AT and len(scored) >= CLEAR_MIN_ITEMS:
        return "clear", stability, runner_up
    if stability >= LIKELY_AT:
        return "likely", stability, runner_up
    return "close", stability, runner_up


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
    positions = {q.options.index(o) for q, o in chosen if q.kind != "context"}
    if len(chosen) >= MIN_UNIFORM_ITEMS and len(positions) == 1:
        return "uniform"
    if sum(not o.unscored for _, o in by_kind["category"]) < MIN_CATEGORY_ITEMS:
        return "too_few"
    if max(fit.values()) - min(fit.values()) < FLAT_SPREAD:
        return "flat"
    return "ok"


def assess(
    answers: Mapping[str, str], bank: QuestionBank | None = None, form: str | None = None
) -> Assessment:
    """Score quiz answers (question id -> option id) into an Assessment.

    ``form`` only sets ``Assessment.total``; when omitted, or when some answers are outside
    it, it is the short form if every answer belongs to it, else the full form. For the
    ``adaptive`` form the total is the number of questions answered (the ones it asked).
    """
    bank = bank or load_bank()
    clean = clean_answers(answers if isinstance(answers, Mapping) else {}, bank)
    version = read_version(clean, bank)
    clean = {qid: oid for qid, oid in clean.items() if bank.get(qid).asked_in(version)}
    chosen = [(q, q.option(clean[q.id])) for q in bank.items if q.id in clean]
    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    for question, option in chosen:
        by_kind[question.kind].append((question, option))

    earned, available = _scores(by_kind["category"], CATEGORIES)
    fit = {c: _ratio(earned[c], available[c]) for c in CATEGORIES}
    ranking = sorted(CATEGORIES, key=lambda c: (-fit[c], CATEGORIES.index(c)))
    never = not_yet(by_kind["tier"])
    if never:  # the other experience answers are moot: not used
        by_kind["tier"] = [(q, o) for q, o in by_kind["tier"] if not_yet([(q, o)])]
    evidence = tier_evidence(by_kind["tier"])
    if never:
        evidence = {TIME_FACET: 0.0}  # not done yet: no time, whichever item said so
    tier, tier_score = level(by_kind["tier"])
    q_earned, q_available = _scores(by_kind["quality"], QUALITIES)
    qualities = {q: _ratio(q_earned[q], q_available[q]) for q in QUALITIES}
    measured = {q: q_available[q] > 0 for q in QUALITIES}

    short_ids = {q.id for q in bank.questions("short", version)}
    if form == ADAPTIVE:
        total = len(clean)
    elif form not in FORMS or not set(clean) <= short_ids:
        form = "short" if clean and set(clean) <= short_ids else "full"
    if form != ADAPTIVE:
        total = len(bank.questions(form, version))
    status = _status(chosen, by_kind, fit)
    certainty, stability, runner_up = (
        _certainty(by_kind["category"], ranking) if status == "ok" else ("close", 0.0, ranking[1])
    )
    if certainty == "clear" and fit[ranking[0]] <= fit[ranking[1]]:
        certainty = "likely"  # two kinds tie on fit: never a clear fit
    return Assessment(
        category=ranking[0],
        ranking=ranking,
        fit=fit,
        tier=tier if tier in TIERS else "basic",
        tier_score=tier_score,
        qualities=qualities,
        measured=measured,
        status=status,
        certainty=certainty,
        stability=stability,
        runner_up=runner_up,
        drivers=_drivers(by_kind["category"], ranking[0]) if status == "ok" else [],
        answered=len(clean),
        total=total,
        answers=clean,
        version=version,
        tier_measured=never or len(evidence) >= MEASURED_FACETS,
        evidence=evidence,
        context={q.id: o.id for q, o in by_kind["context"]},
    )


def steps(questions: list[Question], per_step: int = 5) -> list[list[Question]]:
    """Split a form into quiz steps: one kind at a time (interests, experience,
    situations, then the person's situation now), bank order within a kind, at most
    ``per_step`` questions a step, with the questions of a kind spread evenly over its steps."""
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
