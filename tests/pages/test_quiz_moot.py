"""AppTest for the quiz page: experience items that "not yet" made moot (issue 19)."""

from __future__ import annotations

import pytest

from model.i18n import t
from model.quiz import load_bank, moot, steps
from tests.pages.helpers import all_text, goto, start


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_experience_items_are_not_asked_after_not_yet(lang):
    """Issue 19: after "not yet" on how long, the other experience items are moot: the quiz
    neither shows them nor counts them as unanswered or in the progress."""
    bank = load_bank()
    parts = steps(bank.questions("full"))
    tier_steps = [n for n, part in enumerate(parts) if part[0].kind == "tier"]
    stop = next(
        (q, o) for n in tier_steps for q in parts[n] for o in q.options if moot({q.id: o.id}, bank)
    )
    answers = {stop[0].id: stop[1].id}
    skipped = moot(answers, bank)
    at = goto(start({"lang": lang}, answers=answers, form="full", quiz_step=tier_steps[0]), "quiz")
    shown = {r.key.rsplit(".", 1)[-1] for r in at.radio if r.key and r.key.startswith("q.")}
    assert not shown & skipped and stop[0].id in shown
    total = len(bank.questions("full")) - len(skipped)
    assert t("quiz.progress", lang, answered=1, total=total) in all_text(at)
