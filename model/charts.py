"""Plotly figures for the results page: pure functions from scores to figures.

Figures are horizontal bars: on a 360-pixel phone they stay readable where a
radar chart's labels would collide. Labels arrive already translated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import plotly.graph_objects as go

PRIMARY = "#0f766e"
MUTED = "#99c9c4"
LEVEL_COLOURS = {"strong": "#0f766e", "growing": "#d97706", "work_on": "#b91c1c"}
FONT = "Noto Sans, Noto Sans Devanagari, Mukta, system-ui, sans-serif"


def _text_positions(values: Sequence[float]) -> list[str]:
    """Labels inside long bars, just outside short ones (so a 0% bar still says 0%)."""
    return ["inside" if v >= 30 else "outside" for v in values]


def _figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """One Figure from plain dicts: plotly validates it once (update_* calls each re-validate,
    which made the planner's reruns several times slower)."""
    return go.Figure(data=data, layout=layout)


def _bars_layout(rows: int, axis_title: str) -> dict[str, Any]:
    return {
        "height": max(220, 44 * rows + 70),
        "margin": {"l": 8, "r": 16, "t": 8, "b": 40},
        "font": {"family": FONT, "size": 14},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "showlegend": False,
        "bargap": 0.35,
        "xaxis": {
            "range": [0, 105],
            "title": {"text": axis_title},
            "gridcolor": "#e5e7eb",
            "fixedrange": True,
        },
        "yaxis": {"autorange": "reversed", "automargin": True, "fixedrange": True},
    }


def _hbar(
    labels: Sequence[str], values: Sequence[float], colours: list[str], texts: Sequence[str]
) -> dict[str, Any]:
    return {
        "type": "bar",
        "x": list(values),
        "y": list(labels),
        "orientation": "h",
        "marker": {"color": colours},
        "text": list(texts),
        "textposition": _text_positions(values),
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }


def fit_bars(
    labels: Sequence[str], values: Sequence[float], value_texts: Sequence[str], axis_title: str
) -> go.Figure:
    """Ranked category fit, best first and highlighted."""
    colours = [PRIMARY if i == 0 else MUTED for i in range(len(values))]
    return _figure(
        [_hbar(labels, values, colours, value_texts)], _bars_layout(len(labels), axis_title)
    )


def quality_bars(
    labels: Sequence[str],
    values: Sequence[float],
    levels: Sequence[str],
    value_texts: Sequence[str],
    axis_title: str,
) -> go.Figure:
    """Quality scores coloured by level (strong / growing / work on)."""
    colours = [LEVEL_COLOURS.get(level, MUTED) for level in levels]
    return _figure(
        [_hbar(labels, values, colours, value_texts)], _bars_layout(len(labels), axis_title)
    )


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
        "margin": {"l": 8, "r": 8, "t": 8, "b": 40},
        "font": {"family": FONT, "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "y": -0.25},
        "hovermode": "x unified",
        "xaxis": {"title": {"text": x_title}, **grid, **extra.pop("xaxis", {})},
        "yaxis": {"title": {"text": y_title}, "automargin": True, **grid, **y_axis},
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
    for label, (xs, ys, _, _) in curves.items():
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "name": label,
                "line": {
                    "width": 3 if label == highlight else 1.5,
                    "color": PRIMARY if label == highlight else MUTED,
                },
                "customdata": [fmt(v) for v in ys],
                "hovertemplate": "%{customdata}",
            }
        )
        top = max(top, max(ys))
    return _figure(data, _plain_layout(360, x_title, y_title, _money_axis(top, fmt)))


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
        xaxis={"tickmode": "array", "tickvals": months},
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
