"""Planner widgets built from ``model.planner.FIELDS``: one place for keys, limits, defaults.

Each planner input's value lives under ``plan.<name>`` in the session (``ui.state.PLAN``).
Number widgets use that key directly. Choice widgets (kind of work, level, market, fee, what to
change for a goal) show words in the person's language, and Streamlit sends such a widget's
value back as the words shown: after a language switch the old words no longer matched and the
choice fell back to the first option (two switches on the planner reset a design Specialist to
General/Administrative Basic). So a choice widget has a key per language, ``plan.<name>.<lang>``,
set from ``plan.<name>`` before it is drawn and copied back when the person changes it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from model.planner import FIELDS
from ui import state

KEEP = "session"  # planner inputs survive page switches within the session


def field(name: str, default_arg: str = "value") -> dict[str, Any]:
    """Widget kwargs for number input ``name`` (its key, limits and default).

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


def choice_key(name: str, lang: str) -> str:
    """The widget key of choice input ``name`` drawn in ``lang``."""
    return f"{state.PLAN}{name}.{lang}"


def _keep_choice(name: str, widget_key: str) -> None:
    value = FIELDS[name].clean(st.session_state.get(widget_key))
    if value is not None:
        st.session_state[f"{state.PLAN}{name}"] = value


def choice(name: str, lang: str) -> dict[str, Any]:
    """Widget kwargs for choice input ``name`` in ``lang`` (see the module docstring): the
    widget is set from the session's value (or the default) and writes back on change."""
    spec = FIELDS[name]
    key = choice_key(name, lang)
    value = spec.clean(st.session_state.get(f"{state.PLAN}{name}"))
    st.session_state[key] = spec.default if value is None else value
    return {"key": key, "on_change": _keep_choice, "args": (name, key)}
