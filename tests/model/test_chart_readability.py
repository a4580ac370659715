"""The planner's charts stay readable on a phone and for colour-blind readers (issue 21).

Lines differ in lightness (CIELAB L*), not only in hue, and in dash; each line keeps 3:1 against
the page; the axis titles stand off their tick labels and the month ticks stay level.
"""

from __future__ import annotations

import itertools

import pytest

from model.charts import OTHER_LINES, PRIMARY, growth_chart, income_curves

PAGE = "#fbfaf7"  # the theme's background (.streamlit/config.toml)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def lightness(colour: str) -> float:
    """CIELAB L* (0 black to 100 white)."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def contrast(a: str, b: str) -> float:
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def test_the_colour_helpers_measure_what_they_say():
    assert lightness("#000000") == pytest.approx(0) and lightness("#ffffff") == pytest.approx(100)
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert lightness("#777777") == pytest.approx(50, abs=1)


def _curves(n: int) -> dict[str, tuple[list[float], list[float], list[float], list[float]]]:
    hours = [0.0, 10.0, 20.0]
    return {
        f"{k} clients": (hours, [k * h for h in hours], [0.0, 0.0, 0.0], [k * 30.0] * 3)
        for k in range(1, n + 1)
    }


def _lines(figure) -> list[dict]:
    return [trace.line.to_plotly_json() for trace in figure.data if trace.mode == "lines"]


@pytest.mark.parametrize("highlighted", [0, 1, 3])
def test_income_lines_differ_in_lightness_and_dash(highlighted):
    curves = _curves(4)  # the planner draws at most four: 1, yours, twice yours, 5
    label = list(curves)[highlighted]
    lines = _lines(income_curves(curves, label, str, "hours", "income", "range"))
    assert len(lines) == 4
    colours = [line["color"] for line in lines]
    assert colours[highlighted] == PRIMARY
    for a, b in itertools.combinations(colours, 2):
        assert abs(lightness(a) - lightness(b)) >= 12, (a, b)
    assert len({line["dash"] for line in lines}) == 4
    for colour in colours:
        assert contrast(colour, PAGE) >= 3, colour  # WCAG 1.4.11, graphics


def test_the_palette_itself_is_spread_in_lightness():
    values = sorted(lightness(c) for c in (PRIMARY, *(c for c, _ in OTHER_LINES)))
    assert min(b - a for a, b in itertools.pairwise(values)) >= 12, values


def test_axis_titles_stand_off_and_month_ticks_stay_level():
    months = list(range(1, 13))
    figure = growth_chart(months, [1.0] * 12, [0.5] * 12, [2.0] * 12, str, "month", "₹", "b", "l")
    layout = figure.layout
    assert layout.yaxis.automargin and layout.yaxis.title.standoff >= 8
    assert layout.xaxis.automargin and layout.xaxis.tickangle == 0
    assert list(layout.xaxis.tickvals) == [1, 3, 6, 9, 12]
    short = growth_chart([1, 2, 3], [1.0] * 3, [0.5] * 3, [2.0] * 3, str, "m", "₹", "b", "l")
    assert list(short.layout.xaxis.tickvals) == [1, 2, 3]
