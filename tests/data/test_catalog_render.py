"""Every catalog text reads right once its placeholders are filled in, in both languages.

The review found texts that looked fine in the file but broke with real values: "1 सवालों",
"1 घंटे", "भाग 1 / 4", "{coverage} कमाई". Here every text is rendered with each placeholder
set to 1, 2 and "80%", and to every kind-of-work and quality name; texts with two or more
placeholders also get every mix of 1 and 2. (Same keys, placeholders and one/other shape in
both languages: tests/model/test_i18n.py.)
"""

from __future__ import annotations

import itertools
import re
import string

import pytest

from model.i18n import load_catalog, t
from model.ids import CATEGORIES, LANGUAGES, QUALITIES

CATALOGS = {lang: load_catalog(lang) for lang in LANGUAGES}
KEYS = sorted(CATALOGS["en"])

NAMES = {
    lang: [t(f"cat.{c}.name", lang) for c in CATEGORIES]
    + [t(f"quality.{q}.name", lang) for q in QUALITIES]
    for lang in LANGUAGES
}

# A count of 1 followed by a plural (or a form that needs a plural count).
BROKEN_ONE = {
    "hi": re.compile(
        r"(?<![\d.,])1 (सवालों|घंटे|योजनाओं|योजनाएँ|क्लाइंटों|जवाबों|पंक्तियाँ|पंक्तियों|"
        r"मिनटों|हफ़्तों|महीनों|खाने|खानों|लोगों|कामों|गुणों)(?![\u0900-\u097F])"
        r"|(?<![\d.,])1 सवाल [^।]*(दिए|छोड़े) (हैं|गए)"
    ),
    "en": re.compile(
        r"(?<![\d.,])1 (questions|hours|clients|scenarios|rows|data rows|minutes|VAs|"
        r"example VAs|cells|plans|answers|weeks|months)\b"
    ),
}
# "client(s)": write a one/other text instead.
OPTIONAL_PLURAL = re.compile(r"\w\(s\)")
RAW_KEY = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)+$")


def _fields(text: str) -> list[str]:
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name})


def _forms(value: object) -> list[str]:
    if isinstance(value, dict):
        return list(value.values())
    return value if isinstance(value, list) else [value]


def _renderings(key: str, lang: str) -> list[tuple[dict, str]]:
    """(params, text) for every way this test fills the placeholders of ``key``."""
    fields = sorted({f for form in _forms(CATALOGS[lang][key]) for f in _fields(form)})
    if not fields:
        return [({}, t(key, lang)), ({"count": 1}, t(key, lang, count=1))]
    out = []
    for value in [1, 2, "80%", *NAMES[lang]]:
        params = dict.fromkeys(fields, value)
        params.setdefault("count", value)
        out.append((params, t(key, lang, **params)))
    if len(fields) >= 2:  # mixed numbers: the count is whatever `count` is, if present
        for values in itertools.product([1, 2], repeat=len(fields)):
            params = dict(zip(fields, values, strict=True))
            if "count" not in params and isinstance(CATALOGS[lang][key], dict):
                continue  # which number a one/other text counts is the caller's choice
            out.append((params, t(key, lang, **params)))
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", KEYS)
def test_every_text_renders_cleanly(key, lang):
    for params, text in _renderings(key, lang):
        where = (key, lang, params, text)
        assert text.strip(), where
        assert "{" not in text and "}" not in text, where
        assert text != key and not RAW_KEY.match(text), where
        assert not BROKEN_ONE[lang].search(text), where
        assert not OPTIONAL_PLURAL.search(text), where


def test_count_aware_texts_read_right_with_one():
    assert t("quiz.step", "hi", step=1, steps=4) == "भाग 1 (4 में से)"
    assert t("quiz.step", "en", step=1, steps=4) == "Part 1 of 4"
    assert "1 सवाल छोड़ दिया है" in t("quiz.unanswered", "hi", count=1)
    assert "1 question in this part" in t("quiz.unanswered", "en", count=1)
    assert "1 घंटा काम" in t("planner.goal_hours", "hi", count=1, hours=1, clients=3, goal="₹1")
    assert "about 1 hour a week" in t(
        "planner.goal_hours", "en", count=1, hours=1, clients=3, goal="₹1"
    )
    assert "1 client to reach" in t(
        "planner.goal_clients", "en", count=1, hours=2, clients=1, goal="₹1"
    )
    assert t("planner.scenario_limit", "hi", count=1).startswith("आप 1 ही योजना")
    assert t("planner.clients_line", "en", count=1) == "1 client"
    assert t("home.short_desc", "en", count=1, minutes=1).startswith("1 question · about 1 min")
    assert "(1 पंक्ति)" in t("rates.using_sample", "hi", count=1, rows="1")


def test_no_synthetic_wording_about_the_sample_data():
    for lang in LANGUAGES:
        for key, value in CATALOGS[lang].items():
            for form in _forms(value):
                assert not re.search(r"synthetic|सिंथेटिक|कृत्रिम", form, re.I), (lang, key)
    assert "not a survey of real people" in t("results.pay_caption", "en", category="x", tier="y")
    assert "असली लोगों का सर्वे नहीं" in t("results.pay_caption", "hi", category="x", tier="y")
