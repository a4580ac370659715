"""The coach's cohort page, drawn: the coach's own link, the input, the summary, the table.

All reading and counting is ``model/cohort.py``; this module draws widgets and keeps the parsed
cohort in the session (keyed by a hash of the input, so a filter or sort does not read the chat
again). Names and other text from a chat are shown as text (``ui.tables.shown``), never HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import partial
from urllib.parse import quote

import streamlit as st

from model import cohort as model
from model import links
from model.fmt import inr, number
from model.i18n import t
from model.ids import CATEGORIES, TIERS
from ui import models, plots, share, state
from ui.tables import shown

CACHE = "cohort.cache"  # session key: (input digest, Cohort)
PASTE = "cohort.paste"
FILE = "cohort.file"
MAX_PROBLEMS_SHOWN = 100
_IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def make_link(lang: str) -> None:
    """The coach's own link: name and WhatsApp number in, a link to send out."""
    with st.container(border=True):
        st.subheader(t("cohort.make_heading", lang))
        name_raw = st.text_input(t("cohort.make_name", lang), max_chars=60, key="cohort.name")
        wa_raw = st.text_input(
            t("cohort.make_wa", lang),
            max_chars=20,
            help=t("cohort.make_wa_help", lang),
            key="cohort.wa",
        )
        name = links.clean_coach(name_raw)
        number_ = links.clean_phone(wa_raw)
        if name_raw.strip() and name is None:
            st.warning(t("cohort.bad_name", lang), icon=":material/warning:")
        if wa_raw.strip() and number_ is None:
            st.warning(t("cohort.bad_wa", lang), icon=":material/warning:")
        if not name:
            return
        params = links.encode(lang=lang, coach=name, coach_wa=number_)
        params.pop(links.VERSION, None)
        link = f"{share.app_root()}/?{links.query_string(params)}"
        st.caption(t("cohort.your_link", lang))
        share.link_box(link, lang)
        st.link_button(
            t("share.whatsapp", lang),
            f"https://wa.me/?text={quote(link)}",
            icon=":material/send:",
            width="stretch",
        )


def read(lang: str) -> model.Cohort | None:
    """The paste box and the upload; the cohort they hold (None before anything is given)."""
    st.subheader(t("cohort.input_heading", lang))
    st.caption(t("cohort.limits", lang))
    text = st.text_area(
        t("cohort.paste", lang),
        max_chars=model.MAX_CHARS,
        height=140,
        help=t("cohort.paste_help", lang),
        key=PASTE,
    )
    upload = st.file_uploader(
        t("cohort.upload", lang),
        type=["txt", "csv", "zip"],
        help=t("cohort.upload_help", lang),
        key=FILE,
    )
    data = upload.getvalue() if upload is not None else b""
    if not text.strip() and upload is None:
        st.session_state.pop(CACHE, None)
        return None
    earnings = models.current()
    digest = hashlib.sha256(
        text.encode("utf-8", "replace") + b"\0" + data + f"\0{id(earnings)}".encode()
    ).hexdigest()
    cached = st.session_state.get(CACHE)
    if isinstance(cached, tuple) and cached[0] == digest:
        return cached[1]
    problems: list[model.Problem] = []
    body = text
    if upload is not None:
        file_text, problems = model.read_file(upload.name, data)
        body = "\n".join(part for part in (file_text, text) if part.strip())
    found = model.parse(body, state.bank(), earnings.predict_many, problems)
    st.session_state[CACHE] = (digest, found)
    return found


def problems(found: model.Cohort, lang: str) -> None:
    """What was read, and one line for each line that could not be used."""
    st.caption(
        t(
            "cohort.read_line",
            lang,
            lines=number(found.lines, lang),
            links=number(found.links, lang),
            people=number(len(found.people), lang),
            copies=number(found.copies, lang),
            older=number(len(found.older), lang),
        )
    )
    if not found.problems:
        return
    count = len(found.problems)
    with st.expander(
        t("cohort.problems_heading", lang, count=count),
        icon=":material/report:",
        expanded=not found.people,
    ):
        lines = [
            f"- {shown(model.problem_text(p, lang), limit=240)}"
            for p in found.problems[:MAX_PROBLEMS_SHOWN]
        ]
        st.markdown("\n".join(lines))
        if count > MAX_PROBLEMS_SHOWN:
            st.caption(t("cohort.problems_more", lang, count=count - MAX_PROBLEMS_SHOWN))


def summary(people: list[model.Person], lang: str) -> None:
    """Counts per kind and level (charts, folded as the planner's), close calls, and whom to
    talk to first with the reasons."""
    found = model.summarise(people)
    st.subheader(t("cohort.summary_heading", lang))
    st.write(t("cohort.count", lang, count=len(people)))
    st.write(t("cohort.close_calls", lang, count=found.close_calls))
    axis = t("cohort.people_axis", lang)
    kinds = [c for c in CATEGORIES if found.kinds[c]] or list(CATEGORIES)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('cohort.by_kind', lang)}**")
        plots.folded(
            "cohort.chart_kind",
            lang,
            lambda: model.count_bars(
                [t(f"cat.{c}.name", lang) for c in kinds], [found.kinds[c] for c in kinds], axis
            ),
            together=("cohort.chart_level",),
        )
    with right:
        st.markdown(f"**{t('cohort.by_level', lang)}**")
        plots.folded(
            "cohort.chart_level",
            lang,
            lambda: model.count_bars(
                [t(f"tier.{c}.name", lang) for c in TIERS], [found.levels[c] for c in TIERS], axis
            ),
            together=("cohort.chart_kind",),
        )
    st.markdown(f"**{t('cohort.talk_heading', lang)}**")
    if not found.talk_first:
        st.caption(t("cohort.talk_none", lang))
        return
    st.markdown(
        "\n".join(
            f"- **{shown(model.display_name(p, lang))}**: "
            + shown("; ".join(model.reason_text(k, v, lang) for k, v in reasons), limit=400)
            for p, reasons in found.talk_first[:50]
        )
    )


def choose(people: list[model.Person], lang: str) -> list[model.Person]:
    """Filters by kind, level and certainty, and the sort; the rows to show, in order."""
    everyone = t("cohort.all", lang)
    kind, level, sure = st.columns(3)
    kinds = kind.multiselect(
        t("cohort.filter_kind", lang),
        list(CATEGORIES),
        format_func=lambda c: t(f"cat.{c}.name", lang),
        placeholder=everyone,
        key="cohort.kinds",
    )
    levels = level.multiselect(
        t("cohort.filter_level", lang),
        list(TIERS),
        format_func=lambda c: t(f"tier.{c}.name", lang),
        placeholder=everyone,
        key="cohort.levels",
    )
    sures = sure.multiselect(
        t("cohort.filter_sure", lang),
        list(model.SURE),
        format_func=lambda c: t(f"cohort.sure.{c}", lang),
        placeholder=everyone,
        key="cohort.sure",
    )
    by, order = st.columns([3, 2], vertical_alignment="bottom")
    column = by.selectbox(
        t("cohort.sort_by", lang),
        list(model.SORTABLE),
        index=model.SORTABLE.index("date"),
        format_func=lambda c: t(f"cohort.col.{c}", lang),
        key="cohort.sort",
    )
    descending = order.toggle(t("cohort.sort_desc", lang), value=True, key="cohort.desc")
    kept = model.keep(people, kinds, levels, sures)
    return model.sort(kept, column, lang, descending)


def _link(url: str, lang: str) -> str:
    """A Markdown link to our own results page (the address is rebuilt from checked values:
    ASCII, percent-encoded; brackets encoded too)."""
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{t('cohort.open', lang)}]({safe})"


def _text(value: object) -> str:
    text = " ".join(str(value).split())
    return shown(text, limit=200) if text else " "


def table(rows: list[model.Person], total: int, lang: str) -> None:
    """The rows as a Markdown table (as ui.tables draws tables), with a link per person."""
    st.caption(t("cohort.shown", lang, shown=len(rows), total=total))
    if not rows:
        return
    root = share.app_root()
    head = [_text(t(f"cohort.col.{c}", lang)) for c in model.COLUMNS]
    right = {"hours", "clients", "projected"}
    rule = ["---:" if c in right else "---" for c in model.COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |"]
    for person in rows:
        cells = model.cells(person, lang, root)
        if isinstance(cells["projected"], int):
            cells["projected"] = inr(cells["projected"], lang)
        line = [
            _link(str(cells[c]), lang) if c == "link" else _text(cells[c]) for c in model.COLUMNS
        ]
        lines.append("| " + " | ".join(line) + " |")
    st.markdown("\n".join(lines))


def older(found: model.Cohort, lang: str) -> None:
    """Older results of people whose newer result is in the table."""
    if not found.older:
        return
    with st.expander(t("cohort.older_heading", lang), icon=":material/history:"):
        st.markdown(
            "\n".join(
                f"- {shown(model.display_name(p, lang))}, {_text(model.cells(p, lang)['date'])}: "
                f"{_text(model.cells(p, lang)['kind'] or model.sure_text(p, lang))} "
                f"{_link(model.result_link(p, share.app_root()), lang)}"
                for p in found.older[:200]
            )
        )


def downloads(rows: list[model.Person], found: model.Cohort, lang: str) -> None:
    """The table as CSV and the one-page report, in the coach's language."""
    today = dt.datetime.now(_IST).date()
    left, right = st.columns(2)
    left.download_button(
        t("cohort.csv", lang),
        partial(model.to_csv, rows, lang, share.app_root()),
        file_name=f"sahayak-group-{today.isoformat()}.csv",
        mime="text/csv",
        help=t("cohort.csv_help", lang),
        icon=":material/table:",
        on_click="ignore",
        width="stretch",
        key="cohort.csv",
    )
    right.download_button(
        t("cohort.report", lang),
        partial(
            model.build_report,
            lang=lang,
            people=rows,
            today=today,
            coach=state.coach()[0] or (links.clean_coach(st.session_state.get("cohort.name"))),
            problems=len(found.problems),
        ),
        file_name=f"sahayak-group-report-{today.isoformat()}.html",
        mime="text/html",
        help=t("cohort.report_help", lang),
        icon=":material/description:",
        on_click="ignore",
        width="stretch",
        key="cohort.report",
    )
