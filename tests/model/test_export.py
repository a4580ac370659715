"""CSV export against formula injection through separators (issue 11, finding 5)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.earnings import fit, load_rates
from model.export import RISKY_STARTS, neutralise, scenarios_csv
from model.planner import Plan, make_scenario

FORMULA = re.compile(r"^\s*[=+\-@]")


def _pieces(line: str) -> list[str]:
    """How a spreadsheet that ignores quotes could cut a line: on `,` `;` and tab."""
    return [p.strip('"') for p in re.split(r"[,;\t]", line)]


@pytest.fixture(scope="module")
def model():
    return fit(load_rates())


@pytest.mark.parametrize("name", ["a;=1+1;b", "x,@SUM(A1)", "y\t+1", "z; -2+3", "ok;name"])
def test_no_piece_of_an_exported_line_starts_a_formula(model, name):
    scenario = make_scenario(model, name, Plan("admin", "basic", 20, 2))
    text = scenarios_csv([scenario], "en").decode("utf-8-sig")
    line = text.splitlines()[1]
    assert not [p for p in _pieces(line) if FORMULA.match(p) and not re.fullmatch(r"-?\d+", p)]
    # A spreadsheet that honours the quotes reads the whole name back as one text cell.
    cell = next(csv.reader(io.StringIO(text.splitlines()[1])))[0]
    assert cell.replace("'", "") == scenario.name


def test_text_cells_are_quoted_and_numbers_are_not(model):
    scenario = make_scenario(model, "a;=1+1;b", Plan("admin", "basic", 20, 2))
    line = scenarios_csv([scenario], "en").decode("utf-8-sig").splitlines()[1]
    assert line.startswith('"a;\'=1+1;b",') and ",20,2," in line


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab =+-@;,\t\r\n'1"), max_size=30))
def test_any_text_cell_has_no_formula_after_a_separator(text):
    out = str(neutralise(text))
    assert not out.startswith(RISKY_STARTS)
    assert not re.search(r"[,;\t\r\n] *[=+\-@]", out)
    assert out.replace("'", "") == text.replace("'", "")
