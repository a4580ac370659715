"""Independent ratings of the situation items' options (``data/ratings/``).

Raters who never saw the keying (which quality an option stands for, its reason or its
appeal) read each situation's English text and its options in a shuffled order, and rated
every option from 1 to 7: how right it sounds for a careful professional. The files keep
each rater's numbers per option id (``data/ratings/README.md`` says how they were collected).

An option's ``appeal`` in the bank is its mean rating mapped onto 0..1:
``(mean - 1) / 6``, rounded to 0.01 (:func:`appeal_of`). An item has a textbook answer when
one option's mean is at least ``CLEAR_LEAD`` points above every other option of the item
(:func:`clear_favourites`); such items are not asked.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

RATINGS_DIR = Path(__file__).resolve().parent.parent / "data" / "ratings"
SCALE = (1, 7)
CLEAR_LEAD = 1.0
"""An option rated at least this many points above every other option of its item (on the
1..7 scale, by the mean of the raters) is "clearly the most right"."""
MIN_RATERS = 3


@dataclass(frozen=True)
class Ratings:
    """One rating round: who rated, and every option's ratings (item id -> option id ->
    one number per rater, in the order of ``raters``)."""

    date: str
    raters: tuple[str, ...]
    items: Mapping[str, Mapping[str, tuple[float, ...]]]

    def count(self, item: str) -> int:
        """How many raters rated ``item`` (every option of it)."""
        return min(len(v) for v in self.items[item].values())

    def mean(self, item: str, option: str) -> float:
        """The mean rating of one option."""
        values = self.items[item][option]
        return sum(values) / len(values)


def load(path: Path) -> Ratings:
    """A ratings file (see ``data/ratings/README.md``); raises ValueError naming the place
    when a rating is missing or off the scale."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    raters = tuple(str(r) for r in raw.get("raters", []))
    items: dict[str, dict[str, tuple[float, ...]]] = {}
    for item, options in raw.get("items", {}).items():
        items[item] = {}
        for option, entry in options.items():
            values = tuple(entry.get("ratings", []))
            if len(values) != len(raters):
                raise ValueError(f"{path.name}: {item}.{option} needs one rating per rater")
            if any(
                isinstance(v, bool)
                or not isinstance(v, int | float)
                or not SCALE[0] <= v <= SCALE[1]
                for v in values
            ):
                raise ValueError(f"{path.name}: {item}.{option}: ratings go from 1 to 7")
            items[item][option] = tuple(float(v) for v in values)
    return Ratings(str(raw.get("date", "")), raters, items)


def rounds(directory: Path = RATINGS_DIR) -> list[Ratings]:
    """Every rating round in ``directory``, oldest first (files are named by date and round)."""
    files = sorted(directory.glob("situations-*.toml"))
    if not files:
        raise FileNotFoundError(f"no situations-*.toml in {directory}")
    return [load(f) for f in files]


def latest(directory: Path = RATINGS_DIR) -> Ratings:
    """Every item's ratings from the latest round that rated it (an item rewritten after a
    round gets a new id, so rounds never rate the same wording twice)."""
    all_rounds = rounds(directory)
    items: dict[str, Mapping[str, tuple[float, ...]]] = {}
    raters: set[str] = set()
    for r in all_rounds:
        items.update(r.items)
        raters.update(r.raters)
    return Ratings(all_rounds[-1].date, tuple(sorted(raters)), items)


def appeal_of(mean: float) -> float:
    """A mean rating (1..7) as an appeal (0..1)."""
    return round((mean - SCALE[0]) / (SCALE[1] - SCALE[0]), 2)


def clear_favourites(ratings: Ratings) -> dict[str, str]:
    """Items with an option rated clearly the most right: item id -> that option's id."""
    out = {}
    for item, options in ratings.items.items():
        means = {o: ratings.mean(item, o) for o in options}
        best = max(means, key=lambda o: means[o])
        if all(means[best] - m >= CLEAR_LEAD for o, m in means.items() if o != best):
            out[item] = best
    return out
