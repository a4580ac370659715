"""Small tables drawn as Markdown.

``st.dataframe`` makes the browser fetch Streamlit's data grid and Arrow code, about 0.3 MB
gzipped, before it can draw a table of a handful of rows; on a phone on a slow network that is
seconds. Our tables are a few rows of words and rupees, so they are Markdown: drawn by the
Markdown code every page already has, readable at 360 px (the text wraps inside its cell),
and printed as they look.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui.chrome import USER_TEXT_LIMIT, plain

CELL_LIMIT = 200  # characters; plan names are capped far below this when typed
_DOUBLE_W = re.compile(r"[wW](?=[wW])")
_WORD_JOINER = "\u2060"


def shown(text: object, limit: int = USER_TEXT_LIMIT) -> str:
    """A user's text for Markdown, as :func:`ui.chrome.plain` makes it, with an invisible word
    joiner inside every "ww" as well: Streamlit's Markdown (GFM autolinks) turned ``www.…`` into
    a live link even with the joiner after the dot, which the browser drops from the address
    (issue 20, finding 7); with "www" itself broken no link can start."""
    return _DOUBLE_W.sub(lambda m: m[0] + _WORD_JOINER, plain(text, limit=limit))


def _cell(value: object) -> str:
    """One cell's text, shown literally (user-given plan names included: no links, no icons),
    on one line."""
    text = " ".join(str(value).split())
    return shown(text, limit=CELL_LIMIT) if text else " "


def markdown_table(frame: pd.DataFrame, right: tuple[int, ...] = ()) -> str:
    """``frame`` as a Markdown table; the columns at positions ``right`` align right."""
    columns = [str(c) for c in frame.columns]
    head = "| " + " | ".join(_cell(c) for c in columns) + " |"
    rule = "| " + " | ".join("---:" if i in right else "---" for i in range(len(columns))) + " |"
    rows = [
        "| " + " | ".join(_cell(v) for v in row) + " |"
        for row in frame.itertuples(index=False, name=None)
    ]
    return "\n".join([head, rule, *rows])


def table(frame: pd.DataFrame, right: tuple[int, ...] = ()) -> None:
    """Draw ``frame`` as a Markdown table (see the module's docstring for why not a grid)."""
    st.markdown(markdown_table(frame, right))
