"""AppTest for issue 17: the address holds the session, so a new session opened from it (a
reload, a restored tab, another server process) is the same; language switches and page
changes keep every planner setting; a shared phone can clear everything."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import links
from model.i18n import t
from model.ids import CATEGORIES, LANGUAGES, TIERS
from model.planner import FIELDS, MARKET_CHOICES
from model.quiz import load_bank, steps
from tests.pages.helpers import all_text, goto, honest_answers, start


def _reopen(at):
    """A new session opened from ``at``'s address, as a reload or a restored tab would."""
    return start(dict(at.query_params))


def test_a_fresh_visitor_has_a_plain_address():
    at = start({"lang": "hi"})
    assert at.query_params == {"lang": "hi"}


def test_the_address_holds_form_part_and_answers_and_reopens_them():
    answers = honest_answers("writing", "full")
    at = start({"lang": "hi"}, answers=answers, form="full", quiz_step=3)
    at = goto(at, "quiz")
    params = at.query_params
    assert params["form"] == "full" and params["p"] == "4" and params["lang"] == "hi"
    assert params["a"] == links.encode_answers(answers)
    again = goto(_reopen(at), "quiz")
    parts = steps(load_bank().questions("full"))
    assert t("quiz.step", "hi", step=4, steps=len(parts)) in all_text(again)
    assert again.session_state["answers"] == answers


def test_an_answer_and_a_part_change_reach_the_address():
    at = goto(start({"lang": "en"}, form="full"), "quiz")
    first = steps(load_bank().questions("full"))[0][0]
    at.radio(key=f"q.en.{first.id}").set_value(first.options[1].id).run()
    assert links.encode_answers({first.id: first.options[1].id}) == at.query_params["a"]
    for _ in range(2):  # the first tap warns about the unanswered questions, the second moves
        next(b for b in at.button if b.label == t("quiz.next", "en")).click().run()
    assert at.query_params.get("p") == "2"
    again = goto(_reopen(at), "quiz")
    assert again.session_state["answers"] == {first.id: first.options[1].id}
    assert again.session_state["quiz_step"] == 1


def test_the_adaptive_form_reopens_at_the_question_gone_back_to():
    answers = honest_answers("design", "full")
    at = goto(start({"lang": "en"}, answers=answers, form="adaptive", quiz_adaptive_pos=2), "quiz")
    assert at.query_params["form"] == "adaptive" and at.query_params["p"] == "3"
    again = goto(_reopen(at), "quiz")
    assert again.session_state["quiz_adaptive_pos"] == 2
    assert t("quiz.adaptive.number", "en", number=3) in all_text(again)


def test_a_bad_part_in_an_address_is_dropped_with_a_notice():
    at = start({"lang": "hi", "p": "x9"})
    assert not at.exception
    assert t("notice.link.p", "hi") in all_text(at)
    assert "p" not in at.query_params  # the address is clean again


def test_planner_settings_and_saved_plans_reopen_from_the_address():
    at = goto(start({"lang": "en"}, answers=honest_answers("finance", "short")), "planner")
    at.slider(key="plan.hours").set_value(31).run()
    at.slider(key="plan.clients").set_value(4).run()
    at.segmented_control(key="plan.market.en").set_value("mix").run()
    at.text_input(key="planner.scenario_name").set_value("Evenings")
    next(b for b in at.button if b.label == t("planner.scenario_save", "en")).click().run()
    figure = at.metric[0].value
    again = goto(_reopen(at), "planner")
    assert again.metric[0].value == figure
    assert again.slider(key="plan.hours").value == 31
    assert again.segmented_control(key="plan.market.en").value == "mix"
    assert [s.name for s in again.session_state["scenarios"]] == ["Evenings"]


def test_clearing_on_a_shared_phone_empties_the_session_and_the_address():
    at = goto(start({"lang": "hi"}, answers=honest_answers("admin", "short")), "planner")
    at = goto(at, "home")
    assert t("home.kept", "hi") in all_text(at)
    clear = next(b for b in at.button if b.label == t("home.clear", "hi"))
    clear.click().run()
    assert at.session_state["answers"] == {}
    assert at.query_params == {"lang": "hi"}
    assert t("home.cleared", "hi") in all_text(at)
    assert t("home.clear", "hi") not in [b.label for b in at.button]


SETTINGS = ("category", "tier", "hours", "clients", "market")


def _planner_state(at) -> dict[str, object]:
    """The planner's settings as the session holds them (an untouched choice: its default)."""
    return {name: at.session_state.get(f"plan.{name}", FIELDS[name].default) for name in SETTINGS}


STEP = st.one_of(
    st.tuples(st.just("lang"), st.sampled_from(LANGUAGES)),
    st.tuples(st.just("page"), st.sampled_from(["home", "quiz", "results", "planner", "about"])),
    st.tuples(st.just("category"), st.sampled_from(CATEGORIES)),
    st.tuples(st.just("tier"), st.sampled_from(TIERS)),
    st.tuples(st.just("hours"), st.integers(1, 60)),
    st.tuples(st.just("clients"), st.integers(1, 20)),
    st.tuples(st.just("market"), st.sampled_from(MARKET_CHOICES)),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(STEP, min_size=3, max_size=10))
def test_switches_and_page_changes_keep_every_planner_setting(moves):
    """Any sequence of language switches, page changes and planner edits: what the planner
    shows afterwards is exactly what was last chosen, and so is what the address holds."""
    at = goto(start({"lang": "en"}, answers=honest_answers("design", "short")), "planner")
    expected = _planner_state(at)
    lang, page = "en", "planner"
    for kind, value in moves:
        if kind == "lang":
            at.segmented_control(key="lang_switch").set_value(value).run()
            lang = value
        elif kind == "page":
            at = goto(at, value)
            page = value
        else:
            if page != "planner":
                at = goto(at, "planner")
                page = "planner"
            if kind in ("hours", "clients"):
                at.slider(key=f"plan.{kind}").set_value(value).run()
            elif kind == "market":
                at.segmented_control(key=f"plan.market.{lang}").set_value(value).run()
            else:
                at.selectbox(key=f"plan.{kind}.{lang}").set_value(value).run()
            expected[kind] = value
        assert not at.exception
    at = goto(at, "planner")
    assert _planner_state(at) == expected
    assert at.selectbox(key=f"plan.category.{lang}").value == expected["category"]
    assert at.slider(key="plan.hours").value == expected["hours"]
    again = goto(_reopen(at), "planner")
    assert _planner_state(again) == expected


def test_a_hosted_copy_opens_in_its_own_language_unless_the_link_says_otherwise(monkeypatch):
    """Issue 23, part 5: a coach's copy with SAHAYAK_LANG=hi opens plain visits in Hindi; a link's
    ``lang`` still wins."""
    monkeypatch.setenv("SAHAYAK_LANG", "hi")
    assert start().session_state["lang"] == "hi"
    assert start({"lang": "en"}).session_state["lang"] == "en"
