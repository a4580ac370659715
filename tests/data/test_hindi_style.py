"""Every Hindi text follows data/catalog/style.toml (the machine-checkable part of STYLE.md).

Checked: each Hindi string in data/catalog/hi.toml (list items and one/other forms one by
one) and every `text.hi` in data/questions.toml (questions, their options and the scales).
A failure names the file, the key and the offending word with the form to use instead.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STYLE = ROOT / "data" / "catalog" / "style.toml"
HI_CATALOG = ROOT / "data" / "catalog" / "hi.toml"
QUESTIONS = ROOT / "data" / "questions.toml"

# A character that continues a word: Devanagari letters, vowel signs, nukta, virama,
# anusvara (U+0900-097F and the extended block), Latin letters and digits.
_WORD_CHAR = r"[\u0900-\u097F\uA8E0-\uA8FFA-Za-z0-9]"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Rule:
    kind: str
    find: str
    use: str
    allow: frozenset[str]
    allow_endings: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        if self.kind == "text":
            return re.compile(re.escape(self.find))
        if self.kind == "word":
            return re.compile(rf"(?<!{_WORD_CHAR}){re.escape(self.find)}(?!{_WORD_CHAR})")
        if self.kind == "latin":
            return re.compile(rf"(?<![A-Za-z]){re.escape(self.find)}(?![A-Za-z])")
        return re.compile(self.find)

    def offences(self, text: str) -> list[str]:
        """The offending words in ``text`` (NFC), in order."""
        found = []
        for match in self.pattern.finditer(text):
            word = match.group(0)
            if word in self.allow or word.endswith(self.allow_endings):
                continue
            if self.kind == "latin" and _inside_brackets(text, match.start()):
                continue
            found.append(_whole_word(text, match.start(), match.end()))
        return found


def _whole_word(text: str, start: int, end: int) -> str:
    """The match widened to the word(s) it is part of, to name the offence readably."""
    while start > 0 and re.match(_WORD_CHAR, text[start - 1]):
        start -= 1
    while end < len(text) and re.match(_WORD_CHAR, text[end]):
        end += 1
    return text[start:end]


def _inside_brackets(text: str, index: int) -> bool:
    before = text[:index]
    return before.count("(") > before.count(")")


def load_rules(path: Path = STYLE) -> list[Rule]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Rule(
            kind=rule["kind"],
            find=nfc(rule["find"]),
            use=rule["use"],
            allow=frozenset(nfc(word) for word in rule.get("allow", [])),
            allow_endings=tuple(nfc(word) for word in rule.get("allow_endings", [])),
        )
        for rule in data["rule"]
    ]


RULES = load_rules()


def check(text: str, rules: list[Rule] = RULES) -> list[str]:
    """Human-readable findings for one text: 'offending word' -> preferred form."""
    text = nfc(text)
    return [f"“{word}” -> {rule.use}" for rule in rules for word in rule.offences(text)]


# ---------------------------------------------------------------------------------------
# The texts
# ---------------------------------------------------------------------------------------


def _catalog_strings(table: dict, prefix: str = "") -> Iterator[tuple[str, str]]:
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _catalog_strings(value, path + ".")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield f"{path}[{i}]", item
        else:
            yield path, value


def _hi_texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every ``text.hi`` under ``value``, with a readable path (list items by their id)."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "text" and isinstance(child, dict) and "hi" in child:
                yield f"{path}.text.hi", child["hi"]
            else:
                yield from _hi_texts(child, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            label = item.get("id", i) if isinstance(item, dict) else i
            yield from _hi_texts(item, f"{path}[{label}]")


def hindi_texts() -> list[tuple[str, str, str]]:
    """(file, key, text) for every Hindi string we ship."""
    catalog = tomllib.loads(HI_CATALOG.read_text(encoding="utf-8"))
    bank = tomllib.loads(QUESTIONS.read_text(encoding="utf-8"))
    texts = [("data/catalog/hi.toml", key, text) for key, text in _catalog_strings(catalog)]
    texts += [("data/questions.toml", key, text) for key, text in _hi_texts(bank, "")]
    return texts


TEXTS = hindi_texts()


def test_both_files_are_covered():
    files = {file for file, _, _ in TEXTS}
    assert files == {"data/catalog/hi.toml", "data/questions.toml"}
    keys = {key for file, key, _ in TEXTS if file == "data/questions.toml"}
    assert any(".options[" in key for key in keys)
    assert any(key.startswith("scales.") for key in keys)
    assert any(key.startswith("questions[") and ".options" not in key for key in keys)


@pytest.mark.parametrize(("file", "key", "text"), TEXTS, ids=[f"{f}:{k}" for f, k, _ in TEXTS])
def test_hindi_follows_the_style_sheet(file, key, text):
    findings = check(text)
    assert not findings, f"{file}: {key}: " + "; ".join(findings)


# ---------------------------------------------------------------------------------------
# The rules themselves
# ---------------------------------------------------------------------------------------


def test_style_file_is_well_formed():
    kinds = {"text", "word", "regex", "latin"}
    for rule in RULES:
        assert rule.kind in kinds and rule.find and rule.use, rule
        rule.pattern  # noqa: B018  (compiles)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("हर मेल का जवाब", "मेल"),
        ("58% मेल", "मेल"),
        ("वह चुनिए जो सही लगे", "चुनिए"),
        ("रुककर सोचिए, फिर देखिए।", "सोचिए"),
        ("पहले जवाब दीजिए", "दीजिए"),
        ("कृपया बताइए", "बताइए"),
        ("ज़रूर आइएगा", "आइएगा"),
        ("खुद करिये", "करिये"),
        ("अपना ख़ुद का काम", "ख़ुद"),
        ("अपना ख\u093cुद का काम", "ख\u093cुद"),  # nukta typed as a separate sign
        ("अपना \u0959ुद का काम", "\u0959ुद"),  # nukta typed as one code point
        ("हिन्दी में", "हिन्दी"),
        ("नए स्टार्ट-अप", "स्टार्ट-अप"),
        ("एक संदेश भेजें", "संदेश"),
        ("यह तालिका", "तालिका"),
        ("डिजाइन टूल", "डिजाइन"),
        ("फाइनेंसियल काम", "फाइनेंसियल"),
        ("मैं चाहता/चाहती हूँ", "चाहता/चाहती"),
        ("साझा फ़ोल्डर", "साझा"),
        ("WhatsApp पर भेजें", "WhatsApp"),
        ("नमूना CSV फ़ाइल", "नमूना CSV"),
        ("तुम यह करो", "तुम"),
        # the review of 2026-12-04: certainty words and meaning slips
        ("दो कामों में करीबी मुकाबला", "करीबी मुकाबला"),
        ("उन्हें “कड़ा मुकाबला” या “शायद” दिखता है", "“शायद”"),
        ("“संभावित” सुनना चाहिए", "“संभावित”"),
        ("पक्के नतीजे के लिए 11 सवाल", "पक्के नतीजे"),
        ("फिर भी पक्का बताया", "पक्का बताया"),
        ("कुछ जवाब बिना किसी क्रम के छोड़े", "बिना किसी क्रम के"),
        ("आम तौर के रेट", "आम तौर"),
        ("औसत से ज़्यादा बेहतर नहीं", "ज़्यादा बेहतर"),
        ("बीच का आँकड़ा 11 रहा", "बीच का आँकड़ा"),
        ("ईमानदारी: मापा नहीं गया", "मापा नहीं गया"),
        ("नए हैं तो कोई बात नहीं", "नए हैं तो"),
        ("“शायद” ही सुनाई देता है", "सुनाई देता"),
    ],
)
def test_rules_catch(text, bad):
    findings = check(text)
    assert any(f"“{nfc(bad)}”" in finding for finding in findings), findings


@pytest.mark.parametrize(
    "text",
    [
        "ईमेल भेजें और मेला देखें",  # मेल only as a whole word
        "मेलजोल",
        "इसके लिए आपको क्या चाहिए, इसलिए किसलिए",
        "काम किए, पैसे दिए, लोग गए, काम हुए, इसीलिए",
        "किये गये दिये लिये चाहिये",
        "खुद, खत्म, गलत, तरीका, बाकी, खास, तारीख, आखिरी",
        "ज़्यादा ज़रूरत, फ़ोन, फ़ाइल, डिज़ाइन, फ़ाइनेंशियल, फ़ेसबुक, पोर्टफ़ोलियो",
        "हिंदी, स्टार्टअप, मैसेज, टेबल, शेयर, डेडलाइन, टेम्पलेट, नमूने के आँकड़े",
        "व्हाट्सऐप पर भेजें, लिंक्डइन (LinkedIn) पर खोजें, एक्सेल (Excel) में सेव करें",
        "करें, चुनें, देखें, दें, बताएँ",
        "फ़ीसदी नहीं, फ़ीस",
        "“कड़ा मुकाबला” या “संभावित मैच”; नतीजा तय हो गया; आमतौर पर; खास बेहतर; अभी माप नहीं हुआ",
        "जो शायद उन्हें कभी न दिखें; संभावित मैच, पक्का नहीं; कई नए हैं",
    ],
)
def test_rules_allow(text):
    assert check(text) == []
