"""Text catalogs: one TOML file per language in ``data/catalog/``.

Keys are dotted paths into the TOML tables (``"cat.admin.name"``). A value is a
string (use :func:`t`) or a list of strings (use :func:`t_list`). Placeholders use
``str.format`` names, e.g. ``"{answered} of {total}"``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from model.ids import DEFAULT_LANGUAGE, LANGUAGES

CATALOG_DIR = Path(__file__).resolve().parent.parent / "data" / "catalog"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str | list[str]]:
    flat: dict[str, str | list[str]] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


@lru_cache(maxsize=len(LANGUAGES))
def load_catalog(lang: str) -> dict[str, str | list[str]]:
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


def _lookup(key: str, lang: str) -> str | list[str]:
    value = load_catalog(lang).get(key)
    if value is None and lang != DEFAULT_LANGUAGE:
        value = load_catalog(DEFAULT_LANGUAGE).get(key)
    return key if value is None else value


def t(key: str, lang: str, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in; the key itself if missing."""
    value = _lookup(key, lang)
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
    return list(value) if isinstance(value, list) else [value]
