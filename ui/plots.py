"""Charts that cost a phone nothing until someone opens them.

Streamlit's browser code fetches its plotly bundle (about 4.7 MB, 1.4 MB gzipped) with the first
chart on the screen, even one inside a closed expander. Here each chart sits in an expander that
reruns the script when opened (``on_change="rerun"``), and the chart is built and sent only while
it is open: the headline, range and net view come first, and a closed page loads no plotly.
Opening one chart opens the page's other charts too (``together``): the bundle is the cost,
so once a person has paid for it they get every chart in the same round trip, not one per tap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from model.i18n import t

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

CONFIG = {"displayModeBar": False, "responsive": True}


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
            st.plotly_chart(build(), config=CONFIG)
