"""Planner widgets built from ``model.planner.FIELDS``: one place for keys, limits, defaults."""

from __future__ import annotations

from typing import Any

import streamlit as st

from model.planner import FIELDS
from ui import state

KEEP = "session"  # planner inputs survive page switches within the session


def field(name: str, default_arg: str = "value") -> dict[str, Any]:
    """Widget kwargs for planner input ``name`` (its key, limits and default).

    The default is passed only while the session has no value yet, so a value
    from a share link is shown without Streamlit's "default and state" warning."""
    spec = FIELDS[name]
    kwargs: dict[str, Any] = {"key": f"{state.PLAN}{name}", "persist_state": KEEP}
    if spec.kind in ("int", "float"):
        kind = int if spec.kind == "int" else float  # Streamlit wants one numeric type
        kwargs.update(min_value=kind(spec.low), max_value=kind(spec.high), step=kind(spec.step))
    if kwargs["key"] not in st.session_state:
        default = spec.default
        if spec.kind == "float":
            default = float(default)  # type: ignore[arg-type]
        kwargs[default_arg] = default
    return kwargs
