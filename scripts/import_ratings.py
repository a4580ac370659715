"""Import a round of independent situation ratings into the repo (issue 19).

    .venv/bin/python scripts/import_ratings.py RATERS_DIR --date 2026-12-04 --round 1 \
        --key key.toml --raters 'rater_*.toml'

RATERS_DIR holds the key (item id -> letter shown -> option id, written with the rating sheet
and never shown to raters) and the raters' files (``[item_id]`` then ``A = 1..7``, and an
optional ``note``). Writes ``data/ratings/situations-<date>-r<round>.toml`` with every rating
by option id and the raters' notes, then prints each item's mean per option, the appeal it
maps to and any item with an option rated clearly the most right
(``model.ratings.clear_favourites``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.quiz import BANK_PATH
from model.ratings import RATINGS_DIR, Ratings, appeal_of, clear_favourites, load


def main(argv: list[str] | None = None) -> int:
    """Read the raters' files, write the ratings file, print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raters_dir", type=Path)
    parser.add_argument("--date", required=True)
    parser.add_argument("--round", type=int, default=1)
    parser.add_argument("--key", default="key.toml")
    parser.add_argument("--raters", default="rater_*.toml", help="glob of the raters' files")
    parser.add_argument("--apply", action="store_true", help="set appeal in the bank")
    args = parser.parse_args(argv)
    key = tomllib.loads((args.raters_dir / args.key).read_text(encoding="utf-8"))
    files = sorted(args.raters_dir.glob(args.raters))
    raters = [f.stem for f in files]
    sheets = [tomllib.loads(f.read_text(encoding="utf-8")) for f in files]
    lines = [
        "# Independent ratings of the situation options (issue 19); how they were collected:",
        "# data/ratings/README.md. Written by scripts/import_ratings.py; never edited by hand.",
        f'date = "{args.date}"',
        f"round = {args.round}",
        'scale = "1 = clearly wrong, 7 = clearly right: how right does this option sound'
        ' for a careful professional"',
        "raters = [" + ", ".join(f'"{r}"' for r in raters) + "]",
        "",
    ]
    for item, letters in key.items():
        for letter in sorted(letters):
            option = letters[letter]
            values = [sheet[item][letter] for sheet in sheets]
            lines.append(f"[items.{item}.{option}]")
            lines.append(f'shown_as = "{letter}"')
            lines.append("ratings = [" + ", ".join(str(v) for v in values) + "]")
            lines.append("")
    for item in key:
        notes = [(r, sheet[item].get("note")) for r, sheet in zip(raters, sheets, strict=True)]
        if any(note for _, note in notes):
            lines.append(f"[notes.{item}]  # in the raters' words; letters as they saw them")
            lines += [f"{r} = {json.dumps(note, ensure_ascii=False)}" for r, note in notes if note]
            lines.append("")
    out = RATINGS_DIR / f"situations-{args.date}-r{args.round}.toml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    ratings = load(out)
    for item, options in ratings.items.items():
        row = ", ".join(
            f"{o} {ratings.mean(item, o):.2f} -> {appeal_of(ratings.mean(item, o)):.2f}"
            for o in sorted(options)
        )
        print(f"{item}: {row}")
    print("clearly the most right:", clear_favourites(ratings) or "none")
    print(f"wrote {out}")
    if args.apply:
        apply(ratings)
    return 0


def apply(ratings: Ratings) -> None:
    """Set ``appeal`` in the bank from the mean ratings, on the lines the item writer marked
    ``appeal = ...  # APPEAL:<item>:<option>`` (the marks go; other lines are not touched)."""
    text = BANK_PATH.read_text(encoding="utf-8")

    def value(match: re.Match[str]) -> str:
        item, option = match.group(1), match.group(2)
        if item not in ratings.items:
            return match.group(0)
        return f"appeal = {appeal_of(ratings.mean(item, option)):.2f}"

    text = re.sub(r"appeal = [0-9.]+  # APPEAL:(\w+):(\w+)", value, text)
    BANK_PATH.write_text(text, encoding="utf-8")
    print(f"set appeal in {BANK_PATH}")


if __name__ == "__main__":
    raise SystemExit(main())
