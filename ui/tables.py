"""Small tables drawn as Markdown.

``st.dataframe`` makes the browser fetch Streamlit's data grid and Arrow code, about 0.3 MB
gzipped, before it can draw a table of a handful of rows; on a phone on a slow network that is
seconds. Our tables are a few rows of words and rupees, so they are Markdown: drawn by the
Markdown code every page already has, readable at 360 px (the text wraps inside its cell),
and printed as they look.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.chrome import plain

CELL_LIMIT = 200  # characters; plan names are capped far below this when typed


# ``ui.chrome.plain`` now breaks "www" itself (issue 20, finding 7); the old name stays for callers.
shown = plain


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
