"""Planning on top of the earnings model: net income, growth plan, goal seeking, scenarios.

Everything here is plain arithmetic around ``EarningsModel.predict``; pages only
show the results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from model.advice import pay_ratio, ratio_text
from model.earnings import CLIENTS_RANGE, HOURS_RANGE, EarningsModel, Projection
from model.fmt import inr, number, percent, usd
from model.i18n import t
from model.ids import CATEGORIES, TIERS
from model.quiz import Assessment
from model.rates import Band

PLATFORM_FEES = {"none": 0.0, "upwork": 10.0}
FEE_CHOICES = (*PLATFORM_FEES, "custom")
# What payment services keep when money from clients abroad comes home, as a share of it: the
# planner's preset for all work abroad (a mix: in proportion). Payoneer's currency margin is
# about 2% (forexfee.com, 2026); PayPal takes 4.4% + $0.30 and 3-4% on conversion, about 9% in
# all (winvesta.in, 2026); Wise is under 1%. 3% is a middle; the person can change it.
PAY_CUT_ABROAD = 3.0
ABROAD_PLATFORM = "upwork"  # the platform the market note names (and its fee)
MAX_FEES = 50.0  # platform fee and payment cut together, as net_view and links take them
# Where a person's clients are: all in India (the default), all abroad, or a mix with a share
# of the work (``abroad_pct``) for clients abroad.
MARKET_CHOICES = ("india", "abroad", "mix")
GOAL_VARY = ("hours", "clients", "abroad")
ABROAD_STEP = 10  # goal seeking tries shares of work abroad in steps of 10%
MAX_SCENARIOS = 3
MAX_NAME = 40
WEEKS_PER_YEAR = 52
# A number as our links write it: ASCII digits only. float() alone would also take "１０",
# "٣٠" (other scripts' digits), "1_0", "1e3" and "nan", which a link of ours never holds.
_NUMBER_TEXT = re.compile(r"-?[0-9]{1,9}(\.[0-9]{1,6})?")


@dataclass(frozen=True)
class Field:
    """One planner input: its id (``plan.<name>`` in the session, ``param`` in links),
    its kind and its allowed values. Pages build widgets from it; links validate with it."""

    name: str
    param: str
    kind: str  # "choice" | "int" | "float" | "bool"
    default: object
    low: float = 0
    high: float = 0
    step: float = 1
    choices: tuple[str, ...] = ()
    snap: bool = False  # drawn as a slider with a step: values are read on its grid

    def clean(self, raw: object) -> object | None:
        """The value for ``raw`` (a link's text or a widget's value), or None if it doesn't fit."""
        if self.kind == "choice":
            text = str(raw).strip().lower()
            return text if text in self.choices else None
        if self.kind == "bool":
            text = str(raw).strip().lower()
            return {"1": True, "true": True, "0": False, "false": False}.get(text)
        if isinstance(raw, str) and not _NUMBER_TEXT.fullmatch(raw.strip()):
            return None
        try:
            number = float(str(raw).strip())
        except ValueError:
            return None
        if not math.isfinite(number) or not self.low <= number <= self.high:
            return None
        if self.snap:  # a slider's grid: what it shows is what is used (abr=37 -> 40)
            number = min(self.low + round((number - self.low) / self.step) * self.step, self.high)
        if self.kind == "int":
            return int(number) if number == int(number) else None
        return round(number, 2)

    def text(self, value: object) -> str:
        """``value`` as it is written in a link."""
        if self.kind == "bool":
            return "1" if value else "0"
        if self.kind in ("int", "float"):
            number = float(value)  # type: ignore[arg-type]
            return str(int(number)) if number == int(number) else f"{number:g}"
        return str(value)


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("category", "cat", "choice", CATEGORIES[0], choices=CATEGORIES),
        Field("tier", "tier", "choice", TIERS[0], choices=TIERS),
        Field("hours", "h", "int", 20, *HOURS_RANGE),
        Field("clients", "n", "int", 2, *CLIENTS_RANGE),
        Field("market", "mkt", "choice", "india", choices=MARKET_CHOICES),
        Field("abroad_pct", "abr", "int", 50, 0, 100, ABROAD_STEP, snap=True),
        Field("fee", "fee", "choice", "none", choices=FEE_CHOICES),
        Field("fee_pct", "fp", "float", 5.0, 0, 50, 0.5),
        Field("pay_cut", "pc", "float", 0.0, 0, 15, 0.5),
        Field("expenses", "exp", "int", 1500, 0, 500_000, 500),
        Field("set_aside", "sa", "int", 10, 0, 60),
        Field("weeks_off", "off", "int", 2, 0, 12),
        Field("usd", "usd", "bool", False),
        Field("fx", "fx", "float", 85.0, 40, 200, 0.5),
        Field("g_target", "g1", "int", 5, *CLIENTS_RANGE),
        Field("g_up", "gup", "bool", False),
        Field("g_month", "gm", "int", 7, 2, 12),
        # No goal until the person sets one: no "out of reach" before they choose.
        Field("goal", "goal", "int", None, 1000, 5_000_000, 5000),
        Field("goal_vary", "gv", "choice", "hours", choices=GOAL_VARY),
    )
}


# Where the planner starts for a person, by their answer to the quiz's "now" question
# (``about_now``): (hours a week, clients). A first client at the Basic level whatever the
# situation. Students give weekends and holidays, people with a job a few evening hours (the
# results page's first step marks 5), people looking for work have the most time.
SITUATION_ITEM = "about_now"
STARTS: dict[str, tuple[int, int]] = {
    "student": (8, 1),
    "job": (5, 1),
    "home": (10, 1),
    "retired": (10, 2),
    "looking": (15, 2),
}
# A situation the planner has no row for (an option added to the question later, e.g.
# someone who already freelances) and a quiz without that answer: a modest part-time start.
OTHER_START = (10, 1)
BASIC_CLIENTS = 1


def start_reason(result: Assessment | None) -> str | None:
    """Why the planner starts where it does: a situation id of ``STARTS``, ``"other"`` (an
    answer the planner has no row for), ``"none"`` (quiz answers but not this one), or None
    (no answers at all: the planner's plain defaults)."""
    if result is None or not result.answers:
        return None
    situation = result.context.get(SITUATION_ITEM)
    if situation is None:
        return "none"
    return situation if situation in STARTS else "other"


def starting_plan(result: Assessment | None) -> dict[str, object]:
    """The planner inputs a person starts at (field name -> value, names of ``FIELDS``):
    hours and clients that fit their situation now, one client at the Basic level, and, for a
    confident result, its kind of work and level. Empty without any answers."""
    reason = start_reason(result)
    if result is None or reason is None:
        return {}
    hours, clients = STARTS.get(reason, OTHER_START)
    values: dict[str, object] = {}
    tier = TIERS[0]
    if result.confident:
        values.update(category=result.category, tier=result.tier)
        tier = result.tier
    if tier == TIERS[0]:
        clients = BASIC_CLIENTS
    values.update(hours=hours, clients=clients)
    return values


def start_line(result: Assessment | None, lang: str) -> str:
    """One line saying where the planner started and why (empty without answers)."""
    reason = start_reason(result)
    start = starting_plan(result)
    if reason is None or not start:
        return ""
    line = t(
        f"planner.start.{reason}",
        lang,
        count=start["hours"],
        hours=start["hours"],
        clients=t("planner.clients_line", lang, count=start["clients"]),
    )
    if start.get("tier", TIERS[0]) == TIERS[0]:
        line += " " + t("planner.start_basic", lang)
    return line


def plan_from(values: dict[str, object]) -> Plan:
    """A :class:`Plan` from planner input values (missing or odd ones fall back to defaults)."""

    def get(name: str) -> Any:
        value = FIELDS[name].clean(values.get(name, FIELDS[name].default))
        return FIELDS[name].default if value is None else value

    return Plan(
        get("category"),
        get("tier"),
        get("hours"),
        get("clients"),
        fees_pct(get("fee"), get("fee_pct"), get("pay_cut")),
        get("expenses"),
        get("set_aside"),
        get("weeks_off"),
        abroad_pct(get("market"), get("abroad_pct")),
    )


def fees_pct(fee: str, custom_pct: float, pay_cut_pct: float) -> float:
    """What fees take from income, in %: the platform's (``fee``; ``custom_pct`` for
    "custom") plus the payment service's cut, at most ``MAX_FEES``."""
    platform = PLATFORM_FEES[fee] if fee in PLATFORM_FEES else _clamp(custom_pct, 0, MAX_FEES)
    return min(platform + _clamp(pay_cut_pct, 0, MAX_FEES), MAX_FEES)


def _half_steps(value: float) -> float:
    return round(value * 2) / 2


def market_presets(share_pct: float) -> dict[str, object]:
    """The fees the planner presets for ``share_pct`` % of the work for clients abroad (the
    ones its market note describes): none in India; abroad, the platform's fee and the payment
    cut; a mix, both in proportion (a custom fee). Keys: ``fee``, ``fee_pct``, ``pay_cut``."""
    share = _clamp(share_pct, 0, 100) / 100
    if share == 0:
        return {"fee": "none", "pay_cut": 0.0}
    if share == 1:
        return {"fee": ABROAD_PLATFORM, "pay_cut": PAY_CUT_ABROAD}
    return {
        "fee": "custom",
        "fee_pct": _half_steps(PLATFORM_FEES[ABROAD_PLATFORM] * share),
        "pay_cut": _half_steps(PAY_CUT_ABROAD * share),
    }


def preset_updates(
    current: Mapping[str, object], before_pct: float | None, after_pct: float
) -> dict[str, object]:
    """The fee inputs to set when where the clients are moves from ``before_pct`` to
    ``after_pct`` (% of work abroad): the presets of ``after_pct`` for the inputs the person
    has left at the presets of ``before_pct`` (a fee they chose stays). Nothing on the first
    look (``before_pct`` None: a link's or an earlier visit's fees stay) or without a move."""
    if before_pct is None or before_pct == after_pct:
        return {}
    old, new = market_presets(before_pct), market_presets(after_pct)
    updates: dict[str, object] = {}
    fee_left = current.get("fee") == old["fee"] and (
        old["fee"] != "custom" or current.get("fee_pct") == old["fee_pct"]
    )
    if fee_left:
        updates["fee"] = new["fee"]
        if "fee_pct" in new:
            updates["fee_pct"] = new["fee_pct"]
    if current.get("pay_cut") == old["pay_cut"]:
        updates["pay_cut"] = new["pay_cut"]
    return {name: value for name, value in updates.items() if current.get(name) != value}


def abroad_pct(market: str, mix_pct: float) -> float:
    """The share of work (0-100%) for clients abroad: 0 for ``india``, 100 for ``abroad``,
    ``mix_pct`` (clamped to 0-100) for ``mix``."""
    if market == "abroad":
        return 100.0
    if market == "mix":
        return _clamp(mix_pct, 0, 100)
    return 0.0


def market_of(pct: float) -> str:
    """The market choice a share abroad reads as: ``india`` (0%), ``abroad`` (100%) or ``mix``."""
    share = _clamp(pct, 0, 100)
    return "india" if share == 0 else "abroad" if share == 100 else "mix"


@dataclass(frozen=True)
class Plan:
    """What a person plans: the kind of work and the week, where the clients are (the share of
    the work, 0-100%, for clients abroad; 0 is all in India), plus their costs. ``fee_pct`` is
    all that fees take: the platform's and the payment service's cut (:func:`fees_pct`)."""

    category: str
    tier: str
    hours: int
    clients: int
    fee_pct: float = 0.0
    expenses_inr: float = 0.0
    set_aside_pct: float = 0.0
    weeks_off: int = 0
    abroad_pct: float = 0.0

    @property
    def abroad_share(self) -> float:
        """The share of work for clients abroad, 0 to 1 (what the earnings model takes)."""
        return _clamp(self.abroad_pct, 0, 100) / 100


@dataclass(frozen=True)
class NetView:
    """Gross projection and what is left each month after fees, time off, costs and set-aside."""

    gross: float
    after_time_off: float
    fee: float
    expenses: float
    set_aside: float
    net: float


def _clamp(value: float, low: float, high: float) -> float:
    number = float(value) if isinstance(value, int | float) and math.isfinite(value) else low
    return min(max(number, low), high)


def net_view(projection: Projection, plan: Plan) -> NetView:
    """Monthly net: time off scales income down, then the fee, expenses and set-aside come off."""
    weeks_off = _clamp(plan.weeks_off, 0, 26)
    working_share = (WEEKS_PER_YEAR - weeks_off) / WEEKS_PER_YEAR
    gross = projection.monthly_inr
    after_off = gross * working_share
    fee = after_off * _clamp(plan.fee_pct, 0, 50) / 100
    expenses = _clamp(plan.expenses_inr, 0, 10_000_000)
    before_set_aside = after_off - fee - expenses
    set_aside = max(before_set_aside, 0.0) * _clamp(plan.set_aside_pct, 0, 60) / 100
    return NetView(gross, after_off, fee, expenses, set_aside, before_set_aside - set_aside)


def curves(
    model: EarningsModel,
    category: str,
    tier: str,
    client_counts: list[int],
    abroad_share: float = 0.0,
) -> dict[int, list[tuple[int, Projection]]]:
    """Projections over every whole hour in range, one curve per client count."""
    hours = range(HOURS_RANGE[0], HOURS_RANGE[1] + 1)
    grid = [(c, h) for c in client_counts for h in hours]
    projections = model.predict_many([(category, tier, h, c, abroad_share) for c, h in grid])
    out: dict[int, list[tuple[int, Projection]]] = {c: [] for c in client_counts}
    for (c, h), projection in zip(grid, projections, strict=True):
        out[c].append((h, projection))
    return out


@dataclass(frozen=True)
class Month:
    """One month of a growth plan."""

    month: int
    clients: int
    tier: str
    projection: Projection


def growth_plan(
    model: EarningsModel,
    plan: Plan,
    target_clients: int,
    tier_up_month: int | None = None,
    months: int = 12,
) -> list[Month]:
    """Month 1 is the plan as it stands (its clients, hours, market and level); clients grow
    evenly to ``target_clients`` (never below the plan's) by the last month; optionally a
    step up a level from ``tier_up_month``. Every month keeps the plan's hours and market."""
    start = int(_clamp(plan.clients, *CLIENTS_RANGE))
    target = max(int(_clamp(target_clients, *CLIENTS_RANGE)), start)
    upper = TIERS[min(TIERS.index(plan.tier) + 1, len(TIERS) - 1)] if plan.tier in TIERS else None
    steps = []
    for m in range(1, months + 1):
        share = (m - 1) / (months - 1) if months > 1 else 1.0
        clients = round(start + (target - start) * share)
        tier = upper if upper and tier_up_month and m >= tier_up_month else plan.tier
        steps.append((m, clients, tier))
    projections = model.predict_many(
        [(plan.category, tr, plan.hours, c, plan.abroad_share) for _, c, tr in steps]
    )
    return [Month(m, c, tr, p) for (m, c, tr), p in zip(steps, projections, strict=True)]


def growth_total(months: Sequence[Month]) -> float:
    """The growth plan's gross income over all its months."""
    return sum(m.projection.monthly_inr for m in months)


@dataclass(frozen=True)
class GoalResult:
    """How to reach a monthly goal: the hours, clients or share of work abroad needed, or that
    it is out of reach. ``abroad_reaches``: out of reach as planned, but the same week with
    more of the work for clients abroad would reach it (at ``abroad_pct``)."""

    reachable: bool
    hours: int | None
    clients: int | None
    best_inr: float
    next_tier_reaches: bool
    abroad_pct: int | None = None
    abroad_reaches: bool = False


def _lever_values(vary: str, plan: Plan) -> range:
    """The values goal seeking tries for ``vary``, smallest first."""
    if vary == "hours":
        return range(HOURS_RANGE[0], HOURS_RANGE[1] + 1)
    if vary == "clients":
        return range(CLIENTS_RANGE[0], CLIENTS_RANGE[1] + 1)
    start = math.ceil(_clamp(plan.abroad_pct, 0, 100) / ABROAD_STEP) * ABROAD_STEP
    return range(start, 101, ABROAD_STEP)


def _lever_rows(plan: Plan, tier: str, vary: str, values: range) -> list[tuple]:
    """Model rows for the plan with ``vary`` set to each of ``values``."""
    if vary == "hours":
        return [(plan.category, tier, v, plan.clients, plan.abroad_share) for v in values]
    if vary == "clients":
        return [(plan.category, tier, plan.hours, v, plan.abroad_share) for v in values]
    return [(plan.category, tier, plan.hours, plan.clients, v / 100) for v in values]


def seek_goal(model: EarningsModel, plan: Plan, goal_inr: float, vary: str) -> GoalResult:
    """The fewest hours (``vary="hours"``), clients (``"clients"``) or the smallest share of
    work for clients abroad (``"abroad"``, in steps of 10%) whose projection meets
    ``goal_inr``, keeping the rest as planned. Income never falls as any of them rises, so
    the first match is the minimum."""
    goal = _clamp(goal_inr, 0, 1e9)
    values = _lever_values(vary, plan)
    index = TIERS.index(plan.tier) if plan.tier in TIERS else 0
    upper = TIERS[index + 1] if index + 1 < len(TIERS) else None

    incomes = [
        p.monthly_inr for p in model.predict_many(_lever_rows(plan, plan.tier, vary, values))
    ]
    for value, income in zip(values, incomes, strict=True):
        if income >= goal:
            hours = value if vary == "hours" else plan.hours
            clients = value if vary == "clients" else plan.clients
            share = value if vary == "abroad" else None
            return GoalResult(True, hours, clients, income, False, share)
    best = incomes[-1]
    next_best = (
        model.predict_many(_lever_rows(plan, upper, vary, values)[-1:])[0].monthly_inr
        if upper
        else 0.0
    )
    abroad_pct: int | None = None
    if vary != "abroad" and plan.abroad_pct < 100:  # would more work abroad reach it?
        shares = _lever_values("abroad", plan)
        as_planned = _lever_rows(plan, plan.tier, "abroad", shares)
        for share, projection in zip(shares, model.predict_many(as_planned), strict=True):
            if projection.monthly_inr >= goal:
                abroad_pct = share
                break
    return GoalResult(
        False,
        None,
        None,
        best,
        bool(upper) and next_best >= goal,
        abroad_pct,
        abroad_pct is not None,
    )


def goal_message(answer: GoalResult, plan: Plan, goal_inr: float, vary: str, lang: str) -> str:
    """What to tell the user about a goal: what it takes, or why not and what would help."""
    goal = inr(goal_inr, lang)
    if answer.reachable and vary == "abroad":
        return t(
            "planner.goal_abroad", lang, share=percent(answer.abroad_pct or 0, lang), goal=goal
        )
    if answer.reachable:
        key = "planner.goal_clients" if vary == "clients" else "planner.goal_hours"
        count = answer.clients if vary == "clients" else answer.hours
        return t(key, lang, count=count, hours=answer.hours, clients=answer.clients, goal=goal)
    parts = [t("planner.goal_out", lang, goal=goal, best=inr(answer.best_inr, lang))]
    if answer.abroad_reaches:
        share = percent(answer.abroad_pct or 0, lang)
        parts.append(t("planner.goal_abroad_hint", lang, share=share))
    if answer.next_tier_reaches:
        upper = TIERS[TIERS.index(plan.tier) + 1]
        parts.append(t("planner.goal_next_tier", lang, tier=t(f"tier.{upper}.name", lang)))
    else:
        parts.append(t("planner.goal_other", lang))
    return " ".join(parts)


@dataclass(frozen=True)
class Scenario:
    """A saved, named plan with its projection and net income."""

    name: str
    plan: Plan
    monthly_inr: float
    low_inr: float
    high_inr: float
    net_inr: float

    def as_row(self) -> dict[str, object]:
        """A flat row for tables and exports."""
        return {
            "name": self.name,
            **asdict(self.plan),
            "monthly_inr": self.monthly_inr,
            "low_inr": self.low_inr,
            "high_inr": self.high_inr,
            "net_inr": self.net_inr,
        }


def clean_name(name: object) -> str:
    """A scenario name safe to show anywhere: printable, no angle brackets, one line, short."""
    text = "".join(ch if ch.isprintable() and ch not in "<>" else " " for ch in str(name))
    return " ".join(text.split())[:MAX_NAME]


def make_scenario(model: EarningsModel, name: str, plan: Plan) -> Scenario:
    """Project a plan and keep it under a (trimmed, non-empty) name."""
    projection = model.predict(
        plan.category, plan.tier, plan.hours, plan.clients, plan.abroad_share
    )
    return Scenario(
        clean_name(name) or "Plan",
        plan,
        projection.monthly_inr,
        projection.low_inr,
        projection.high_inr,
        net_view(projection, plan).net,
    )


def add_scenario(saved: list[Scenario], scenario: Scenario) -> list[Scenario]:
    """Add or replace (same name) a scenario, keeping at most ``MAX_SCENARIOS``, newest last."""
    kept = [s for s in saved if s.name != scenario.name]
    return [*kept, scenario][-MAX_SCENARIOS:]


def net_table(net: NetView, lang: str) -> pd.DataFrame:
    """Gross to net, line by line, worded and formatted for display."""
    keys = ("gross", "after_time_off", "fee_cut", "expenses_cut", "set_aside_cut", "net")
    values = (net.gross, net.after_time_off, -net.fee, -net.expenses, -net.set_aside, net.net)
    return pd.DataFrame(
        {
            "": [t(f"planner.{k}", lang) for k in keys],
            "₹": [inr(v, lang) for v in values],
        }
    )


def scenario_table(saved: list[Scenario], lang: str) -> pd.DataFrame:
    """Saved scenarios side by side, worded and formatted for display."""

    def work(s: Scenario) -> str:
        return " · ".join(
            (
                t(f"cat.{s.plan.category}.label", lang),
                t(f"tier.{s.plan.tier}.name", lang),
                market_label(s.plan.abroad_pct, lang),
            )
        )

    return pd.DataFrame(
        {
            t("planner.col_name", lang): [s.name for s in saved],
            t("planner.col_work", lang): [work(s) for s in saved],
            t("planner.col_week", lang): [
                t(
                    "planner.week_value",
                    lang,
                    count=s.plan.clients,
                    hours=s.plan.hours,
                    clients=s.plan.clients,
                )
                for s in saved
            ],
            t("planner.col_monthly", lang): [inr(s.monthly_inr, lang) for s in saved],
            t("planner.col_range", lang): [
                f"{inr(s.low_inr, lang)} – {inr(s.high_inr, lang)}" for s in saved
            ],
            t("planner.col_net", lang): [inr(s.net_inr, lang) for s in saved],
        }
    )


def market_label(pct: float, lang: str) -> str:
    """Where the clients are, in a few words: "clients in India", "clients abroad" or
    "30% of work abroad"."""
    market = market_of(pct)
    return t(f"market.short.{market}", lang, share=percent(_clamp(pct, 0, 100), lang))


def curve_series(
    model: EarningsModel,
    category: str,
    tier: str,
    clients: int,
    lang: str,
    abroad_share: float = 0.0,
) -> dict[str, tuple[list[float], list[float], list[float], list[float]]]:
    """Income-by-hours lines for a few client counts around ``clients``, labelled in ``lang``."""
    counts = sorted({1, clients, min(clients * 2, CLIENTS_RANGE[1]), 5})
    series = {}
    for count, points in curves(model, category, tier, counts, abroad_share).items():
        series[t("planner.clients_line", lang, count=count)] = (
            [h for h, _ in points],
            [p.monthly_inr for _, p in points],
            [p.low_inr for _, p in points],
            [p.high_inr for _, p in points],
        )
    return series


def billed_line(
    band_of: Callable[[str, str, str], Band], category: str, tier: str, market: str, lang: str
) -> str:
    """The typical rate per billed hour in the chosen market (both markets for a mix), in
    words: the planner shows it beside its per-hour-set-aside figure. ``band_of(category,
    tier, market)`` gives a band, e.g. ``functools.partial(rate_band, rates)``."""
    if market == "mix":
        india = band_of(category, tier, "india")
        abroad = band_of(category, tier, "abroad")
        return t(
            "pay.planner_billed_mix",
            lang,
            india_low=inr(india.low, lang),
            india_high=inr(india.high, lang),
            abroad_low=inr(abroad.low, lang),
            abroad_high=inr(abroad.high, lang),
        )
    band = band_of(category, tier, market)
    where = t(f"market.short.{market}", lang)
    return t(
        "pay.planner_billed", lang, market=where, low=inr(band.low, lang), high=inr(band.high, lang)
    )


def band_middle(
    band_of: Callable[[str, str, str], Band], category: str, tier: str, pct: float
) -> float:
    """The middle of the billed band for the plan's clients: the chosen market's, or for a mix
    the blend of both markets' middles in proportion to the work abroad (as projections blend)."""
    share = _clamp(pct, 0, 100) / 100
    middle = 0.0
    for market, weight in (("india", 1 - share), ("abroad", share)):
        if weight > 0:
            band = band_of(category, tier, market)
            middle += weight * (band.low + band.high) / 2
    return middle


FEW_HOURS = 5  # below this many hours a week the line says why few of them get billed


@dataclass(frozen=True)
class PerHour:
    """What each hour set aside brings, as the planner shows it.

    The projection is a month's pay for billed hours; an hour set aside brings at most what a
    billed hour pays (billed hours are never more than the hours set aside), typically the
    billed band's middle. The projection divided by the hours set aside can exceed that where
    the model runs ahead of the hours (at a few hours a week the example data has almost no
    one, and the projection does not fall in proportion): then the figure is the middle, and
    ``ceiling_inr`` (every hour set aside billed at the middle, a month) is what to plan with."""

    rate: float
    hours: int
    middle: float | None  # None: no billed band to compare with (a coach's own data)
    ceiling_inr: float | None
    capped: bool

    @property
    def few_hours(self) -> bool:
        """True when the week is short enough for unbilled work to take much of it."""
        return self.hours < FEW_HOURS


def per_hour(projection: Projection, hours: int, middle: float | None) -> PerHour:
    """The per-hour-set-aside figure for ``projection`` at ``hours`` a week, never above
    ``middle`` (the billed band's middle; None: not capped)."""
    hours_ = int(_clamp(hours, *HOURS_RANGE))
    implied = projection.monthly_inr / (hours_ * WEEKS_PER_YEAR / 12)
    if middle is None or middle <= 0:
        return PerHour(implied, hours_, None, None, False)
    ceiling = middle * hours_ * WEEKS_PER_YEAR / 12
    return PerHour(min(implied, middle), hours_, middle, ceiling, implied > middle)


def per_hour_text(view: PerHour, lang: str) -> str:
    """The per-hour line's explanation (after the billed band): why the figure is capped and
    what to plan with, and at a few hours a week why fewer hours get billed."""
    parts = []
    if view.capped and view.middle is not None and view.ceiling_inr is not None:
        parts.append(
            t(
                "planner.hourly_capped",
                lang,
                middle=inr(view.middle, lang),
                ceiling=inr(view.ceiling_inr, lang),
            )
        )
    if view.few_hours:
        parts.append(t("planner.hourly_few", lang, count=view.hours, hours=view.hours))
    return " ".join(parts)


def usd_text(
    projection: Projection, net: NetView, hourly: float, rupees_per_dollar: float, lang: str
) -> str:
    """The page's headline figures in US dollars, and which figures stay in rupees."""
    rate = _clamp(rupees_per_dollar, FIELDS["fx"].low, FIELDS["fx"].high)

    def dollars(amount: float) -> str:
        return usd(amount / rate, lang)

    return " ".join(
        (
            t(
                "planner.usd_figures",
                lang,
                amount=dollars(projection.monthly_inr),
                low=dollars(projection.low_inr),
                high=dollars(projection.high_inr),
                net=dollars(net.net),
                hourly=dollars(hourly),
            ),
            t("planner.usd_rest", lang),
        )
    )


def _pct(value: float, lang: str) -> str:
    """A percentage with a decimal only where it has one ("10%", "1.5%")."""
    return f"{number(value, lang, digits=0 if value == int(value) else 1)}%"


def market_note(india: Band, abroad: Band, share_pct: float, lang: str) -> str:
    """The line under "Where are your clients?": how much more clients abroad pay (the ratio
    of the billed bands' middles for this work and level) and what comes off; abroad and a
    mix name the fees the planner has preset (:func:`market_presets`)."""
    share = _clamp(share_pct, 0, 100)
    ratio = ratio_text(pay_ratio(india, abroad), lang)
    cut = _pct(PAY_CUT_ABROAD, lang)
    if share == 0:
        return t("planner.market_note", lang, ratio=ratio, cut=cut)
    if share == 100:
        return t("planner.market_note_abroad", lang, ratio=ratio, cut=cut)
    presets = market_presets(share)
    return t(
        "planner.market_note_mix",
        lang,
        ratio=ratio,
        share=percent(share, lang),
        cut_abroad=cut,
        fee=_pct(float(presets["fee_pct"]), lang),  # type: ignore[arg-type]
        cut=_pct(float(presets["pay_cut"]), lang),  # type: ignore[arg-type]
    )
