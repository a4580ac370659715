"""Issue 19, goal 3: every situation option's `appeal` comes from independent ratings, and no
situation the quiz asks has an option rated clearly the most right (data/ratings/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.quiz import load_bank
from model.ratings import (
    CLEAR_LEAD,
    MIN_RATERS,
    Ratings,
    appeal_of,
    clear_favourites,
    latest,
    load,
    rounds,
)

BANK = load_bank()
RATINGS = latest()
ASKED = [q for q in BANK.questions("full") if q.kind == "quality"]


def test_every_asked_situation_option_was_rated_by_several_raters():
    for q in ASKED:
        assert q.id in RATINGS.items, f"{q.id}: not rated (data/ratings/README.md)"
        assert set(RATINGS.items[q.id]) == {o.id for o in q.options}, q.id
        assert RATINGS.count(q.id) >= MIN_RATERS, q.id


def test_appeal_is_the_mean_rating_on_a_zero_to_one_scale():
    for q in ASKED:
        for o in q.options:
            assert o.appeal == pytest.approx(appeal_of(RATINGS.mean(q.id, o.id)), abs=0.005), (
                q.id,
                o.id,
            )


def test_no_asked_situation_has_an_option_rated_clearly_the_most_right():
    favourites = clear_favourites(RATINGS)
    assert not [q.id for q in ASKED if q.id in favourites], favourites


def test_items_the_raters_caught_are_not_asked():
    caught = {item for r in rounds() for item in clear_favourites(r)}
    assert caught, "round 1 caught five items: the record stays in data/ratings/"
    assert not caught & {q.id for q in ASKED}
    assert all(
        BANK.get(item) is None or not BANK.get(item).asked_in(BANK.version) for item in caught
    )


def test_clearly_the_most_right_means_a_full_point_above_every_other_option():
    def ratings(**means: float) -> Ratings:
        return Ratings("x", ("r",), {"item": {o: (m,) for o, m in means.items()}})

    assert clear_favourites(ratings(a=6, b=5, c=4, d=3)) == {"item": "a"}
    assert clear_favourites(ratings(a=6, b=5.5, c=3, d=3)) == {}
    assert clear_favourites(ratings(a=5, b=5, c=2, d=2)) == {}
    assert CLEAR_LEAD == 1.0
    assert appeal_of(1) == 0.0 and appeal_of(7) == 1.0 and appeal_of(4) == 0.5


def test_a_rating_off_the_scale_is_refused(tmp_path: Path):
    bad = tmp_path / "situations-x.toml"
    bad.write_text('raters = ["r1"]\n[items.sjt_x.a]\nratings = [9]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="1 to 7"):
        load(bad)
    bad.write_text('raters = ["r1", "r2"]\n[items.sjt_x.a]\nratings = [3]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="one rating per rater"):
        load(bad)
