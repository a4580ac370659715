"""AppTest: a coach's link reaches a person (home, results, the WhatsApp button, every link
after), and the coach's cohort page reads a chat, in both languages."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from model import links
from model.i18n import t
from model.quiz import assess, load_bank
from tests.model.test_cohort import ANDROID_IN, HINDI, link
from tests.pages.helpers import (
    all_text,
    goto,
    honest_answers,
    latin_words,
    md_tables,
    screen_texts,
    start,
)
from tests.pages.test_share import shown_link

BANK = load_bank()
COACH = {"coach": "आशा दीदी", "cwa": "919876543210"}


def address(at, key: str) -> list[str]:
    """A parameter of the page's address (AppTest keeps a single value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def wa_buttons(at) -> dict[str, str]:
    """The page's link buttons: label -> address."""
    return {b.proto.label: b.proto.url for b in at.get("link_button")}


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_coachs_link_names_the_coach_and_the_result_goes_to_their_whatsapp(lang):
    answers = honest_answers("design", "short")
    at = start({"lang": lang, **COACH}, answers=answers, form="short")
    assert not at.exception
    assert t("coach.home_line", lang, coach="आशा दीदी") in [i.value for i in at.info]
    assert t("home.cohort_hint", lang) in all_text(at)  # how a coach reaches their page
    assert [p.proto.label for p in at.get("page_link")] == [t("nav.cohort", lang)]
    at = goto(at, "results")
    assert t("coach.results_line", lang, coach="आशा दीदी") in [i.value for i in at.info]
    at.text_input(key="coach_first_results").input("Priya").run()
    url = wa_buttons(at)[t("coach.send", lang, coach="आशा दीदी")]
    assert url.startswith("https://wa.me/919876543210?text=")
    text = unquote(url.split("?text=", 1)[1])
    sent = re.search(r"\S*/results\?\S+", text)
    assert sent and "Priya" in text and "आशा दीदी" in text
    params = {k: v[0] for k, v in parse_qs(urlsplit(sent[0]).query).items()}
    assert params["coach"] == "आशा दीदी" and params["cwa"] == "919876543210"
    state = links.decode(params, BANK)
    assert assess(state.answers, BANK, "short").category == "design"
    # every link the person makes carries the coach on: the share link and the address
    shared = parse_qs(urlsplit(shown_link(at)).query)
    assert shared["coach"] == ["आशा दीदी"] and shared["cwa"] == ["919876543210"]
    assert address(at, "coach") == ["आशा दीदी"]
    assert address(at, "cwa") == ["919876543210"]
    at = goto(at, "planner")
    assert address(at, "coach") == ["आशा दीदी"]


def test_without_a_name_the_message_still_goes_and_without_a_number_the_person_picks_a_chat():
    at = goto(start({"lang": "hi", "coach": "Asha"}, answers=honest_answers("writing")), "results")
    url = wa_buttons(at)[t("coach.send", "hi", coach="Asha")]
    assert url.startswith("https://wa.me/?text=")
    assert unquote(url).startswith("https://wa.me/?text=" + "नमस्ते Asha, सहायक पर मेरा नतीजा: ")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_bad_coach_values_are_dropped_with_a_notice_in_the_users_language(lang):
    at = start({"lang": lang, "coach": "<img src=x onerror=alert(1)>", "cwa": "12"})
    assert not at.exception
    notice = " ".join(i.value for i in at.info)
    assert t("notice.link.coach", lang) in notice and t("notice.link.cwa", lang) in notice
    assert "coach" not in at.query_params and "<img" not in all_text(at)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_cohort_page_reads_a_chat_in_the_coachs_language(lang):
    at = goto(start({"lang": lang}), "cohort")
    assert not at.exception and at.title[0].value == t("cohort.title", lang)
    assert t("cohort.stored_nothing", lang) in all_text(at)
    assert t("cohort.limits", lang) in all_text(at)
    at.text_area(key="cohort.paste").input(ANDROID_IN + HINDI).run()
    assert not at.exception
    [table] = md_tables(at)
    assert table[0] == [t(f"cohort.col.{c}", lang) for c in _columns()]
    names = [row[0] for row in table[1:]]
    assert sorted(names) == sorted(
        ["Priya Sharma", "Ravi Kumar", "+91 98111 22233", "प्रिया", "रवि कुमार"]
    )
    assert all(row[-1].startswith(f"[{t('cohort.open', lang)}](/results?") for row in table[1:])
    text = all_text(at)
    assert t("cohort.problems_heading", lang, count=2) in text  # invite + another site
    assert t("cohort.talk_heading", lang) in text
    if lang == "hi":  # Hindi words only, but for what the chat itself holds
        chat = {"Priya", "Sharma", "Ravi", "Kumar", "www", "youtube", "com"}  # names, a host
        files = {"txt", "csv", "zip"}  # the uploader's file types
        texts = [re.sub(r"\]\([^)]*\)", "]", x) for x in screen_texts(at)]  # link addresses
        assert latin_words(texts) - chat - files == set()

    # filters and sorting
    at.multiselect(key="cohort.kinds").set_value(["design"]).run()
    [table] = md_tables(at)
    assert {row[4] for row in table[1:]} == {t("cat.design.name", lang)}
    at.multiselect(key="cohort.kinds").set_value([]).run()
    at.selectbox(key="cohort.sort").set_value("name").run()
    at.toggle(key="cohort.desc").set_value(False).run()
    [table] = md_tables(at)
    names = [row[0] for row in table[1:]]
    assert names == sorted(names, key=str.casefold)
    assert len(at.get("download_button")) == 2


def _columns():
    from model.cohort import COLUMNS

    return COLUMNS


def test_names_from_a_chat_are_shown_as_text():
    hostile = "**x** [a](www.evil.in) <b>hi</b> `z`"  # no ":" in a WhatsApp name
    at = goto(start({"lang": "en"}), "cohort")
    at.text_area(key="cohort.paste").input(f"1/4/24, 10:00 - {hostile}: {link()}").run()
    assert not at.exception
    [table] = md_tables(at)
    assert table[1][0] == hostile  # escaped in the Markdown, read back as the same text
    raw = next(m.value for m in at.markdown if m.value.startswith("| "))
    assert "](www" not in raw and "<b>" not in raw and "www." not in raw and "**x**" not in raw


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_an_empty_paste_and_a_page_of_bad_links_say_what_is_wrong(lang):
    at = goto(start({"lang": lang}), "cohort")
    assert t("cohort.none_yet", lang) in all_text(at)
    at.text_area(key="cohort.paste").input("https://example.com/x?a=1\nhello").run()
    assert not at.exception and not md_tables(at)
    text = all_text(at).replace("\\", "").replace("\u2060", "")  # shown as plain text
    assert t("cohort.problem.other_site", lang, detail="example.com") in text
    problem = t("cohort.problem.other_site", lang, detail="example.com")
    assert t("cohort.problem_line", lang, line=1, text=problem) in text
    assert t("cohort.problem.no_links", lang) in text


def test_an_uploaded_whatsapp_export_is_read():
    at = goto(start({"lang": "hi"}), "cohort")
    at.get("file_uploader")[0].set_value(
        ("WhatsApp Chat with VA batch.txt", HINDI.encode(), "text/plain")
    ).run()
    assert not at.exception
    [table] = md_tables(at)
    assert {row[0] for row in table[1:]} == {"प्रिया", "रवि कुमार"}


def test_the_coach_makes_their_own_link_on_the_cohort_page():
    at = goto(start({"lang": "hi"}), "cohort")
    at.text_input(key="cohort.name").input("Asha 2").run()
    assert t("cohort.bad_name", "hi") in [w.value for w in at.warning]
    at.text_input(key="cohort.name").input("आशा दीदी").run()
    at.text_input(key="cohort.wa").input("+91 98765 43210").run()
    made = shown_link(at)
    params = parse_qs(urlsplit(made).query)
    assert params == {"lang": ["hi"], "coach": ["आशा दीदी"], "cwa": ["919876543210"]}
    again = start({k: v[0] for k, v in params.items()})
    assert t("coach.home_line", "hi", coach="आशा दीदी") in [i.value for i in again.info]
