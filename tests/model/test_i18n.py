"""The catalogs: complete in both languages, same placeholders, Hindi really Hindi."""

from __future__ import annotations

import re
import string

import pytest

from model.i18n import load_catalog, normalize_lang, t, t_list
from model.ids import CATEGORIES, QUALITIES, TIERS

EN = load_catalog("en")
HI = load_catalog("hi")
# Latin-script words allowed on Hindi screens: proper nouns, acronyms and a search phrase.
ALLOWED_LATIN = {
    "VA",
    "SEO",
    "MAE",
    "R",
    "P",
    "USD",
    "LinkedIn",
    "Payoneer",
    "O",
    "NET",
    "English",
    "virtual",
    "assistant",
    "WhatsApp",
    "Excel",
    "Google",
    "Sheets",
    "CSV",
    "UTF",
    "HTML",
    "PDF",
    "MB",
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_in_both_languages():
    assert set(EN) == set(HI)


@pytest.mark.parametrize("key", sorted(EN))
def test_same_shape_and_placeholders(key):
    en, hi = EN[key], HI[key]
    assert type(en) is type(hi), key
    if isinstance(en, list):
        assert len(en) == len(hi), key
        assert all(item.strip() for item in [*en, *hi]), key
    else:
        assert en.strip() and hi.strip(), key
        assert _fields(en) == _fields(hi), key


@pytest.mark.parametrize("key", sorted(HI))
def test_hindi_has_no_stray_english(key):
    value = HI[key]
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        words = set(re.findall(r"[A-Za-z]+", re.sub(r"\{[a-z_0-9]+\}|`[^`]*`", "", text)))
        assert words <= ALLOWED_LATIN, (key, words - ALLOWED_LATIN)


def test_every_id_has_its_texts():
    for lang in ("en", "hi"):
        for c in CATEGORIES:
            assert t(f"cat.{c}.name", lang) != f"cat.{c}.name"
            assert len(t_list(f"cat.{c}.skills", lang)) >= 3
        for tier in TIERS:
            assert t(f"tier.{tier}.meaning", lang) != f"tier.{tier}.meaning"
        for tier in TIERS[:-1]:
            assert len(t_list(f"tier.{tier}.move_up", lang)) >= 2
        for q in QUALITIES:
            for part in ("name", "desc", "tip"):
                assert t(f"quality.{q}.{part}", lang) != f"quality.{q}.{part}"


def test_t_fills_placeholders_and_never_raises():
    assert t("quiz.progress", "en", answered=3, total=15) == "3 of 15 answered"
    assert t("quiz.progress", "hi", answered=3, total=15) == "15 में से 3 जवाब दिए"
    assert "{answered}" in t("quiz.progress", "en")  # missing params leave the text as is
    assert t("no.such.key", "hi") == "no.such.key"
    assert t("nav.home", "fr") == "Home"


def test_normalize_lang():
    assert normalize_lang(" HI ") == "hi" and normalize_lang("en") == "en"
    assert normalize_lang("fr") is None and normalize_lang(None) is None
    assert normalize_lang(["hi"]) is None
