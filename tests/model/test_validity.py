"""The validity study (model/validity.py): simulated respondents, not people.

Three groups of tests: the study is reproducible; the simulator itself behaves (a noise-free
respondent is recovered, answers use real ids, bank v1 and v2 shapes both work); and the
shipped bank, scored by model/quiz.py, meets the thresholds below on both forms.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from model.ids import CATEGORIES, FORMS, QUALITIES, TIERS
from model.quiz import assess, load_bank
from model.validity import (
    CAREER_SHARE,
    FAKING_SHARE,
    HOBBY_SETTING,
    HOBBY_SHARE,
    LEVEL_BANDS,
    LEVEL_SHARES,
    LOW_INTEREST,
    PUBLISHED_COLUMNS,
    SEVERAL_INTEREST,
    UNDECIDED_SHARE,
    Respondent,
    Study,
    answer,
    describe,
    draw_respondents,
    faker_answers,
    load_published,
    simulate,
    study,
    summarise,
    table,
)

BANK = load_bank()

# The study the thresholds are checked on: the same n and seed as the table that
# `scripts/validity_study.py` prints by default (and the README shows), so the tested
# numbers are the published ones. One run of both forms takes a few seconds.
N = 600
SEED = 7

# Thresholds (percent, or points for the bias). Measured on bank v2 with this scoring
# (n=600, seeds 1, 2, 3 and 7), the short/full forms gave: recovery 90.8-93.5 / 98.5-99.4,
# level exact 84.8-86.8 / 84.8-86.7, bias -3.8..-1.2 / -1.2..+2.8, confident but wrong
# 0.4-0.9 / 0.0-0.2, undecided called clear 3.1-8.8 / 4.4-9.8, at most 4.1 / 0.6% of honest
# people at a quality's maximum. The old bank and scoring (3806d1a) gave a level bias of
# +25.7 / +28.7 and 47.5 / 42.6% of undecided people called clear (data/validity.toml).
MIN_RECOVERY = {"short": 75.0, "full": 85.0, "adaptive": 85.0}
# Three people in four must get their own kind of work from the phone quiz, and more from
# the full one: below that the suggestion is closer to a guess than to advice.
MIN_LEVEL_EXACT = {"short": 60.0, "full": 70.0, "adaptive": 70.0}
# Level is read from few facts, and people near a border are rightly ambiguous (experience
# is uniform inside a band); most people must still get exactly their level.
MAX_ABS_BIAS = 5.0
# Too high minus too low, in points. The errors that remain must not lean one way: a quiz
# that calls beginners Specialists sends them to jobs they cannot yet do, and the reverse
# undersells them. Five points is about two sampling SDs of the difference at n=600.
MAX_CONFIDENT_WRONG = 5.0
# A "clear" call must mean it: at most one decided person in twenty gets a clear call for a
# kind of work that is not theirs.
MAX_UNDECIDED_CLEAR = 25.0
# People with flat interests should mostly hear "close" or "likely"; with about 60 of them at
# n=600 this share moves by +-5 points between seeds, hence the room.
# Issue 19 (bank v3 and its scoring, n=600, seeds 1, 2, 3 and 7; the simulator now has hobby
# and career respondents and undecided people who like several kinds), short / full form:
# recovery 90.6-92.9 / 98.5-98.9, level exact 84.8-91.8 / 87.8-91.7, bias -0.8..-0.2 /
# -2.0..+0.5, confident but wrong 0.0 / 0.0, undecided called clear 1.3-7.9 / 0.0-5.8 (adaptive
# 0.0), hobby beginners called Specialist+ 0.0-1.9 / 0.0, long careers called Basic 0.0 / 0.0,
# called Expert 81.7-92.0 / 76.1-92.0. Bank v2 and its scoring (dba5ee9) with the same
# respondents: bias up to +14.5 (full), undecided called clear up to 17.1% (full), hobby
# beginners called Specialist+ 67.0-98.9%, long careers called Expert 31.5-46.5%.
MAX_UNDECIDED_CLEAR_ANY_FORM = 10.0
# Goal 5: a person with no clear favourite is told so on every form, the full one included.
MAX_HOBBY_UP = 10.0
# Goal 1/2: a beginner whose work so far is a hobby or unpaid, described generously, is called
# Specialist or higher at most one time in ten (bank v2 and its scoring: 74.0 / 94.8%).
MAX_CAREER_DOWN = 5.0
# Goal 1/2: someone with 10 years or more of paid work is called Basic at most one time in 20.
MIN_CAREER_EXPERT = 60.0
# ... and most of them are called Expert (bank v2 and its scoring: 45.5 / 42.4%).
MAX_AT_MAX = 20.0
# No quality may have more than one honest respondent in five at the very top: a profile in
# which many people score 100 cannot tell them apart (a ceiling). The adaptive form asks only
# two situations (model/adaptive.py MIN_QUALITY), so its profile is coarse by design (23.5%
# at seed 7): it is held to the kind and level (tests/model/test_adaptive.py), not to this.


@pytest.fixture(scope="module")
def studies() -> dict[str, Study]:
    """The study of both forms of the shipped bank, run once for this module."""
    return {form: study(BANK, form, N, SEED) for form in FORMS}


def _person(kind: str, noise: float = 0.0, fake_good: float = 0.0) -> Respondent:
    """A decided Specialist who likes ``kind`` and nothing else; average on every quality."""
    return Respondent(
        kind=kind,
        undecided=False,
        interests={c: (0.9 if c == kind else LOW_INTEREST) for c in CATEGORIES},
        level="specialist",
        experience=0.6,
        setting=0.8,
        traits=dict.fromkeys(QUALITIES, 0.0),
        noise=noise,
        fake_good=fake_good,
    )


# 1. Reproducible -----------------------------------------------------------------------


def test_the_same_seed_gives_the_same_table():
    def run(seed: int) -> str:
        return table([study(BANK, form, 50, seed) for form in FORMS])

    first = run(3)
    assert run(3) == first
    assert "| short |" in first and "| full |" in first
    assert run(4) != first


def test_both_forms_are_answered_by_the_same_people_with_the_same_answers():
    short, full = simulate(BANK, "short", 40, 5), simulate(BANK, "full", 40, 5)
    short_ids = {q.id for q in BANK.questions("short")}
    for s, f in zip(short, full, strict=True):
        assert (s.kind, s.level, s.group) == (f.kind, f.level, f.group)
        assert dict(s.answers) == {q: o for q, o in f.answers.items() if q in short_ids}


# 2. The simulator's own sanity ---------------------------------------------------------


@pytest.mark.parametrize("kind", CATEGORIES)
def test_a_noise_free_honest_respondent_gets_their_kind_on_the_full_form(kind):
    answers = answer(BANK, _person(kind), np.random.default_rng(0))
    full = {q.id for q in BANK.questions("full")}
    result = assess({q: o for q, o in answers.items() if q in full}, BANK, "full")
    assert result.status == "ok"
    assert result.category == kind, result.fit


@pytest.mark.parametrize("form", FORMS)
def test_answers_only_use_ids_that_exist(form):
    results = simulate(BANK, form, 60, 11)
    ids = {q.id: {o.id for o in q.options} for q in BANK.questions(form)}
    assert len(results) == 61 and results[-1].group == "faker"
    for r in results:
        assert r.answers, r
        for qid, oid in r.answers.items():
            assert oid in ids[qid], (qid, oid)
    assert set(faker_answers(BANK)) <= {q.id for q in BANK.questions("full")}


def test_the_latent_model_draws_what_it_states():
    people = draw_respondents(2000, 2)
    standard = [p for p in people if p.background == "standard"]
    share = {t: sum(p.level == t for p in standard) / len(standard) for t in TIERS}
    assert all(abs(share[t] - LEVEL_SHARES[t]) < 0.04 for t in TIERS), share
    assert abs(sum(p.undecided for p in people) / len(people) - UNDECIDED_SHARE) < 0.03
    assert abs(sum(p.faking for p in people) / len(people) - FAKING_SHARE) < 0.03
    hobby = [p for p in people if p.background == "hobby"]
    career = [p for p in people if p.background == "career"]
    assert abs(len(hobby) / len(people) - HOBBY_SHARE) < 0.03
    assert abs(len(career) / len(people) - CAREER_SHARE) < 0.03
    assert {p.level for p in hobby} == {"basic"} and {p.level for p in career} == {"expert"}
    assert {p.salaried for p in career} == {True, False}
    assert not any(p.salaried or p.confidential for p in standard + hobby)
    assert {p.kind for p in people} == set(CATEGORIES)
    for p in people:
        low, high = LEVEL_BANDS[p.level]
        assert low <= p.experience <= high and 0 <= p.place < 1
        assert 0 <= p.setting <= 1
        if not p.undecided:
            assert max(p.interests, key=lambda c: p.interests[c]) == p.kind
    # Undecided people: flat, or several kinds liked about equally; never one clear favourite
    # (a decided person's kind is at least 0.70 against at most 0.60 for a second one).
    undecided = [p for p in people if p.undecided]
    several = [
        p for p in undecided if sum(v >= SEVERAL_INTEREST[0] for v in p.interests.values()) == 3
    ]
    assert len(several) > len(undecided) / 4
    for p in undecided:
        top = sorted(p.interests.values(), reverse=True)
        assert top[0] - top[1] <= 0.15  # flat: three SDs (0.05); several: at most 0.10
    for p in several:
        top = sorted(p.interests.values(), reverse=True)
        assert top[0] - top[2] <= SEVERAL_INTEREST[1] - SEVERAL_INTEREST[0]


def _levels(person: Respondent) -> dict[str, str]:
    """What ``person`` answers on the shipped bank's experience items (noise-free)."""
    answers = answer(BANK, person, np.random.default_rng(0))
    return {q: o for q, o in answers.items() if BANK.get(q).kind == "tier"}


def test_a_hobby_beginner_states_unpaid_work_and_claims_more_on_the_easy_facts():
    hobby = replace(_person("design"), level="basic", experience=0.3, background="hobby")
    levels = _levels(hobby)
    setting = BANK.get("lvl_where").option(levels["lvl_where"])
    assert setting.weights["tier"] == HOBBY_SETTING
    assert BANK.get("lvl_time").option(levels["lvl_time"]).weights["tier"] <= 0.75
    easy = [
        BANK.get(q).option(o).weights["tier"]
        for q, o in levels.items()
        if q in ("lvl_show", "lvl_trust", "lvl_independence", "lvl_tools")
    ]
    assert min(easy) >= 0.5  # one or two options above the first one that says "done"
    result = assess(answer(BANK, hobby, np.random.default_rng(0)), BANK, "full")
    assert result.tier == "basic", result.evidence


@pytest.mark.parametrize("salaried", [True, False])
def test_a_long_career_states_ten_years_of_paid_work_and_is_an_expert(salaried):
    career = replace(
        _person("finance"),
        level="expert",
        experience=0.9,
        background="career",
        salaried=salaried,
        confidential=True,
    )
    levels = _levels(career)
    assert levels["lvl_time"] == "f"  # 10 years or more
    assert levels["lvl_where"] == ("c" if salaried else "d")  # a job, or clients
    assert levels["lvl_show"] == "d"  # confidential: one option below the top
    result = assess(answer(BANK, career, np.random.default_rng(0)), BANK, "full")
    assert result.tier == "expert", result.evidence


def _option(oid: str, weights: dict[str, float], **extra: object) -> SimpleNamespace:
    return SimpleNamespace(id=oid, weights=weights, **extra)


def _tier_options(*values: float) -> list[SimpleNamespace]:
    return [_option("abcde"[i], {"tier": v}) for i, v in enumerate(values)]


class _Bank:
    """A stand-in bank whose questions have only the attributes given."""

    def __init__(self, *questions: SimpleNamespace) -> None:
        self.items = questions

    def questions(self, form: str = "full") -> list[SimpleNamespace]:
        return list(self.items)


def test_bank_v1_shapes_without_the_optional_attributes():
    bank = _Bank(
        SimpleNamespace(
            id="pick",
            kind="category",
            options=[_option("a", {"admin": 1.0}), _option("b", {"design": 1.0})],
        ),
        SimpleNamespace(
            id="tier",
            kind="tier",
            options=_tier_options(0, 0.33, 0.67, 1),
        ),
        SimpleNamespace(
            id="sit",
            kind="quality",
            options=[
                _option("a", {"honesty": 0.2}),
                _option("b", {"honesty": 1.0, "communication": 0.4}),
                _option("c", {"honesty": 0.0}),
            ],
        ),
    )
    person = _person("design")
    answers = answer(bank, person, np.random.default_rng(0))  # type: ignore[arg-type]
    assert answers["pick"] == "b"
    assert answers["tier"] == "c"  # 0.67 is the one option that shows Specialist
    faker = faker_answers(bank)  # type: ignore[arg-type]
    assert faker["sit"] == "b"  # no appeal given: the option with the top quality weight


def test_bank_v2_shapes_none_option_facets_and_appeal():
    none = _option("none", {}, unscored=True, appeal=None)
    bank = _Bank(
        SimpleNamespace(
            id="pick",
            kind="category",
            facet=None,
            options=[_option("a", {"admin": 1.0}), _option("b", {"design": 1.0}), none],
        ),
        SimpleNamespace(
            id="years",
            kind="tier",
            facet="years",
            options=_tier_options(0, 0.5, 1),
        ),
        SimpleNamespace(
            id="setting",
            kind="tier",
            facet="setting",
            options=_tier_options(0.25, 0.5, 1),
        ),
        SimpleNamespace(
            id="sit",
            kind="quality",
            facet=None,
            options=[
                _option(q, {q: 1.0}, appeal=a, unscored=False)
                for q, a in zip(QUALITIES[:4], (0.2, 0.9, 0.5, 0.4), strict=True)
            ],
        ),
        SimpleNamespace(
            id="about_now", kind="context", facet=None, options=[_option("x", {}), none]
        ),
    )
    person = replace(_person("finance"), experience=0.4)  # neither pick option is their kind
    answers = answer(bank, person, np.random.default_rng(0))  # type: ignore[arg-type]
    assert answers["pick"] == "none"
    # A Specialist's setting is one from which some years show Specialist (0.5 or 1; their
    # draw 0.8 takes the higher), then the years that, times it, show Specialist (0.5 x 1).
    assert answers["setting"] == "c" and answers["years"] == "b"
    assert faker_answers(bank)["sit"] == "adaptability"  # type: ignore[arg-type]


def test_summary_counts_groups_as_documented():
    results = simulate(BANK, "short", 100, 1)
    s = summarise(results)
    assert s.n == 100
    assert s.bias == pytest.approx(s.too_high - s.too_low, abs=0.11)
    assert s.level_exact + s.too_high + s.too_low == pytest.approx(100.0, abs=0.2)
    assert set(s.faker) == set(QUALITIES)


# 3. Thresholds on the shipped bank -----------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_top_kind_recovery(studies, form):
    assert studies[form].recovery >= MIN_RECOVERY[form], table([studies[form]])


@pytest.mark.parametrize("form", FORMS)
def test_level_exact_match(studies, form):
    assert studies[form].level_exact >= MIN_LEVEL_EXACT[form], table([studies[form]])


@pytest.mark.parametrize("form", FORMS)
def test_level_bias_is_within_five_points(studies, form):
    assert abs(studies[form].bias) <= MAX_ABS_BIAS, table([studies[form]])


@pytest.mark.parametrize("form", FORMS)
def test_few_confident_but_wrong_calls(studies, form):
    assert studies[form].confident_wrong <= MAX_CONFIDENT_WRONG, table([studies[form]])


@pytest.mark.parametrize("form", FORMS)
def test_undecided_people_rarely_get_a_clear_call(studies, form):
    assert studies[form].undecided_clear <= MAX_UNDECIDED_CLEAR, table([studies[form]])


@pytest.mark.parametrize("form", FORMS)
def test_undecided_people_are_told_on_every_form(studies, form):
    assert studies[form].undecided_clear <= MAX_UNDECIDED_CLEAR_ANY_FORM, table([studies[form]])


@pytest.mark.parametrize("form", FORMS)
def test_hobby_beginners_are_rarely_called_specialist(studies, form):
    assert studies[form].hobby_up <= MAX_HOBBY_UP, table([studies[form]])


@pytest.mark.parametrize("form", FORMS)
def test_long_careers_are_rarely_called_basic_and_mostly_expert(studies, form):
    assert studies[form].career_down <= MAX_CAREER_DOWN, table([studies[form]])
    assert studies[form].career_expert >= MIN_CAREER_EXPERT, table([studies[form]])


@pytest.mark.parametrize("form", ["short", "full"])
def test_no_quality_has_a_ceiling_for_honest_people(studies, form):
    at_max = studies[form].at_max
    assert set(at_max) == set(QUALITIES)
    assert max(at_max.values()) <= MAX_AT_MAX, at_max


@pytest.mark.parametrize("form", FORMS)
def test_faking_good_does_not_top_every_quality(studies, form):
    s = studies[form]
    assert not s.faker_top_all, (s.faker, s.faker_top)


def test_the_published_table_matches_a_fresh_run(studies):
    published = load_published()
    now = {r.form: r for r in published if r.when == "now"}
    # The "before" rows: bank v2 and its scoring (dba5ee9), measured by this simulator.
    before = {r.form for r in published if r.when == "before"}
    assert set(now) == set(FORMS) and before == set(FORMS)
    for form in FORMS:
        fresh = describe(studies[form])
        for column in PUBLISHED_COLUMNS:
            assert now[form].figures[column] == pytest.approx(fresh[column], abs=0.051), (
                form,
                column,
            )
