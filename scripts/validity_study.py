"""Print the quiz's validity table: simulated respondents (not people) answer every form.

    .venv/bin/python scripts/validity_study.py                  # the shipped bank, n=600, seed 7
    .venv/bin/python scripts/validity_study.py --n 2000 --seed 1 --bank other.toml
    .venv/bin/python scripts/validity_study.py --write          # update data/validity.toml

The latent model and what each column means are in ``model/validity.py``. The same seed,
bank and scoring code always print the same table. With ``PYTHONPATH`` pointing at another
checkout, it measures that checkout's scoring (a before/after comparison).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

if not os.environ.get("PYTHONPATH"):  # run from anywhere: the checkout this script is in
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.ids import FORMS
from model.quiz import load_bank
from model.validity import (
    PUBLISHED_PATH,
    adaptive_study,
    adaptive_table,
    load_published,
    published_text,
    study,
    table,
)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the study on every form and print the Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600, help="simulated people (default 600)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--bank", type=Path, default=None, help="question bank TOML file")
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"write the 'now' rows of {PUBLISHED_PATH.name} (shipped bank, n=600, seed 7)",
    )
    args = parser.parse_args(argv)
    if args.write and (args.bank or args.n != 600 or args.seed != 7):
        parser.error("--write publishes the shipped bank with the default --n and --seed")
    if args.n < 1:
        parser.error("--n must be at least 1")
    bank = load_bank(args.bank)
    start = time.perf_counter()
    studies = [study(bank, form, args.n, args.seed) for form in FORMS]
    print(table(studies))
    print()
    print("Adaptive form against the full form (the same people, the same answers):")
    print()
    print(adaptive_table(adaptive_study(bank, args.n, args.seed)))
    print()
    print(
        f"Simulated respondents, not people: bank version {bank.version}, n={args.n}, "
        f"seed={args.seed}, {time.perf_counter() - start:.1f} s."
    )
    for s in studies:
        profile = ", ".join(f"{q} {v:.0f}" for q, v in s.faker.items())
        at_max = ", ".join(f"{q} {v:.1f}%" for q, v in s.at_max.items())
        print(f"{s.form}: honest at max: {at_max}; faker: {profile}")
    if args.write:
        before = [r for r in load_published() if r.when == "before"]
        note = (
            f"now: bank version {bank.version}, n={args.n}, seed={args.seed}. before: the same"
            " simulator (with the hobby and career respondents of issue 19) on commit dba5ee9"
            " (bank version 2 and its scoring), n=600, seed=7."
        )
        PUBLISHED_PATH.write_text(published_text(studies, before, note) + "\n", encoding="utf-8")
        print(f"wrote {PUBLISHED_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
