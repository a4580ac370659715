"""The printable one-page report: result and plan as a self-contained HTML file.

Everything in it is escaped text from the catalogs, the bank and the user's own
scenario names; no script, no external file, no user HTML. The browser shapes
Devanagari (the page declares ``lang`` and asks for a Devanagari font first), and
print CSS keeps it to one A4 page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from model import advice
from model.earnings import Projection
from model.fmt import inr, number, percent
from model.i18n import t, t_list
from model.ids import QUALITIES
from model.pay import MARKETS, Band
from model.planner import NetView, Scenario, band_middle, market_label, per_hour
from model.quiz import Assessment, QuestionBank

STYLE = """
@page { size: A4; margin: 11mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Noto Sans Devanagari", "Nirmala UI", "Mangal",
  "Kohinoor Devanagari", system-ui, sans-serif; color: #1f2a30; margin: 0 auto;
  max-width: 190mm; padding: 12px; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 16pt; margin: 0; color: #0f5c57; }
h2 { font-size: 11pt; margin: 10px 0 4px; color: #0f5c57; border-bottom: 1px solid #cfe3e1;
  padding-bottom: 2px; }
p, ul { margin: 2px 0 4px; } ul { padding-left: 16px; }
.top { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
.muted { color: #5b6b72; font-size: 8.5pt; }
.hero { background: #eef7f6; border-radius: 6px; padding: 6px 10px; margin-top: 6px; }
.hero b { font-size: 13pt; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
td, th { padding: 2px 4px; text-align: left; vertical-align: top; }
th { color: #5b6b72; font-weight: 600; border-bottom: 1px solid #cfe3e1; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { background: #e3ecee; border-radius: 3px; height: 8px; width: 100%; }
.bar span { display: block; background: #14857d; height: 8px; border-radius: 3px; }
.big { font-size: 14pt; font-weight: 700; }
.link { word-break: break-all; }
@media print { body { padding: 0; } .hero { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } .bar span { print-color-adjust: exact;
  -webkit-print-color-adjust: exact; } }
@media (max-width: 600px) { .cols { grid-template-columns: 1fr; } }
"""


@dataclass(frozen=True)
class PlanPart:
    """The plan shown in the report: the projection, its net, where the clients are (share of
    work abroad, 0-100%) and the typical billed rate of this work in each market (``bands``:
    market id -> band; empty when the projection comes from a coach's own data)."""

    category: str
    tier: str
    hours: int
    clients: int
    projection: Projection
    net: NetView
    abroad_pct: float = 0.0
    bands: Mapping[str, Band] = field(default_factory=dict)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _tx(key: str, lang: str, **params: object) -> str:
    return _e(t(key, lang, **params))


def _h2(key: str, lang: str) -> str:
    return f"<h2>{_tx(key, lang)}</h2>"


def _week(s: Scenario, lang: str) -> str:
    return _tx("planner.week_value", lang, hours=s.plan.hours, clients=s.plan.clients)


def _bar(value: float) -> str:
    width = max(0.0, min(100.0, float(value)))
    return f'<div class="bar"><span style="width:{width:.0f}%"></span></div>'


def _items(lines: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def _result(result: Assessment, bank: QuestionBank, lang: str) -> str:
    if result.status in ("empty", "uniform"):
        return _h2("report.result_heading", lang) + f"<p>{_tx('report.no_result', lang)}</p>"
    cat = t(f"cat.{result.category}.name", lang)
    tier = t(f"tier.{result.tier}.name", lang)
    fit = percent(result.fit[result.category], lang)
    counts = {"answered": result.answered, "total": result.total}
    sureness = advice.certainty_sentence(result, lang) or t("results.tentative", lang)
    title = f"certainty.{result.certainty}_title" if result.confident else "results.best_fit"
    shown = f"{cat} · {t(f'cat.{result.runner_up}.name', lang)}" if result.close_call else cat
    hero = (
        f'<div class="hero">{_tx(title, lang)}: <b>{_e(shown)}</b> · '
        f"{_e(t('results.fit_value', lang, fit=fit))} · "
        f"{_e(t('results.tier_line', lang, tier=tier))}"
        f"<br>{_e(sureness)}"
        + f"<br><span class='muted'>{_tx('results.answered', lang, **counts)}</span></div>"
    )
    ranking = "".join(
        f"<tr><td>{_tx(f'cat.{c}.label', lang)}</td>"
        f"<td style='width:45%'>{_bar(result.fit[c])}</td>"
        f"<td class='num'>{_e(percent(result.fit[c], lang))}</td></tr>"
        for c in result.ranking
    )
    qualities = "".join(
        f"<tr><td>{_e(t(f'quality.{q}.name', lang))}</td>"
        + (
            f"<td style='width:40%'>{_bar(result.qualities[q])}</td><td class='num'>"
            f"{_e(t('profile.level_' + advice.quality_level(result.qualities[q]), lang))}</td>"
            if result.measured[q]
            else f"<td colspan='2' class='muted'>{_e(t('report.not_measured', lang))}</td>"
        )
        + "</tr>"
        for q in QUALITIES
    )
    reasons = advice.reasons(result, bank, lang)[:3]
    why = _items(
        [t("results.why_item", lang, question=r.question, answer=r.answer) for r in reasons]
    )
    upper = advice.next_tier(result.tier)
    lists = dict.fromkeys(advice.skills(result, c)[1] for c in advice.suggested(result))
    steps = [skill for items in lists for skill in t_list(items, lang)[:2]]
    first = advice.first_step(result)
    if first:
        steps.append(t(first, lang, category=cat))
    if upper:
        steps += list(t_list(f"tier.{result.tier}.move_up", lang))[:1]
    steps += list(t_list("results.where", lang))[:1]
    basis = "; ".join(advice.level_lines(result, bank, lang))
    level = f"<p class='muted'>{_tx('level.based_on', lang)}: {_e(basis)}</p>" if basis else ""
    return (
        f"<h2>{_e(t('report.result_heading', lang))}</h2>{hero}"
        f"<div class='cols'><div><h2>{_e(t('results.ranking_heading', lang))}</h2>"
        f"<table>{ranking}</table></div>"
        f"<div>{_h2('report.qualities_heading', lang)}<table>{qualities}</table></div></div>"
        f"<div class='cols'><div><h2>{_e(t('results.why_heading', lang))}</h2>{why}</div>"
        f"<div><h2>{_e(t('results.next_heading', lang))}</h2>{_items(steps)}</div></div>"
        f"{level}"
    )


def _plan(plan: PlanPart, scenarios: Sequence[Scenario], lang: str) -> str:
    p = plan.projection
    work = t(
        "report.plan_line",
        lang,
        category=t(f"cat.{plan.category}.label", lang),
        tier=t(f"tier.{plan.tier}.name", lang),
        hours=plan.hours,
        clients=plan.clients,
    )
    work += " · " + market_label(plan.abroad_pct, lang)
    middle = None  # the planner's per-hour figure: at most the billed band's middle
    if all(market in plan.bands for market in MARKETS):
        bands = plan.bands
        middle = band_middle(lambda _c, _t, m: bands[m], plan.category, plan.tier, plan.abroad_pct)
    hourly = per_hour(p, plan.hours, middle).rate
    head = (
        f"<h2>{_e(t('report.plan_heading', lang))}</h2><p>{_e(work)}</p>"
        f"<p><span class='big'>{_e(inr(p.monthly_inr, lang))}</span> "
        f"{_e(t('report.per_month', lang))} · "
        f"{_e(t('planner.range', lang, low=inr(p.low_inr, lang), high=inr(p.high_inr, lang)))}"
        f"<br>{_e(t('planner.hourly', lang, rate=inr(hourly, lang)))} · "
        f"{_e(t('planner.net', lang))}: {_e(inr(plan.net.net, lang))}</p>"
    )
    if all(market in plan.bands for market in MARKETS):
        shown = {
            market: t(
                "results.pay_band",
                lang,
                low=inr(plan.bands[market].low, lang),
                high=inr(plan.bands[market].high, lang),
            )
            for market in MARKETS
        }
        head += f"<p>{_tx('report.pay_line', lang, **shown)}</p>"
    if not scenarios:
        return head + f"<p class='muted'>{_e(t('report.no_scenarios', lang))}</p>"
    header = "".join(
        f"<th{' class=num' if i > 1 else ''}>{_e(t(k, lang))}</th>"
        for i, k in enumerate(
            (
                "planner.col_name",
                "planner.col_work",
                "planner.col_week",
                "planner.col_monthly",
                "planner.col_range",
                "planner.col_net",
            )
        )
    )
    rows = "".join(
        "<tr>"
        f"<td>{_e(s.name)}</td>"
        f"<td>{_tx(f'cat.{s.plan.category}.label', lang)} · "
        f"{_tx(f'tier.{s.plan.tier}.name', lang)}</td>"
        f"<td class='num'>{_week(s, lang)}</td>"
        f"<td class='num'>{_e(inr(s.monthly_inr, lang))}</td>"
        f"<td class='num'>{_e(inr(s.low_inr, lang))} – {_e(inr(s.high_inr, lang))}</td>"
        f"<td class='num'>{_e(inr(s.net_inr, lang))}</td></tr>"
        for s in scenarios
    )
    return (
        head
        + f"<h2>{_e(t('planner.scenarios_heading', lang))}</h2>"
        + f"<table><tr>{header}</tr>{rows}</table>"
    )


def build_report(
    *,
    lang: str,
    result: Assessment,
    bank: QuestionBank,
    plan: PlanPart,
    scenarios: Sequence[Scenario],
    method: str,
    today: dt.date,
    link: str | None = None,
    coach: str | None = None,
) -> str:
    """The whole report as one HTML document (UTF-8) in ``lang``; ``coach`` (a coach's link)
    is named under the title."""
    date = today.strftime("%d-%m-%Y")
    body = (
        f"<div class='top'><h1>{_e(t('report.title', lang))}</h1>"
        f"<span class='muted'>{_e(t('report.date', lang, date=date))}</span></div>"
        + (f"<p class='muted'>{_tx('coach.report_line', lang, coach=coach)}</p>" if coach else "")
        + _result(result, bank, lang)
        + _plan(plan, scenarios, lang)
        + f"<p class='muted' style='margin-top:10px'>{_tx('report.method', lang)}: {_e(method)}</p>"
        + (f"<p class='muted link'>{_e(t('report.link', lang))}: {_e(link)}</p>" if link else "")
        + f"<p class='muted'>{_e(t('report.footer', lang))}</p>"
    )
    return (
        f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(t('report.title', lang))}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def method_line(lang: str, model_name: str, rows: int, uploaded: bool, r2: float) -> str:
    """One line on how the result and the projection were made."""
    return t(
        "report.method_line",
        lang,
        model=t(f"about.model_name_{model_name}", lang),
        rows=number(rows, lang),
        data=t("report.data_uploaded" if uploaded else "report.data_sample", lang),
        r2=number(r2, lang, digits=2),
    )
