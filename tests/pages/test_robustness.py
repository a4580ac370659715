"""Fuzzing and isolation with AppTest: no input reaches the user as an exception, and two
sessions never see each other's answers, plans or uploads."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from model.planner import FIELDS
from model.quiz import load_bank
from model.rates import REQUIRED, load_rates
from tests.pages.helpers import all_text, goto, honest_answers, start

BANK = load_bank()
# Each example runs real pages (~0.2 s), so no shrinking: a failure is reported as found.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    phases=[Phase.explicit, Phase.generate],
)
KNOWN = ["v", "lang", "form", "a", "s", *(f.param for f in FIELDS.values())]
ugly_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80
) | st.sampled_from(
    ["<script>alert(1)</script>", "=1+1", "[x](javascript:alert(1))", "%00", "../../etc/passwd"]
)


def assert_clean(at) -> None:
    """No exception element, and no script or live link from the input on the screen
    (the app's own static scroll script is fine; input shows up escaped if at all)."""
    assert not at.exception, at.exception
    text = all_text(at)
    assert "<script>alert" not in text and "](javascript:" not in text and "Traceback" not in text


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(KNOWN) | st.text(max_size=8),
        st.one_of(ugly_text, st.lists(ugly_text, max_size=4), st.integers(-10, 10**6).map(str)),
        max_size=10,
    )
)
def test_any_url_state_opens_every_page(params):
    at = start(params)  # type: ignore[arg-type]
    assert_clean(at)
    for page in ("results", "planner", "quiz"):
        assert_clean(goto(at, page))


def _value(spec, data):
    if spec.kind == "choice":
        return data.draw(st.sampled_from(spec.choices))
    if spec.kind == "bool":
        return data.draw(st.booleans())
    if spec.kind == "int":
        return data.draw(st.integers(int(spec.low), int(spec.high)))
    return data.draw(st.floats(spec.low, spec.high, allow_nan=False).map(lambda x: round(x, 1)))


@FUZZ
@given(st.data())
def test_any_planner_inputs_and_scenario_names(data):
    at = goto(start({"lang": data.draw(st.sampled_from(["en", "hi"]))}), "planner")
    for _ in range(data.draw(st.integers(1, 4))):
        name = data.draw(st.sampled_from(sorted(FIELDS)))
        key = f"plan.{name}"
        widgets = [w for w in at.main if getattr(w, "key", None) == key]
        if not widgets:  # e.g. the custom fee box shows only for a custom fee
            continue
        widgets[0].set_value(_value(FIELDS[name], data))
        at.run()
        assert_clean(at)
    at.text_input[0].input(data.draw(ugly_text))
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    for scenario in at.session_state["scenarios"]:
        assert "<" not in scenario.name and "\n" not in scenario.name


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from([q.id for q in BANK.questions("full")]) | st.text(max_size=12),
        st.text(max_size=12) | st.sampled_from(["a", "b", "no", "very", "sure"]),
        max_size=45,
    ),
    st.sampled_from(["short", "full", "weird"]),
)
def test_any_stored_answers_give_a_result_or_a_notice(answers, form):
    at = goto(start({"lang": "hi"}, answers=answers, form=form), "results")
    assert_clean(at)


@settings(max_examples=12, deadline=None, database=None)
@given(
    st.sampled_from(["en", "hi"]),
    st.lists(st.tuples(st.booleans(), st.integers(0, 50), st.integers(0, 10)), max_size=8),
)
def test_quiz_clicks_in_any_order(lang, actions):
    """Answer or click in any order; widgets are picked by index, modulo what is on screen."""
    at = goto(start({"lang": lang, "form": "short"}), "quiz")
    for answer, which, option in actions:
        if answer and at.radio:
            radio = at.radio[which % len(at.radio)]
            radio.set_value(radio.options[option % len(radio.options)]).run()
        elif at.button:
            at.button[which % len(at.button)].click().run()
        assert_clean(at)


@settings(max_examples=15, deadline=None, database=None)
@given(st.binary(max_size=3000) | st.text(max_size=2000).map(str.encode))
def test_any_uploaded_bytes_get_a_message_not_a_crash(data):
    at = goto(start({"lang": "hi"}), "planner")
    at.get("file_uploader")[0].set_value(("x.csv", data, "text/csv")).run()
    assert_clean(at)
    assert at.error  # nothing random is a valid rate table
    assert at.session_state["rates.upload"] is None if "rates.upload" in at.session_state else True


def test_upload_row_limit_is_enforced_by_the_app():
    header = ",".join(REQUIRED) + "\n"
    rows = "".join(
        f"admin,basic,{1 + i % 60},{1 + i % 20},{100 + i},{1000 + i}\n" for i in range(10_001)
    )
    at = goto(start({"lang": "en"}), "planner")
    at.get("file_uploader")[0].set_value(("big.csv", (header + rows).encode(), "text/csv")).run()
    assert_clean(at)
    shown = " ".join(e.value for e in at.error)  # Markdown-escaped: "\\(10,001\\)"
    assert re.search(r"too many data rows \\?\(10,001\\?\); the limit is 10,000", shown)


def _sample_upload() -> bytes:
    sample = load_rates().head(120).copy()
    sample["monthly_income_inr"] = sample["monthly_income_inr"] * 3
    return sample.loc[:, [*REQUIRED, "market"]].to_csv(index=False).encode()


def test_two_sessions_at_once_share_nothing():
    alice = goto(start({"lang": "hi"}, answers=honest_answers("finance")), "planner")
    bob = goto(start({"lang": "en"}), "planner")  # opened while Alice's session is live
    alice.text_input[0].input("Alice plan")
    alice.get("form_submit_button")[0].click().run()
    alice.get("file_uploader")[0].set_value(("alice.csv", _sample_upload(), "text/csv")).run()
    alice.slider(key="plan.hours").set_value(44).run()
    bob.run()
    assert bob.session_state["answers"] == {}
    assert bob.session_state["scenarios"] == [] if "scenarios" in bob.session_state else True
    assert "rates.upload" not in bob.session_state
    assert bob.slider(key="plan.hours").value == 20 and bob.session_state["lang"] == "en"
    assert "alice" not in all_text(bob).lower() and "Alice" not in all_text(bob)
    bob.slider(key="plan.hours").set_value(5).run()
    alice.run()
    assert alice.slider(key="plan.hours").value == 44
    assert [s.name for s in alice.session_state["scenarios"]] == ["Alice plan"]
    assert alice.session_state["rates.upload"].name == "alice.csv"
