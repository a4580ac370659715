"""A validity study of the quiz on simulated respondents (not people).

Simulated people with a known truth answer the quiz; ``model.quiz.assess`` scores them;
we count how often the result matches the truth. It says how well the bank and the
scoring recover what a *stated* model of answering puts in. It cannot say how real people
answer: the numbers are only as good as the latent model below, which is a set of
assumptions, not data.

The latent model, plainly
-------------------------

Each respondent has:

* a **true kind of work**, uniform over the seven kinds in ``model.ids.CATEGORIES``;
* an **interest** from 0 to 1 in each kind: high in the true kind, for some people a
  second kind at a moderate level, low with some noise in the rest. A separate
  **undecided** group has no favourite: half of them flat interests (all kinds about
  equal), half several middling ones (``SEVERAL`` kinds liked about equally, the rest
  low: a beginner who has tried a bit of everything); for them the right
  outcome is a "close" or "likely" call, never a "clear" one, and they are left out of
  top-kind recovery;
* a **background** (issue 19: how people really describe their experience):
  ``standard`` for most; ``hobby`` (``HOBBY_SHARE``): true Basic, whose work so far is
  unpaid or a hobby and who describes it generously, one or two options above the facts
  on proof, trust, independence and tools (easy to claim from work for friends), though
  honestly on time and setting; ``career`` (``CAREER_SHARE``): true Expert with 10 years
  or more of paid work, salaried (a manager set the tasks: one option below the top on
  independence) or freelance, half of them with confidential work they cannot show (one
  option below on proof);
* a **true level** (Basic / Specialist / Expert, in realistic shares) and a continuous
  **experience** ``x``: the person's place inside that level's band (``LEVEL_BANDS``),
  which says which of the facts of that level they can state (see "Tier items");
* five **quality traits**, independent standard normals;
* an **answer noise** (the standard deviation of a slip, on the 0..1 answer scale);
* a **fake-good tendency** ``s >= 0`` (a pull towards the answer that sounds best): small
  for most people, large for a few (``FAKING_SHARE``), who are the "faking" group. The
  others are "honest".

How they answer (one independent draw per item, so an item answered in both forms gets
the same answer in both):

* **Scale items** (one kind of work, answered on a scale): the point nearest to the
  respondent's option-weighted interest + noise + ``SCALE_PUSH`` x s. Option-weighted
  interest is the largest of ``weight / top weight x interest`` over the kinds the item
  scores, so an item worth 0.6 to finance is enjoyed 0.6 as much by a finance person.
* **Pick items** (each option a different kind): an option's utility is the
  option-weighted interest in its kind(s) + noise; the best utility wins, except that
  when it is below ``NONE_BELOW`` the respondent picks the item's "none of these"
  option if it has one (``Option.unscored``, or an option that scores nothing).
* **Tier items**: every option states a fact, and the scoring itself says which level
  that fact shows (its evidence against ``SPECIALIST_AT`` and ``EXPERT_AT``). An honest,
  careful person states the facts of their own level: among the options that show their
  true level, the one at their place inside the level (``experience`` within its band).
  Then a slip of ``noise`` (on the 0..1 scale, so about one option for 0.25) plus
  ``OVERSTATEMENT`` x s moves the answer up or down whole options (not on the plain facts
  of ``FACT_FACETS``: whether the work was paid). For the "years" and
  "setting" facets the person first has a setting (how independent and paid their work
  was, at least ``SETTING_FROM`` for their level) from which years of work can show
  their level, then the years that, times that setting (as the scoring counts it), show
  it. Hobby and career backgrounds answer as described above, then slip the same way.
* **Quality items**: utility = ``TRAIT_WEIGHT`` x (the option's quality weights . the
  traits) + s x appeal + Gumbel(0, 1) noise; the best utility wins (a logit choice).
  With bank v2's options, each keyed to one quality with weight 1, that is "the trait
  of its quality". An option's appeal is ``Option.appeal`` when the bank gives it, else
  its highest quality weight (in bank v1 the textbook answer weighs 1).
* **Context items** (and any other kind) are skipped half the time and otherwise
  answered at random; they are not scored.

The **faker** is one extra respondent who picks the most appealing option of every
quality item. A quiz that rewards sounding right would put the faker on top of every
quality; :func:`summarise` reports whether it does.

Everything is drawn from numpy Generators seeded from ``seed``: the same seed, bank and
scoring give the same table. People are drawn from one stream and each person's answers
from their own stream, so both forms are answered by the same people.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model import adaptive, quiz
from model.ids import CATEGORIES, FORMS, QUALITIES, TIERS
from model.quiz import Assessment, Option, Question, QuestionBank, assess

# --- Latent model parameters ---------------------------------------------------------------

UNDECIDED_SHARE = 0.10
"""One in ten people have no clear favourite yet; the quiz should say so, not pick one."""
TRUE_INTEREST = (0.70, 1.00)
"""Interest in the true kind: clearly high, but not everyone is at the very top."""
SECOND_SHARE = 0.35
"""About a third of people also like a second kind moderately (e.g. writing and marketing)."""
SECOND_INTEREST = (0.35, 0.60)
"""A moderate second interest: below the true kind, above the rest."""
LOW_INTEREST = 0.15
"""The other kinds: low but not zero; most people mildly like a little of everything."""
LOW_SD = 0.08
"""Spread of the low interests, so the other six kinds are not a perfect tie."""
FLAT_INTEREST = 0.45
"""Undecided people: every kind in the middle of the scale."""
FLAT_SD = 0.05
"""A little spread for the undecided, smaller than the gap a decided person has."""
SEVERAL_SHARE = 0.5
"""Half the undecided like several kinds about equally instead of all of them."""
SEVERAL = 3
"""How many kinds such a person likes."""
SEVERAL_INTEREST = (0.50, 0.60)
"""Their interest in each of those kinds: middling, none clearly ahead (the spread, 0.10, is
no wider than the smallest gap a decided person has: 0.70 against a second interest of 0.60)."""

LEVEL_SHARES = {"basic": 0.50, "specialist": 0.35, "expert": 0.15}
"""Most people who try the quiz are starting out; experts are few (shares of TIERS)."""
LEVEL_BANDS = {"basic": (0.0, 0.45), "specialist": (0.45, 0.75), "expert": (0.75, 1.0)}
"""Experience bands on the evidence scale. Only the place inside a band matters: it picks
which of its level's facts a person states (uniform, so some sit at a border)."""
SETTING_FROM = {"basic": 0.0, "specialist": 0.75, "expert": 0.75}
"""The lowest setting (how independent and paid the work was, 0..1) a person of this level
has: beginners' years are often informal help; Specialists and Experts were paid, in a job
or by clients (hobby workers are their own background, below)."""

BACKGROUNDS = ("standard", "hobby", "career")
HOBBY_SHARE = 0.15
"""Beginners whose work so far is a hobby or unpaid help (posters for college fests, friends'
wedding clips), and who describe it generously."""
HOBBY_SETTING = 0.5
"""Their setting: unpaid or a hobby."""
HOBBY_GENEROUS = (1, 2)
"""Whole options above the facts that they claim on proof, trust, independence and tools
(uniform per item): work for friends is easy to show, decide and vouch for."""
HOBBY_MAX_TIME = 0.75
"""Their time: any band up to "2 to 5 years" (the item's own values, before the setting)."""
EASY_FACETS = ("proof", "return", "independence", "tools")
FACT_FACETS = ("setting",)
"""Facets that state a plain fact (whether the work was paid, who it was for): people neither
slip on them by carelessness nor shade them to look good, as they shade a judgement of
their own work (the draw is still taken, so the other answers stay the same)."""
CAREER_SHARE = 0.10
"""True Experts with 10 years or more of paid work, salaried or freelance."""
SALARIED_SHARE = 0.5
"""Half of the long careers are salaried: a manager set the tasks (one option below the top on
independence); the rest freelance or own business."""
CONFIDENTIAL_SHARE = 0.5
"""Half of the long careers did confidential work they cannot show (one option below on
proof)."""

NOISE_RANGE = (0.10, 0.30)
"""Answer noise SD, uniform per person: 0.10 rarely moves a 4-point answer (steps of 1/3),
0.30 often moves it by one point; from attentive to hurried respondents."""

FAKING_SHARE = 0.15
"""About one in seven present themselves as better than they are (a few large s)."""
HONEST_S = 0.2
"""Honest people's s is exponential with this mean: a slight pull to the nicer answer."""
FAKING_S = (1.0, 3.0)
"""Fakers' s, uniform: from a clear pull to nearly always choosing the best-sounding answer."""
SCALE_PUSH = 0.10
"""Upward push per unit of s on scale items: a faker with s = 2 claims about 2/3 of a point
more liking or confidence."""
OVERSTATEMENT = 0.10
"""Upward push per unit of s on experience items: a faker with s = 2 claims about 0.2
more evidence, close to one option up."""
TRAIT_WEIGHT = 1.0
"""Trait effect on a situation answer, against Gumbel noise of scale 1: a single
situation item is a weak, noisy signal of a habit, as single judgement items are."""
NONE_BELOW = 0.40
"""A person picks "none of these" when even the best option interests them less than this
(below the middle of the scale)."""
CONTEXT_SKIP = 0.5
"""Unscored context items are skipped half the time, otherwise answered at random."""

FAKER_TOP_QUANTILE = 0.90
"""The faker is "on top" of a quality when it scores at least the 90th percentile of honest
respondents on it."""
AT_MAX = 100.0
"""A quality score at (or within rounding of) this is "at the maximum"."""

GROUPS = ("decided", "undecided", "faker")
HOBBY_CALLED_AT = "specialist"
"""A hobby beginner is "called up" when the level is Specialist or higher."""
CAREER_CALLED_BELOW = "specialist"
"""A long career is "called down" when the level is below Specialist."""


@dataclass(frozen=True)
class Respondent:
    """One simulated person: the truth the quiz should recover, and how they answer."""

    kind: str
    undecided: bool
    interests: Mapping[str, float]
    level: str
    experience: float
    setting: float
    traits: Mapping[str, float]
    noise: float
    fake_good: float
    faking: bool = False
    background: str = "standard"
    salaried: bool = False
    confidential: bool = False

    @property
    def place(self) -> float:
        """Where the person sits inside their level's band, 0..1."""
        low, high = LEVEL_BANDS[self.level]
        return min(max((self.experience - low) / (high - low), 0.0), 0.999)


@dataclass(frozen=True)
class SimResult:
    """One respondent's truth next to what the quiz made of their answers on one form."""

    form: str
    group: str
    kind: str
    level: str
    faking: bool
    background: str
    category: str
    tier: str
    status: str
    certainty: str
    qualities: Mapping[str, float]
    measured: Mapping[str, bool]
    answers: Mapping[str, str]


@dataclass(frozen=True)
class Study:
    """The summary of one form: shares are percentages of the group they describe."""

    form: str
    n: int
    recovery: float
    level_exact: float
    too_high: float
    too_low: float
    bias: float
    confident_wrong: float
    undecided_clear: float
    hobby_up: float
    career_down: float
    career_expert: float
    at_max: Mapping[str, float]
    faker: Mapping[str, float]
    faker_top: Mapping[str, bool]

    @property
    def faker_top_all(self) -> bool:
        """True when the faker is on top of every measured quality."""
        return bool(self.faker_top) and all(self.faker_top.values())

    @property
    def worst_at_max(self) -> tuple[str, float]:
        """The quality with the largest share of honest respondents at the maximum."""
        if not self.at_max:
            return "", 0.0
        quality = max(self.at_max, key=lambda q: (self.at_max[q], -QUALITIES.index(q)))
        return quality, self.at_max[quality]


# --- Drawing people -------------------------------------------------------------------------


def _interests(rng: np.random.Generator, kind: str, undecided: bool) -> dict[str, float]:
    if undecided:
        values = FLAT_INTEREST + FLAT_SD * rng.standard_normal(len(CATEGORIES))
        flat = {c: float(np.clip(v, 0.0, 1.0)) for c, v in zip(CATEGORIES, values, strict=True)}
        if rng.random() >= SEVERAL_SHARE:
            return flat
        low = np.clip(LOW_INTEREST + LOW_SD * rng.standard_normal(len(CATEGORIES)), 0.0, 1.0)
        several = {c: float(v) for c, v in zip(CATEGORIES, low, strict=True)}
        for i in rng.choice(len(CATEGORIES), SEVERAL, replace=False):
            several[CATEGORIES[int(i)]] = float(rng.uniform(*SEVERAL_INTEREST))
        return several
    values = np.clip(LOW_INTEREST + LOW_SD * rng.standard_normal(len(CATEGORIES)), 0.0, 1.0)
    out = {c: float(v) for c, v in zip(CATEGORIES, values, strict=True)}
    out[kind] = float(rng.uniform(*TRUE_INTEREST))
    if rng.random() < SECOND_SHARE:
        others = [c for c in CATEGORIES if c != kind]
        out[others[int(rng.integers(len(others)))]] = float(rng.uniform(*SECOND_INTEREST))
    return out


def draw_respondent(rng: np.random.Generator) -> Respondent:
    """Draw one person from the latent model (see the module docstring)."""
    undecided = bool(rng.random() < UNDECIDED_SHARE)
    kind = CATEGORIES[int(rng.integers(len(CATEGORIES)))]
    interests = _interests(rng, kind, undecided)
    draw = rng.random()
    background = (
        "hobby" if draw < HOBBY_SHARE else "career" if draw < HOBBY_SHARE + CAREER_SHARE else ""
    ) or "standard"
    salaried = bool(rng.random() < SALARIED_SHARE)
    confidential = bool(rng.random() < CONFIDENTIAL_SHARE)
    shares = np.array([LEVEL_SHARES[t] for t in TIERS])
    level = TIERS[int(rng.choice(len(TIERS), p=shares / shares.sum()))]
    level = {"hobby": "basic", "career": "expert"}.get(background, level)
    low, high = LEVEL_BANDS[level]
    experience = float(rng.uniform(low, high))
    setting = float(rng.random())  # which of the settings open to their level (see _setting)
    traits = {q: float(v) for q, v in zip(QUALITIES, rng.standard_normal(5), strict=True)}
    noise = float(rng.uniform(*NOISE_RANGE))
    faking = bool(rng.random() < FAKING_SHARE)
    fake_good = float(rng.uniform(*FAKING_S) if faking else rng.exponential(HONEST_S))
    return Respondent(
        kind,
        undecided,
        interests,
        level,
        experience,
        setting,
        traits,
        noise,
        fake_good,
        faking,
        background,
        background == "career" and salaried,
        background == "career" and confidential,
    )


def draw_respondents(n: int, seed: int) -> list[Respondent]:
    """``n`` people from the latent model; the same seed gives the same people."""
    rng = np.random.default_rng([seed, 0])
    return [draw_respondent(rng) for _ in range(n)]


# --- Answering ------------------------------------------------------------------------------


def _unscored(option: Option) -> bool:
    return bool(getattr(option, "unscored", False)) or not any(option.weights.values())


def _main(option: Option) -> str | None:
    if _unscored(option):
        return None
    return max(option.weights, key=lambda d: option.weights[d])


def _relative(option: Option) -> tuple[tuple[str, float], ...]:
    """The option's kinds with weight / top weight (the top kind first)."""
    top = max(option.weights.values(), default=0.0)
    if top <= 0:
        return ()
    pairs = [(c, w / top) for c, w in option.weights.items() if w > 0]
    return tuple(sorted(pairs, key=lambda p: -p[1]))


def _weighted_interest(relative: tuple[tuple[str, float], ...], interests: Mapping) -> float:
    """The largest of weight / top weight x interest over the kinds an option scores."""
    return max((w * interests.get(c, 0.0) for c, w in relative), default=0.0)


def is_scale(question: Question) -> bool:
    """True when every scoring option scores the same kind(s) in the same proportion,
    i.e. the options are points of one scale rather than a choice between kinds."""
    if question.kind != "category" or any(getattr(o, "unscored", False) for o in question.options):
        return False
    shapes = {_relative(o) for o in question.options if any(o.weights.values())}
    rounded = {tuple((c, round(w, 2)) for c, w in shape) for shape in shapes}
    return len(rounded) == 1 and len(shapes) >= 1 and len(question.options) >= 2


def appeal(option: Option) -> float:
    """How textbook-right an option sounds: ``Option.appeal``, else its top quality weight."""
    value = getattr(option, "appeal", None)
    if value is None:
        return max((option.weights.get(x, 0.0) for x in QUALITIES), default=0.0)
    return float(value)


@dataclass(frozen=True)
class _Item:
    """One question with what answering it needs, computed once per bank."""

    id: str
    how: str  # "scale" | "pick" | "tier" | "quality" | "context"
    option_ids: tuple[str, ...]
    values: tuple[float, ...] = ()  # scale points / tier evidence, 0..1
    relative: tuple[tuple[tuple[str, float], ...], ...] = ()  # pick: per option; scale: [top]
    none: int | None = None  # pick: index of the "none of these" option
    facet: str | None = None
    partner: tuple[float, ...] = ()  # years <-> setting: the other facet's option values
    weights: np.ndarray | None = None  # quality: options x QUALITIES
    appeals: np.ndarray | None = None


def plan(bank: QuestionBank) -> tuple[_Item, ...]:
    """How to answer each current item of the bank (the full form holds every item)."""
    items = []
    for q in bank.questions("full"):
        ids = tuple(o.id for o in q.options)
        if not ids:
            continue
        if q.kind == "category" and is_scale(q):
            top = max(q.options, key=lambda o: sum(o.weights.values()))
            main = _main(top) or ""
            values = tuple(o.weights.get(main, 0.0) / top.weights[main] for o in q.options)
            items.append(_Item(q.id, "scale", ids, values, (_relative(top),)))
        elif q.kind == "category":
            nones = [i for i, o in enumerate(q.options) if _unscored(o)]
            relative = tuple(_relative(o) for o in q.options)
            items.append(_Item(q.id, "pick", ids, (), relative, nones[0] if nones else None))
        elif q.kind == "tier":
            values = tuple(o.weights.get("tier", 0.0) for o in q.options)
            facet = getattr(q, "facet", None)
            other = {"years": "setting", "setting": "years"}.get(facet or "")
            partner = next(
                (
                    tuple(o.weights.get("tier", 0.0) for o in p.options)
                    for p in bank.questions("full")
                    if other and getattr(p, "facet", None) == other
                ),
                (),
            )
            items.append(_Item(q.id, "tier", ids, values, facet=facet, partner=partner))
        elif q.kind == "quality":
            weights = np.array([[o.weights.get(x, 0.0) for x in QUALITIES] for o in q.options])
            appeals = np.array([appeal(o) for o in q.options])
            items.append(_Item(q.id, "quality", ids, weights=weights, appeals=appeals))
        else:
            items.append(_Item(q.id, "context", ids))
    return tuple(items)


def _nearest(values: Sequence[float], target: float) -> int:
    return min(range(len(values)), key=lambda i: abs(values[i] - target))


def cut_offs() -> tuple[float, float]:
    """The scoring's Specialist and Expert cut-offs on the 0..1 evidence scale (older
    scoring code kept them out of 100)."""
    specialist, expert = float(quiz.SPECIALIST_AT), float(quiz.EXPERT_AT)
    scale = 100.0 if expert > 1 else 1.0
    return specialist / scale, expert / scale


def evidence_level(value: float) -> str:
    """The level that an option's evidence shows, by the scoring's own cut-offs."""
    specialist, expert = cut_offs()
    return "expert" if value >= expert - 1e-9 else "specialist" if value >= specialist else "basic"


def _at_place(values: Sequence[float], level: str, place: float) -> int | None:
    """The option (index) showing ``level`` at ``place`` (0..1) among those that do."""
    fitting = sorted((v, i) for i, v in enumerate(values) if evidence_level(v) == level)
    return fitting[int(place * len(fitting))][1] if fitting else None


def _factor(setting: float) -> float:
    """How much time counts in this setting, as the scoring counts it (older scoring code
    multiplied by the setting's value)."""
    factor = getattr(quiz, "time_factor", None)
    return float(factor(setting)) if callable(factor) else setting


def _setting(values: Sequence[float], years: Sequence[float], p: Respondent) -> int:
    """The person's setting option: one open to their level from which some years of work
    show that level. Hobby workers: the unpaid one; long careers: a job when salaried,
    else the most independent paid one."""
    if p.background == "hobby":
        return min(range(len(values)), key=lambda i: (abs(values[i] - HOBBY_SETTING), i))
    if p.background == "career":
        paid = sorted((v, i) for i, v in enumerate(values) if v >= SETTING_FROM["expert"])
        if paid:
            return paid[0][1] if p.salaried else paid[-1][1]
    open_ = [
        i
        for i, v in sorted(enumerate(values), key=lambda iv: iv[1])
        if v >= SETTING_FROM[p.level]
        and any(evidence_level(y * _factor(v)) == p.level for y in years)
    ]
    if not open_:
        return max(range(len(values)), key=lambda i: values[i])
    return open_[int(p.setting * len(open_) * 0.999)]


def _step(values: Sequence[float], index: int, steps: int) -> int:
    """The option ``steps`` whole options above (below, if negative) ``index``."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    at = min(max(order.index(index) + steps, 0), len(order) - 1)
    return order[at]


def _background_tier(item: _Item, p: Respondent, rng: np.random.Generator) -> int | None:
    """What a hobby worker or a long career answers on a tier item before any slip (None:
    as everyone else)."""
    values = item.values
    if p.background == "hobby":
        if item.facet == "years":
            done = sorted(i for i, v in enumerate(values) if 0 < v <= HOBBY_MAX_TIME)
            return done[int(p.place * len(done))] if done else None
        if item.facet in EASY_FACETS:
            first = min(
                (i for i, v in enumerate(values) if v > 0), key=lambda i: values[i], default=0
            )
            return _step(values, first, int(rng.integers(HOBBY_GENEROUS[0], HOBBY_GENEROUS[1] + 1)))
        return None
    if p.background == "career":
        top = max(range(len(values)), key=lambda i: values[i])
        if item.facet == "years":
            return top  # 10 years or more: the top band
        if item.facet == "independence" and p.salaried:
            return _step(values, top, -1)
        if item.facet == "proof" and p.confidential:
            return _step(values, top, -1)
    return None


def _honest_tier(item: _Item, p: Respondent) -> int:
    """What a careful, honest person of ``p``'s level answers on a tier item."""
    if item.facet == "setting" and item.partner:
        return _setting(item.values, item.partner, p)
    values = item.values
    if item.facet == "years" and item.partner:
        factor = _factor(item.partner[_setting(item.partner, item.values, p)])
        values = tuple(v * factor for v in item.values)
    chosen = _at_place(values, p.level, p.place)
    if chosen is None:  # no option shows this level: the nearest one that does not exceed it
        rank = TIERS.index(p.level)
        below = [i for i, v in enumerate(values) if TIERS.index(evidence_level(v)) <= rank]
        chosen = max(below, key=lambda i: values[i]) if below else 0
    return chosen


def _slipped(values: Sequence[float], honest: int, slip: float) -> int:
    """Move an answer by ``slip`` on the 0..1 scale, in whole options (order of value)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    step = (max(values) - min(values)) / max(1, len(values) - 1) or 1.0
    at = order.index(honest) + int(np.round(slip / step))
    return order[min(max(at, 0), len(order) - 1)]


def _choose(item: _Item, p: Respondent, rng: np.random.Generator) -> int | None:
    """The index of the option ``p`` picks on ``item`` (None: skipped)."""
    if item.how == "scale":
        target = _weighted_interest(item.relative[0], p.interests)
        target += p.noise * rng.standard_normal() + SCALE_PUSH * p.fake_good
        return _nearest(item.values, target)
    if item.how == "pick":
        noise = p.noise * rng.standard_normal(len(item.option_ids))
        utility = [
            _weighted_interest(rel, p.interests) + noise[i] if i != item.none else -np.inf
            for i, rel in enumerate(item.relative)
        ]
        best = int(np.argmax(utility))
        return item.none if item.none is not None and utility[best] < NONE_BELOW else best
    if item.how == "tier":
        background = _background_tier(item, p, rng) if p.background != "standard" else None
        honest = _honest_tier(item, p) if background is None else background
        slip = p.noise * rng.standard_normal() + OVERSTATEMENT * p.fake_good
        if item.facet in FACT_FACETS:
            slip = 0.0  # a plain fact (were you paid?): neither slipped nor shaded
        return _slipped(item.values, honest, slip)
    if item.how == "quality" and item.weights is not None and item.appeals is not None:
        traits = np.array([p.traits.get(x, 0.0) for x in QUALITIES])
        gumbel = rng.gumbel(0.0, 1.0, len(item.option_ids))
        utility = TRAIT_WEIGHT * item.weights @ traits + p.fake_good * item.appeals + gumbel
        return int(np.argmax(utility))
    skip, pick = rng.random(), int(rng.integers(len(item.option_ids)))  # context: unscored
    return None if skip < CONTEXT_SKIP else pick


def answer(
    bank: QuestionBank,
    person: Respondent,
    rng: np.random.Generator,
    items: Sequence[_Item] | None = None,
) -> dict[str, str]:
    """The person's answers to every current item of the bank (question id -> option id).

    Every item takes its own draws in bank order whatever the form, so a form's answers
    are the full answers restricted to its items. ``items`` is ``plan(bank)``, passed in
    to save recomputing it for every person."""
    answers: dict[str, str] = {}
    for item in items if items is not None else plan(bank):
        chosen = _choose(item, person, rng)
        if chosen is not None:
            answers[item.id] = item.option_ids[chosen]
    return answers


def faker_answers(bank: QuestionBank) -> dict[str, str]:
    """The faker: the most appealing option of every quality item (first on a tie), and a
    noise-free, honest Specialist interested in the first kind everywhere else."""
    person = Respondent(
        kind=CATEGORIES[0],
        undecided=False,
        interests={c: (0.9 if c == CATEGORIES[0] else LOW_INTEREST) for c in CATEGORIES},
        level="specialist",
        experience=0.5,
        setting=1.0,
        traits=dict.fromkeys(QUALITIES, 0.0),
        noise=0.0,
        fake_good=0.0,
    )
    answers = answer(bank, person, np.random.default_rng(0))
    for q in bank.questions("full"):
        if q.kind == "quality" and q.options:
            answers[q.id] = max(q.options, key=appeal).id
    return answers


# --- Scoring and summary --------------------------------------------------------------------


def certainty(result: Assessment) -> str:
    """The result's certainty; for scoring code without it, "clear" when the status is ok
    and the call is not close, else "close"."""
    value = getattr(result, "certainty", None)
    if isinstance(value, str) and value:
        return value
    return "clear" if result.status == "ok" and not result.close_call else "close"


def _result(form: str, group: str, person: Respondent, result: Assessment) -> SimResult:
    return SimResult(
        form=form,
        group=group,
        kind=person.kind,
        level=person.level,
        faking=person.faking,
        background=person.background,
        category=result.category,
        tier=result.tier,
        status=result.status,
        certainty=certainty(result),
        qualities=dict(result.qualities),
        measured=dict(result.measured),
        answers=dict(result.answers),
    )


def _form_answers(
    full: Mapping[str, str], form: str, ids: set[str], bank: QuestionBank
) -> dict[str, str]:
    """A person's answers on ``form``: their full answers restricted to a fixed form, or, on
    the adaptive form, the questions it asks them, each answered as on the full form."""
    if form == adaptive.FORM:
        return adaptive.run(full, bank)
    return {q: o for q, o in full.items() if q in ids}


def simulate(bank: QuestionBank, form: str, n: int = 600, seed: int = 7) -> list[SimResult]:
    """``n`` simulated people answer ``form`` of ``bank``; the last result is the faker's."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; expected one of {FORMS}")
    ids = {q.id for q in bank.questions(form)}
    items = plan(bank)
    out = []
    for i, person in enumerate(draw_respondents(n, seed)):
        full = answer(bank, person, np.random.default_rng([seed, 1, i]), items)
        answers = _form_answers(full, form, ids, bank)
        group = "undecided" if person.undecided else "decided"
        out.append(_result(form, group, person, assess(answers, bank, form)))
    fake = _form_answers(faker_answers(bank), form, ids, bank)
    faker = Respondent(CATEGORIES[0], False, {}, "specialist", 0.5, 1.0, {}, 0.0, 0.0, True)
    out.append(_result(form, "faker", faker, assess(fake, bank, form)))
    return out


def _pct(hits: int, total: int) -> float:
    return round(100.0 * hits / total, 1) if total else 0.0


def summarise(results: Sequence[SimResult]) -> Study:
    """Recovery, level agreement and bias, confident-but-wrong calls and quality ceilings
    of one form's results (see :class:`Study`)."""
    if not results:
        raise ValueError("no results to summarise")
    form = results[0].form
    people = [r for r in results if r.group != "faker"]
    decided = [r for r in people if r.group == "decided"]
    undecided = [r for r in people if r.group == "undecided"]
    right = [r for r in decided if r.status == "ok" and r.category == r.kind]
    clear_wrong = [
        r for r in decided if r.status == "ok" and r.certainty == "clear" and r.category != r.kind
    ]
    undecided_clear = [r for r in undecided if r.status == "ok" and r.certainty == "clear"]
    hobby = [r for r in people if r.background == "hobby"]
    career = [r for r in people if r.background == "career"]
    hobby_up = [r for r in hobby if TIERS.index(r.tier) >= TIERS.index(HOBBY_CALLED_AT)]
    career_down = [r for r in career if TIERS.index(r.tier) < TIERS.index(CAREER_CALLED_BELOW)]
    offset = [TIERS.index(r.tier) - TIERS.index(r.level) for r in people]
    high, low = sum(d > 0 for d in offset), sum(d < 0 for d in offset)

    honest = [r for r in people if not r.faking]
    at_max: dict[str, float] = {}
    faker_top: dict[str, bool] = {}
    fakers = [r for r in results if r.group == "faker"]
    faker = fakers[0] if fakers else None
    for x in QUALITIES:
        scores = [r.qualities[x] for r in honest if r.measured.get(x)]
        if not scores:
            continue
        at_max[x] = _pct(sum(s >= AT_MAX - 0.05 for s in scores), len(scores))
        if faker is not None and faker.measured.get(x):
            bar = float(np.quantile(scores, FAKER_TOP_QUANTILE))
            faker_top[x] = faker.qualities[x] >= bar
    return Study(
        form=form,
        n=len(people),
        recovery=_pct(len(right), len(decided)),
        level_exact=_pct(sum(d == 0 for d in offset), len(people)),
        too_high=_pct(high, len(people)),
        too_low=_pct(low, len(people)),
        bias=round(_pct(high, len(people)) - _pct(low, len(people)), 1),
        confident_wrong=_pct(len(clear_wrong), len(decided)),
        undecided_clear=_pct(len(undecided_clear), len(undecided)),
        hobby_up=_pct(len(hobby_up), len(hobby)),
        career_down=_pct(len(career_down), len(career)),
        career_expert=_pct(sum(r.tier == "expert" for r in career), len(career)),
        at_max=at_max,
        faker=dict(faker.qualities) if faker else {},
        faker_top=faker_top,
    )


def study(bank: QuestionBank, form: str, n: int = 600, seed: int = 7) -> Study:
    """Simulate and summarise one form."""
    return summarise(simulate(bank, form, n, seed))


@dataclass(frozen=True)
class AdaptiveStudy:
    """The adaptive form next to the full form, answered by the same simulated people.

    ``kind_agree`` and ``level_agree`` are the % of people (decided and undecided) whose
    adaptive result has the full form's top kind / level; ``counts`` maps a number of
    counted questions (context not counted) to how many people needed it; ``disagree``
    counts the kind disagreements by (group, the adaptive result's certainty)."""

    n: int
    kind_agree: float
    level_agree: float
    median: float
    counts: Mapping[int, int]
    disagree: Mapping[tuple[str, str], int]

    @property
    def p90(self) -> int:
        """The number of questions that nine people in ten needed at most."""
        total, seen = sum(self.counts.values()), 0
        for count in sorted(self.counts):
            seen += self.counts[count]
            if seen >= 0.9 * total:
                return count
        return 0


def adaptive_study(bank: QuestionBank, n: int = 600, seed: int = 7) -> AdaptiveStudy:
    """``n`` simulated people take the adaptive and the full form (the same people and
    answers as :func:`simulate`); how often the adaptive result agrees, after how many
    questions."""
    full = [r for r in simulate(bank, "full", n, seed) if r.group != "faker"]
    quick = [r for r in simulate(bank, adaptive.FORM, n, seed) if r.group != "faker"]
    counts: dict[int, int] = {}
    disagree: dict[tuple[str, str], int] = {}
    for f, a in zip(full, quick, strict=True):
        asked = sum(1 for q in a.answers if bank.get(q).kind != "context")
        counts[asked] = counts.get(asked, 0) + 1
        if a.category != f.category:
            key = (a.group, a.certainty)
            disagree[key] = disagree.get(key, 0) + 1
    asked_all = [c for c, k in counts.items() for _ in range(k)]
    pairs = list(zip(full, quick, strict=True))
    return AdaptiveStudy(
        n=len(full),
        kind_agree=_pct(sum(a.category == f.category for f, a in pairs), len(full)),
        level_agree=_pct(sum(a.tier == f.tier for f, a in pairs), len(full)),
        median=float(np.median(asked_all)) if asked_all else 0.0,
        counts=dict(sorted(counts.items())),
        disagree=dict(sorted(disagree.items(), key=lambda kv: -kv[1])),
    )


def adaptive_table(s: AdaptiveStudy) -> str:
    """The adaptive form against the full form, as Markdown: agreement, then the question
    counts and where the kind disagrees."""
    rows = [
        "| People | Same top kind as the full form | Same level | Median questions "
        "| 9 in 10 needed at most |",
        "|---|---|---|---|---|",
        f"| {s.n} | {s.kind_agree:.1f}% | {s.level_agree:.1f}% | {s.median:g} | {s.p90} |",
        "",
        "| Questions | " + " | ".join(str(c) for c in s.counts) + " |",
        "|---|" + "---|" * len(s.counts),
        "| People | " + " | ".join(str(k) for k in s.counts.values()) + " |",
        "",
        "Kind differs from the full form: "
        + (", ".join(f"{g} people called {c}: {k}" for (g, c), k in s.disagree.items()) or "never"),
    ]
    return "\n".join(rows)


TABLE_HEAD = (
    "| Form | People | Top kind recovered | Level exact | Too high | Too low | Level bias "
    "| Confident but wrong | Undecided called clear | Hobby beginners called Specialist+ "
    "| Long careers called Basic | Long careers called Expert | Most at max quality "
    "| Faker on top of every quality |"
)


def table(studies: Sequence[Study]) -> str:
    """A Markdown table, one row per form. Shares are % of the group they describe:
    recovery and confident-but-wrong of decided people, level of everyone, "undecided
    called clear" of the undecided, the hobby and career columns of those backgrounds,
    "at max" of honest people; bias is too high minus too low, in points."""
    rows = [TABLE_HEAD, "|" + "---|" * (TABLE_HEAD.count("|") - 1)]
    for s in studies:
        worst, share = s.worst_at_max
        top = sum(s.faker_top.values())
        faker = f"{'yes' if s.faker_top_all else 'no'} ({top} of {len(s.faker_top)})"
        rows.append(
            f"| {s.form} | {s.n} | {s.recovery:.1f}% | {s.level_exact:.1f}% "
            f"| {s.too_high:.1f}% | {s.too_low:.1f}% | {s.bias:+.1f} pts "
            f"| {s.confident_wrong:.1f}% | {s.undecided_clear:.1f}% "
            f"| {s.hobby_up:.1f}% | {s.career_down:.1f}% | {s.career_expert:.1f}% "
            f"| {share:.1f}% ({worst}) | {faker} |"
        )
    return "\n".join(rows)


def describe(study_: Study) -> dict[str, Any]:
    """The study as plain data (for JSON or a page), percentages rounded to 0.1."""
    worst, share = study_.worst_at_max
    return {
        "form": study_.form,
        "n": study_.n,
        "recovery": study_.recovery,
        "level_exact": study_.level_exact,
        "too_high": study_.too_high,
        "too_low": study_.too_low,
        "bias": study_.bias,
        "confident_wrong": study_.confident_wrong,
        "undecided_clear": study_.undecided_clear,
        "hobby_up": study_.hobby_up,
        "career_down": study_.career_down,
        "career_expert": study_.career_expert,
        "at_max": dict(study_.at_max),
        "most_at_max": [worst, share],
        "faker": dict(study_.faker),
        "faker_top": dict(study_.faker_top),
        "faker_top_all": study_.faker_top_all,
    }


# --- The published table --------------------------------------------------------------------

PUBLISHED_PATH = Path(__file__).resolve().parent.parent / "data" / "validity.toml"
PUBLISHED_COLUMNS = (
    "recovery",
    "level_exact",
    "too_high",
    "too_low",
    "bias",
    "confident_wrong",
    "undecided_clear",
    "hobby_up",
    "career_down",
    "career_expert",
)
"""The figures the about page and the README show, in this order."""


@dataclass(frozen=True)
class PublishedRow:
    """One row of the published table: which code and bank, which form, the figures."""

    when: str  # "now" or "before"
    form: str
    figures: Mapping[str, float]


def published_text(studies: Sequence[Study], before: Sequence[PublishedRow], note: str) -> str:
    """``data/validity.toml``: the current study's figures plus the kept "before" rows."""
    lines = [
        "# The quiz's validity study on simulated respondents (not people).",
        "# Written by scripts/validity_study.py --write; tests/model/test_validity.py checks",
        "# that the 'now' rows match a fresh run. The 'before' rows are kept as measured.",
        f"# {note}",
        "",
    ]
    rows = [PublishedRow("now", s.form, describe(s)) for s in studies] + list(before)
    for row in rows:
        lines.append("[[rows]]")
        lines.append(f'when = "{row.when}"')
        lines.append(f'form = "{row.form}"')
        for column in PUBLISHED_COLUMNS:
            lines.append(f"{column} = {float(row.figures[column]):.1f}")
        lines.append("")
    return "\n".join(lines)


def load_published(path: Path = PUBLISHED_PATH) -> list[PublishedRow]:
    """The published table (``data/validity.toml``), "now" rows first."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    rows = [
        PublishedRow(str(r["when"]), str(r["form"]), {c: float(r[c]) for c in PUBLISHED_COLUMNS})
        for r in raw.get("rows", [])
    ]
    return sorted(rows, key=lambda r: (r.when != "now", FORMS.index(r.form)))
