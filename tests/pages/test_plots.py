"""The planner's charts: drawn by plotly's basic build from the app's static folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from model.i18n import t
from tests.pages.helpers import charts, goto, start
from ui.plots import LIBRARY

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / LIBRARY.removeprefix("app/")  # Streamlit serves ./static at /app/static
BASIC_TRACES = {"scatter", "bar", "pie"}  # what plotly's "basic" build can draw


def test_the_basic_build_is_the_plotly_js_that_plotly_py_writes_for():
    """Figures are built by plotly.py; the browser draws them with the same plotly.js version
    (update static/ with plotly.py: npm pack plotly.js-basic-dist-min@<version>)."""
    header = BASIC.read_text(encoding="utf-8")[:200]
    assert f"plotly.js (basic - minified) v{get_plotlyjs_version()}" in header
    assert (BASIC.parent / "plotly-basic.LICENSE.txt").read_text().startswith("MIT License")


def test_the_shipped_config_serves_the_static_folder():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "enableStaticServing = true" in config


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_every_planner_chart_uses_only_traces_of_the_basic_build(lang):
    at = goto(start({"lang": lang}), "planner")
    at.text_input(key="planner.scenario_name").set_value("A")
    next(b for b in at.button if b.label == t("planner.scenario_save", lang)).click().run()
    for key in ("plan.chart_curves", "plan.chart_growth", "plan.chart_scenarios"):
        at.session_state[key] = True
    at.run()
    assert not at.exception
    figures = charts(at)
    assert len(figures) == 3
    for figure in figures:
        assert {trace.get("type", "scatter") for trace in figure["data"]} <= BASIC_TRACES
        assert "template" not in figure["layout"]  # the figure's own fonts and colours
    data = [json.loads(e.proto.json) for e in at.get("bidi_component")]
    assert {d["library"] for d in data} == {f"/{LIBRARY}"}  # the app's root, then the file
    assert {d["failed"] for d in data} == {t("planner.chart_failed", lang)}
