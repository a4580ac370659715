"""The India anchor table and the smoothness figures, before and after, from one run (issue 18).

Run on demand (not part of the tests)::

    .venv/bin/python bench/bench_anchors.py              # this checkout vs the landed 8a7b8d8
    .venv/bin/python bench/bench_anchors.py --rev HEAD~3 # vs another commit
    .venv/bin/python bench/bench_anchors.py --no-before  # this checkout only

"Before" is measured in a git worktree of ``--rev`` (made once under /tmp, detached) by a child
process that imports that checkout's ``model`` and fits it on that checkout's sample data; both
sides are held against THIS checkout's ``data/india_pay.toml`` with this checkout's
``model/anchors.py`` (the anchors and the checks are the same for both). Each side also times
``fit()`` on its own sample (median of 3, one thread, as the server runs it), so the fit times
are from the same run and machine.

Printed: per kind of work and level, the India projection at 40 h a week and 3 clients, the
salaried anchor, their ratio, and the highest India projection at <= 20 h a week (1-20 clients)
against the anchor; then the smoothness of the 105 India curves (7 kinds x 3 levels x 1-5
clients, income by hour from 5 to 40 h): how many have a one-hour step over 2.5x both of its
neighbours, the median and largest one-hour step, and steps that add under ₹1.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANDED = "8a7b8d8"  # main before issue 18


def _anchors_module():
    """This checkout's model/anchors.py, loaded by path (its ``model.ids`` import resolves to
    whichever ``model`` package is first on sys.path: the ids are the same in every version)."""
    spec = importlib.util.spec_from_file_location("anchors_main", ROOT / "model" / "anchors.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["anchors_main"] = module
    spec.loader.exec_module(module)
    return module


def measure(tree: Path) -> dict:
    """Fit the model of the checkout at ``tree`` on its sample and measure it."""
    sys.path.insert(0, str(tree))
    from model.earnings import fit, load_rates

    anchors = _anchors_module()
    pay = anchors.load_india_pay(ROOT / "data" / "india_pay.toml")
    rates = load_rates()
    times = []
    model = None
    for _ in range(3):
        start = time.perf_counter()
        model = fit(rates)
        times.append(time.perf_counter() - start)
    assert model is not None
    return {
        "tree": str(tree),
        "model": model.name,
        "fit_s": sorted(times)[1],
        "comparison": model.comparison.to_dict(orient="records"),
        "anchors": [
            {**dataclasses.asdict(a), "ratio": a.ratio, "holds": a.holds}
            for a in anchors.anchors(model, pay)
        ],
        "smoothness": dataclasses.asdict(anchors.smoothness(model)),
    }


def worktree(rev: str) -> Path:
    """A detached git worktree of ``rev`` under /tmp (made once, reused)."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    path = Path("/tmp") / f"sahayak-before-{sha}"
    if not path.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), sha],
            check=True,
            capture_output=True,
        )
    return path


def before(rev: str) -> dict:
    """Measure ``rev`` in a child process (its own ``model`` package)."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--tree", str(worktree(rev)), "--json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def _rupees(value: float) -> str:
    """Indian digit grouping, e.g. 1,03,920."""
    whole = f"{round(value):d}"
    if len(whole) <= 3:
        return f"₹{whole}"
    head, tail = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return "₹" + ",".join([head, *groups, tail] if head else [*groups, tail])


def report(figures: dict[str, dict]) -> None:
    """Print the anchor table (one pair of columns per side), smoothness and fit times."""
    sides = list(figures)
    print(
        "| kind | level | salaried anchor | "
        + " | ".join(
            f"{s}: 40 h, 3 clients (ratio) | {s}: max at <= 20 h (x anchor)" for s in sides
        )
        + " |"
    )
    print("| --- | --- | --- | " + " | ".join("--- | ---" for _ in sides) + " |")
    rows = zip(*(figures[s]["anchors"] for s in sides), strict=True)
    for row in rows:
        first = row[0]
        cells = []
        for a in row:
            mark = "" if a["holds"] else " ✗"
            cells.append(
                f"{_rupees(a['projection'])} ({a['ratio']:.2f}){mark} | "
                f"{_rupees(a['part_time_max'])} ({a['part_time_max'] / a['salaried']:.2f})"
            )
        print(
            f"| {first['category']} | {first['tier']} | {_rupees(first['salaried'])} | "
            + " | ".join(cells)
            + " |"
        )
    print()
    print("| | " + " | ".join(sides) + " |")
    print("| --- | " + " | ".join("---" for _ in sides) + " |")

    def line(label: str, get) -> None:
        print(f"| {label} | " + " | ".join(get(figures[s]) for s in sides) + " |")

    line("chosen model", lambda f: f["model"])
    line(
        "Basic/Specialist cells holding the rule (of 14)",
        lambda f: str(sum(a["holds"] for a in f["anchors"] if a["tier"] != "expert")),
    )
    line(
        "India curves with a jump (of 105)",
        lambda f: f"{f['smoothness']['jumpy_curves']} ({f['smoothness']['jumps']} jumps)",
    )
    line("median one-hour step", lambda f: _rupees(f["smoothness"]["median_step"]))
    line("largest one-hour step", lambda f: _rupees(f["smoothness"]["max_step"]))
    line(
        "steps adding under ₹1 (of 3,675)",
        lambda f: f"{f['smoothness']['flat_steps']:,}",
    )
    line("steps where income falls", lambda f: str(f["smoothness"]["falls"]))
    line("fit() on the sample, median of 3", lambda f: f"{f['fit_s']:.2f} s")
    if len(sides) == 2:
        ratio = figures[sides[1]]["fit_s"] / figures[sides[0]]["fit_s"]
        print(f"\nfit time {sides[1]} / {sides[0]}: {ratio:.2f}x")
    for side in sides:
        print(f"\n{side}: candidates (5-fold CV)")
        for row in figures[side]["comparison"]:
            print(
                f"  {row['model']:<18} R² {row['r2']:.3f}  MAE {_rupees(row['mae_inr'])}"
                f"  monotone {row['monotone']}"
            )


def main() -> None:
    """Measure this checkout (and ``--rev`` unless ``--no-before``) and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default=LANDED, help="the 'before' commit (default: landed)")
    parser.add_argument("--no-before", action="store_true", help="measure this checkout only")
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)  # child process
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tree:
        figures = measure(args.tree)
        if args.json:
            print(json.dumps(figures))
            return
        report({"this": figures})
        return
    sides: dict[str, dict] = {}
    if not args.no_before:
        sides[f"before ({args.rev})"] = before(args.rev)
    sides["after"] = measure(ROOT)
    report(sides)


if __name__ == "__main__":
    main()
