"""Share links: a result or a plan as short, plain, versioned query parameters.

A link carries everything a coach and their client need to see the same screen,
and nothing is stored on the server. The parameters:

``v``     link version (see ``data/links.toml``), needed to read ``a``
``lang``  ``en`` or ``hi``;  ``form``: ``short`` or ``full``
``a``     the answers: one character per question of that version, in the order
          of ``data/links.toml`` ("-" = not answered, "1" = first option, ...)
``cat``, ``tier``, ``h``, ``n``, ...  planner inputs (``model.planner.FIELDS``),
          written only when they differ from the defaults; ``mkt`` (``india``, ``abroad``
          or ``mix``) and ``abr`` (the share of work abroad in a mix) since version 3: a
          link without them reads as clients in India
``p``     where the person is in the quiz: the part of the short or full form, or the question
          they went back to on the adaptive form (1-based; the address bar carries it, so a
          reload reopens the same part; share links leave it out)
``coach`` a coach's name (``clean_coach``: letters, spaces and . ' - only, up to 40 characters),
          ``cwa`` the coach's WhatsApp number (``clean_phone``: 8 to 15 ASCII digits with the
          country code; read only with a valid ``coach``). A coach's link sends them; every link
          the person makes afterwards carries them on
``s``     a saved scenario, repeatable:
          ``category~tier~hours~clients~fee%~expenses~set-aside%~weeks-off~abroad%~name``
          (version 3; versions 1 and 2, and links without ``v``, have no ``abroad%`` cell and
          read as India; the name is left out when it is the default "Plan 2")

:func:`decode` never raises: each part is checked on its own, what fits is used
and the ids of what does not are listed in ``LinkState.ignored``. Unknown
parameters (a messenger's tracking tags, say) are ignored without comment.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

from model.i18n import normalize_lang
from model.ids import FORMS
from model.planner import FIELDS, MAX_SCENARIOS, Plan, clean_name
from model.quiz import QuestionBank, clean_answers

T = TypeVar("T")
CODES_PATH = Path(__file__).resolve().parent.parent / "data" / "links.toml"
VERSION, LANG, FORM, ANSWERS, SCENARIO, PART = "v", "lang", "form", "a", "s", "p"
COACH, COACH_WA = "coach", "cwa"
MAX_COACH = 40  # characters of a coach's name
MAX_PART = 99  # far more parts or questions than any form has
UNANSWERED = "-"
_DIGITS = "0123456789"  # ASCII only: str.isdigit() also accepts "²"
_SEP = "~"
_SCENARIO_FIELDS_V2 = (
    "category",
    "tier",
    "hours",
    "clients",
    "fee_pct",
    "expenses",
    "set_aside",
    "weeks_off",
)
_SCENARIO_FIELDS = (*_SCENARIO_FIELDS_V2, "abroad_pct")  # version 3 on
_MARKET_SINCE = 3  # the first link version that carries where the clients are
# Written even at their defaults: the planner starts each person where their answers put them
# (model.planner.starting_plan), so a default left out would reopen as that start instead.
_ALWAYS = ("category", "tier", "hours", "clients")
MAX_PARAM = 400  # longer values are not from us: ignored unread
# Catalog key (under ``notice.link.``) naming each kind of dropped part in a notice.
_NOTICE_PARTS = {
    ANSWERS: "answers",
    VERSION: "v",
    SCENARIO: "s",
    PART: "p",
    COACH: "coach",
    COACH_WA: "cwa",
}


@dataclass(frozen=True)
class AnswerCodes:
    """One link version's answer table: question ids in order, each with its option ids."""

    version: int
    questions: tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=1)
def _codes_file() -> tuple[int, dict[int, AnswerCodes]]:
    """``data/links.toml``, read once: the latest version and every version's answer table."""
    raw = tomllib.loads(CODES_PATH.read_text(encoding="utf-8"))
    versions = {}
    for key, table in raw.items():
        if key.startswith("v") and key[1:].isdigit() and isinstance(table, dict):
            version = int(key[1:])
            versions[version] = AnswerCodes(
                version, tuple((q, tuple(options)) for q, options in table.items())
            )
    return int(raw["latest"]), versions


def answer_codes() -> dict[int, AnswerCodes]:
    """Every link version's answer table, from ``data/links.toml``."""
    return _codes_file()[1]


def latest_version() -> int:
    """The version new links are written with."""
    return _codes_file()[0]


@dataclass
class LinkState:
    """What a link asked for, already checked. ``None`` / empty means "not in the link"."""

    lang: str | None = None
    form: str | None = None
    answers: dict[str, str] | None = None
    plan: dict[str, object] = field(default_factory=dict)
    scenarios: list[tuple[str, Plan]] = field(default_factory=list)
    part: int | None = None  # 0-based place in the quiz (``p`` is 1-based)
    coach: str | None = None  # a coach's name (``coach``), checked by clean_coach
    coach_wa: str | None = None  # the coach's WhatsApp number (``cwa``), checked by clean_phone
    ignored: list[str] = field(default_factory=list)

    def note(self, part: str) -> None:
        """Record that part of the link was not usable (each part once)."""
        if part not in self.ignored:
            self.ignored.append(part)


def encode_answers(answers: Mapping[str, str], version: int | None = None) -> str:
    """The ``a`` parameter for ``answers`` (question id -> option id)."""
    codes = answer_codes()[version or latest_version()]
    chars = []
    for question_id, options in codes.questions:
        chosen = answers.get(question_id)
        chars.append(str(options.index(chosen) + 1) if chosen in options else UNANSWERED)
    return "".join(chars)


def _scenario_text(name: str, plan: Plan, default: str) -> str:
    values = (
        plan.category,
        plan.tier,
        plan.hours,
        plan.clients,
        plan.fee_pct,
        plan.expenses_inr,
        plan.set_aside_pct,
        plan.weeks_off,
        plan.abroad_pct,
    )
    cells = [FIELDS[f].text(v) for f, v in zip(_SCENARIO_FIELDS, values, strict=True)]
    name = clean_name(name)
    return _SEP.join([*cells, "" if name == default else name])


def encode(
    *,
    lang: str,
    form: str | None = None,
    answers: Mapping[str, str] | None = None,
    plan: Mapping[str, object] | None = None,
    scenarios: Sequence[tuple[str, Plan]] = (),
    default_name: Callable[[int], str] = lambda n: "",
    part: int | None = None,
    coach: str | None = None,
    coach_wa: str | None = None,
) -> dict[str, str | list[str]]:
    """Query parameters for a share link. Planner inputs equal to their default are left out
    (but for ``_ALWAYS``);
    ``default_name(n)`` is the default name of scenario ``n`` (1-based), left out too.
    ``part`` (0-based, for the address bar) is where the person is in the quiz; ``coach`` and
    ``coach_wa`` (a coach's link) are written when valid, the number only with a name."""
    params: dict[str, str | list[str]] = {VERSION: str(latest_version()), LANG: lang}
    if form:
        params[FORM] = form
    if answers:
        params[ANSWERS] = encode_answers(answers)
    for name, value in (plan or {}).items():
        spec = FIELDS.get(name)
        if spec is None or spec.clean(value) is None:
            continue
        if name in _ALWAYS or spec.clean(value) != spec.default:
            params[spec.param] = spec.text(spec.clean(value))
    if scenarios:
        params[SCENARIO] = [
            _scenario_text(name, plan_, default_name(i))
            for i, (name, plan_) in enumerate(scenarios[:MAX_SCENARIOS], start=1)
        ]
    if part is not None and 0 <= part < MAX_PART:
        params[PART] = str(part + 1)
    name = clean_coach(coach)
    if name:
        params[COACH] = name
        number = clean_phone(coach_wa)
        if number:
            params[COACH_WA] = number
    return params


def clean_coach(raw: object) -> str | None:
    """A coach's name as a link carries it, or None: letters (any script, with their marks),
    spaces and ``. ' -`` only, at least one letter, up to ``MAX_COACH`` characters; spaces
    collapsed. No digits, symbols, markup or control characters."""
    if not isinstance(raw, str):
        return None
    text = " ".join(raw.split())
    if not text or len(text) > MAX_COACH:
        return None
    allowed = all(
        ch.isalpha() or ch in " .'-" or unicodedata.category(ch) in ("Mn", "Mc") for ch in text
    )
    return text if allowed and any(ch.isalpha() for ch in text) else None


def clean_phone(raw: object) -> str | None:
    """A WhatsApp number with its country code as 8 to 15 ASCII digits (a leading "+" and
    spaces or dashes are dropped; no leading 0), or None."""
    if not isinstance(raw, str):
        return None
    text = raw.strip().removeprefix("+").replace(" ", "").replace("-", "")
    if not 8 <= len(text) <= 15 or not all(c in _DIGITS for c in text) or text[0] == "0":
        return None
    return text


def query_string(params: Mapping[str, str | list[str]]) -> str:
    """``params`` as a URL query (without the "?"); "~" and "-" stay readable."""
    return urlencode(params, doseq=True, safe="~-")


def _values(raw: object) -> list[str]:
    """A parameter's values as strings (Streamlit gives a str, or a list when repeated)."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    return [item for item in items if isinstance(item, str)]


def _first(params: Mapping[str, object], key: str) -> str | None:
    values = _values(params.get(key))
    return values[0] if values else None


def _decode_answers(code: str, version: str | None, bank: QuestionBank, state: LinkState) -> None:
    number = _version(version)
    codes = answer_codes().get(number) if number is not None else None
    if codes is None:
        state.note(VERSION)
        return
    answers: dict[str, str] = {}
    if len(code) != len(codes.questions):
        state.note(ANSWERS)  # truncated or padded
    for char, (question_id, options) in zip(code, codes.questions, strict=False):
        if char == UNANSWERED:
            continue
        if char in _DIGITS and 1 <= int(char) <= len(options):
            answers[question_id] = options[int(char) - 1]
        else:
            state.note(ANSWERS)
    clean = clean_answers(answers, bank)
    if len(clean) != len(answers):
        state.note(ANSWERS)
    state.answers = clean


def _version(raw: str | None) -> int | None:
    """A link's ``v`` as a number (None if missing or not a short ASCII number)."""
    text = (raw or "").strip()
    return int(text) if 0 < len(text) <= 4 and all(c in _DIGITS for c in text) else None


def _decode_scenario(text: str, fields: tuple[str, ...], state: LinkState) -> None:
    if fields == _SCENARIO_FIELDS_V2 and _fits(text, _SCENARIO_FIELDS):
        fields = _SCENARIO_FIELDS  # a plan of version 3 in an old link: its market cell counts
    cells = text.split(_SEP, len(fields))
    if len(cells) < len(fields):
        state.note(SCENARIO)
        return
    values = [FIELDS[f].clean(c) for f, c in zip(fields, cells, strict=False)]
    if any(v is None for v in values):
        state.note(SCENARIO)
        return
    name = clean_name(cells[len(fields)]) if len(cells) > len(fields) else ""
    state.scenarios.append((name, Plan(*values)))  # type: ignore[arg-type]


def _fits(text: str, fields: tuple[str, ...]) -> bool:
    """Whether ``text`` has a valid cell for each of ``fields`` (a name may follow)."""
    cells = text.split(_SEP, len(fields))
    return len(cells) > len(fields) and all(
        FIELDS[f].clean(c) is not None for f, c in zip(fields, cells, strict=False)
    )


def known_params() -> frozenset[str]:
    """Every parameter name a link of ours may carry; anything else is ignored silently."""
    return frozenset(
        {VERSION, LANG, FORM, ANSWERS, SCENARIO, PART, COACH, COACH_WA}
        | {f.param for f in FIELDS.values()}
    )


def notice_key(part: str) -> str:
    """The catalog key that names a dropped part (an entry of ``LinkState.ignored``) in a notice.

    Planner parameters are "some planner settings"; ``a``, ``v``, ``s``, ``p``, ``coach`` and
    ``cwa`` have their own words;
    anything else is "an over-long value". Every key returned exists in both catalogs.
    """
    if part in {f.param for f in FIELDS.values()}:
        return "notice.link.plan"
    return f"notice.link.{_NOTICE_PARTS.get(part, 'other')}"


def _checked(
    params: Mapping[str, object], key: str, clean: Callable[[str], T | None], state: LinkState
) -> T | None:
    """``clean`` of parameter ``key`` (None if absent); a value that does not fit is noted."""
    raw = _first(params, key)
    if raw is None:
        return None
    value = clean(raw)
    if value is None:
        state.note(key)
    return value


def _form(raw: str) -> str | None:
    text = raw.strip().lower()
    return text if text in FORMS else None


def _part(raw: str) -> int | None:
    """``p`` (1-based, a short ASCII number) as a 0-based place."""
    number = _version(raw)  # the same check as a version's
    return number - 1 if number is not None and 1 <= number <= MAX_PART else None


def _none(raw: str) -> None:
    return None


def decode(params: Mapping[str, object], bank: QuestionBank) -> LinkState:
    """Read a link's parameters; never raises. See the module docstring for the format."""
    state = LinkState()
    params = {k: v for k, v in params.items() if k in known_params()}
    too_long = [k for k, v in params.items() if any(len(text) > MAX_PARAM for text in _values(v))]
    for key in too_long:
        state.note(str(key))
    params = {k: v for k, v in params.items() if k not in too_long}

    state.lang = _checked(params, LANG, normalize_lang, state)
    state.form = _checked(params, FORM, _form, state)
    state.part = _checked(params, PART, _part, state)
    state.coach = _checked(params, COACH, clean_coach, state)
    # a number is read only beside a valid name: on its own it says nothing to the person
    state.coach_wa = _checked(params, COACH_WA, clean_phone if state.coach else _none, state)
    code = _first(params, ANSWERS)
    if code is not None:
        _decode_answers(code.strip(), _first(params, VERSION), bank, state)

    for spec in FIELDS.values():
        raw = _first(params, spec.param)
        if raw is None:
            continue
        value = spec.clean(raw)
        if value is None:
            state.note(spec.param)
        else:
            state.plan[spec.name] = value
    version = _version(_first(params, VERSION))
    # Versions 1 and 2 (and links without a known version) have no market cell: clients in India.
    new = version is not None and version >= _MARKET_SINCE
    fields = _SCENARIO_FIELDS if new else _SCENARIO_FIELDS_V2
    saved = _values(params.get(SCENARIO))
    for text in saved[:MAX_SCENARIOS]:
        _decode_scenario(text, fields, state)
    if len(saved) > MAX_SCENARIOS:
        state.note(SCENARIO)
    return state
