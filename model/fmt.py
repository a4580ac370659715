"""The one formatter for money and numbers: Indian digit grouping (₹1,00,000) in both languages.

Babel carries the CLDR data for ``en_IN`` and ``hi_IN``: lakh/crore grouping and the
compact forms ("₹12.3L", "₹12.3 लाख") come from there instead of hand-written rules.
"""

from __future__ import annotations

import math
from functools import lru_cache

from babel.numbers import format_compact_currency, format_currency, format_decimal

from model.ids import DEFAULT_LANGUAGE, LANGUAGES

_LOCALES = {"en": "en_IN", "hi": "hi_IN"}


def locale_for(lang: str) -> str:
    """The Babel locale for one of our language ids."""
    return _LOCALES.get(lang if lang in LANGUAGES else DEFAULT_LANGUAGE, "en_IN")


_LIMIT = 1e15  # far beyond any income; keeps Babel's decimal context happy


def _finite(value: float) -> float:
    """The value as a float, with NaN/inf shown as 0 and absurd sizes clamped."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    number = float(value)
    return min(max(number, -_LIMIT), _LIMIT) if math.isfinite(number) else 0.0


@lru_cache(maxsize=8192)  # Babel is slow (~0.1 ms a call); charts format hundreds of amounts
def inr(amount: float, lang: str = "en", *, paise: bool = False) -> str:
    """Rupees with Indian grouping: ``inr(123456.7) == "₹1,23,457"``."""
    value = _finite(amount)
    if paise:
        return format_currency(value, "INR", locale=locale_for(lang))
    return format_currency(
        round(value), "INR", locale=locale_for(lang), format="¤#,##,##0", currency_digits=False
    )


_CRORE = 10_000_000


@lru_cache(maxsize=8192)
def inr_compact(amount: float, lang: str = "en") -> str:
    """Short rupees for tight spaces: "₹12.3L" in English, "₹12.3 लाख" in Hindi.

    Hindi crores are spelt out ("₹1.2 करोड़", "₹1,000 करोड़"): CLDR's "क॰" and "अ॰"
    abbreviations are not ones Hindi readers know."""
    value = _finite(amount)
    if abs(value) < 100_000:
        return inr(value, lang)
    if lang == "hi" and abs(value) >= _CRORE - 5_000:  # 99.95 lakh and up round to a crore
        crores = format_decimal(round(abs(value) / _CRORE, 1), format="#,##,##0.#", locale="hi_IN")
        return f"{'-' if value < 0 else ''}₹{crores}\xa0करोड़"
    return format_compact_currency(value, "INR", locale=locale_for(lang), fraction_digits=1)


def number(value: float, lang: str = "en", *, digits: int = 0) -> str:
    """A plain number with Indian grouping and ``digits`` decimals."""
    pattern = "#,##,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(_finite(value), digits), format=pattern, locale=locale_for(lang))


def percent(value: float, lang: str = "en") -> str:
    """A whole-number percentage, e.g. "72%"."""
    return f"{number(value, lang)}%"


def usd(amount: float, lang: str = "en") -> str:
    """US dollars, whole, with the language's grouping (for VAs with clients abroad)."""
    return format_currency(
        round(_finite(amount)),
        "USD",
        locale=locale_for(lang),
        format="¤#,##,##0",
        currency_digits=False,
    )
