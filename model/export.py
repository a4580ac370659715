"""CSV export of saved scenarios, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return)
could run as a formula in Excel or Sheets ("CSV injection"). Text cells like that
get a leading apostrophe, which spreadsheets show as plain text. Excel in a locale
that splits cells on ``;`` (or a user who imports with ``;`` or tab as the
separator) would cut ``a;=1+1;b`` into three cells, the middle one a formula, so
every formula start after a separator (``,`` ``;`` tab, or a line break) gets an
apostrophe too, and every text cell is written in quotes. Numbers stay numbers,
unquoted (a negative net income is written as a number, not as text).
The file is UTF-8 with a byte-order mark so that Excel shows Hindi correctly.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from model.i18n import t
from model.planner import Scenario, market_label

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = (",", ";", "\t", "\r", "\n")
# A formula start right after a separator (spaces between allowed): "a;=1+1" -> "a;'=1+1".
_INNER_FORMULA = re.compile(r"([,;\t\r\n][ ]*)(?=[=+\-@])")


def neutralise(cell: object) -> object:
    """``cell`` made safe for a spreadsheet: a risky text start, and every formula start
    after a separator, gets an apostrophe. Non-text cells are returned unchanged."""
    if not isinstance(cell, str):
        return cell
    text = _INNER_FORMULA.sub(r"\1'", cell)
    return "'" + text if text.startswith(RISKY_STARTS) else text


def scenarios_csv(saved: Sequence[Scenario], lang: str) -> bytes:
    """The saved scenarios as CSV with headings in ``lang``; amounts in whole rupees."""
    keys = (
        "col_name",
        "col_category",
        "col_tier",
        "col_hours",
        "col_clients",
        "col_fee",
        "col_expenses",
        "col_set_aside",
        "col_weeks_off",
        "col_market",
        "col_monthly",
        "col_low",
        "col_high",
        "col_net",
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([neutralise(t(f"export.{k}", lang)) for k in keys])
    for s in saved:
        row = [
            s.name,
            t(f"cat.{s.plan.category}.label", lang),
            t(f"tier.{s.plan.tier}.name", lang),
            s.plan.hours,
            s.plan.clients,
            s.plan.fee_pct,
            round(s.plan.expenses_inr),
            s.plan.set_aside_pct,
            s.plan.weeks_off,
            market_label(s.plan.abroad_pct, lang),
            round(s.monthly_inr),
            round(s.low_inr),
            round(s.high_inr),
            round(s.net_inr),
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
