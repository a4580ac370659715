"""Text catalogs: one TOML file per language in ``data/catalog/``.

Keys are dotted paths into the TOML tables (``"cat.admin.name"``). A value is a
string (use :func:`t`), a list of strings (use :func:`t_list`), or a count-aware
table ``{ one = "...", other = "..." }`` for texts with a number in them: pass the
number as ``t(key, lang, count=n)`` and ``one`` is used when ``n == 1``, ``other``
otherwise (the same rule in English and Hindi). Placeholders use ``str.format``
names, e.g. ``"{answered} of {total}"``; ``count`` is also a placeholder.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from model.ids import DEFAULT_LANGUAGE, LANGUAGES

CATALOG_DIR = Path(__file__).resolve().parent.parent / "data" / "catalog"


PLURAL_FORMS = ("one", "other")
Text = str | list[str] | dict[str, str]


def is_plural(value: object) -> bool:
    """Whether a catalog value is a count-aware ``{ one, other }`` table."""
    return (
        isinstance(value, Mapping)
        and "other" in value
        and set(value) <= set(PLURAL_FORMS)
        and all(isinstance(v, str) for v in value.values())
    )


def plural_form(count: object) -> str:
    """``"one"`` for a count of exactly 1, else ``"other"`` (also for missing or odd counts)."""
    if isinstance(count, bool) or not isinstance(count, int | float):
        return "other"
    return "one" if count == 1 else "other"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Text]:
    flat: dict[str, Text] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if is_plural(value):
            flat[path] = dict(value)
        elif isinstance(value, Mapping):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


@lru_cache(maxsize=len(LANGUAGES))
def load_catalog(lang: str) -> dict[str, Text]:
    """All texts of one language as a flat ``key -> text`` mapping."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    path = CATALOG_DIR / f"{lang}.toml"
    return _flatten(tomllib.loads(path.read_text(encoding="utf-8")))


def normalize_lang(value: object) -> str | None:
    """The language id for ``value`` if it is one we support, else None."""
    if isinstance(value, str) and value.strip().lower() in LANGUAGES:
        return value.strip().lower()
    return None


SITE_LANGUAGE_VAR = "SAHAYAK_LANG"  # a coach's own copy: the language a plain visit opens in


def site_language(value: str | None) -> str:
    """The language a visit without ``lang`` opens in: ``value`` (the ``SAHAYAK_LANG`` setting of
    a hosted copy) if set, else English. A value we do not support raises ValueError naming the
    setting and the choices, so a server refuses to start rather than quietly ignore it."""
    if value is None or not value.strip():
        return DEFAULT_LANGUAGE
    lang = normalize_lang(value)
    if lang is None:
        choices = ", ".join(LANGUAGES)
        raise ValueError(f"{SITE_LANGUAGE_VAR}={value!r} is not a language we have ({choices})")
    return lang


def _lookup(key: str, lang: str) -> Text:
    value = load_catalog(lang).get(key)
    if value is None and lang != DEFAULT_LANGUAGE:
        value = load_catalog(DEFAULT_LANGUAGE).get(key)
    return key if value is None else value


def t(key: str, lang: str, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in; the key itself if missing.

    For a count-aware text, ``params["count"]`` picks the ``one`` or ``other`` form
    (``other`` without a count)."""
    value = _lookup(key, lang)
    if isinstance(value, dict):
        value = value.get(plural_form(params.get("count")), value["other"])
    text = value if isinstance(value, str) else " ".join(value)
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def t_list(key: str, lang: str) -> list[str]:
    """A list of texts for ``key`` in ``lang`` (a single string becomes a one-item list)."""
    value = _lookup(key, lang)
    if isinstance(value, dict):
        value = value["other"]
    return list(value) if isinstance(value, list) else [value]
