"""The catalogs: complete in both languages, same placeholders, Hindi really Hindi."""

from __future__ import annotations

import re
import string

import pytest

from model.i18n import is_plural, load_catalog, normalize_lang, plural_form, t, t_list
from model.ids import CATEGORIES, QUALITIES, TIERS

EN = load_catalog("en")
HI = load_catalog("hi")
# Latin-script words allowed in hi.toml: acronyms, a search phrase, and brand names that
# appear in brackets after their Devanagari form, e.g. "लिंक्डइन (LinkedIn)" (see STYLE.md).
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
    "Excel",
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
    elif isinstance(en, dict):  # count-aware: the same forms, and every form the same fields
        assert set(en) == set(hi) == {"one", "other"}, key
        fields = {frozenset(_fields(text)) for text in [*en.values(), *hi.values()]}
        assert len(fields) == 1, (key, fields)
        assert all(text.strip() for text in [*en.values(), *hi.values()]), key
    else:
        assert en.strip() and hi.strip(), key
        assert _fields(en) == _fields(hi), key


@pytest.mark.parametrize("key", sorted(HI))
def test_hindi_has_no_stray_english(key):
    value = HI[key]
    texts = list(value.values()) if isinstance(value, dict) else value
    texts = texts if isinstance(texts, list) else [texts]
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


def test_count_picks_one_or_other():
    assert t("planner.clients_line", "en", count=1) == "1 client"
    assert t("planner.clients_line", "en", count=2) == "2 clients"
    assert t("planner.clients_line", "en", count=0) == "0 clients"
    assert t("planner.clients_line", "en", count=1.0) == "1.0 client"
    assert t("quiz.unanswered", "hi", count=1).startswith("इस भाग में आपने 1 सवाल छोड़ दिया है।")
    assert t("quiz.unanswered", "hi", count=3).startswith("इस भाग में आपने 3 सवाल छोड़ दिए हैं।")
    assert "1 सवाल का जवाब बाकी है" in t("quiz.missing_total", "hi", count=1)
    assert "2 सवालों के जवाब बाकी हैं" in t("quiz.missing_total", "hi", count=2)
    # Hindi uses the same rule: one for exactly 1
    assert "1 घंटा" in t("planner.goal_hours", "hi", count=1, hours=1, clients=2, goal="₹9")
    assert "2 घंटे" in t("planner.goal_hours", "hi", count=2, hours=2, clients=1, goal="₹9")


def test_count_can_differ_from_the_placeholders():
    # week_value counts clients; hours are written so that any number reads right
    assert t("planner.week_value", "en", count=1, hours=10, clients=1) == "10 h · 1 client"
    assert t("planner.week_value", "en", count=3, hours=1, clients=3) == "1 h · 3 clients"
    assert t("planner.week_value", "hi", count=1, hours=1, clients=1) == "घंटे: 1 · क्लाइंट: 1"


def test_count_aware_texts_without_count_use_other_and_never_raise():
    assert t("planner.clients_line", "en") == "{count} clients"
    assert t("planner.week_value", "en", hours=5, clients=1) == "5 h · 1 clients"  # needs count=
    assert t("planner.clients_line", "hi", count="x") == "x क्लाइंट"
    assert t("planner.clients_line", "en", count=None) == "None clients"
    assert t("planner.clients_line", "en", count=True) == "True clients"  # a bool is no count
    # a missing placeholder leaves the chosen form unfilled, as for plain texts
    one = t("home.short_desc", "en", count=1)
    assert one == "{count} question · about {minutes} min · made for phones"
    assert t_list("planner.clients_line", "en") == ["{count} clients"]


def test_plural_helpers():
    assert plural_form(1) == "one" and plural_form(1.0) == "one"
    assert plural_form(0) == plural_form(2) == plural_form(21) == plural_form(0.5) == "other"
    assert plural_form(None) == plural_form("1") == plural_form(True) == "other"
    assert is_plural({"one": "a", "other": "b"}) and is_plural({"other": "b"})
    assert not is_plural({"one": "a"}) and not is_plural({"other": "b", "parts": "c"})
    assert not is_plural({"other": ["b"]}) and not is_plural("other")


def test_a_plural_table_in_a_catalog_is_one_key(tmp_path, monkeypatch):
    import model.i18n as i18n

    (tmp_path / "en.toml").write_text(
        '[a]\nn = { one = "{count} cat", other = "{count} cats" }\n'
        '[b]\nother = "not a plural: a plain key called other"\nparts = "x"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "CATALOG_DIR", tmp_path)
    i18n.load_catalog.cache_clear()
    try:
        flat = i18n.load_catalog("en")
        assert flat["a.n"] == {"one": "{count} cat", "other": "{count} cats"}
        assert flat["b.other"] == "not a plural: a plain key called other"
        assert i18n.t("a.n", "en", count=1) == "1 cat"
    finally:
        i18n.load_catalog.cache_clear()


def test_site_language_reads_the_hosted_copys_setting():
    from model.i18n import site_language

    assert site_language(None) == site_language("") == "en"
    assert site_language(" HI ") == "hi"
    with pytest.raises(ValueError, match="SAHAYAK_LANG='fr' is not a language we have"):
        site_language("fr")
