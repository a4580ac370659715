"""Charts that cost a phone little, and nothing until someone opens them.

Each chart sits in an expander whose ``on_change`` callback reruns the script, and the chart is
built and sent only while it is open: the headline, range and net view come first, and a page
with its charts closed loads no plotly at all. Opening one chart opens the page's other charts
too (``together``): the library is the cost, so once a person has paid for it they get every
chart in the same round trip, not one per tap.

The charts are drawn by plotly's own "basic" build (``static/plotly-basic.min.js``: scatter,
bar and pie, which is all the planner draws; 0.36 MB with brotli) instead of
``st.plotly_chart``, whose browser code brings the whole of plotly (4.7 MB, 1.3 MB with brotli):
on Slow 4G that difference is about five seconds. The figure still comes from plotly's Python
library (``model/charts.py``); it travels as the component's data (JSON), never as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import streamlit as st

from model.i18n import t
from ui.share import app_root

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

CONFIG = {"displayModeBar": False, "responsive": True}
LIBRARY = "app/static/plotly-basic.min.js"  # served by Streamlit (server.enableStaticServing)

# Loads the library once per page (a shared promise), then draws or redraws the figure in the
# component's own box. Plotly.react updates in place when the figure changes on a rerun.
# A line above the box says "loading" until the chart is drawn, or that it failed. Every box
# still waiting (window.__sahayakPending) is drawn as soon as the library arrives: after a
# failure, reopening one chart retries the download and redraws all of them (issue 20,
# finding 8: only the reopened one was redrawn, and a slow download left blank boxes).
_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const pending = (window.__sahayakPending = window.__sahayakPending || new Map());
  let box = parentElement.querySelector("div[data-sahayak-chart]");
  let note = parentElement.querySelector("p[data-sahayak-note]");
  if (!box) {
    note = document.createElement("p");
    note.dataset.sahayakNote = "";
    note.setAttribute("role", "status");
    note.style.margin = "0";
    note.style.fontSize = "0.875rem";
    parentElement.appendChild(note);
    box = document.createElement("div");
    box.dataset.sahayakChart = "";
    box.style.width = "100%";
    box.style.minHeight = data.figure.layout.height + "px";
    parentElement.appendChild(box);
  }
  pending.set(box, { data, note });
  if (!window.Plotly) {
    note.hidden = false;
    note.textContent = data.loading;
  }
  if (!window.__sahayakPlotly) {
    window.__sahayakPlotly = new Promise((resolve, reject) => {
      if (window.Plotly) { resolve(window.Plotly); return; }
      const script = document.createElement("script");
      script.src = data.library;
      script.async = true;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        script.remove();
        window.__sahayakPlotly = null;
        reject(new Error("plotly"));
      };
      document.head.appendChild(script);
    });
  }
  window.__sahayakPlotly
    .then((Plotly) => {
      for (const [target, job] of Array.from(pending)) {
        pending.delete(target);
        if (!target.isConnected) continue;
        const figure = job.data.figure;
        Plotly.react(target, figure.data, figure.layout, job.data.config);
        job.note.textContent = "";
        job.note.hidden = true;
      }
    })
    .catch(() => {
      for (const [target, job] of Array.from(pending)) {
        if (!target.isConnected) { pending.delete(target); continue; }
        job.note.hidden = false;
        job.note.textContent = job.data.failed;
      }
    });
}
"""

_chart = st.components.v2.component("sahayak_chart", js=_JS, isolate_styles=False)


def figure_data(figure: Figure) -> dict[str, Any]:
    """The figure as plain JSON data (plotly's own serialisation), without its template:
    model/charts.py builds figures on the empty one and sets its own fonts, colours and grid."""
    spec = json.loads(figure.to_json())
    spec.get("layout", {}).pop("template", None)
    return spec


def chart(figure: Figure, key: str, lang: str) -> None:
    """Draw ``figure`` with plotly's basic build, in a component keyed ``key``."""
    _chart(
        data={
            "figure": figure_data(figure),
            "config": CONFIG,
            "library": f"{app_root()}/{LIBRARY}",
            "failed": t("planner.chart_failed", lang),
            "loading": t("planner.chart_loading", lang),
        },
        key=f"{key}.drawn",
    )


def _open_together(key: str, together: tuple[str, ...]) -> None:
    """On opening ``key``'s chart, mark the other charts in ``together`` open as well."""
    if st.session_state.get(key):
        for other in together:
            st.session_state[other] = True


def folded(
    key: str, lang: str, build: Callable[[], Figure], together: tuple[str, ...] = ()
) -> None:
    """A closed "Show the chart" expander (session key ``key``); ``build`` runs only when open.
    Opening it opens the charts named in ``together`` too; closing closes this one only."""
    box = st.expander(
        t("planner.chart_show", lang),
        key=key,
        on_change=_open_together,
        args=(key, together),
        icon=":material/bar_chart:",
    )
    with box:
        if box.open:
            chart(build(), key, lang)
