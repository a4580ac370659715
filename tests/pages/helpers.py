"""Helpers for AppTest page tests: start the app, answer the quiz, read what is on screen."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from model.ids import CATEGORIES
from model.quiz import load_bank

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
# Proto fields that hold words a person reads.
TEXT_FIELDS = {"body", "label", "options", "content", "text", "help", "placeholder", "captions"}
# Latin-script words allowed on a Hindi screen: proper nouns, brands, acronyms.
ALLOWED_LATIN = {
    "MAE",
    "R",
    "P",
    "USD",
    "English",
    "VA",
    "SEO",
    "LinkedIn",
    "Payoneer",
    "O",
    "NET",
    "virtual",
    "assistant",
    "Excel",
    "Canva",
    "WhatsApp",
    "Google",
    "Facebook",
    "Instagram",
    "YouTube",
    "Zoom",
    "PDF",
    "Figma",
    "Tally",
    "GST",
    "UPI",
    "AI",
    "Word",
    "Sheets",
    "Docs",
    "CSV",
    "UTF",
    "HTML",
    "MB",
}


def start(params: Mapping[str, str] | None = None, **state: object) -> AppTest:
    """A fresh session of the app, optionally with URL params and session state, run once."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params or {})
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def goto(at: AppTest, page: str) -> AppTest:
    """Open one of the pages (``"quiz"``, ``"results"``...) and run it."""
    return at.switch_page(f"pages/{page}.py").run()


def honest_answers(category: str, form: str = "full") -> dict[str, str]:
    """Answers of someone who clearly prefers ``category``, mid-level elsewhere."""
    bank = load_bank()
    answers = {}
    for q in bank.questions(form):
        if q.kind == "category":
            best = max(
                q.options,
                key=lambda o: (
                    o.weights.get(category, 0.0)
                    - sum(o.weights.get(c, 0.0) for c in CATEGORIES if c != category) / 6
                ),
            )
            answers[q.id] = best.id
        else:
            answers[q.id] = q.options[len(q.options) // 2].id
    return answers


def undecided_answers(form: str = "full", everything: bool = False) -> dict[str, str]:
    """Someone with a little of everything: 'a little' (the second point) on every scale item
    and the "pick one" items spread over the kinds in turn. With ``everything``, the second
    option of every other item too; else only the interest items are answered."""
    answers, turn = {}, 0
    for q in load_bank().questions(form):
        scored = [o for o in q.options if not o.unscored]
        if q.kind != "category":
            if everything:
                answers[q.id] = q.options[1].id
        elif scored[0].id == "no":  # a scale item
            answers[q.id] = scored[1].id
        else:
            answers[q.id] = scored[turn % len(scored)].id
            turn += 1
    return answers


def _strings(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)
    elif isinstance(value, str) and key in TEXT_FIELDS:
        yield value


def charts(at: AppTest) -> list[dict]:
    """The plotly figures drawn on the page (ui.plots: the ``sahayak_chart`` component's data)."""
    return [
        json.loads(element.proto.json)["figure"]
        for element in at.get("bidi_component")
        if element.proto.component_name == "sahayak_chart"
    ]


def _plotly_texts(figure: dict) -> Iterator[str]:
    for trace in figure.get("data", []):
        for field in ("y", "text"):
            yield from (str(v) for v in trace.get(field) or [])
    for axis in ("xaxis", "yaxis"):
        title = figure.get("layout", {}).get(axis, {}).get("title", {})
        if isinstance(title, dict) and title.get("text"):
            yield title["text"]


# scripts, styles, comments and the share link's box (a link, not words)
_CODE = re.compile(r"<(script|style|code)\b.*?</\1>|<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")


def _html_texts(body: str) -> Iterator[str]:
    """The readable text of an st.html body: without its scripts, styles, comments and tags."""
    text = _TAG.sub(" ", _CODE.sub(" ", body)).strip()
    if text:
        yield text


def screen_texts(at: AppTest) -> list[str]:
    """Every piece of readable text on the page (markdown, labels, options, charts)."""
    texts: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            data = MessageToDict(proto, preserving_proto_field_name=True)
            if proto.DESCRIPTOR.name == "BidiComponent" and data.get("json"):
                chart = json.loads(data["json"])
                texts.extend(_plotly_texts(chart["figure"]))
                texts.append(chart["failed"])
            elif proto.DESCRIPTOR.name == "Html":
                texts.extend(_html_texts(data.get("body", "")))
            else:
                texts.extend(_strings(data))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return texts


def latin_words(texts: list[str]) -> set[str]:
    """Latin-script words in ``texts`` that are not allowed proper nouns."""
    words: set[str] = set()
    for text in texts:
        text = re.sub(r":material/[a-z_]+:", "", text)  # icon names are not shown as text
        text = re.sub(r"`[^`]*`", "", text)  # code: column names typed exactly as shown
        text = re.sub(r":[a-z]+(-badge)?\[", "[", text)  # Markdown colour/badge directives
        words |= set(re.findall(r"[A-Za-z]{2,}", text))
    return words - ALLOWED_LATIN


_ESCAPED = re.compile(r"\\(.)")


def md_tables(at: AppTest) -> list[list[list[str]]]:
    """Every Markdown table on the page (ui.tables), as rows of unescaped cell texts, the
    header row first and the alignment row left out."""
    found = []
    for block in at.markdown:
        lines = block.value.splitlines()
        if len(lines) < 2 or not lines[0].startswith("| ") or "---" not in lines[1]:
            continue
        rows = []
        for line in [lines[0], *lines[2:]]:
            cells = re.findall(r"\|((?:\\.|[^|\\])*)", line.strip())[:-1]
            rows.append([_ESCAPED.sub(r"\1", c.strip()).replace("\u2060", "") for c in cells])
        found.append(rows)
    return found


def all_text(at: AppTest) -> str:
    """The page's readable text joined into one string, for `in` checks."""
    return "\n".join(screen_texts(at))
