"""Scoring rules of model/quiz.py, on a small hand-made bank and on the shipped one."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.ids import CATEGORIES, QUALITIES, TIERS
from model.quiz import (
    CERTAINTIES,
    BankError,
    assess,
    clean_answers,
    load_bank,
    parse_bank,
    steps,
)
from tests.pages.helpers import undecided_answers

SMALL = textwrap.dedent(
    """
    version = 1

    [scales]
    enjoy = [
      { id = "s0", value = 0.0, text = { en = "No", hi = "नहीं" } },
      { id = "s1", value = 0.5, text = { en = "Some", hi = "थोड़ा" } },
      { id = "s2", value = 1.0, text = { en = "Yes", hi = "हाँ" } },
    ]

    [[questions]]
    id = "pick"
    kind = "category"
    forms = ["short"]
    text = { en = "Pick a task", hi = "एक काम चुनें" }
    options = [
      { id = "a", text = { en = "Sheets", hi = "शीट" }, weights = { admin = 1.0, finance = 0.5 } },
      { id = "b", text = { en = "Posts", hi = "पोस्ट" }, weights = { marketing = 1.0 } },
      { id = "c", text = { en = "Code", hi = "कोड" }, weights = { programming = 1.0 } },
      { id = "d", text = { en = "Logo", hi = "लोगो" }, weights = { design = 1.0 } },
    ]

    [[questions]]
    id = "pick2"
    kind = "category"
    text = { en = "Another", hi = "एक और" }
    options = [
      { id = "a", text = { en = "Blog", hi = "ब्लॉग" }, weights = { writing = 1.0 } },
      { id = "b", text = { en = "Reel", hi = "रील" }, weights = { av_editing = 1.0 } },
      { id = "c", text = { en = "Books", hi = "खाते" }, weights = { finance = 1.0 } },
      { id = "d", text = { en = "Mail", hi = "मेल" }, weights = { admin = 1.0 } },
    ]

    [[questions]]
    id = "enjoy_code"
    kind = "category"
    forms = ["short"]
    text = { en = "Fix a form?", hi = "फ़ॉर्म ठीक करें?" }
    scale = "enjoy"
    weights = { programming = 1.0 }

    [[questions]]
    id = "exp1"
    kind = "tier"
    forms = ["short"]
    text = { en = "Paid work?", hi = "पैसे वाला काम?" }
    options = [
      { id = "a", text = { en = "None", hi = "कोई नहीं" }, weights = { tier = 0.0 } },
      { id = "b", text = { en = "Some", hi = "कुछ" }, weights = { tier = 0.5 } },
      { id = "c", text = { en = "Lots", hi = "बहुत" }, weights = { tier = 1.0 } },
    ]

    [[questions]]
    id = "exp2"
    kind = "tier"
    text = { en = "Samples?", hi = "नमूने?" }
    options = [
      { id = "a", text = { en = "None", hi = "कोई नहीं" }, weights = { tier = 0.0 } },
      { id = "b", text = { en = "Few", hi = "कुछ" }, weights = { tier = 0.5 } },
      { id = "c", text = { en = "Many", hi = "बहुत" }, weights = { tier = 1.0 } },
    ]

    [[questions]]
    id = "exp3"
    kind = "tier"
    text = { en = "Alone?", hi = "अकेले?" }
    options = [
      { id = "a", text = { en = "Never", hi = "कभी नहीं" }, weights = { tier = 0.0 } },
      { id = "b", text = { en = "Often", hi = "अक्सर" }, weights = { tier = 1.0 } },
    ]

    [[questions]]
    id = "late"
    kind = "quality"
    forms = ["short"]
    text = { en = "Late message", hi = "देर रात मैसेज" }
    options = [
      { id = "a", text = { en = "Ignore", hi = "छोड़ दें" }, weights = { communication = 0.0 } },
      { id = "b", text = { en = "Reply", hi = "जवाब" }, weights = { communication = 1.0 } },
    ]
    """
)


@pytest.fixture(scope="module")
def small():
    return parse_bank(SMALL)


def test_forms_and_order(small):
    assert [q.id for q in small.questions("short")] == ["pick", "enjoy_code", "exp1", "late"]
    assert len(small.questions("full")) == 7
    with pytest.raises(ValueError):
        small.questions("medium")


def test_scale_options_scale_the_question_weights(small):
    q = small.get("enjoy_code")
    assert [o.id for o in q.options] == ["s0", "s1", "s2"]
    assert [o.weights["programming"] for o in q.options] == [0.0, 0.5, 1.0]
    assert q.text("hi") == "फ़ॉर्म ठीक करें?" and q.options[2].text("hi") == "हाँ"


def test_every_id_always_present(small):
    result = assess({"pick": "b", "pick2": "a", "enjoy_code": "s0"}, small)
    assert set(result.fit) == set(CATEGORIES) and sorted(result.ranking) == sorted(CATEGORIES)
    assert set(result.qualities) == set(QUALITIES)
    assert result.tier in TIERS
    assert all(0 <= v <= 100 for v in [*result.fit.values(), *result.qualities.values()])


def test_fit_is_share_of_available_points(small):
    result = assess({"pick": "a", "pick2": "c", "enjoy_code": "s1"}, small)
    # finance: 0.5 + 1.0 earned of 0.5 + 1.0 available
    assert result.fit["finance"] == 100.0
    # admin: 1.0 earned of 1.0 + 1.0 available
    assert result.fit["admin"] == 50.0
    assert result.fit["programming"] == 25.0  # 0.5 of 1.0 + 1.0
    assert result.category == "finance" and result.ranking[1] == "admin"


def test_ties_break_in_canonical_order(small):
    result = assess({"pick": "b", "pick2": "a", "enjoy_code": "s0"}, small)
    assert result.ranking[:2] == ["marketing", "writing"]


def test_unknown_ids_and_odd_values_are_ignored(small):
    answers = {"pick": "b", "nope": "a", "pick2": "zz", "enjoy_code": 3, 7: "a", "late": None}
    result = assess(answers, small)
    assert result.answers == {"pick": "b"}
    assert result.status == "too_few"
    assert assess("not a mapping", small).status == "empty"  # type: ignore[arg-type]


def test_empty_answers_give_a_notice_not_a_verdict(small):
    result = assess({}, small)
    assert result.status == "empty" and not result.confident
    assert result.drivers == [] and result.tier == "basic"
    assert set(result.fit.values()) == {0.0}


def test_uniform_answers_are_flagged():
    bank = load_bank()
    answers = {q.id: q.options[0].id for q in bank.questions("full")}
    assert assess(answers, bank).status == "uniform"
    answers = {q.id: q.options[1].id for q in bank.questions("short")}
    assert assess(answers, bank, "short").status == "uniform"


ALL_EQUAL = "{ " + ", ".join(f"{c} = 1.0" for c in CATEGORIES) + " }"


def test_flat_profile_is_flagged(small):
    flat = parse_bank(
        SMALL.replace("{ admin = 1.0, finance = 0.5 }", ALL_EQUAL)
        .replace("{ writing = 1.0 }", ALL_EQUAL)
        .replace("weights = { programming = 1.0 }\n", f"weights = {ALL_EQUAL}\n")
    )
    result = assess({"pick": "a", "pick2": "a", "enjoy_code": "s2"}, flat)
    assert result.status == "flat" and not result.confident and result.drivers == []


def test_tier_needs_several_experience_answers(small):
    one = assess({"exp1": "c"}, small)
    assert one.tier == "basic"  # one strong answer: the lower median of (1, 0, 0) is 0
    assert not one.tier_measured
    all_high = assess({"exp1": "c", "exp2": "c", "exp3": "b"}, small)
    assert all_high.tier == "expert" and all_high.tier_score == 100.0
    assert all_high.tier_measured
    middle = assess({"exp1": "b", "exp2": "b", "exp3": "a"}, small)
    assert middle.tier == "specialist" and middle.tier_score == 50.0
    one_generous = assess({"exp1": "c", "exp2": "b", "exp3": "a"}, small)
    assert one_generous.tier == "specialist"  # the single 1.0 does not lift it to expert
    two_generous = assess({"exp1": "c", "exp2": "a", "exp3": "a"}, small)
    assert two_generous.tier == "basic"


FACETED = textwrap.dedent(
    """
    version = 2

    [[questions]]
    id = "years"
    kind = "tier"
    facet = "years"
    since = 2
    text = { en = "How long?", hi = "कितने समय?" }
    options = [
      { id = "a", text = { en = "None", hi = "नहीं" }, weights = { tier = 0.0 } },
      { id = "b", text = { en = "Long", hi = "लंबा" }, weights = { tier = 1.0 } },
    ]

    [[questions]]
    id = "setting"
    kind = "tier"
    facet = "setting"
    since = 2
    text = { en = "Where?", hi = "कहाँ?" }
    options = [
      { id = "family", text = { en = "Family", hi = "परिवार" }, weights = { tier = 0.5 } },
      { id = "clients", text = { en = "Clients", hi = "क्लाइंट" }, weights = { tier = 1.0 } },
    ]

    [[questions]]
    id = "proof"
    kind = "tier"
    facet = "proof"
    since = 2
    text = { en = "Proof?", hi = "सबूत?" }
    options = [
      { id = "a", text = { en = "None", hi = "नहीं" }, weights = { tier = 0.0 } },
      { id = "b", text = { en = "Lots", hi = "बहुत" }, weights = { tier = 1.0 } },
    ]

    [[questions]]
    id = "old_paid"
    kind = "tier"
    until = 1
    text = { en = "Paid work?", hi = "पैसे वाला काम?" }
    options = [
      { id = "a", text = { en = "None", hi = "नहीं" }, weights = { tier = 0.0 } },
      { id = "b", text = { en = "Lots", hi = "बहुत" }, weights = { tier = 1.0 } },
    ]

    [[questions]]
    id = "now"
    kind = "context"
    since = 2
    text = { en = "You now?", hi = "अभी आप?" }
    options = [
      { id = "student", text = { en = "Student", hi = "छात्र" } },
      { id = "job", text = { en = "Job", hi = "नौकरी" } },
    ]
    """
)


def test_setting_weighs_the_years_and_context_is_not_scored():
    bank = parse_bank(FACETED)
    family = assess({"years": "b", "setting": "family", "proof": "b"}, bank)
    assert family.evidence == {"years": 0.5, "proof": 1.0}
    clients = assess({"years": "b", "setting": "clients", "proof": "b"}, bank)
    assert clients.evidence == {"years": 1.0, "proof": 1.0}
    assert TIERS.index(clients.tier) >= TIERS.index(family.tier)
    with_context = assess({"years": "b", "setting": "clients", "proof": "b", "now": "job"}, bank)
    assert with_context.context == {"now": "job"} and with_context.tier == clients.tier


def test_answers_are_read_against_the_version_that_asked_them():
    bank = parse_bank(FACETED)
    assert [q.id for q in bank.questions("full")] == ["years", "setting", "proof", "now"]
    assert [q.id for q in bank.questions("full", version=1)] == ["old_paid"]
    old = assess({"old_paid": "b"}, bank)
    assert old.version == 1 and old.answers == {"old_paid": "b"} and old.total == 1
    # Once a current question is answered, the retired answer steps aside.
    mixed = assess({"old_paid": "b", "proof": "b"}, bank)
    assert mixed.version == 2 and mixed.answers == {"proof": "b"} and mixed.total == 4


def test_bank_rejects_bad_version_fields():
    with pytest.raises(BankError, match="until"):
        parse_bank(FACETED.replace("until = 1", "until = 0"))
    with pytest.raises(BankError, match="since"):
        parse_bank(FACETED.replace("version = 2", "version = 1"))
    with pytest.raises(BankError, match="facet"):
        parse_bank(FACETED.replace('facet = "proof"', 'facet = "luck"'))


def test_unscored_option_counts_as_answered_but_offers_nothing():
    bank = parse_bank(
        SMALL.replace(
            '{ id = "d", text = { en = "Logo", hi = "लोगो" }, weights = { design = 1.0 } },',
            '{ id = "d", text = { en = "Logo", hi = "लोगो" }, weights = { design = 1.0 } },\n'
            '      { id = "none", text = { en = "None", hi = "कोई नहीं" }, unscored = true },',
        )
    )
    with_none = assess({"pick": "none", "enjoy_code": "s2"}, bank)
    without = assess({"enjoy_code": "s2"}, bank)
    assert with_none.fit == without.fit and with_none.answered == 2
    with pytest.raises(BankError, match="no weights"):
        parse_bank(
            SMALL.replace(
                "weights = { design = 1.0 } },", "weights = { design = 1.0 }, unscored = true },"
            )
        )


def _tier_rank(result) -> int:
    return TIERS.index(result.tier)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_more_experience_never_lowers_the_tier(data):
    bank = load_bank()
    tier_items = [q for q in bank.questions("full") if q.kind == "tier"]
    others = [q for q in bank.questions("full") if q.kind != "tier"]
    answers = {}
    for q in tier_items + others:
        if data.draw(st.booleans()):
            answers[q.id] = data.draw(st.sampled_from([o.id for o in q.options]))
    answered_tier = [q for q in tier_items if q.id in answers]
    if not answered_tier:
        return
    q = data.draw(st.sampled_from(answered_tier))
    current = q.option(answers[q.id]).weights.get("tier", 0.0)
    better = [o for o in q.options if o.weights.get("tier", 0.0) >= current]
    upgraded = {**answers, q.id: data.draw(st.sampled_from(better)).id}
    assert _tier_rank(assess(upgraded, bank)) >= _tier_rank(assess(answers, bank))
    assert assess(upgraded, bank).tier_score >= assess(answers, bank).tier_score


@settings(max_examples=200, deadline=None)
@given(
    answers=st.dictionaries(
        st.one_of(st.text(max_size=12), st.sampled_from([q.id for q in load_bank().items])),
        st.one_of(st.text(max_size=4), st.sampled_from(["a", "b", "c", "d", "e", "no", "yes"])),
        max_size=50,
    )
)
def test_any_answers_score_without_raising(answers):
    bank = load_bank()
    result = assess(answers, bank)
    assert set(result.fit) == set(CATEGORIES) and result.ranking[0] == result.category
    assert set(result.qualities) == set(QUALITIES) and result.tier in TIERS
    clean = clean_answers(answers, bank)
    assert result.answers == {
        q: o for q, o in clean.items() if bank.get(q).asked_in(result.version)
    }
    assert result == assess(answers, bank)  # deterministic


def test_close_call_and_drivers():
    bank = load_bank()
    honest = {}
    for q in bank.questions("full"):
        if q.kind == "category":
            best = max(
                q.options,
                key=lambda o: (
                    o.weights.get("writing", 0)
                    - 0.5 * sum(o.weights.get(c, 0) for c in CATEGORIES if c != "writing")
                ),
            )
            honest[q.id] = best.id
    result = assess(honest, bank)
    assert result.category == "writing" and result.status == "ok"
    assert 1 <= len(result.drivers) <= 3
    assert all(
        d.question_id in honest and honest[d.question_id] == d.option_id for d in result.drivers
    )
    assert result.certainty in CERTAINTIES and 0 <= result.stability <= 1
    assert result.close_call == (result.certainty == "close")
    assert result.runner_up != result.category


@pytest.mark.parametrize("form", ["short", "full"])
def test_an_undecided_person_gets_a_close_call(form):
    bank = load_bank()
    result = assess(undecided_answers(form), bank, form)
    assert result.status in ("ok", "flat")
    assert result.certainty == "close"


@pytest.mark.parametrize("category", CATEGORIES)
def test_a_clear_profile_gets_a_clear_fit(category):
    bank = load_bank()
    answers = {}
    for q in bank.questions("full"):
        if q.kind == "category":
            best = max(
                (o for o in q.options if not o.unscored),
                key=lambda o: (
                    o.weights.get(category, 0)
                    - 0.5 * sum(o.weights.get(c, 0) for c in CATEGORIES if c != category)
                ),
            )
            answers[q.id] = best.id
    result = assess(answers, bank)
    assert result.category == category and result.certainty == "clear"
    assert result.stability >= 0.85


def test_certainty_is_deterministic():
    bank = load_bank()
    answers = undecided_answers("full")
    assert len({(assess(answers, bank).stability, assess(answers, bank).runner_up)}) == 1


def test_total_follows_the_form():
    bank = load_bank()
    short = bank.questions("short")
    one = {short[0].id: short[0].options[0].id}
    assert assess(one, bank).total == len(short)
    assert assess(one, bank, "full").total == len(bank.questions("full"))


def test_steps_keep_kinds_together_and_cover_the_form():
    bank = load_bank()
    for form in ("short", "full"):
        questions = bank.questions(form)
        parts = steps(questions)
        assert [q for part in parts for q in part] == sorted(
            questions, key=lambda q: ["category", "tier", "quality", "context"].index(q.kind)
        )
        assert all(1 <= len(part) <= 5 and len({q.kind for q in part}) == 1 for part in parts)


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (lambda s: s.replace("version = 1", "version = 0"), "version"),
        (lambda s: s.replace('id = "pick2"', 'id = "pick"'), "used twice"),
        (lambda s: s.replace('kind = "tier"', 'kind = "level"', 1), "'kind'"),
        (lambda s: s.replace("finance = 0.5", "finance = 1.5"), "from 0 to 1"),
        (lambda s: s.replace("finance = 0.5", "money = 0.5"), "unknown weight 'money'"),
        (lambda s: s.replace('hi = "फ़ॉर्म ठीक करें?"', 'hi = ""'), "'hi' is missing"),
        (lambda s: s.replace('scale = "enjoy"', 'scale = "like"'), "scale 'like'"),
        (
            lambda s: s.replace(
                '{ id = "b", text = { en = "Reply"', '{ id = "a", text = { en = "Reply"'
            ),
            "unique",
        ),
        (lambda s: s + "\n[[questions]\n", "not valid TOML"),
        (lambda s: s.replace('forms = ["short"]', 'forms = ["tiny"]', 1), "'forms'"),
    ],
)
def test_bank_errors_name_the_place(patch, message):
    with pytest.raises(BankError, match=message):
        parse_bank(patch(SMALL))


def test_load_bank_reads_a_given_file(tmp_path):
    path = tmp_path / "bank.toml"
    path.write_text(SMALL, encoding="utf-8")
    assert load_bank(path).get("pick") is not None


@pytest.mark.parametrize("form", ["short", "full"])
def test_one_generous_answer_never_lifts_the_level_on_the_shipped_bank(form):
    """A beginner (the lowest option on every fact) who overstates any single fact, even to
    its top option, stays Basic; so does one who overstates the setting or the years alone."""
    bank = load_bank()
    facts = [q for q in bank.questions(form) if q.kind == "tier"]
    lowest = {q.id: min(q.options, key=lambda o: o.weights["tier"]).id for q in facts}
    assert assess(lowest, bank, form).tier == "basic"
    for q in facts:
        top = max(q.options, key=lambda o: o.weights["tier"]).id
        assert assess({**lowest, q.id: top}, bank, form).tier == "basic", q.id


@pytest.mark.parametrize("form", ["short", "full"])
def test_one_generous_answer_never_makes_a_specialist_an_expert(form):
    bank = load_bank()
    facts = [q for q in bank.questions(form) if q.kind == "tier"]

    def option(q, weight):
        return next(o.id for o in q.options if o.weights["tier"] == weight)

    # Client work (setting 1.0) and a Specialist's evidence (0.5) on every other fact.
    middle = {q.id: option(q, 1.0 if q.facet == "setting" else 0.5) for q in facts}
    assert assess(middle, bank, form).tier == "specialist"
    for q in facts:
        if q.facet != "setting":
            assert assess({**middle, q.id: option(q, 1.0)}, bank, form).tier == "specialist", q.id
