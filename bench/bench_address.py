"""What keeping the state in the address costs a click: server time per quiz answer and per
planner change, with ``ui.state.write_address`` on and off in the same run.

Run on demand (not part of the tests):

    .venv/bin/python bench/bench_address.py [--rounds 5]

Each round answers the whole full form one question at a time and moves the planner's hours
slider ten times in an AppTest session (the app's script in this process, as the server runs
it), once with the address written at the end of each run (what ships) and once with that step
replaced by nothing (the baseline: the old behaviour), alternating which goes first. It prints
the median and 90th percentile milliseconds per click of each and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_limits  # noqa: E402

from model.i18n import t  # noqa: E402
from model.quiz import load_bank, steps  # noqa: E402
from tests.pages.helpers import goto, honest_answers, start  # noqa: E402
from ui import state  # noqa: E402

SHIPPED = state.write_address


def _clicks() -> list[float]:
    """Seconds per click: every full-form answer and "next", then ten hours-slider moves."""
    answers = honest_answers("design", "full")
    at = goto(start({"lang": "hi"}, form="full"), "quiz")
    times = []

    def timed(action) -> None:
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)

    for part in steps(load_bank().questions("full")):
        for question in part:
            timed(at.radio(key=f"q.hi.{question.id}").set_value(answers[question.id]).run)
        nxt = [b for b in at.button if b.label == t("quiz.next", "hi")]
        if nxt:
            timed(nxt[0].click().run)
    at = goto(at, "planner")
    for hours in range(10, 30, 2):
        timed(at.slider(key="plan.hours").set_value(hours).run)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"address": [], "baseline": []}
    with threadpool_limits(1):
        _clicks()  # warm: imports, the sample model, the bank
        for number in range(args.rounds):
            order = ("address", "baseline") if number % 2 == 0 else ("baseline", "address")
            for variant in order:
                state.write_address = SHIPPED if variant == "address" else (lambda lang: None)
                results[variant] += _clicks()
    state.write_address = SHIPPED
    print(f"clicks per variant: {len(results['address'])} ({args.rounds} rounds)")
    print("| variant | median ms per click | p90 ms |")
    print("| --- | --- | --- |")
    for variant, times in results.items():
        ms = sorted(1000 * x for x in times)
        p90 = ms[int(0.9 * (len(ms) - 1))]
        print(f"| {variant} | {statistics.median(ms):.1f} | {p90:.1f} |")
    ratio = statistics.median(results["address"]) / statistics.median(results["baseline"])
    print(f"ratio (address / baseline, medians): {ratio:.2f}x")


if __name__ == "__main__":
    main()
