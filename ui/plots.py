"""Charts that cost a phone nothing until someone opens them.

Streamlit's browser code fetches its plotly bundle (about 4.7 MB, 1.4 MB gzipped) with the first
chart on the screen, even one inside a closed expander. Here each chart sits in an expander that
reruns the script when opened (``on_change="rerun"``), and the chart is built and sent only while
it is open: the headline, range and net view come first, and a closed page loads no plotly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from model.i18n import t

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

CONFIG = {"displayModeBar": False, "responsive": True}


def folded(key: str, lang: str, build: Callable[[], Figure]) -> None:
    """A closed "Show the chart" expander (session key ``key``); ``build`` runs only when open."""
    box = st.expander(
        t("planner.chart_show", lang), key=key, on_change="rerun", icon=":material/bar_chart:"
    )
    with box:
        if box.open:
            st.plotly_chart(build(), config=CONFIG)
