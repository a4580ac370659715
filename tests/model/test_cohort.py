"""A coach's cohort: WhatsApp exports in both date styles and both languages, CSVs, zips,
pasted lists, bad rows, duplicates, the summary and the exports; hostile text never raises."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import cohort, links
from model.i18n import load_catalog, t
from model.quiz import assess, load_bank
from tests.pages.helpers import honest_answers, undecided_answers

BANK = load_bank()
HOST = "https://sahayak.example.in"
NNBSP = "\u202f"  # Android puts a narrow no-break space before am/pm


def link(
    category: str = "design",
    form: str = "short",
    lang: str = "hi",
    plan: dict | None = None,
    answers: dict | None = None,
    coach: bool = True,
) -> str:
    """A result link as the app writes it (a coach's link carried on)."""
    params = links.encode(
        lang=lang,
        form=form,
        answers=answers if answers is not None else honest_answers(category, form),
        plan=plan,
        coach="Asha Verma" if coach else None,
        coach_wa="919876543210" if coach else None,
    )
    return f"{HOST}/results?{links.query_string(params)}"


ENCRYPTED = (
    "Messages and calls are end-to-end encrypted. Only people in this chat can read, listen to,"
    " or share them. Learn more."
)
INVITE = f"{HOST}/?coach=Asha+Verma&cwa=919876543210&lang=hi"
RAVI_PLAN = {"category": "writing", "tier": "basic", "hours": 20, "clients": 2}
# An Android export from a phone set to English (India): day first, 12-hour clock.
ANDROID_IN = f"""12/03/24, 10:15{NNBSP}am - {ENCRYPTED}
12/03/24, 10:16{NNBSP}am - Asha Verma created group "VA batch March"
12/03/24, 10:17{NNBSP}am - Asha Verma: Please take the quiz and send me your result 🙏 {INVITE}
13/03/24, 9:05{NNBSP}pm - Priya Sharma: Done! here it is
{link("design")}
13/03/24, 9:06{NNBSP}pm - Priya Sharma: {link("design")}
13/03/24, 9:30{NNBSP}pm - Ravi Kumar: <Media omitted>
14/03/24, 11:02{NNBSP}am - Ravi Kumar: my result ({link("writing", plan=RAVI_PLAN)}).
14/03/24, 11:05{NNBSP}am - +91 98111 22233: {link("admin", "full")}
15/03/24, 8:00{NNBSP}pm - Ravi Kumar: This message was deleted
16/03/24, 7:45{NNBSP}am - Priya Sharma: redid the full one {link("programming", "full")}
"""

# An Android export from a US phone: month first (3/14), upper-case AM/PM.
ANDROID_US = f"""3/12/24, 10:15 AM - Asha Verma: Links please
3/13/24, 9:05 PM - Priya Sharma: {link("design", lang="en")}
3/14/24, 11:02 AM - Ravi Kumar: {link("writing", lang="en")}
"""

# An iPhone export (the _chat.txt inside WhatsApp's .zip): brackets, seconds, marks.
IPHONE = f"""[12/03/24, 10:15:02 AM] Asha Verma: \u200eMessages and calls are end-to-end encrypted.
[13/03/24, 9:05:44 PM] Priya Sharma: {link("design")}
\u200e[14/03/24, 11:02:10 AM] Ravi Kumar: \u200e{link("writing")}
"""

# A chat in Hindi: Hindi names and messages, am/pm in Hindi, Devanagari digits in the dates.
HINDI = f"""१२/०३/२४, १०:१५ पूर्वाह्न - आशा दीदी: सभी लोग क्विज़ करके नतीजा भेजें
१३/०३/२४, ९:०५ अपराह्न - प्रिया: नमस्ते आशा दीदी, मैं प्रिया हूँ। सहायक पर मेरा नतीजा: {link("design")}
14/03/2024, 11:02 अपराह्न - रवि कुमार: {link("writing")}
14/03/2024, 11:10 अपराह्न - रवि कुमार: यह देखो https://www.youtube.com/watch?v=abc
"""

# German and other exports: dots in the date and a 24-hour clock.
DOTS = f"""14.03.24, 21:05 - Priya Sharma: {link("design")}
15.03.24, 08:10 - Ravi Kumar: {link("writing")}
"""


def parse(text: str, model=None) -> cohort.Cohort:
    return cohort.parse(text, BANK, model.predict_many if model else None)


def by_name(found: cohort.Cohort) -> dict[str, cohort.Person]:
    return {p.name: p for p in found.people}


def test_an_indian_android_export_gives_one_row_per_person_with_name_and_date(model):
    found = parse(ANDROID_IN, model)
    people = by_name(found)
    assert set(people) == {"Priya Sharma", "Ravi Kumar", "+91 98111 22233"}
    priya = people["Priya Sharma"]
    assert priya.result.category == "programming" and priya.form == "full"  # the newest
    assert priya.when == dt.datetime(2024, 3, 16, 7, 45)
    assert people["Ravi Kumar"].when == dt.datetime(2024, 3, 14, 11, 2)
    # the link on the line after "Done! here it is" and the same link again: counted once
    assert found.copies == 1 and found.links == 5
    assert [(p.name, p.result.category) for p in found.older] == [("Priya Sharma", "design")]
    ravi = people["Ravi Kumar"]  # "(link)." : the brackets and the full stop are not the link
    assert ravi.result.category == "writing" and ravi.plan is not None
    assert ravi.plan.hours == 20 and ravi.projected is not None
    # the coach's own invitation link is named, not counted
    assert [p.key for p in found.problems] == ["invite"] and found.problems[0].line == 3
    # newest first
    assert next(p.name for p in found.people) == "Priya Sharma"


def test_a_us_export_is_read_month_first():
    people = by_name(parse(ANDROID_US))
    assert people["Ravi Kumar"].when == dt.datetime(2024, 3, 14, 11, 2)
    assert people["Priya Sharma"].when == dt.datetime(2024, 3, 13, 21, 5)
    assert people["Priya Sharma"].lang == "en"


def test_an_iphone_export_with_brackets_and_marks():
    people = by_name(parse(IPHONE))
    assert set(people) == {"Priya Sharma", "Ravi Kumar"}
    assert people["Ravi Kumar"].when == dt.datetime(2024, 3, 14, 11, 2)


def test_a_hindi_chat_with_hindi_names_am_pm_and_digits():
    found = parse(HINDI)
    people = by_name(found)
    assert set(people) == {"प्रिया", "रवि कुमार"}
    assert people["प्रिया"].when == dt.datetime(2024, 3, 13, 21, 5)
    assert people["रवि कुमार"].when == dt.datetime(2024, 3, 14, 23, 2)
    assert people["प्रिया"].result.category == "design"
    assert [(p.key, p.line, p.detail) for p in found.problems] == [
        ("other_site", 4, "www.youtube.com")
    ]


def test_dots_and_a_24_hour_clock():
    people = by_name(parse(DOTS))
    assert people["Priya Sharma"].when == dt.datetime(2024, 3, 14, 21, 5)


def test_a_pasted_list_without_names_numbers_people_and_reads_a_typed_name():
    text = "\n".join(
        [
            link("design"),
            link("writing"),
            link("design"),  # the same answers again, no name: the same person, once
            "Hello Asha Verma, this is Meena. My result on Sahayak: " + link("finance"),
        ]
    )
    found = parse(text)
    names = sorted(cohort.display_name(p, "en") for p in found.people)
    assert names == ["Meena", "Person 1", "Person 2"] and found.copies == 1


def test_each_bad_link_gets_its_own_line_and_the_rest_still_shows():
    good = link("design")
    edited = re.sub(r"a=([^&]+)", lambda m: "a=" + m[1][:-6], good)  # cut short
    swapped = good.replace("a=", "a=9x")
    text = "\n".join(
        [
            f"1/4/24, 10:00 - A: {good}",
            f"1/4/24, 10:01 - B: {HOST}/results?v=99&a=1111",  # a version we don't know
            f"1/4/24, 10:02 - C: {edited}",  # read, with a note
            "1/4/24, 10:03 - D: https://example.com/page?x=1",  # another site
            f"1/4/24, 10:04 - E: {HOST}/results?lang=hi",  # ours, no answers
            f"1/4/24, 10:05 - F: {swapped}",
            f"1/4/24, 10:06 - G: {HOST}/results?v=1&a=5131111411111121444113333333333333333333",
            "1/4/24, 10:07 - H: https://[::1/results?a=1",  # not a URL at all
        ]
    )
    found = parse(text)
    lines = {(p.line, p.key) for p in found.problems}
    assert {(2, "version"), (3, "some_answers"), (4, "other_site"), (5, "no_answers")} <= lines
    assert (6, "some_answers") in lines and (8, "broken") in lines
    assert {p.name for p in found.people} == {"A", "C", "F", "G"}
    old = by_name(found)["G"]  # a real version-1 link still reads
    assert old.result.version == 1 and old.result.category == "writing"
    for problem in found.problems:
        for lang in ("en", "hi"):
            text = cohort.problem_text(problem, lang)
            assert "cohort." not in text and (f"{problem.line}" in text)


def test_an_empty_paste_and_text_without_links_say_so():
    assert [p.key for p in parse("").problems] == ["empty"]
    assert [p.key for p in parse("   \n ").problems] == ["empty"]
    assert [p.key for p in parse("hello\nno links here").problems] == ["no_links"]


def test_reasons_to_talk_first(model):
    close = undecided_answers("short", everything=True)
    basic_big = link(
        "writing",
        plan={"category": "writing", "tier": "expert", "hours": 40, "clients": 8},
        answers={**honest_answers("writing", "short"), **_basic_level()},
    )
    text = "\n".join(
        [
            f"1/4/24, 10:00 - Close: {link(answers=close)}",
            f"1/4/24, 10:01 - Empty: {link(answers={'about_now': 'job'})}",
            f"1/4/24, 10:02 - Big: {basic_big}",
            f"1/4/24, 10:03 - Fine: {link('design')}",
        ]
    )
    found = parse(text, model)
    summary = cohort.summarise(found.people)
    reasons = {p.name: [k for k, _ in r] for p, r in summary.talk_first}
    assert reasons["Empty"] == ["cohort.reason.too_few"]
    assert reasons["Big"] == ["cohort.reason.far_above"]
    assert "Fine" not in reasons
    assert assess(close, BANK, "short").close_call
    assert reasons["Close"] == ["cohort.reason.close"] and summary.close_calls == 1
    close_row = cohort.cells(by_name(found)["Close"], "en")
    assert close_row["sure"].startswith("Close call (next: ")
    names = [p.name for p, _ in summary.talk_first]
    assert names[0] == "Empty"  # not enough answers first
    for _person, items in summary.talk_first:
        for key, params in items:
            for lang in ("en", "hi"):
                text = cohort.reason_text(key, params, lang)
                assert "{" not in text and "cohort." not in text
    assert sum(summary.levels.values()) == 4 and sum(summary.kinds.values()) == 3


def _basic_level() -> dict[str, str]:
    """Experience answers that put a person at the Basic level (the first option each)."""
    return {q.id: q.options[0].id for q in BANK.questions("short") if q.kind == "tier"}


def test_filters_and_sorting_by_every_column(model):
    found = parse(ANDROID_IN + DOTS.replace("Priya", "Pia").replace("Ravi", "Rao"), model)
    people = found.people
    assert {p.result.category for p in cohort.keep(people, kinds=["writing"])} == {"writing"}
    assert all(p.result.tier == "specialist" for p in cohort.keep(people, levels=["specialist"]))
    assert cohort.keep(people, sure=["none"]) == [p for p in people if p.sure == "none"]
    for column in cohort.SORTABLE:
        up = cohort.sort(people, column, "hi")
        down = cohort.sort(people, column, "hi", descending=True)
        assert len(up) == len(down) == len(people)
    names = [p.name for p in cohort.sort(people, "name", "en")]
    assert names == sorted(names, key=str.casefold)
    dates = [p.when for p in cohort.sort(people, "date", "en", descending=True)]
    assert dates == sorted(dates, reverse=True)


def test_csv_is_formula_safe_and_in_the_coachs_language():
    text = "\n".join(
        [
            f'1/4/24, 10:00 - =HYPERLINK("evil.example";"x"): {link("design")}',
            f"1/4/24, 10:01 - @SUM(1+1)|cmd: {link('writing')}",
        ]
    )
    people = parse(text).people
    data = cohort.to_csv(people, "hi").decode("utf-8-sig")
    assert data.splitlines()[0].startswith('"नाम","तारीख"')
    assert "'=HYPERLINK" in data and "'@SUM" in data
    assert '"=' not in data and '"@' not in data


def test_report_is_one_escaped_page_in_the_coachs_language(model):
    text = f"1/4/24, 10:00 - <script>alert(1)</script>: {link('design')}\n" + ANDROID_IN
    people = parse(text, model).people
    html = cohort.build_report(
        lang="hi", people=people, today=dt.date(2024, 4, 2), coach="आशा दीदी", problems=1
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'lang="hi"' in html and "कोच: आशा दीदी" in html and "02-04-2024" in html
    assert load_catalog("hi")["cohort.report_title"] in html
    many = cohort.build_report(lang="en", people=people * 10, today=dt.date(2024, 4, 2))
    assert many.count("<tr>") <= cohort.MAX_REPORT_ROWS + 1 + 10  # table + count tables
    assert "more people: see the CSV" in many


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_files_txt_zip_csv_and_their_problems():
    text, problems = cohort.read_file("WhatsApp Chat with VA batch.txt", HINDI.encode())
    assert problems == [] and len(parse(text).people) == 2
    data = _zip({"_chat.txt": IPHONE.encode(), "photo.jpg": b"\xff\xd8"})
    text, problems = cohort.read_file("WhatsApp Chat - VA batch.zip", data)
    assert problems == [] and len(parse(text).people) == 2
    # a 5 MB chat zips far under the 1 MB upload cap; more than 8 MB inside is cut, not read
    big = (ANDROID_IN * 4000).encode()
    assert len(big) > 5_000_000
    text, problems = cohort.read_file("chat.zip", _zip({"_chat.txt": big}))
    assert problems == [] and len(text.encode()) == len(big)
    bomb = _zip({"_chat.txt": b"a" * 9_000_000})
    assert len(bomb) < 100_000
    text, problems = cohort.read_file("chat.zip", bomb)
    assert [p.key for p in problems] == ["too_long_zip"] and len(text) == cohort.MAX_UNZIPPED
    assert cohort.read_file("x.zip", b"PK\x03\x04broken")[1][0].key == "zip_broken"
    assert cohort.read_file("x.zip", _zip({"a.jpg": b"x"}))[1][0].key == "zip_no_chat"
    assert cohort.read_file("x.txt", b"\xff\x00\xfe" * 10)[1][0].key == "encoding"
    assert cohort.read_file("x.txt", b"")[1][0].key == "empty"
    assert cohort.read_file("x.txt", b"a" * 1_000_001)[1][0].key == "file_too_big"
    utf16 = HINDI.encode("utf-16")
    assert len(parse(cohort.read_file("x.txt", utf16)[0]).people) == 2


def test_a_csv_with_link_name_and_date_columns():
    rows = [
        "Name;Date;Result link",
        f"Priya;13/03/2024;{link('design')}",
        f"Ravi;;{link('writing')}",
        f";;{link('admin')}",
        "Meena;14/03/2024;not a link",
    ]
    text, problems = cohort.read_file("group.csv", "\n".join(rows).encode("utf-8-sig"))
    found = parse(text)
    people = by_name(found)
    assert problems == [] and set(people) == {"Priya", "Ravi", ""}
    assert people["Priya"].when == dt.datetime(2024, 3, 13) and people["Priya"].line == 2
    assert cohort.read_file("x.csv", b"name,date\nA,B\n")[1][0].key == "csv_no_link"


def test_ten_thousand_lines_and_five_megabytes_read(model):
    filler = f"13/03/24, 9:05{NNBSP}pm - Someone: नमस्ते, कैसे हैं सब? " + "x" * 60
    lines = [filler] * 10_000
    for i in range(300):
        lines[i * 33] = (
            f"13/03/24, 9:{i % 60:02d}{NNBSP}pm - Person {i}: {link(answers=_varied(i))}"
        )
    text = "\n".join(lines)
    found = parse(text, model)
    assert found.lines == 10_000 and len(found.people) == 300 and not found.problems
    huge = text * 6  # over 6 million characters: cut, with a line saying so
    assert len(huge) > cohort.MAX_CHARS
    found = parse(huge)
    assert {"too_long", "too_many"} <= {p.key for p in found.problems}
    assert len(found.people) >= 300 and found.links == cohort.MAX_RESULTS


def _varied(i: int) -> dict[str, str]:
    """Someone's short-form answers, different for each ``i``."""
    questions = BANK.questions("short")
    return {q.id: q.options[(i // (k + 1)) % len(q.options)].id for k, q in enumerate(questions)}


def test_more_than_the_limit_of_results_is_named():
    text = "\n".join(f"{i}: {link('design')}" for i in range(cohort.MAX_RESULTS + 5))
    found = parse(text)
    assert found.links == cohort.MAX_RESULTS and "too_many" in [p.key for p in found.problems]


def test_the_coach_link_parameters_are_checked():
    assert links.clean_coach("  Asha   Verma ") == "Asha Verma"
    assert links.clean_coach("आशा दीदी") == "आशा दीदी"
    assert links.clean_coach("O'Brien-Smith Jr.") == "O'Brien-Smith Jr."
    for bad in ("", "   ", "<b>x</b>", "Asha1", "x" * 41, "[a](javascript:1)", "a\u202eb", "..."):
        assert links.clean_coach(bad) is None, bad
    assert links.clean_phone("+91 98765-43210") == "919876543210"
    for bad in ("", "12345", "0919876543210", "९१९८७६५४३२१०", "91987654321012345", "91x876543210"):
        assert links.clean_phone(bad) is None, bad
    state = links.decode({"coach": "Asha", "cwa": "919876543210"}, BANK)
    assert (state.coach, state.coach_wa, state.ignored) == ("Asha", "919876543210", [])
    state = links.decode({"coach": "<i>", "cwa": "919876543210"}, BANK)
    assert state.coach is None and state.coach_wa is None
    assert state.ignored == ["coach", "cwa"]
    params = links.encode(lang="hi", coach="आशा", coach_wa="919876543210", answers={"x": "y"})
    assert params["coach"] == "आशा" and params["cwa"] == "919876543210"
    assert "cwa" not in links.encode(lang="hi", coach=None, coach_wa="919876543210")
    for key in ("notice.link.coach", "notice.link.cwa"):
        assert key in load_catalog("en") and key in load_catalog("hi")


def test_every_key_the_cohort_uses_is_in_both_catalogs():
    en, hi = load_catalog("en"), load_catalog("hi")
    keys = [f"cohort.problem.{k}" for k in _problem_keys()]
    keys += [f"cohort.col.{c}" for c in cohort.COLUMNS] + [f"cohort.sure.{s}" for s in cohort.SURE]
    keys += [f"cohort.reason.{r}" for r in ("close", "empty", "uniform", "too_few", "flat")]
    for key in [*keys, "cohort.reason.far_above", "coach.send_text", "coach.send_text_anon"]:
        assert key in en and key in hi, key


def _problem_keys() -> set[str]:
    """Every problem key: the listed ones, and each one the source names is listed."""
    with open(cohort.__file__, encoding="utf-8") as file:
        source = file.read()
    assert set(re.findall(r'Problem\([^,]+, "([a-z_]+)"', source)) <= set(cohort.PROBLEMS)
    return set(cohort.PROBLEMS)


_LINKISH = st.sampled_from(
    [
        link("design"),
        link("writing", form="full"),
        f"{HOST}/results?v=4&a=",
        f"{HOST}/results?a=%ZZ&v=4",
        "https://",
        "www.",
        "http://[",
        f"{HOST}/?coach=%00",
    ]
)
_HEADERS = st.sampled_from(
    ["", "13/03/24, 9:05 pm - ", "[99/99/99, 99:99:99 PM] ", "1.1.1, 1:11 - "]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(_HEADERS, st.text(max_size=40), _LINKISH, st.text(max_size=20)),
        max_size=12,
    )
)
def test_hostile_text_never_raises_and_every_line_has_words(parts):
    text = "\n".join(f"{h}{a}: {b}{c}" for h, a, b, c in parts)
    found = parse(text)
    for problem in found.problems:
        assert problem.key in _problem_keys()
        assert "cohort.problem" not in cohort.problem_text(problem, "hi")
    for person in found.people:
        assert len(person.name) <= cohort.MAX_NAME
        assert cohort.result_link(person).startswith("/results?")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "b.csv", "c.zip", "d"]))
def test_any_uploaded_bytes_give_text_or_a_problem(data, name):
    text, problems = cohort.read_file(name, data)
    assert isinstance(text, str)
    parse(text)
    assert all(p.key in _problem_keys() for p in problems)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_typed_name_is_read_back_in_either_language(lang):
    message = t("coach.send_text", lang, coach="Asha Verma", person="Meena K", link=link())
    found = parse(message)
    assert [p.name for p in found.people] == ["Meena K"]


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_persons_report_names_the_coach(model, lang):
    from model.planner import Plan, net_view
    from model.report import PlanPart, build_report

    plan = Plan("writing", "specialist", 25, 3)
    projection = model.predict(plan.category, plan.tier, plan.hours, plan.clients)
    common = {
        "lang": lang,
        "result": assess(honest_answers("writing", "short"), BANK, "short"),
        "bank": BANK,
        "plan": PlanPart("writing", "specialist", 25, 3, projection, net_view(projection, plan)),
        "scenarios": [],
        "method": "-",
        "today": dt.date(2026, 12, 4),
    }
    html = build_report(**common, coach="आशा दीदी")
    assert t("coach.report_line", lang, coach="आशा दीदी") in html
    assert "coach" not in build_report(**common).lower().replace("coach.", "")
