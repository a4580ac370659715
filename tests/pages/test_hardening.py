"""Issue 11 (hardening) in AppTest: notices in words, user text shown as text, saved-plan names,
refit limits."""

from __future__ import annotations

import pandas as pd
import pytest

from model.i18n import t
from model.rates import REQUIRED
from tests.pages.helpers import all_text, goto, start
from tests.pages.test_share import rate_file, upload
from ui.chrome import USER_TEXT_LIMIT, plain
from ui.rates import COOLDOWN_S
from ui.tables import markdown_table


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize(
    "query",
    [
        {"v": "1", "a": "111"},  # truncated answers
        {"v": "1", "a": "1" * 401},  # over-long answers
        {"v": "99", "a": "1"},  # unknown version
        {"h": "abc", "s": "x~y"},  # planner setting and saved plan
    ],
)
def test_every_link_notice_is_in_words(lang, query):
    """A raw catalog key (``notice.link.a``) never reaches the screen."""
    at = start({**query, "lang": lang})
    text = all_text(at)
    assert "notice." not in text
    assert t("notice.link.parts", lang).split("{")[0] in text


# Finding 7: a second save in a row keeps its name.


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_two_saves_in_a_row_keep_both_names(lang):
    at = goto(start({"lang": lang}), "planner")
    for name in ("Alpha", "Beta"):
        at.text_input(key="planner.scenario_name").set_value(name)
        next(b for b in at.button if b.label == t("planner.scenario_save", lang)).click().run()
    assert [s.name for s in at.session_state["scenarios"]] == ["Alpha", "Beta"]


# Finding 6: user text is shown as text (no links, no icons) and kept short.

LINKY = "www.evil.example http://x.example a@b.example :material/home:"


def test_plain_breaks_links_and_icons_and_caps_length():
    out = plain(LINKY)
    for pattern in ("www.e", "http://", "@b", ":material", "b.example"):
        assert pattern not in out.replace("\\", "")
    assert out.replace("\u2060", "").replace("\\", "") == LINKY
    assert len(plain("x" * 250_000)) <= USER_TEXT_LIMIT


def test_a_saved_plan_toast_shows_the_name_as_text():
    at = goto(start({"lang": "en"}), "planner")
    at.text_input(key="planner.scenario_name").set_value("www.a.example")
    next(b for b in at.button if b.label == t("planner.scenario_save", "en")).click().run()
    toast = " ".join(x.proto.body for x in at.toast)
    assert "www.a" not in toast.replace("\\", "") and "www" in toast


def test_a_huge_header_gives_a_short_message():
    at = goto(start({"lang": "en"}), "planner")
    header = ",".join(["x" * 1000] * 250) + "," + ",".join(REQUIRED)
    upload(at, "big.csv", (header + "\n" + "1," * 255 + "\n").encode())
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert errors and len(errors) < 600


def test_a_file_name_with_a_link_is_shown_as_text():
    at = goto(start({"lang": "en"}), "planner")
    upload(at, "www.evil.example:material/home:.csv", rate_file(300, scale=2.0))
    line = next(c.value for c in at.caption if "www" in c.value)
    assert "www.e" not in line.replace("\\", "") and ":material/" not in line.replace("\\", "")


# Finding 8: a rejected file keeps the accepted upload.


def test_a_rejected_file_keeps_the_accepted_upload():
    at = goto(start({"lang": "en"}), "planner")
    before = at.metric[0].value
    upload(at, "good.csv", rate_file(300, scale=2.0))
    mine = at.metric[0].value
    assert mine != before
    upload(at, "bad.csv", b"category,tier\nadmin,basic\n")
    assert at.error and at.metric[0].value == mine
    assert "good" in all_text(at)


# Finding 4: one refit per session at a time, and a pause between refits.


def test_a_second_refit_waits_for_the_cool_down(monkeypatch):
    at = goto(start({"lang": "hi"}), "planner")
    upload(at, "one.csv", rate_file(300, scale=2.0))
    first = at.metric[0].value
    upload(at, "two.csv", rate_file(300, scale=3.0))
    assert at.metric[0].value == first  # not refitted yet
    waiting = " ".join(w.value for w in at.warning)
    assert t("rates.wait", "hi", seconds=10)[:20] in waiting
    at.session_state["rates.last_fit"] -= COOLDOWN_S  # the pause is over
    next(b for b in at.button if b.label == t("rates.check_now", "hi")).click().run()
    assert at.metric[0].value != first


def test_a_bad_file_is_explained_at_once_even_during_the_pause():
    at = goto(start({"lang": "en"}), "planner")
    upload(at, "one.csv", rate_file(300, scale=2.0))
    upload(at, "bad.csv", b"category,tier\nadmin,basic\n")
    assert at.error and not [w for w in at.warning if "seconds" in w.value]


def test_markdown_table_cells_are_text_on_one_line():
    """ui.tables: a cell's pipes, Markdown, links, icons and line breaks stay literal text, so
    a plan name can neither split a row nor become a link."""
    frame = pd.DataFrame({"name | x": [LINKY + "\n| *b* `c`"], "₹": ["₹1,000"]})
    text = markdown_table(frame, right=(1,))
    header, rule, row = text.splitlines()
    assert header.startswith("| name \\| x |")
    assert rule == "| --- | ---: |"
    assert row.count("|") - row.count("\\|") == 3  # two cells, nothing split
    for pattern in ("www.e", "http://", "@b", ":material"):
        assert pattern not in row.replace("\\", "")
    assert row.replace("\u2060", "").replace("\\", "") == f"| {LINKY} | *b* `c` | ₹1,000 |"


def test_a_saved_plan_name_is_text_in_the_scenario_table():
    at = goto(start({"lang": "en"}), "planner")
    at.text_input(key="planner.scenario_name").set_value("www.a.example")
    next(b for b in at.button if b.label == t("planner.scenario_save", "en")).click().run()
    table = next(m.value for m in at.markdown if m.value.startswith("| "))
    scenarios = [m.value for m in at.markdown if m.value.startswith("| ") and m.value != table]
    assert scenarios and "www.a" not in scenarios[-1].replace("\\", "")
    assert "www" in scenarios[-1]
