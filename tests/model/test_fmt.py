"""One formatter for money and numbers, Indian grouping in both languages."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.fmt import inr, inr_compact, locale_for, number, percent


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_rupees_use_lakh_grouping(lang):
    assert inr(100000, lang) == "₹1,00,000"
    assert inr(12345678.4, lang) == "₹1,23,45,678"
    assert inr(999.5, lang) == "₹1,000"
    assert inr(1234.5, lang, paise=True) == "₹1,234.50"


def test_compact_forms_are_language_specific():
    assert inr_compact(1234567, "en") == "₹12.3L"
    assert inr_compact(1234567, "hi") == "₹12.3\xa0लाख"
    assert inr_compact(45000, "hi") == "₹45,000"


def test_hindi_crore_is_spelt_out():
    # CLDR abbreviates crore as "क॰" and arab as "अ॰"; Hindi readers know "करोड़".
    assert inr_compact(12345678, "hi") == "₹1.2\xa0करोड़"
    assert inr_compact(10_000_000, "hi") == "₹1\xa0करोड़"
    assert inr_compact(9_999_999, "hi") == "₹1\xa0करोड़"
    assert inr_compact(9_940_000, "hi") == "₹99.4\xa0लाख"
    assert inr_compact(1e10, "hi") == "₹1,000\xa0करोड़"
    assert inr_compact(-25_000_000, "hi") == "-₹2.5\xa0करोड़"
    assert inr_compact(12345678, "en") == "₹1.2Cr"
    for value in (1e7, 5e8, 1e10, 1e12, 1e14):
        assert "॰" not in inr_compact(value, "hi")


def test_numbers_and_percents():
    assert number(1234567.891, "en", digits=1) == "12,34,567.9"
    assert number(72.4, "hi") == "72"
    assert percent(72.6, "en") == "73%"


def test_unknown_language_falls_back_to_english_locale():
    assert locale_for("fr") == "en_IN" and locale_for("hi") == "hi_IN"


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**12), 10**12)))
def test_never_raises(value):
    for lang in ("en", "hi"):
        text = inr(value, lang)
        assert text.startswith(("₹", "-₹"))
        if isinstance(value, float) and not math.isfinite(value):
            assert text == "₹0"
        inr_compact(value, lang)
        number(value, lang, digits=2)
