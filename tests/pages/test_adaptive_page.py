"""AppTest: the quick (adaptive) quiz in both languages: one question at a time, about N
left, back and re-planning, the language switch, the result line and its share link."""

from __future__ import annotations

import pytest

from model import adaptive, links
from model.i18n import t
from model.quiz import assess, load_bank
from tests.pages.helpers import all_text, goto, honest_answers, latin_words, screen_texts, start
from ui.adaptive import left_text

BANK = load_bank()


def _qid(radio) -> str:
    return radio.key.split(".")[3]  # q.adaptive.<lang>.<question id>.<place>


def _walk(at, source: dict[str, str], lang: str):
    """Answer each question from ``source`` until the quiz is done; return the app."""
    for _ in range(adaptive.MAX_QUESTIONS + 1):
        assert not at.exception, at.exception
        assert len(at.radio) == 1
        radio = at.radio[0]
        if BANK.get(_qid(radio)).kind == "context":
            return at
        text = all_text(at)
        assert left_text(at.session_state["answers"], BANK, lang) in text  # issue 21: a range
        radio.set_value(source[_qid(radio)]).run()
    raise AssertionError("the adaptive quiz did not finish")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_walk_the_adaptive_quiz_to_a_result(lang):
    source = honest_answers("design")
    at = goto(start({"lang": lang}, form="adaptive"), "quiz")
    at = _walk(at, source, lang)
    answers = at.session_state["answers"]
    expected = adaptive.run(source, BANK)
    assert answers == {q: o for q, o in expected.items() if BANK.get(q).kind != "context"}
    count = len(answers)
    assert t("quiz.adaptive.done", lang, count=count) in all_text(at)
    if lang == "hi":
        assert latin_words(screen_texts(at)) == set()
    at.radio[0].set_value("student").run()  # the optional context question
    next(b for b in at.button if b.label == t("quiz.finish", lang)).click().run()
    assert not at.exception and at.title[0].value == t("results.title", lang)
    result = assess(at.session_state["answers"], BANK, "adaptive")
    sure = t(f"results.adaptive_sure.{result.certainty}", lang)
    text = all_text(at)
    assert t("results.adaptive", lang, count=count, sure=sure) in text
    assert t("cat.design.name", lang) in text
    if lang == "hi":
        assert latin_words(screen_texts(at)) == set()


def test_back_and_changing_an_answer_replans_what_follows():
    source = honest_answers("finance")
    at = _walk(goto(start(form="adaptive"), "quiz"), source, "en")
    before = dict(at.session_state["answers"])
    order = adaptive.order(before, BANK)
    for _ in range(len(order)):  # back to the first question
        back = [b for b in at.button if b.label == t("quiz.back", "en")]
        if not back:
            break
        back[0].click().run()
    assert _qid(at.radio[0]) == order[0] and at.radio[0].value == before[order[0]]
    other = next(o.id for o in BANK.get(order[0]).options if o.id != before[order[0]])
    at.radio[0].set_value(other).run()
    assert not at.exception
    assert at.session_state["answers"] == {**before, order[0]: other}  # none dropped (issue 20)
    assert at.session_state["quiz_adaptive_pos"] in (1, None)


def test_language_switch_mid_quiz_keeps_every_answer():
    source = honest_answers("writing")
    at = goto(start(form="adaptive"), "quiz")
    for _ in range(3):
        at.radio[0].set_value(source[_qid(at.radio[0])]).run()
    kept = dict(at.session_state["answers"])
    asking = _qid(at.radio[0])
    at.segmented_control(key="lang_switch").set_value("hi").run()
    assert not at.exception
    assert at.session_state["answers"] == kept and len(kept) == 3
    assert _qid(at.radio[0]) == asking and at.radio[0].label.endswith(BANK.get(asking).text("hi"))


def test_home_lists_the_adaptive_form_with_its_length():
    at = start({"lang": "hi"})
    minutes_text = all_text(at)
    assert t("home.adaptive_name", "hi") in minutes_text
    at.button(key="start_adaptive").click().run()
    assert not at.exception and at.session_state["form"] == "adaptive"
    assert len(at.radio) == 1 and _qid(at.radio[0]) == adaptive.next_question({}, BANK).id


def test_an_adaptive_share_link_reopens_the_result_and_the_quiz_continues():
    answers = adaptive.run(honest_answers("av_editing"), BANK)
    params = links.encode(lang="hi", form="adaptive", answers=answers)
    at = goto(start({k: str(v) for k, v in params.items()}), "results")
    assert not at.exception
    assert at.session_state["form"] == "adaptive" and at.session_state["answers"] == answers
    assert t("cat.av_editing.name", "hi") in all_text(at)
    # half the answers: the quiz picks up where the link left off
    half = dict(list(answers.items())[:4])
    params = links.encode(lang="en", form="adaptive", answers=half)
    at = goto(start({k: str(v) for k, v in params.items()}), "quiz")
    assert not at.exception
    assert _qid(at.radio[0]) == adaptive.next_question(half, BANK).id
