"""A coach's cohort: result links read from a chat, an e-mail, a list or a CSV, one row each.

Pure functions, nothing stored: the coach's text goes in, a :class:`Cohort` comes out.

* :func:`read_file` turns an upload (WhatsApp's ``.txt`` export, the ``.zip`` an iPhone or
  "attach media" makes, or a CSV with a link column) into text, or says why it cannot.
* :func:`parse` finds every link in the text. A WhatsApp line ``date, time - Name: message``
  (Android, day-first as in India or month-first as in the US, 12- or 24-hour, am/pm in
  English or Hindi, Devanagari digits) or ``[date, time] Name: message`` (iPhone) gives the
  person's name and the date; a line without one belongs to the message above. Each link is
  checked with ``model.links.decode``; a link that cannot be used (another site, an edited or
  broken link, a version we do not know) becomes a :class:`Problem` naming its line and why.
* One row per person (:class:`Person`): the newest result kept, the same answers sent again
  counted once, older different results listed (``Cohort.older``).
* :func:`summarise` counts kinds and levels and lists who to talk to first, with reasons;
  :func:`to_csv` (formula-safe, as the plans' CSV) and :func:`build_report` (one printable
  page) export it in the coach's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from model import links
from model.earnings import Projection, Row
from model.export import neutralise
from model.fmt import inr
from model.i18n import t
from model.ids import CATEGORIES, QUALITIES, TIERS
from model.planner import FIELDS, Plan, market_label, plan_from
from model.quiz import Assessment, QuestionBank, assess

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

MAX_CHARS = 6_000_000  # characters of text read (a 5 MB chat export of Hindi fits)
MAX_FILE = 1_000_000  # bytes per uploaded file (the server's upload cap, .streamlit/config.toml)
MAX_UNZIPPED = 8_000_000  # bytes read from the chat file inside a .zip
MAX_RESULTS = 1_000  # result links read; more are named once
MAX_NAME = 40  # characters of a person's name kept
MAX_REPORT_ROWS = 20  # rows of the table on the one-page report (the CSV has all)
FAR_ABOVE = 1.0  # a Basic plan "far above": above the P90 of Basic work with the same week
PAGES = ("", "results", "planner", "quiz", "home", "about")  # paths a result link may have
SURE = ("clear", "likely", "close", "none")
# Every kind of problem (a catalog key under ``cohort.problem.``).
PROBLEMS = (
    "empty",
    "no_links",
    "too_long",
    "too_long_zip",
    "too_many",
    "file_too_big",
    "encoding",
    "zip_no_chat",
    "zip_broken",
    "csv_no_link",
    "not_csv",
    "broken",
    "other_site",
    "invite",
    "no_answers",
    "version",
    "some_answers",
)  # "none": not enough answers for a suggestion
Predict = Callable[[Sequence[Row]], list[Projection]]

_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"
# WhatsApp's line header: Android "12/03/24, 10:15 am - Name: text" (also 24-hour, dots or
# dashes in the date, a narrow no-break space before am/pm) and iPhone "[12/03/24, 10:15:32 AM]
# Name: text".
_HEADER = re.compile(
    r"^\s*\[?(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+"
    r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"(?:[\s\u202f\u00a0]*(?P<ampm>[ap]\.?\s?m\.?|पूर्वाह्न|अपराह्न|सुबह|शाम|दोपहर|रात))?"
    r"\s*(?:\]\s*|[-–]\s+)(?P<rest>.*)$",
    re.IGNORECASE,
)
_SENDER = re.compile(r"^(?P<name>[^:]{1,80}?):\s(?P<text>.*)$", re.S)
_NAMED = re.compile(r"^\s*(?P<name>[^:/\n]{1,40}):\s*(?=https?://|www\.)", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}>*_…'\"।"
_STARTS = set("[0123456789")
_SLOTS = {"coach": ".{1,60}?", "person": "(?P<p>[^\n]{1,40}?)", "link": "\\S+"}
_PM = ("p", "अपराह्न", "शाम", "दोपहर", "रात")


@dataclass(frozen=True)
class Problem:
    """Something that could not be used: ``line`` (1-based; 0 for the whole input), a catalog
    key under ``cohort.problem.`` and a short quoted ``detail`` (shown escaped)."""

    line: int
    key: str
    detail: str = ""


@dataclass(frozen=True)
class Found:
    """One result link as found: where, who and when (either may be unknown), and what it says."""

    line: int
    order: int
    name: str
    when: dt.datetime | None
    link: links.LinkState
    result: Assessment
    code: str  # the answers, as the latest link version writes them


@dataclass
class Person:
    """One row of the cohort: a person's newest result, their plan if the link had one."""

    name: str
    when: dt.datetime | None
    line: int
    lang: str | None
    form: str | None
    result: Assessment
    plan: Plan | None
    params: dict[str, str | list[str]]  # the link that reopens the result (validated)
    projected: Projection | None = None
    basic_high: float | None = None  # P90 of Basic work with the same week (for the check)
    copies: int = 1  # the same result sent more than once
    number: int = 0  # "Person 3" for a link without a name

    @property
    def sure(self) -> str:
        """clear, likely, close, or none (not enough answers for a suggestion)."""
        return self.result.certainty if self.result.confident else "none"

    @property
    def weak(self) -> list[str]:
        """The two work habits (qualities) this person chose least, of those measured."""
        measured = [q for q in QUALITIES if self.result.measured.get(q)]
        ordered = sorted(measured, key=lambda q: (self.result.qualities[q], QUALITIES.index(q)))
        return ordered[:2]

    def reasons(self) -> list[tuple[str, dict[str, object]]]:
        """Why to talk to this person first (catalog keys under ``cohort.reason.``)."""
        found: list[tuple[str, dict[str, object]]] = []
        if not self.result.confident:
            found.append((f"cohort.reason.{self.result.status}", {}))
        elif self.result.close_call:
            found.append(
                (
                    "cohort.reason.close",
                    {"first": self.result.category, "second": self.result.runner_up},
                )
            )
        if (
            self.result.tier == "basic"
            and self.projected is not None
            and self.basic_high is not None
            and self.projected.monthly_inr > self.basic_high * FAR_ABOVE
        ):
            found.append(
                (
                    "cohort.reason.far_above",
                    {"plan": self.projected.monthly_inr, "basic": self.basic_high},
                )
            )
        return found


@dataclass
class Cohort:
    """Everything read from one input: rows, older results, problems and counts."""

    people: list[Person] = field(default_factory=list)
    older: list[Person] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: int = 0
    links: int = 0  # result links read (before removing copies)
    copies: int = 0  # the same result of the same person sent again


@dataclass(frozen=True)
class Summary:
    """Counts for the charts and the list of whom to talk to first."""

    kinds: dict[str, int]
    levels: dict[str, int]
    sure: dict[str, int]
    talk_first: list[tuple[Person, list[tuple[str, dict[str, object]]]]]

    @property
    def close_calls(self) -> int:
        """How many people's top two kinds of work are too close to call."""
        return self.sure["close"]


# --- reading files -------------------------------------------------------------------------


def _decode(data: bytes) -> str | None:
    """Bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; None otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _unzip(data: bytes) -> tuple[str, list[Problem]]:
    """The chat inside a WhatsApp ``.zip`` (``_chat.txt`` or the first ``.txt``), read to at
    most ``MAX_UNZIPPED`` bytes whatever the archive claims."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [i for i in archive.infolist()[:1000] if i.filename.lower().endswith(".txt")]
            if not names:
                return "", [Problem(0, "zip_no_chat")]
            names.sort(key=lambda i: (not i.filename.endswith("_chat.txt"), i.filename))
            with archive.open(names[0]) as member:
                raw = member.read(MAX_UNZIPPED + 1)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
        EOFError,
    ):
        return "", [Problem(0, "zip_broken")]
    problems = []
    if len(raw) > MAX_UNZIPPED:
        raw = raw[:MAX_UNZIPPED]
        problems.append(Problem(0, "too_long_zip", f"{MAX_UNZIPPED // 1_000_000}"))
    text = _decode(raw) or raw.decode("utf-8", errors="replace")
    return text, problems


def read_file(name: str, data: bytes) -> tuple[str, list[Problem]]:
    """An uploaded file as text to :func:`parse` (a CSV becomes "name, date - link" lines),
    with problems that concern the whole file."""
    if len(data) > MAX_FILE:
        return "", [Problem(0, "file_too_big", f"{len(data) / 1_000_000:.1f}")]
    if not data.strip():
        return "", [Problem(0, "empty")]
    if data.startswith(b"PK\x03\x04") or name.lower().endswith(".zip"):
        return _unzip(data)
    text = _decode(data)
    if text is None:
        return "", [Problem(0, "encoding")]
    if name.lower().endswith(".csv"):
        return _csv_text(text)
    return text, []


def _column(header: list[str], words: tuple[str, ...]) -> int | None:
    for index, cell in enumerate(header):
        if any(word in cell.strip().lower() for word in words):
            return index
    return None


def _cell(cells: list[str], at: int | None) -> str:
    return cells[at] if at is not None and at < len(cells) else ""


def _csv_text(text: str) -> tuple[str, list[Problem]]:
    """A CSV with a link column, as plain lines :func:`parse` reads: ``date, 00:00 - name:
    link`` where the row has a date, ``name: link`` or the link alone otherwise. Row numbers
    are kept: line N of the result is row N of the file."""
    sample = text[:5000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text[:MAX_CHARS], newline=""), dialect))
    except csv.Error:  # e.g. a NUL byte, or a quote left open
        return "", [Problem(0, "not_csv")]
    if not rows:
        return "", [Problem(0, "empty")]
    header = rows[0]
    link_at = _column(header, ("link", "url", "लिंक"))
    if link_at is None:
        return "", [Problem(1, "csv_no_link")]
    name_at = _column(header, ("name", "नाम"))
    date_at = _column(header, ("date", "तारीख", "दिनांक"))
    lines = [""]  # row 1, the header
    for row in rows[1:]:
        cells = [" ".join(c.split()) for c in row]
        link = _cell(cells, link_at)
        name = _cell(cells, name_at).replace(":", " ")
        date = _cell(cells, date_at)
        if date and name and _HEADER.match(f"{date}, 00:00 - {name}: x"):
            lines.append(f"{date}, 00:00 - {name}: {link}")
        elif name:
            lines.append(f"{name}: {link}")
        else:
            lines.append(link)
    return "\n".join(lines), []


# --- reading text --------------------------------------------------------------------------


@dataclass
class _Message:
    line: int
    name: str
    date: tuple[int, int, int] | None  # as written: three numbers, order decided per input
    minutes: int
    text: str
    more: list[tuple[int, str]] = field(default_factory=list)  # the message's next lines

    def lines(self) -> list[tuple[int, str]]:
        """The message's lines with their numbers in the input."""
        return [(self.line, self.text), *self.more]


def _clean_name(raw: str) -> str:
    """A name from a chat line: printable, one line, at most ``MAX_NAME`` characters."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())
    text = text.strip("~ ")  # WhatsApp marks a number not in the contacts with "~"
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def _minutes(time: str, ampm: str | None) -> int:
    parts = re.split(r"[:.]", time)
    hour, minute = int(parts[0]) % 24, int(parts[1]) % 60
    if ampm:
        word = ampm.lower()
        hour = 0 if hour == 12 else hour
        if word.startswith(_PM) and not (word == "रात" and hour < 4):  # रात 2 बजे is 2 am
            hour += 12
    return hour * 60 + minute


def _messages(text: str) -> list[_Message]:
    """The text as messages: a WhatsApp header starts one; other lines join the one above
    (or stand alone, without a name or date, before any header)."""
    messages: list[_Message] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.translate(_DEVANAGARI_DIGITS)
        for mark in _MARKS:
            line = line.replace(mark, "")
        header = _HEADER.match(line) if line.lstrip()[:1] in _STARTS else None
        if header:
            numbers = tuple(int(p) for p in re.split(r"[./-]", header["date"]))
            rest = header["rest"]
            sender = _SENDER.match(rest)
            messages.append(
                _Message(
                    number,
                    _clean_name(sender["name"]) if sender else "",
                    numbers,  # type: ignore[arg-type]
                    _minutes(header["time"], header["ampm"]),
                    sender["text"] if sender else rest,
                )
            )
        elif named := _NAMED.match(line):  # "Name: link" (a list, a CSV row) names its own
            messages.append(_Message(number, _clean_name(named["name"]), None, 0, line))
        elif messages and messages[-1].date is not None:
            messages[-1].more.append((number, line))  # a message's next line
        else:
            messages.append(_Message(number, "", None, 0, line))
    return messages


def _date_order(dates: Iterable[tuple[int, int, int]]) -> str:
    """ "dmy" (India, most of the world) or "mdy" (the US), from the dates in one input:
    a first number over 12 means day first, a second number over 12 month first; day first
    when nothing tells."""
    month_first = False
    for a, b, _ in dates:
        if a > 12 and a < 32:
            return "dmy"
        if b > 12:
            month_first = True
    return "mdy" if month_first else "dmy"


def _date(numbers: tuple[int, int, int] | None, order: str, minutes: int) -> dt.datetime | None:
    if numbers is None:
        return None
    a, b, c = numbers
    if a > 999:
        year, month, day = a, b, c
    elif order == "mdy":
        month, day, year = a, b, c
    else:
        day, month, year = a, b, c
    if year < 100:
        year += 2000
    try:
        return dt.datetime(year, month, day, minutes // 60, minutes % 60)
    except ValueError:
        return None


def _strip(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _template(lang: str) -> str:
    from model.i18n import load_catalog

    value = load_catalog(lang).get("coach.send_text")
    return value if isinstance(value, str) else ""


def _typed_name(text: str) -> str:
    """The first name a person typed into "Send my result to the coach" (either language)."""
    for lang in ("en", "hi"):
        parts = re.split(r"\{(coach|person|link)\}", _template(lang))
        pattern = "".join(
            _SLOTS[part] if i % 2 else re.escape(part) for i, part in enumerate(parts)
        )
        found = re.search(pattern, text)
        if found:
            return _clean_name(found["p"])
    return ""


def _read_link(
    url: str, line: int, bank: QuestionBank, problems: list[Problem]
) -> links.LinkState | None:
    """A result link's state, or None with a problem saying why it is not one."""
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "")[:60]
        query = parse_qs(parts.query, keep_blank_values=True)
    except ValueError:
        problems.append(Problem(line, "broken", url[:60]))
        return None
    page = parts.path.rstrip("/").rsplit("/", 1)[-1]
    ours = set(query) & links.known_params()
    if page not in PAGES or not ours:
        problems.append(Problem(line, "other_site", host))
        return None
    if links.ANSWERS not in query:
        key = "invite" if links.COACH in query or page in ("", "home", "quiz") else "no_answers"
        problems.append(Problem(line, key, host))
        return None
    state = links.decode(query, bank)
    if links.VERSION in state.ignored:
        problems.append(Problem(line, "version", (query.get(links.VERSION) or ["-"])[0][:10]))
        return None
    if not state.answers:
        problems.append(Problem(line, "no_answers", host))
        return None
    if links.ANSWERS in state.ignored:
        problems.append(Problem(line, "some_answers", host))  # read, with a note
    return state


def _found(text: str, bank: QuestionBank, problems: list[Problem]) -> tuple[list[Found], int]:
    messages = _messages(text)
    order = _date_order(m.date for m in messages if m.date is not None)
    found: list[Found] = []
    cache: dict[tuple[str, str | None], Assessment] = {}
    count = 0
    too_many = False
    for message in messages:
        urls = [(number, _strip(u)) for number, line in message.lines() for u in _URL.findall(line)]
        if not urls:
            continue
        name = message.name or _typed_name("\n".join(text for _, text in message.lines()))
        when = _date(message.date, order, message.minutes)
        for number, url in urls:
            if len(url) > 3000:
                problems.append(Problem(number, "broken", url[:60]))
                continue
            if count >= MAX_RESULTS:
                too_many = True
                break
            state = _read_link(url, number, bank, problems)
            if state is None or state.answers is None:
                continue
            count += 1
            code = links.encode_answers(state.answers)
            key = (code, state.form)
            if key not in cache:
                cache[key] = assess(state.answers, bank, state.form)
            found.append(Found(number, len(found), name, when, state, cache[key], code))
    if too_many:
        problems.append(Problem(0, "too_many", str(MAX_RESULTS)))
    return found, sum(1 + len(m.more) for m in messages)


def _person(item: Found) -> Person:
    state = item.link
    plan = None
    if state.plan:
        values: dict[str, object] = {name: spec.default for name, spec in FIELDS.items()}
        values.update(state.plan)
        plan = plan_from(values)
    params = links.encode(
        lang=state.lang or "en",
        form=state.form,
        answers=state.answers,
        plan=state.plan or None,
        scenarios=state.scenarios,
    )
    if not state.lang:
        params.pop(links.LANG, None)
    return Person(
        item.name, item.when, item.line, state.lang, state.form, item.result, plan, params
    )


def parse(
    text: str, bank: QuestionBank, predict: Predict | None = None, problems: Sequence[Problem] = ()
) -> Cohort:
    """Every result link in ``text``, one row per person (see the module docstring).
    ``predict`` (an earnings model's ``predict_many``) projects the plans; never raises."""
    cohort = Cohort(problems=list(problems))
    if not isinstance(text, str) or not text.strip():
        if not cohort.problems:
            cohort.problems.append(Problem(0, "empty"))
        return cohort
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        cohort.problems.append(Problem(0, "too_long", f"{MAX_CHARS // 1_000_000}"))
    found, cohort.lines = _found(text, bank, cohort.problems)
    cohort.links = len(found)
    groups: dict[str, list[Found]] = {}
    for item in found:
        key = " ".join(item.name.casefold().split()) or f"#{item.code}"
        groups.setdefault(key, []).append(item)
    unnamed = 0
    for items in groups.values():
        items.sort(key=lambda f: (f.when or dt.datetime.min, f.order), reverse=True)
        seen: dict[tuple, Person] = {}
        for index, item in enumerate(items):
            same = (item.code, item.link.form, tuple(sorted(item.link.plan.items())))
            if same in seen:
                seen[same].copies += 1
                cohort.copies += 1
                continue
            person = _person(item)
            seen[same] = person
            (cohort.people if index == 0 else cohort.older).append(person)
        if not items[0].name:
            unnamed += 1
            for person in seen.values():
                person.number = unnamed
    if not found and not any(p.line == 0 for p in cohort.problems):
        cohort.problems.append(Problem(0, "no_links"))
    if predict is not None:
        project(cohort.people + cohort.older, predict)
    cohort.people.sort(key=lambda p: (p.when or dt.datetime.min, -p.line), reverse=True)
    return cohort


def project(people: Sequence[Person], predict: Predict) -> None:
    """Fill each plan's projection, and Basic work's P90 with the same week, in one pass."""
    planned = [p for p in people if p.plan is not None]
    rows: list[Row] = []
    for person in planned:
        plan = person.plan
        assert plan is not None
        rows.append((plan.category, plan.tier, plan.hours, plan.clients, plan.abroad_share))
        rows.append((plan.category, "basic", plan.hours, plan.clients, plan.abroad_share))
    if not rows:
        return
    out = predict(rows)
    for i, person in enumerate(planned):
        person.projected = out[2 * i]
        person.basic_high = out[2 * i + 1].high_inr


# --- summary, filters, sorting -------------------------------------------------------------


def summarise(people: Sequence[Person]) -> Summary:
    """Counts per kind of work (people with a suggestion), per level and per certainty, and
    whom to talk to first: not enough answers, then close calls, then Basic plans far above."""
    kinds = dict.fromkeys(CATEGORIES, 0)
    levels = dict.fromkeys(TIERS, 0)
    sure = dict.fromkeys(SURE, 0)
    talk: list[tuple[Person, list[tuple[str, dict[str, object]]]]] = []
    for person in people:
        if person.result.confident:
            kinds[person.result.category] += 1
        levels[person.result.tier] += 1
        sure[person.sure] += 1
        reasons = person.reasons()
        if reasons:
            talk.append((person, reasons))
    rank = {"none": 0, "close": 1}
    talk.sort(key=lambda pr: (rank.get(pr[0].sure, 2), pr[0].name.casefold()))
    return Summary(kinds, levels, sure, talk)


def keep(
    people: Sequence[Person],
    kinds: Iterable[str] = (),
    levels: Iterable[str] = (),
    sure: Iterable[str] = (),
) -> list[Person]:
    """The people whose kind, level and certainty are among those chosen (none chosen: all).
    A person without a suggestion has no kind: kept only when no kind is chosen."""
    kinds, levels, sure = set(kinds), set(levels), set(sure)
    return [
        p
        for p in people
        if (not kinds or (p.result.confident and p.result.category in kinds))
        and (not levels or p.result.tier in levels)
        and (not sure or p.sure in sure)
    ]


COLUMNS = (
    "name",
    "date",
    "lang",
    "form",
    "kind",
    "sure",
    "level",
    "habits",
    "hours",
    "clients",
    "market",
    "projected",
    "link",
)
SORTABLE = COLUMNS[:-1]


def display_name(person: Person, lang: str) -> str:
    """The person's name, or "Person N" for a link without one."""
    return person.name or t("cohort.unnamed", lang, number=person.number or 1)


def _sort_key(person: Person, column: str, lang: str) -> tuple:
    missing = (1,)  # blanks last in either direction is not needed: they sort as lowest
    if column == "date":
        return (person.when or dt.datetime.min,)
    if column == "kind":
        return (person.result.confident, CATEGORIES.index(person.result.category))
    if column == "sure":
        return (SURE.index(person.sure),)
    if column == "level":
        return (TIERS.index(person.result.tier),)
    if column in ("hours", "clients"):
        return (getattr(person.plan, column),) if person.plan else (-1,)
    if column == "market":
        return (person.plan.abroad_pct,) if person.plan else (-1.0,)
    if column == "projected":
        return (person.projected.monthly_inr,) if person.projected else (-1.0,)
    if column == "habits":
        return tuple(QUALITIES.index(q) for q in person.weak) or missing
    if column == "lang":
        return (person.lang or "",)
    if column == "form":
        return (person.form or "",)
    return (display_name(person, lang).casefold(),)


def sort(
    people: Sequence[Person], column: str, lang: str, descending: bool = False
) -> list[Person]:
    """``people`` sorted by a column of :data:`COLUMNS` (ties keep their order)."""
    if column not in SORTABLE:
        column = "name"
    return sorted(people, key=lambda p: _sort_key(p, column, lang), reverse=descending)


# --- rows as text --------------------------------------------------------------------------


def sure_text(person: Person, lang: str) -> str:
    """How sure, in words, with the runner-up on a close call."""
    if person.sure == "close":
        return t(
            "cohort.sure_close",
            lang,
            second=t(f"cat.{person.result.runner_up}.name", lang),
        )
    return t(f"cohort.sure.{person.sure}", lang)


def cells(person: Person, lang: str, root: str = "") -> dict[str, object]:
    """One row's cells by column id, in ``lang`` (numbers stay numbers; blanks are "")."""
    r = person.result
    plan, projected = person.plan, person.projected
    return {
        "name": display_name(person, lang),
        "date": person.when.date().isoformat() if person.when else "",
        "lang": t(f"lang.{person.lang}", person.lang) if person.lang else "",
        "form": t(f"cohort.form.{person.form}", lang) if person.form else "",
        "kind": t(f"cat.{r.category}.name", lang) if r.confident else "",
        "sure": sure_text(person, lang),
        "level": t(f"tier.{r.tier}.name", lang),
        "habits": ", ".join(t(f"quality.{q}.name", lang) for q in person.weak),
        "hours": plan.hours if plan else "",
        "clients": plan.clients if plan else "",
        "market": market_label(plan.abroad_pct, lang) if plan else "",
        "projected": round(projected.monthly_inr) if projected else "",
        "link": result_link(person, root),
    }


def result_link(person: Person, root: str = "") -> str:
    """The link that opens this person's results (rebuilt from the checked parameters)."""
    return f"{root}/results?{links.query_string(person.params)}"


def to_csv(people: Sequence[Person], lang: str, root: str = "") -> bytes:
    """The table as CSV, headings in ``lang``, formula-safe (``model.export.neutralise``),
    UTF-8 with a BOM for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([neutralise(t(f"cohort.col.{c}", lang)) for c in COLUMNS])
    for person in people:
        row = cells(person, lang, root)
        writer.writerow([neutralise(row[c]) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def reason_text(key: str, params: dict[str, object], lang: str) -> str:
    """One reason to talk to someone first, in words."""
    words: dict[str, object] = {}
    for name, value in params.items():
        if name in ("first", "second"):
            words[name] = t(f"cat.{value}.name", lang)
        elif isinstance(value, float):
            words[name] = inr(value, lang)
        else:
            words[name] = value
    return t(key, lang, **words)


def problem_text(problem: Problem, lang: str) -> str:
    """A problem as one line in ``lang`` (its detail is the caller's to escape)."""
    text = t(f"cohort.problem.{problem.key}", lang, detail=problem.detail)
    return t("cohort.problem_line", lang, line=problem.line, text=text) if problem.line else text


# --- the printable report ------------------------------------------------------------------


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def build_report(
    *,
    lang: str,
    people: Sequence[Person],
    today: dt.date,
    coach: str | None = None,
    problems: int = 0,
) -> str:
    """The cohort on one printable page (HTML, UTF-8, no script), in the coach's ``lang``:
    counts, whom to talk to first, and the first :data:`MAX_REPORT_ROWS` rows."""
    from model.report import STYLE  # the person's report's look

    summary = summarise(people)
    head = (
        f"<div class='top'><h1>{_e(t('cohort.report_title', lang))}</h1>"
        f"<span class='muted'>{_e(t('report.date', lang, date=today.strftime('%d-%m-%Y')))}"
        "</span></div>"
    )
    if coach:
        head += f"<p>{_e(t('cohort.report_coach', lang, coach=coach))}</p>"
    head += f"<p>{_e(t('cohort.count', lang, count=len(people)))}"
    if problems:
        head += f" · {_e(t('cohort.problems_count', lang, count=problems))}"
    head += "</p>"

    def counts(title: str, items: dict[str, int], label: Callable[[str], str]) -> str:
        rows = "".join(
            f"<tr><td>{_e(label(k))}</td><td class='num'>{v}</td></tr>"
            for k, v in items.items()
            if v
        )
        return f"<div><h2>{_e(title)}</h2><table>{rows}</table></div>"

    cols = (
        "<div class='cols'>"
        + counts(t("cohort.by_kind", lang), summary.kinds, lambda k: t(f"cat.{k}.name", lang))
        + counts(t("cohort.by_level", lang), summary.levels, lambda k: t(f"tier.{k}.name", lang))
        + "</div>"
    )
    sure = " · ".join(
        f"{_e(t(f'cohort.sure.{k}', lang))}: {v}" for k, v in summary.sure.items() if v
    )
    talk = "".join(
        f"<li><b>{_e(display_name(p, lang))}</b>: "
        + _e("; ".join(reason_text(k, v, lang) for k, v in reasons))
        + "</li>"
        for p, reasons in summary.talk_first[:12]
    )
    talk_html = f"<h2>{_e(t('cohort.talk_heading', lang))}</h2>" + (
        f"<ul>{talk}</ul>" if talk else f"<p>{_e(t('cohort.talk_none', lang))}</p>"
    )
    shown = ("name", "date", "kind", "sure", "level", "hours", "projected")
    header = "".join(f"<th>{_e(t(f'cohort.col.{c}', lang))}</th>" for c in shown)
    body = ""
    for person in people[:MAX_REPORT_ROWS]:
        row = cells(person, lang)
        if isinstance(row["projected"], int):
            row["projected"] = inr(row["projected"], lang)
        body += "<tr>" + "".join(f"<td>{_e(row[c])}</td>" for c in shown) + "</tr>"
    more = len(people) - MAX_REPORT_ROWS
    table = f"<h2>{_e(t('cohort.table_heading', lang))}</h2><table><tr>{header}</tr>{body}</table>"
    if more > 0:
        table += f"<p class='muted'>{_e(t('cohort.report_more', lang, count=more))}</p>"
    body_html = (
        head
        + cols
        + f"<p>{sure}</p>"
        + talk_html
        + table
        + f"<p class='muted'>{_e(t('cohort.stored_nothing', lang))}</p>"
    )
    return (
        f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(t('cohort.report_title', lang))}</title><style>{STYLE}</style></head>"
        f"<body>{body_html}</body></html>"
    )


def count_bars(labels: list[str], counts: list[int], title: str) -> Figure:
    """A bar chart of how many people per label, drawn like the planner's charts."""
    from model.charts import FONT, PRIMARY, _figure, _plain_layout

    top = max([*counts, 1])
    layout = _plain_layout(
        80 + 34 * len(labels),
        title,
        "",
        {"automargin": True, "autorange": "reversed"},
        xaxis={"range": [0, top * 1.2], "dtick": max(1, round(top / 5))},
    )
    layout["margin"] = {"l": 8, "r": 8, "t": 8, "b": 40}
    layout["hovermode"] = False
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "x": counts,
            "y": labels,
            "marker": {"color": PRIMARY},
            "text": [str(c) for c in counts],
            "textposition": "outside",
            "cliponaxis": False,
        }
    ]
    layout["font"] = {"family": FONT, "size": 13}
    return _figure(data, layout)
