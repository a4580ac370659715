"""Plotly figures for the results page: pure functions from scores to figures.

Figures are horizontal bars: on a 360-pixel phone they stay readable where a
radar chart's labels would collide. Labels arrive already translated.
"""

from __future__ import annotations

from collections.abc import Sequence

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
