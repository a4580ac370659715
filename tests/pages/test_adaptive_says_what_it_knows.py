"""AppTest (issue 21): the quick (adaptive) form says what it knows, in both languages.

One closing message; a "left" count that is a range the quiz keeps and that moves with every
answer; kinds of work it never asked about named as not asked, not drawn at 0%; a habit
profile from two situations told in words (no bars) with the full quiz offered; a close call
with each kind's own figure.
"""

from __future__ import annotations

import itertools

import pytest

from model import adaptive, links
from model.fmt import percent
from model.i18n import t
from model.quiz import assess, load_bank
from tests.pages.helpers import all_text, goto, honest_answers, start, undecided_answers
from ui.adaptive import kinds_asked, left_text

BANK = load_bank()


def _walk(at, source: dict[str, str]) -> tuple[object, list[str]]:
    """Answer from ``source`` until the optional last question; return the app and each
    question's texts as shown."""
    shown = []
    for _ in range(adaptive.MAX_QUESTIONS + 1):
        assert not at.exception, at.exception
        radio = at.radio[0]
        qid = radio.key.split(".")[3]
        if BANK.get(qid).kind == "context":
            return at, shown
        shown.append(all_text(at))
        radio.set_value(source[qid]).run()
    raise AssertionError("the quick quiz did not finish")


@pytest.mark.parametrize(("lang", "category"), [("en", "design"), ("hi", "writing")])
def test_the_left_count_is_kept_and_moves_and_the_end_is_said_once(lang, category):
    source = honest_answers(category)
    at, shown = _walk(goto(start({"lang": lang}, form="adaptive"), "quiz"), source)
    asked = adaptive.order(at.session_state["answers"], BANK)
    asked = [q for q in asked if BANK.get(q).kind != "context"]
    lines = []
    for i, text in enumerate(shown):
        before = {q: source[q] for q in asked[:i]}
        fewest, most = adaptive.left_range(before, BANK)
        assert fewest <= len(asked) - i <= most  # the promise held for this person
        line = left_text(before, BANK, lang)
        assert line in text
        lines.append(line)
    assert all(a != b for a, b in itertools.pairwise(lines)), lines
    done = t("quiz.adaptive.done", lang, count=len(asked))
    assert all_text(at).count(done) == 1  # one closing message, not a caption and a box


def _adaptive_result(lang: str, category: str):
    source = honest_answers(category)
    answers = {q: o for q, o in adaptive.run(source, BANK).items() if BANK.get(q).kind != "context"}
    query = links.query_string(links.encode(lang=lang, form="adaptive", answers=answers))
    at = start(dict(pair.split("=", 1) for pair in query.split("&")))
    return goto(at, "results"), assess(answers, BANK, "adaptive")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_results_name_kinds_not_asked_and_tell_a_two_answer_profile_in_words(lang):
    at, result = _adaptive_result(lang, "design")
    assert not at.exception
    text = all_text(at)
    missing = [c for c in result.ranking if c not in kinds_asked(result, BANK)]
    bars = [p.text for p in at.get("progress")]
    for category in result.ranking:
        label = t(f"cat.{category}.label", lang)
        drawn = any(label in (bar or "") for bar in bars)
        assert drawn == (category not in missing), category
    if missing:
        names = ", ".join(t(f"cat.{c}.label", lang) for c in missing)
        assert t("results.not_asked", lang, kinds=names) in text
    # two situations: said in words, no quality bars and no percentages for them
    assert t("profile.full_offer", lang) in text
    for quality in ("communication", "honesty", "adaptability"):
        name = t(f"quality.{quality}.name", lang)
        assert not any((bar or "").startswith(name) for bar in bars)
    assert t("profile.thin", lang, count=2, chosen="").split(":")[0] in text


def test_the_full_quiz_offer_keeps_the_answers():
    at, _ = _adaptive_result("en", "finance")
    before = dict(at.session_state["answers"])
    next(b for b in at.button if b.label == t("profile.full_button", "en")).click().run()
    assert not at.exception
    assert at.session_state["form"] == "full"
    assert at.session_state["answers"] == before
    assert at.title[0].value == t("quiz.title", "en")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_close_call_shows_each_kinds_own_figure(lang):
    answers = undecided_answers("full", everything=True)
    result = assess(answers, BANK, "full")
    assert result.close_call  # the premise
    query = links.query_string(links.encode(lang=lang, form="full", answers=answers))
    at = goto(start(dict(pair.split("=", 1) for pair in query.split("&"))), "results")
    text = all_text(at)
    for category in (result.category, result.runner_up):
        figure = t("results.fit_value", lang, fit=percent(result.fit[category], lang))
        assert f"{t(f'cat.{category}.label', lang)}: {figure}" in text


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_kinds_no_answer_spoke_to_are_named_not_drawn_at_zero(lang):
    picks = {"enjoy_post_numbers": "marketing", "enjoy_rewrite": "writing", "enjoy_inbox": "admin"}
    answers = {
        qid: max(BANK.get(qid).options, key=lambda o, k=kind: o.weights.get(k, 0.0)).id
        for qid, kind in picks.items()
    }
    result = assess(answers, BANK, "adaptive")
    assert result.confident  # the premise: a result, on three kinds only
    query = links.query_string(links.encode(lang=lang, form="adaptive", answers=answers))
    at = goto(start(dict(pair.split("=", 1) for pair in query.split("&"))), "results")
    assert not at.exception
    missing = [c for c in result.ranking if c not in picks.values()]
    assert set(missing) == set(result.ranking) - {"marketing", "writing", "admin"}
    bars = [p.text or "" for p in at.get("progress")]
    for category in result.ranking:
        label = t(f"cat.{category}.label", lang)
        assert any(label in bar for bar in bars) == (category not in missing)
    names = ", ".join(t(f"cat.{c}.label", lang) for c in missing)
    assert t("results.not_asked", lang, kinds=names) in all_text(at)
    zero = f"· {percent(0, lang)}"
    assert not [bar for bar in bars if bar.rstrip("*").endswith(zero)]  # no 0% never asked
