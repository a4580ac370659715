"""Plotly figures for the results page: pure functions from scores to figures.

Figures are horizontal bars: on a 360-pixel phone they stay readable where a
radar chart's labels would collide. Labels arrive already translated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import plotly.graph_objects as go

PRIMARY = "#0f766e"
MUTED = "#99c9c4"
LEVEL_COLOURS = {"strong": "#0f766e", "growing": "#d97706", "work_on": "#b91c1c"}
FONT = "Noto Sans, Noto Sans Devanagari, Mukta, system-ui, sans-serif"


def _text_positions(values: Sequence[float]) -> list[str]:
    """Labels inside long bars, just outside short ones (so a 0% bar still says 0%)."""
    return ["inside" if v >= 30 else "outside" for v in values]


def _layout(fig: go.Figure, rows: int, axis_title: str) -> go.Figure:
    fig.update_layout(
        height=max(220, 44 * rows + 70),
        margin={"l": 8, "r": 16, "t": 8, "b": 40},
        font={"family": FONT, "size": 14},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        showlegend=False,
        bargap=0.35,
    )
    fig.update_xaxes(range=[0, 105], title_text=axis_title, gridcolor="#e5e7eb", fixedrange=True)
    fig.update_yaxes(autorange="reversed", automargin=True, fixedrange=True)
    return fig


def fit_bars(
    labels: Sequence[str], values: Sequence[float], value_texts: Sequence[str], axis_title: str
) -> go.Figure:
    """Ranked category fit, best first and highlighted."""
    colours = [PRIMARY if i == 0 else MUTED for i in range(len(values))]
    fig = go.Figure(
        go.Bar(
            x=list(values),
            y=list(labels),
            orientation="h",
            marker_color=colours,
            text=list(value_texts),
            textposition=_text_positions(values),
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    return _layout(fig, len(labels), axis_title)


def quality_bars(
    labels: Sequence[str],
    values: Sequence[float],
    levels: Sequence[str],
    value_texts: Sequence[str],
    axis_title: str,
) -> go.Figure:
    """Quality scores coloured by level (strong / growing / work on)."""
    fig = go.Figure(
        go.Bar(
            x=list(values),
            y=list(labels),
            orientation="h",
            marker_color=[LEVEL_COLOURS.get(level, MUTED) for level in levels],
            text=list(value_texts),
            textposition=_text_positions(values),
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    return _layout(fig, len(labels), axis_title)


def _money_axis(fig: go.Figure, top: float, fmt: Callable[[float], str], axis: str = "y") -> None:
    """Rupee ticks in Indian grouping (plotly itself only knows thousands grouping)."""
    top = max(top, 1.0)
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [i * step for i in range(int(top // step) + 2)]
    update = {"tickvals": ticks, "ticktext": [fmt(v) for v in ticks], "rangemode": "tozero"}
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(**update)


def _plain_layout(fig: go.Figure, height: int, x_title: str, y_title: str) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 8, "b": 40},
        font={"family": FONT, "size": 13},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        legend={"orientation": "h", "y": -0.25},
        hovermode="x unified",
    )
    fig.update_xaxes(title_text=x_title, gridcolor="#e5e7eb", fixedrange=True)
    fig.update_yaxes(title_text=y_title, gridcolor="#e5e7eb", fixedrange=True, automargin=True)
    return fig


def _band(x: Sequence[float], low: Sequence[float], high: Sequence[float], name: str) -> go.Scatter:
    """A shaded P10-P90 band between ``low`` and ``high`` along ``x``."""
    return go.Scatter(
        x=[*x, *reversed(x)],
        y=[*high, *reversed(low)],
        fill="toself",
        fillcolor="rgba(15,118,110,0.12)",
        line={"width": 0},
        name=name,
        hoverinfo="skip",
    )


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
    fig = go.Figure()
    hours, _, low, high = curves[highlight]
    fig.add_trace(_band(hours, low, high, band_name))
    top = max(high)
    for label, (xs, ys, _, _) in curves.items():
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=label,
                line={
                    "width": 3 if label == highlight else 1.5,
                    "color": PRIMARY if label == highlight else MUTED,
                },
                customdata=[fmt(v) for v in ys],
                hovertemplate="%{customdata}",
            )
        )
        top = max(top, max(ys))
    _money_axis(fig, top, fmt)
    return _plain_layout(fig, 360, x_title, y_title)


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
    fig = go.Figure()
    fig.add_trace(_band(months, low, high, band_name))
    fig.add_trace(
        go.Scatter(
            x=months,
            y=monthly,
            mode="lines+markers",
            name=line_name,
            line={"color": PRIMARY, "width": 3},
            customdata=[fmt(v) for v in monthly],
            hovertemplate="%{customdata}",
        )
    )
    _money_axis(fig, max(high), fmt)
    fig.update_xaxes(tickmode="array", tickvals=months)
    return _plain_layout(fig, 320, x_title, y_title)


def scenario_bars(
    names: list[str],
    gross: list[float],
    net: list[float],
    fmt: Callable[[float], str],
    gross_name: str,
    net_name: str,
) -> go.Figure:
    """Saved scenarios side by side: gross and net per month."""
    fig = go.Figure()
    for label, values, colour in ((gross_name, gross, MUTED), (net_name, net, PRIMARY)):
        fig.add_trace(
            go.Bar(
                x=names,
                y=values,
                name=label,
                marker_color=colour,
                text=[fmt(v) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    _money_axis(fig, max([*gross, *net, 1.0]) * 1.15, fmt)
    fig.update_layout(barmode="group")
    return _plain_layout(fig, 320, "", "")
