"""Benchmark the adaptive quiz: time to choose the next question against one ``assess`` call.

Run on demand (not part of the tests): ``.venv/bin/python bench/bench_adaptive.py``.
Target (issue 12): choosing the next question takes at most 20 ms server-side. The baseline,
one ``model.quiz.assess`` call on the same answers, is timed in the same run, so the ratio
holds across machines. Answer sets: none yet, a typical mid-quiz point, the end of a quiz,
and an undecided person at the interest cap (the most work for the level and habit parts).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed

from model import adaptive
from model.quiz import assess, load_bank
from model.validity import answer, draw_respondents, plan

TARGET_MS = 20.0


def main() -> None:
    bank = load_bank()
    items = plan(bank)
    people = draw_respondents(40, 7)
    runs = [
        adaptive.run(answer(bank, p, np.random.default_rng([7, 1, i]), items), bank)
        for i, p in enumerate(people)
    ]
    typical = max(runs, key=lambda r: -abs(len(r) - adaptive.TYPICAL_QUESTIONS))
    undecided = max(runs, key=len)
    middle = dict(list(typical.items())[: len(typical) // 2])
    cases = [("no answers", {}), ("mid-quiz", middle), ("typical, done", typical)]
    cases.append(("longest of 40 people", undecided))
    print(f"{'answers':<24}{'n':>4}{'assess ms':>12}{'next ms':>10}{'x assess':>10}  target")
    worst = 0.0
    for name, answers in cases:
        base = timed(lambda a=answers: assess(a, bank), 200)
        pick = timed(lambda a=answers: adaptive.next_question(a, bank), 200)
        worst = max(worst, pick)
        print(f"{name:<24}{len(answers):>4}{base:>12.3f}{pick:>10.3f}{pick / base:>10.1f}  < 20 ms")
    print(f"worst median: {worst:.3f} ms ({'within' if worst <= TARGET_MS else 'OVER'} the target)")


if __name__ == "__main__":
    main()
