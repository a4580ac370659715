"""The printable report and the CSV export: complete, escaped, in the user's language."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.export import RISKY_STARTS, neutralise, scenarios_csv
from model.i18n import t
from model.planner import Plan, make_scenario, net_view
from model.quiz import assess, load_bank
from model.report import PlanPart, build_report, method_line

BANK = load_bank()
ANSWERS = {q.id: q.options[-1].id for q in BANK.questions("full")}


def report(model, lang: str, answers=ANSWERS, names=("Now", "=cmd|' /C calc'!A0")) -> str:
    result = assess(answers, BANK, "full")
    plan = Plan("writing", "specialist", 25, 3, 10.0, 1500, 10, 2)
    projection = model.predict(plan.category, plan.tier, plan.hours, plan.clients)
    scenarios = [make_scenario(model, n, plan) for n in names]
    return build_report(
        lang=lang,
        result=result,
        bank=BANK,
        plan=PlanPart("writing", "specialist", 25, 3, projection, net_view(projection, plan)),
        scenarios=scenarios,
        method=method_line(lang, model.name, model.rows, False, model.metrics["r2"]),
        today=dt.date(2026, 11, 27),
        link="https://example.org/results?v=1&lang=hi&a=<b>",
    )


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_report_holds_everything_asked_for(model, lang):
    html = report(model, lang)
    assert html.startswith("<!doctype html>") and f'lang="{lang}"' in html
    assert '<meta charset="utf-8">' in html
    for category in ("admin", "writing", "finance", "av_editing"):
        assert t(f"cat.{category}.label", lang) in html  # the ranking lists all kinds of work
    for quality in ("communication", "saying_no"):
        assert t(f"quality.{quality}.name", lang) in html
    for key in ("results.next_heading", "report.plan_heading", "planner.scenarios_heading",
                "report.method"):  # fmt: skip
        assert t(key, lang) in html
    assert "27-11-2026" in html
    assert "₹" in html and "Now" in html


def test_hindi_report_is_hindi(model):
    html = report(model, "hi")
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)
    devanagari = sum("\u0900" <= ch <= "\u097f" for ch in text)
    assert devanagari > 800


def test_report_escapes_user_text_and_has_no_script(model):
    html = report(model, "en", names=("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"))
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;b&gt;" in html  # the link text is escaped too
    assert "http" not in re.sub(r"<p class='muted link'>.*?</p>", "", html)  # no external files


def test_report_without_a_quiz_result(model):
    html = report(model, "en", answers={})
    assert t("report.no_result", "en") in html and t("report.plan_heading", "en") in html


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Hindi correctly
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_csv_export_has_a_row_per_scenario(model, lang):
    plan = Plan("design", "basic", 20, 2, 0.0, 90_000, 0, 0)  # expenses above income: net < 0
    saved = [make_scenario(model, n, plan) for n in ("A", "B")]
    rows = rows_of(scenarios_csv(saved, lang))
    assert rows[0][0] == t("export.col_name", lang) and len(rows) == 3
    assert rows[1][1] == t("cat.design.label", lang)
    assert int(rows[1][-1]) < 0  # a negative amount stays a number


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x")', "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx"]
)
def test_csv_export_neutralises_formulas(model, name):
    scenario = make_scenario(model, name, Plan("admin", "basic", 20, 2))
    cell = rows_of(scenarios_csv([scenario], "en"))[1][0]
    assert cell.startswith("'") or not cell.startswith(RISKY_STARTS)
    assert not cell.startswith(RISKY_STARTS)


@settings(max_examples=300)
@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False)))
def test_neutralise_never_leaves_a_risky_text_start(cell):
    out = neutralise(cell)
    if isinstance(cell, str):
        assert not str(out).startswith(RISKY_STARTS)
        assert str(out).replace("'", "") == cell.replace("'", "")  # only apostrophes added
    else:
        assert out == cell


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_report_shows_both_markets_bands_and_the_plans_market(model, lang):
    """Issue 13: the report names where the clients are and the billed band in both markets."""
    from html import escape

    from model.earnings import load_rates, rate_band
    from model.fmt import inr, percent

    rates = load_rates()
    bands = {m: rate_band(rates, "writing", "specialist", m) for m in ("india", "abroad")}
    plan = Plan("writing", "specialist", 25, 3, abroad_pct=30)
    projection = model.predict("writing", "specialist", 25, 3, plan.abroad_share)
    html = build_report(
        lang=lang,
        result=assess(ANSWERS, BANK, "full"),
        bank=BANK,
        plan=PlanPart(
            "writing", "specialist", 25, 3, projection, net_view(projection, plan), 30, bands
        ),
        scenarios=[],
        method="",
        today=dt.date(2026, 11, 28),
    )
    shown = {
        m: t("results.pay_band", lang, low=inr(b.low, lang), high=inr(b.high, lang))
        for m, b in bands.items()
    }
    assert escape(t("report.pay_line", lang, **shown)) in html
    assert escape(t("market.short.mix", lang, share=percent(30, lang))) in html
    assert inr(projection.monthly_inr, lang) in html
