"""Share links: round trips, short links, old versions, and any URL decodes without raising."""

from __future__ import annotations

import tomllib
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import links
from model.ids import CATEGORIES, TIERS
from model.planner import FIELDS, MAX_SCENARIOS, Plan, plan_from
from model.quiz import assess, load_bank

BANK = load_bank()
BASE = "https://sahayak.streamlit.app/planner?"


def parsed(query: str) -> dict[str, str | list[str]]:
    """A query string as Streamlit's query_params.to_dict gives it (last value wins)
    or, for the repeatable ``s``, as a list."""
    out: dict[str, str | list[str]] = {}
    for key, values in parse_qs(query, keep_blank_values=True).items():
        out[key] = values if key == links.SCENARIO else values[-1]
    return out


def default_name(n: int) -> str:
    return f"योजना {n}"


answers_st = st.fixed_dictionaries(
    {},
    optional={q.id: st.sampled_from([o.id for o in q.options]) for q in BANK.questions("full")},
)
plan_st = st.builds(
    Plan,
    st.sampled_from(CATEGORIES),
    st.sampled_from(TIERS),
    st.integers(1, 60),
    st.integers(1, 20),
    st.sampled_from([0.0, 10.0, 2.5, 50.0]),
    st.integers(0, 500_000),
    st.integers(0, 60),
    st.integers(0, 12),
    st.sampled_from([0.0, 30.0, 100.0]),
)
name_st = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def field_value(spec):
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "bool":
        return st.booleans()
    if spec.snap:  # a slider's grid (values off it are read on it: see below)
        steps_ = int((spec.high - spec.low) // spec.step)
        return st.integers(0, steps_).map(lambda k: int(spec.low + k * spec.step))
    if spec.kind == "int":
        return st.integers(int(spec.low), int(spec.high))
    return st.sampled_from([spec.low, spec.high, spec.default])


planner_st = st.fixed_dictionaries({}, optional={n: field_value(f) for n, f in FIELDS.items()})


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["en", "hi"]),
    st.sampled_from(["short", "full"]),
    answers_st,
    planner_st,
    st.lists(st.tuples(name_st, plan_st), max_size=MAX_SCENARIOS),
)
def test_round_trip(lang, form, answers, plan, scenarios):
    query = links.query_string(
        links.encode(
            lang=lang,
            form=form,
            answers=answers,
            plan=plan,
            scenarios=scenarios,
            default_name=default_name,
        )
    )
    state = links.decode(parsed(query), BANK)
    assert state.ignored == []
    assert (state.lang, state.form) == (lang, form)
    assert (state.answers or {}) == answers
    for name, value in plan.items():
        assert state.plan.get(name, FIELDS[name].default) == value
    assert [p for _, p in state.scenarios] == [p for _, p in scenarios]
    for (sent, _), (got, _) in zip(scenarios, state.scenarios, strict=True):
        clean = " ".join(
            "".join(c if c.isprintable() and c not in "<>" else " " for c in sent).split()
        )
        assert (
            got == ("" if clean in {default_name(i) for i in (1, 2, 3)} else clean) or got == clean
        )


def full_link(lang: str = "hi", names: tuple[str, ...] = ()) -> str:
    answers = {q.id: q.options[-1].id for q in BANK.questions("full")}
    plan = {"category": "design", "tier": "specialist", "hours": 35, "clients": 4, "fee": "upwork",
            "expenses": 2500, "goal": 90000, "g_up": True}  # fmt: skip
    scenarios = [
        (
            names[i] if i < len(names) else default_name(i + 1),
            Plan("design", "specialist", 20 + i, 3),
        )
        for i in range(MAX_SCENARIOS)
    ]
    return BASE + links.query_string(
        links.encode(
            lang=lang,
            form="full",
            answers=answers,
            plan=plan,
            scenarios=scenarios,
            default_name=default_name,
        )
    )


def test_typical_links_are_short():
    assert len(full_link("hi")) < 500
    assert len(full_link("en", ("Now", "More clients", "Specialist"))) < 500


def test_answers_are_one_character_each_in_frozen_order():
    answers = {q.id: q.options[0].id for q in BANK.questions("short")}
    code = links.encode_answers(answers)
    assert len(code) == len(BANK.questions("full"))
    assert set(code) == {"1", links.UNANSWERED}


def test_latest_version_covers_the_whole_bank_and_old_versions_stay():
    codes = links.answer_codes()
    latest = codes[links.latest_version()]
    covered = dict(latest.questions)
    for question in BANK.questions("full"):
        assert question.id in covered, f"add {question.id} to a new version of data/links.toml"
        assert set(covered[question.id]) == {o.id for o in question.options}
    for version in codes.values():  # old versions are prefixes of the bank, never rewritten
        for question_id, options in version.questions:
            q = BANK.get(question_id)
            assert q is None or set(options) <= {o.id for o in q.options}


def test_an_old_link_still_opens_when_the_bank_grows(tmp_path, monkeypatch):
    """Simulate a next version with one more question: current links decode exactly as
    before."""
    raw = links.CODES_PATH.read_text(encoding="utf-8")
    now = links.latest_version()
    table = tomllib.loads(raw)[f"v{now}"]
    grown_table = f"\n[v{now + 1}]\n" + "".join(
        f"{k} = {list(v)!r}\n".replace("'", '"') for k, v in table.items()
    )
    grown_table += 'new_question = ["a", "b"]\n'
    grown = tmp_path / "links.toml"
    grown.write_text(
        raw.replace(f"latest = {now}", f"latest = {now + 1}") + grown_table, encoding="utf-8"
    )
    answers = {q.id: q.options[1].id for q in BANK.questions("short")}
    old_code = links.encode_answers(answers)
    monkeypatch.setattr(links, "CODES_PATH", grown)
    links._codes_file.cache_clear()
    try:
        assert links.latest_version() == now + 1
        state = links.decode({"v": str(now), "a": old_code}, BANK)
        assert state.answers == answers and state.ignored == []
        assert len(links.encode_answers(answers)) == len(old_code) + 1
    finally:
        links._codes_file.cache_clear()


# A real results link, made with the landed main of 2026-11-27 (commit 3806d1a, bank
# version 1): someone drawn to writing who answered all 40 questions of the full form
# (that app read it as Writing, Specialist). It must keep opening with every answer.
REAL_V1_LINK = "/results?v=1&lang=hi&form=full&a=5131111411111121444113333333333333333333"


def test_a_real_version_one_link_still_opens_with_its_answers():
    params = {k: v[0] for k, v in parse_qs(urlsplit(REAL_V1_LINK).query).items()}
    state = links.decode(params, BANK)
    assert state.ignored == [] and state.form == "full" and state.lang == "hi"
    codes = links.answer_codes()[1].questions
    assert list(state.answers) == [q for q, _ in codes]  # all 40, in version 1's order
    result = assess(state.answers, BANK, "full")
    assert result.version == 1 and result.answers == state.answers
    assert (result.answered, result.total) == (40, 40) and result.status == "ok"
    assert (result.category, result.tier) == ("writing", "specialist")


# A real planner link made with main at 90d6f16 (link version 2, before issue 13): a Hindi
# short-form result for admin work, a plan (Specialist, 3 clients, Upwork fee, goal ₹60,000)
# and two saved plans, one with the default name. It must open as it did, with clients in India.
REAL_V2_LINK = (
    "/planner?v=2&lang=hi&form=short&a=1441511--------------33333-33333----------3"
    "&cat=admin&tier=specialist&n=3&fee=upwork&goal=60000"
    "&s=admin~specialist~20~3~10~1500~10~2~&s=writing~basic~15~2~0~500~10~2~%E0%A4%A6%E0%A5%8B"
)


def test_a_real_version_two_link_still_opens_and_reads_as_india():
    state = links.decode(parsed(urlsplit(REAL_V2_LINK).query), BANK)
    assert state.ignored == [] and state.form == "short" and state.lang == "hi"
    assert state.plan == {
        "category": "admin",
        "tier": "specialist",
        "clients": 3,
        "fee": "upwork",
        "goal": 60000,
    }
    assert plan_from(state.plan).abroad_pct == 0  # no market in the link: clients in India
    assert state.scenarios == [
        ("", Plan("admin", "specialist", 20, 3, 10.0, 1500, 10, 2)),
        ("दो", Plan("writing", "basic", 15, 2, 0.0, 500, 10, 2)),
    ]
    assert all(plan.abroad_pct == 0 for _, plan in state.scenarios)
    assert len(state.answers) == 18  # 17 questions and the optional one about now
    assert assess(state.answers, BANK, "short").category == "admin"


def test_version_three_links_carry_the_market():
    plan = Plan("design", "expert", 30, 4, 0.0, 0, 10, 2, abroad_pct=40)
    params = links.encode(
        lang="en", plan={"market": "mix", "abroad_pct": 40}, scenarios=[("Mix", plan)]
    )
    assert (
        params["v"] == str(links.latest_version())
        and params["mkt"] == "mix"
        and params["abr"] == "40"
    )
    assert params["s"] == ["design~expert~30~4~0~0~10~2~40~Mix"]
    state = links.decode(parsed(links.query_string(params)), BANK)
    assert state.plan == {"market": "mix", "abroad_pct": 40} and state.ignored == []
    assert state.scenarios == [("Mix", plan)]
    assert plan_from({"market": "abroad"}).abroad_pct == 100
    assert plan_from({"market": "mix", "abroad_pct": 30}).abroad_pct == 30
    assert plan_from({"abroad_pct": 30}).abroad_pct == 0  # a share alone is not a mix
    odd = links.decode({"v": "3", "mkt": "mars", "abr": "150"}, BANK)
    assert odd.plan == {} and set(odd.ignored) == {"mkt", "abr"}
    # a version-2 saved plan read as version 3 lacks a cell: dropped and named, never misread
    assert links.decode({"v": "3", "s": "admin~basic~20~2~0~0~10~2~"}, BANK).scenarios == []


def test_bad_parts_are_dropped_and_named_good_parts_kept():
    good = links.encode_answers({"pick_shop_afternoon": "b"})
    state = links.decode(
        {
            "v": str(links.latest_version()),
            "lang": "hi",
            "form": "medium",
            "a": good,
            "cat": "astronaut",
            "h": "999",
            "n": "3",
            "s": ["design~basic~20~2~0~0~0~0~0~ok", "design~basic~abc~2~0~0~0~0~0~bad", "x"],
            "utm_source": "whatsapp",
            "fbclid": "abc",
        },
        BANK,
    )
    assert state.lang == "hi" and state.form is None
    assert state.answers == {"pick_shop_afternoon": "b"}
    assert state.plan == {"clients": 3}
    assert [n for n, _ in state.scenarios] == ["ok"]
    assert state.ignored == ["form", "cat", "h", "s"]


def test_truncated_answers_keep_what_is_there():
    full = links.encode_answers({q.id: q.options[0].id for q in BANK.questions("full")})
    state = links.decode({"v": "1", "a": full[:10]}, BANK)
    assert len(state.answers or {}) == 10 and state.ignored == ["a"]


def test_unknown_or_missing_version_ignores_only_the_answers():
    for version in ("99", "", "one", None):
        params = {"a": "1111", "lang": "en", "h": "30"}
        if version is not None:
            params["v"] = version
        state = links.decode(params, BANK)
        assert state.answers is None and state.lang == "en" and state.plan == {"hours": 30}
        assert state.ignored == ["v"]


def test_wrong_characters_in_answers():
    code = "9x" + links.UNANSWERED * 38
    state = links.decode({"v": "1", "a": code}, BANK)
    assert state.answers == {} and state.ignored == ["a"]


def test_too_many_scenarios_keeps_three():
    s = [f"admin~basic~{h}~2~0~0~0~0~p{h}" for h in range(10, 16)]
    state = links.decode({"s": s}, BANK)
    assert len(state.scenarios) == MAX_SCENARIOS and state.ignored == ["s"]


def test_html_and_script_in_names_never_survive():
    state = links.decode({"s": ["admin~basic~20~2~0~0~0~0~<script>alert(1)</script>\x00\n"]}, BANK)
    name = state.scenarios[0][0]
    assert "<" not in name and ">" not in name and "\x00" not in name and "\n" not in name


def test_over_long_values_are_ignored_unread():
    state = links.decode({"a": "1" * 5000, "lang": "hi"}, BANK)
    assert state.answers is None and state.lang == "hi" and state.ignored == ["a"]


def test_link_is_plain_query_text():
    link = full_link("hi")
    query = urlsplit(link).query
    assert all(part.count("=") == 1 for part in query.split("&"))
    assert parsed(query)["v"] == str(links.latest_version())


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["v", "lang", "form", "a", "s", "cat", "tier", "h", "n", "fp", "exp", "x"]),
        st.one_of(st.text(max_size=60), st.lists(st.text(max_size=60), max_size=5)),
        max_size=12,
    )
)
def test_any_params_decode_without_raising(params):
    state = links.decode(params, BANK)
    assert state.lang in (None, "en", "hi")
    assert len(state.scenarios) <= MAX_SCENARIOS
    for name, value in state.plan.items():
        assert FIELDS[name].clean(value) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_query_string_decodes_without_raising(query):
    links.decode(parsed(query), BANK)


# Issue 11, findings 3 and 11: every notice resolves to a text; digits are ASCII only;
# unknown parameters are ignored silently whatever their length.


def _every_ignorable_part() -> set[str]:
    """Every entry ``LinkState.ignored`` can hold: each known parameter, plus a stranger."""
    return set(links.known_params()) | {"utm_source"}


def test_every_dropped_part_names_a_catalog_text_in_both_languages():
    from model.i18n import load_catalog

    for part in _every_ignorable_part():
        key = links.notice_key(part)
        for lang in ("en", "hi"):
            assert key in load_catalog(lang), (part, key, lang)


def test_a_truncated_answers_value_is_named_in_words():
    state = links.decode({"v": "1", "a": "111"}, BANK)
    assert links.ANSWERS in state.ignored
    assert [links.notice_key(p) for p in state.ignored] == ["notice.link.answers"]


def test_every_part_a_fuzzed_link_drops_has_a_text():
    from model.i18n import load_catalog

    params = {p: "x" * 401 for p in links.known_params()} | {"a": "9", "v": "99", "s": "1~2"}
    for part in links.decode(params, BANK).ignored:
        assert links.notice_key(part) in load_catalog("hi")


def test_only_ascii_digits_are_numbers_in_a_link():
    for text in ("１０", "٣٠", "१०", "1_0", "1e1", "nan", "inf", " 1 0", "0x1f"):
        state = links.decode({"h": text}, BANK)
        assert "hours" not in state.plan, text
        assert "h" in state.ignored, text  # said, not silently read
    assert links.decode({"h": " 30 "}, BANK).plan["hours"] == 30
    assert links.decode({"fx": "83.5"}, BANK).plan["fx"] == 83.5


def test_unknown_parameters_are_ignored_silently_even_when_long():
    state = links.decode({"utm_campaign": "x" * 5000, "fbclid": "y" * 401, "lang": "hi"}, BANK)
    assert state.ignored == [] and state.lang == "hi"


@pytest.mark.parametrize("part", [0, 1, 9, 40])
def test_the_quiz_part_round_trips_one_based(part):
    params = links.encode(lang="en", part=part)
    assert params[links.PART] == str(part + 1)
    assert links.decode(params, load_bank()).part == part


@pytest.mark.parametrize("raw", ["0", "-1", "x", "1.5", "²", "100", "99999"])
def test_a_bad_quiz_part_is_dropped_and_named(raw):
    state = links.decode({links.LANG: "hi", links.PART: raw}, load_bank())
    assert state.part is None and links.PART in state.ignored
    assert state.lang == "hi"


def test_hours_and_clients_are_written_even_at_their_defaults():
    """The planner starts each person where their answers put them, so a default left out
    of a link would reopen as that start instead of what the person chose."""
    defaults = {name: FIELDS[name].default for name in ("hours", "clients")}
    params = links.encode(lang="en", plan={"category": "admin", "tier": "basic", **defaults})
    assert params[FIELDS["hours"].param] == str(defaults["hours"])
    assert params[FIELDS["clients"].param] == str(defaults["clients"])


def test_values_off_a_widgets_step_are_read_on_its_grid():
    """Issue 20, finding 13: ``abr=37`` showed 40% on the slider but projected 37%."""
    step = FIELDS["abroad_pct"].step
    state = links.decode({"v": "3", "lang": "en", "mkt": "mix", "abr": "37"}, BANK)
    assert state.plan["abroad_pct"] % step == 0
    assert abs(state.plan["abroad_pct"] - 37) <= step / 2


def test_an_old_link_with_a_version_three_plan_reads_its_market_cell_not_a_name():
    """Issue 20, finding 13: a version-2 link carrying a 10-cell plan kept "30~Name" as the
    plan's name."""
    state = links.decode(
        {"v": "2", "lang": "en", "s": "design~expert~30~4~0~0~10~2~30~Evenings"}, BANK
    )
    [(name, plan)] = state.scenarios
    assert name == "Evenings" and plan.abroad_pct == 30
