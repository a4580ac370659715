"""A coach's cohort page: server CPU to read a WhatsApp export with 300 results and show its
table, against the same page with nothing pasted, in the same run.

Run on demand (not part of the tests):

    .venv/bin/python bench/bench_cohort.py [--rounds 5] [--results 300] [--lines 6000]

It writes a real-looking Indian Android export (Hindi and English chatter, multi-line messages,
system lines, ``lines`` lines in all) with ``results`` result links of different people, some
with a plan, then measures CPU seconds (``time.process_time``: this process only, the script
run in-process as the server runs it, one thread as on the server):

* ``model.cohort.parse`` alone (read, check each link, score, project the plans);
* the page (AppTest): the first run with the chat pasted (parse + summary + table), a rerun
  after a filter (the parsed cohort is kept in the session), and the baseline: the page with
  nothing pasted.

It prints medians over ``rounds`` and the ratios against the baseline.
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

from model import cohort, links  # noqa: E402
from model.quiz import load_bank  # noqa: E402
from tests.pages.helpers import goto, start  # noqa: E402
from ui import models  # noqa: E402

HOST = "https://sahayak.example.in"
NNBSP = "\u202f"


def chat(results: int, lines: int) -> str:
    """A WhatsApp group export with ``results`` result links among ``lines`` lines."""
    bank = load_bank()
    questions = bank.questions("short")
    chatter = [
        "नमस्ते सब, आज का काम हो गया?",
        "Thank you ma'am 🙏",
        "<Media omitted>",
        "कल की क्लास कितने बजे है?",
        "This message was deleted",
    ]
    out = [f"12/03/24, 10:15{NNBSP}am - Messages and calls are end-to-end encrypted."]
    every = max(1, (lines - 1) // results)
    person = 0
    for number in range(1, lines):
        day, minute = 12 + number * 15 // lines, number % 60
        head = f"{day}/03/24, {1 + number % 12}:{minute:02d}{NNBSP}pm - "
        if number % every == 0 and person < results:
            answers = {
                q.id: q.options[(person * 7 + k * (person % 5 + 1)) % len(q.options)].id
                for k, q in enumerate(questions)
            }
            plan = {"hours": 10 + person % 30, "clients": 1 + person % 5} if person % 3 else None
            params = links.encode(lang="hi", form="short", answers=answers, plan=plan)
            out.append(f"{head}Person {person}: {HOST}/results?{links.query_string(params)}")
            person += 1
        elif number % 7 == 0:
            out.append("second line of a long message")
        else:
            out.append(f"{head}Member {number % 40}: {chatter[number % len(chatter)]}")
    return "\n".join(out)


def cpu(action) -> float:
    began = time.process_time()
    action()
    return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--results", type=int, default=300)
    parser.add_argument("--lines", type=int, default=6000)
    args = parser.parse_args()
    text = chat(args.results, args.lines)
    bank = load_bank()
    model = models.sample_model()
    found = cohort.parse(text, bank, model.predict_many)
    assert len(found.people) == args.results, (len(found.people), found.problems[:3])
    print(
        f"chat: {len(text.splitlines())} lines, {len(text.encode()) / 1e6:.2f} MB, "
        f"{len(found.people)} people, {found.links} result links"
    )
    times: dict[str, list[float]] = {"parse": [], "empty": [], "first": [], "filter": []}
    with threadpool_limits(1):
        goto(start({"lang": "hi"}), "cohort")  # warm: imports, the sample model, the bank
        for _ in range(args.rounds):
            times["parse"].append(cpu(lambda: cohort.parse(text, bank, model.predict_many)))
            at = goto(start({"lang": "hi"}), "cohort")
            times["empty"].append(cpu(at.run))
            box = at.text_area(key="cohort.paste")
            times["first"].append(cpu(box.input(text).run))
            assert not at.exception and at.markdown
            pick = at.multiselect(key="cohort.kinds")
            times["filter"].append(cpu(pick.set_value(["design"]).run))
    base = statistics.median(times["empty"])
    print("| step (CPU s, median) | seconds | / empty page |")
    print("| --- | --- | --- |")
    names = {
        "parse": "model.cohort.parse alone",
        "empty": "page, nothing pasted (baseline)",
        "first": "page, chat pasted: read + table",
        "filter": "page, a filter after that",
    }
    for key, label in names.items():
        value = statistics.median(times[key])
        print(f"| {label} | {value:.3f} | {value / base:.1f}x |")


if __name__ == "__main__":
    main()
