"""The shipped question bank: balanced forms, reachable categories, no give-aways, real Hindi."""

from __future__ import annotations

import re
import tomllib
from statistics import mean

import pytest

from model.ids import CATEGORIES, FORMS, QUALITIES
from model.quiz import BANK_PATH, BankError, assess, load_bank, parse_bank

BANK = load_bank()
RAW = tomllib.loads(BANK_PATH.read_text(encoding="utf-8"))

SHORT_SIZE = range(13, 18)  # about 15 items on a phone
FULL_SIZE = range(35, 46)  # about 40 items
BALANCE = 0.20  # available points per category within ±20% of their mean
MIN_MARGIN = 10.0  # fit points between an honest respondent's category and the runner-up
MAX_SAME_POSITION_QUALITY = 80.0
MAX_OPTION_CHARS = 90  # English options stay short enough for a phone

# Words that would give away the category an item scores (English, whole words).
GIVEAWAY_EN = re.compile(
    r"\b(admin|administrative|marketing|programming|programmer|designer|writer|editor"
    r"|financial|finance|virtual assistant)\b",
    re.IGNORECASE,
)
# The same give-aways as Hindi readers see them (Devanagari, so plain substrings).
GIVEAWAY_HI = (
    "एडमिन",
    "प्रशासनिक",
    "मार्केटिंग",
    "प्रोग्रामिंग",
    "प्रोग्रामर",
    "डिजाइन",
    "डिज़ाइन",
    "राइटिंग",
    "राइटर",
    "एडिटिंग",
    "एडिटर",
    "फाइनेंस",
    "फ़ाइनेंस",
    "वर्चुअल असिस्टेंट",
)
# Latin-script words allowed in Hindi text: brand names only (a subset of what the
# Hindi screen tests in tests/pages allow). Prefer Devanagari (एक्सेल, व्हाट्सऐप).
ALLOWED_LATIN_HI = {"Excel", "Canva", "WhatsApp", "Google", "LinkedIn", "GST", "UPI"}
# Characters that Streamlit would read as markdown or LaTeX in a radio label.
MARKDOWN_CHARS = re.compile(r"[*_`$#~\[\]<>|\\]")
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
SCALE_IDS = {
    "enjoy": ["no", "little", "quite", "very"],
    "confident": ["no", "with_help", "mostly", "sure"],
}


def _items(form: str, kind: str) -> list:
    return [q for q in BANK.questions(form) if q.kind == kind]


def _available(form: str) -> dict[str, float]:
    return {c: sum(q.best(c) for q in _items(form, "category")) for c in CATEGORIES}


def _texts(lang: str):
    """Every (place, text) of the bank in ``lang``: questions, options and scale points."""
    for q in BANK.items:
        yield q.id, q.text(lang)
        for o in q.options:
            yield f"{q.id}.{o.id}", o.text(lang)


def _honest(category: str, form: str) -> dict[str, str]:
    """Someone who clearly prefers ``category``: on every interest item the option that
    favours it most over the average of the others; first option elsewhere."""
    answers = {}
    for q in BANK.questions(form):
        if q.kind == "category":
            best = max(
                q.options,
                key=lambda o: (
                    o.weights.get(category, 0.0)
                    - mean(o.weights.get(c, 0.0) for c in CATEGORIES if c != category)
                ),
            )
            answers[q.id] = best.id
        else:
            answers[q.id] = q.options[0].id
    return answers


# 1. Loading, sizes, texts --------------------------------------------------------------


def test_shipped_bank_loads_with_forms_of_the_right_size():
    assert BANK.version >= 1
    short, full = BANK.questions("short"), BANK.questions("full")
    scored = [[q for q in form if q.kind != "context"] for form in (short, full)]
    assert len(scored[0]) in SHORT_SIZE, len(scored[0])  # the optional context item is extra
    assert len(scored[1]) in FULL_SIZE, len(scored[1])
    assert {q.id for q in short} < {q.id for q in full}
    assert parse_bank(BANK_PATH.read_text(encoding="utf-8")).items == BANK.items


def test_every_item_and_option_has_english_and_hindi_text():
    for q in BANK.items:
        assert q.texts["en"].strip() and q.texts["hi"].strip(), q.id
        for o in q.options:
            assert o.texts["en"].strip() and o.texts["hi"].strip(), (q.id, o.id)


def test_a_broken_copy_of_the_bank_is_refused():
    text = BANK_PATH.read_text(encoding="utf-8")
    with pytest.raises(BankError, match="unknown weight"):
        parse_bank(text.replace("weights = { admin = 1.0 }", "weights = { admim = 1.0 }", 1))


# 2. Balance ----------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_categories_have_balanced_available_points(form):
    available = _available(form)
    centre = mean(available.values())
    off = {c: round(v, 2) for c, v in available.items() if abs(v - centre) > BALANCE * centre}
    assert not off, f"{form}: mean {centre:.2f}, out of ±{BALANCE:.0%}: {off}"


@pytest.mark.parametrize(("form", "at_least"), [("short", 1), ("full", 2)])
def test_every_quality_is_measured_often_enough(form, at_least):
    items = _items(form, "quality")
    for quality in QUALITIES:
        count = sum(1 for q in items if q.best(quality) > 0)
        assert count >= at_least, f"{form}: {quality} measured by {count} item(s)"


@pytest.mark.parametrize("form", FORMS)
def test_each_form_has_enough_experience_items(form):
    assert len(_items(form, "tier")) >= 3


def test_experience_options_go_from_least_to_most():
    for q in _items("full", "tier"):
        weights = [o.weights.get("tier", 0.0) for o in q.options]
        assert weights == sorted(weights) and weights[0] == 0.0 and weights[-1] == 1.0, q.id


# 3. Every category is reachable --------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_is_reachable_by_an_honest_respondent(category, form):
    result = assess(_honest(category, form), BANK, form)
    fits = " ".join(f"{c}={result.fit[c]:.1f}" for c in result.ranking)
    print(f"{form:5s} {category:11s} -> {fits}")
    margin = result.fit[result.ranking[0]] - result.fit[result.ranking[1]]
    assert result.category == category, fits
    assert margin >= MIN_MARGIN, fits
    assert result.status == "ok"


# 4. No give-aways ----------------------------------------------------------------------


def test_interest_items_never_name_their_category():
    for q in _items("full", "category"):
        for place, text in [(q.id, q.texts["en"])] + [(o.id, o.texts["en"]) for o in q.options]:
            assert not GIVEAWAY_EN.search(text), (q.id, place, text)
        for text in [q.texts["hi"], *(o.texts["hi"] for o in q.options)]:
            assert not [w for w in GIVEAWAY_HI if w in text], (q.id, text)


# 5. Same position every time -----------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_same_position_everywhere_does_not_look_like_a_great_va(form):
    questions = BANK.questions(form)
    for k in range(max(len(q.options) for q in questions)):
        answers = {q.id: q.options[min(k, len(q.options) - 1)].id for q in questions}
        result = assess(answers, BANK, form)
        scores = [result.qualities[x] for x in QUALITIES if result.measured[x]]
        assert mean(scores) < MAX_SAME_POSITION_QUALITY, (form, k, result.qualities)


def test_the_best_sounding_situation_answer_is_not_always_in_the_same_place():
    positions = set()
    for q in _items("full", "quality"):
        positions.add(max(range(len(q.options)), key=lambda i: q.options[i].appeal))
    assert len(positions) >= 3


# 6. Hindi is Hindi ---------------------------------------------------------------------


def test_hindi_text_has_no_latin_words_but_brand_names():
    stray = {
        (place, word)
        for place, text in _texts("hi")
        for word in re.findall(r"[A-Za-z]+", text)
        if word not in ALLOWED_LATIN_HI
    }
    assert not stray


def test_hindi_text_is_written_in_devanagari():
    for place, text in _texts("hi"):
        assert re.search(r"[\u0900-\u097F]", text), place


# 7. Ids, options, scales, display ------------------------------------------------------


def test_ids_are_unique_snake_case():
    ids = [q.id for q in BANK.items]
    assert len(ids) == len(set(ids))
    assert all(SNAKE_CASE.match(i) for i in ids), [i for i in ids if not SNAKE_CASE.match(i)]
    for q in BANK.items:
        assert all(SNAKE_CASE.match(o.id) for o in q.options), q.id


def _is_pick(q) -> bool:
    return q.kind == "category" and q.options[0].id not in ("no",)


def test_choice_questions_have_enough_options_and_a_way_out():
    for q in BANK.questions("full"):
        scored = [o for o in q.options if not o.unscored]
        if _is_pick(q):
            assert 4 <= len(scored) <= 5, q.id
            assert q.options[-1].id == "none" and q.options[-1].unscored, q.id
            assert sum(o.unscored for o in q.options) == 1, q.id
        elif q.kind == "tier":
            assert 4 <= len(q.options) <= 6 and q.facet, q.id
        elif q.kind == "quality":
            assert len(q.options) == 4, q.id
        elif q.kind == "context":
            assert len(q.options) >= 4 and not any(o.weights for o in q.options), q.id


@pytest.mark.parametrize("form", FORMS)
def test_pick_items_offer_each_kind_about_equally_often(form):
    offered = dict.fromkeys(CATEGORIES, 0)
    for q in _items(form, "category"):
        if _is_pick(q):
            for o in q.options:
                for c in CATEGORIES:
                    offered[c] += o.weights.get(c) == 1.0
    assert max(offered.values()) - min(offered.values()) <= 1, offered


@pytest.mark.parametrize(("form", "offered"), [("short", {4}), ("full", {7, 8, 9})])
def test_situations_are_forced_choices_between_good_habits(form, offered):
    items = _items(form, "quality")
    counts = dict.fromkeys(QUALITIES, 0)
    top_appeal = dict.fromkeys(QUALITIES, 0)
    for q in items:
        keyed = []
        for o in q.options:
            assert list(o.weights.values()) == [1.0], (q.id, o.id)  # one quality each
            assert o.reason and o.appeal is not None, (q.id, o.id)
            keyed.append(next(iter(o.weights)))
        assert len(set(keyed)) == 4, q.id  # four different qualities: one is left out
        for quality in keyed:
            counts[quality] += 1
        top = max(q.options, key=lambda o: o.appeal)
        top_appeal[next(iter(top.weights))] += 1
    # Each quality offered equally often (short), or within 7-9 of the 10 (full, version 3:
    # the situations that passed the independent ratings).
    assert set(counts.values()) <= offered, counts
    # `appeal` comes from independent ratings (data/ratings/, tests/model/test_ratings.py), so
    # which quality sounds best is measured, not designed: it must not be one quality in most
    # items, and on the full form the best-rated options spread over at least three qualities,
    # so sounding right cannot lift every quality (the validity study's faker checks the rest).
    assert max(top_appeal.values()) <= max(2, len(items) // 2), top_appeal
    if len(items) >= 10:
        assert sum(n > 0 for n in top_appeal.values()) >= 3, top_appeal


def test_no_wording_says_which_part_sets_the_level():
    from model.i18n import t

    for lang, word in (("en", "level"), ("hi", "लेवल")):
        for q in _items("full", "tier"):
            texts = [q.text(lang), *(o.text(lang) for o in q.options)]
            assert not [x for x in texts if word in x.lower()], (q.id, lang)
        assert word not in t("quiz.section.tier.intro", lang).lower(), lang


def test_scale_ids_and_values_are_stable():
    assert set(RAW["scales"]) == set(SCALE_IDS)
    for name, ids in SCALE_IDS.items():
        points = RAW["scales"][name]
        assert [p["id"] for p in points] == ids
        values = [p["value"] for p in points]
        assert values[0] == 0.0 and values[-1] == 1.0 and values == sorted(values)
    for raw in RAW["questions"]:
        if "scale" in raw:
            assert [o.id for o in BANK.get(raw["id"]).options] == SCALE_IDS[raw["scale"]]


def test_texts_read_well_on_a_phone():
    for lang in ("en", "hi"):
        questions = [q.text(lang) for q in BANK.items]
        for i, text in enumerate(questions):  # the browser tests find a question by its text
            assert not [o for j, o in enumerate(questions) if j != i and text in o], (lang, text)
        for q in BANK.items:
            options = [o.text(lang) for o in q.options]
            assert len(options) == len(set(options)), (lang, q.id)
    for place, text in [*_texts("en"), *_texts("hi")]:
        assert not MARKDOWN_CHARS.search(text), (place, text)
    for q in BANK.items:
        for o in q.options:
            assert len(o.text("en")) <= MAX_OPTION_CHARS, (q.id, o.id, o.text("en"))
