"""Plotly figures for the earnings planner: pure functions from projections to figures.

Labels arrive already translated; money axes use the app's one formatter for
Indian grouping. (The results page uses Streamlit's own progress bars, which
open faster from a shared link than a plotly chart.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import cycle
from typing import Any

import plotly.graph_objects as go

PRIMARY = "#0f766e"
MUTED = "#99c9c4"
# The other client-count lines beside the highlighted one, in order. Each differs from the
# others and from PRIMARY in lightness (CIELAB L* 60, 27 and 13 against PRIMARY's 44.5: at least
# 14 apart) as well as in hue and dash, so the lines stay apart for colour-blind readers and in
# greyscale; each keeps at least 3:1 against the page background (WCAG 1.4.11).
OTHER_LINES = (("#d97706", "dot"), ("#1e3a8a", "dash"), ("#1e1b4b", "dashdot"))
FONT = "Noto Sans, Noto Sans Devanagari, Mukta, system-ui, sans-serif"


def _figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """One Figure from plain dicts: plotly validates it once (update_* calls each re-validate,
    which made the planner's reruns several times slower). No plotly template: the layouts set
    their own fonts, colours and grid, and serialising plotly's default template cost about
    1 ms per chart on every rerun with the charts open."""
    return go.Figure(data=data, layout={"template": "none", **layout})


def _money_axis(top: float, fmt: Callable[[float], str]) -> dict[str, Any]:
    """Rupee ticks in Indian grouping (plotly itself only knows thousands grouping)."""
    top = max(top, 1.0)
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [i * step for i in range(int(top // step) + 2)]
    return {"tickvals": ticks, "ticktext": [fmt(v) for v in ticks], "rangemode": "tozero"}


def _plain_layout(
    height: int, x_title: str, y_title: str, y_axis: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    grid = {"gridcolor": "#e5e7eb", "fixedrange": True}
    return {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 24, "b": 40},
        "font": {"family": FONT, "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        # above the plot: below it, a legend of two rows ran into the hours axis title at 360 px
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "hovermode": "x unified",
        # level tick labels, and the axis titles kept clear of them (they ran into one another
        # at 360 px): plotly widens the margins to fit
        "xaxis": {
            "title": {"text": x_title, "standoff": 6},
            "tickangle": 0,
            "automargin": True,
            **grid,
            **extra.pop("xaxis", {}),
        },
        "yaxis": {
            "title": {"text": y_title, "standoff": 10},
            "automargin": True,
            **grid,
            **y_axis,
        },
        **extra,
    }


def _band(
    x: Sequence[float], low: Sequence[float], high: Sequence[float], name: str
) -> dict[str, Any]:
    """A shaded P10-P90 band between ``low`` and ``high`` along ``x``."""
    return {
        "type": "scatter",
        "x": [*x, *reversed(x)],
        "y": [*high, *reversed(low)],
        "fill": "toself",
        "fillcolor": "rgba(15,118,110,0.12)",
        "line": {"width": 0},
        "name": name,
        "hoverinfo": "skip",
    }


def income_curves(
    curves: dict[str, tuple[list[float], list[float], list[float], list[float]]],
    highlight: str,
    fmt: Callable[[float], str],
    x_title: str,
    y_title: str,
    band_name: str,
) -> go.Figure:
    """Monthly income against hours, one line per client count; the band for ``highlight``.

    ``curves`` maps a legend label to (hours, monthly, low, high).
    """
    hours, _, low, high = curves[highlight]
    data = [_band(hours, low, high, band_name)]
    top = max(high)
    others = cycle(OTHER_LINES)
    for label, (xs, ys, _, _) in curves.items():
        colour, dash = (PRIMARY, "solid") if label == highlight else next(others)
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "name": label,
                "line": {"width": 3 if label == highlight else 2, "color": colour, "dash": dash},
                "customdata": [fmt(v) for v in ys],
                "hovertemplate": "%{customdata}",
            }
        )
        top = max(top, max(ys))
    return _figure(data, _plain_layout(360, x_title, y_title, _money_axis(top, fmt)))


def _month_ticks(months: list[int]) -> list[int]:
    """Every month up to six; beyond that the first and each third (1, 3, 6, 9, 12)."""
    if len(months) <= 6:
        return list(months)
    return [m for i, m in enumerate(months) if i == 0 or m % 3 == 0]


def growth_chart(
    months: list[int],
    monthly: list[float],
    low: list[float],
    high: list[float],
    fmt: Callable[[float], str],
    x_title: str,
    y_title: str,
    band_name: str,
    line_name: str,
) -> go.Figure:
    """A 12-month plan: projected income with its range band."""
    line = {
        "type": "scatter",
        "x": months,
        "y": monthly,
        "mode": "lines+markers",
        "name": line_name,
        "line": {"color": PRIMARY, "width": 3},
        "customdata": [fmt(v) for v in monthly],
        "hovertemplate": "%{customdata}",
    }
    layout = _plain_layout(
        320,
        x_title,
        y_title,
        _money_axis(max(high), fmt),
        # past six months, the first and every third: twelve level numbers crowd a phone
        xaxis={"tickmode": "array", "tickvals": _month_ticks(months)},
    )
    return _figure([_band(months, low, high, band_name), line], layout)


def scenario_bars(
    names: list[str],
    gross: list[float],
    net: list[float],
    fmt: Callable[[float], str],
    gross_name: str,
    net_name: str,
) -> go.Figure:
    """Saved scenarios side by side: gross and net per month."""
    data = [
        {
            "type": "bar",
            "x": names,
            "y": values,
            "name": label,
            "marker": {"color": colour},
            "text": [fmt(v) for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{text}<extra></extra>",
        }
        for label, values, colour in ((gross_name, gross, MUTED), (net_name, net, PRIMARY))
    ]
    top = max([*gross, *net, 1.0]) * 1.15
    return _figure(data, _plain_layout(320, "", "", _money_axis(top, fmt), barmode="group"))
