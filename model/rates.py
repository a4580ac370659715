"""Hourly-rate data: the one loader and validator for rate tables (sample or uploaded).

A rate table has one row per VA-month with at least the ``REQUIRED`` columns, and
optionally ``market`` (``india`` or ``abroad``: where that VA's clients are; a missing
column or an empty cell means ``india``). The
shipped sample lives in ``data/sample_rates.csv``; a coach may upload a table of
local rates in the same shape. Both go through :func:`load_rates`, which accepts
UTF-8 (with or without a byte-order mark) and UTF-16, a comma, semicolon or tab
between cells, and Indian digit grouping in numbers ("1,50,000" or "₹1,50,000").

Whatever is wrong is raised as :class:`RateDataError`, whose ``key`` and
``params`` give a message in either language naming the row (as a spreadsheet
numbers it: the header is row 1) and the column.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections import Counter
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from model.i18n import t
from model.ids import CATEGORIES, TIERS
from model.pay import DEFAULT_MARKET, MARKETS, Band

RATES_PATH = Path(__file__).resolve().parent.parent / "data" / "sample_rates.csv"
REQUIRED = (
    "category",
    "tier",
    "hours_per_week",
    "clients",
    "hourly_rate_inr",
    "monthly_income_inr",
)
MARKET = "market"  # the optional column; missing or empty means DEFAULT_MARKET
COLUMNS = (*REQUIRED, MARKET)  # what a clean table holds, in this order
NUMERIC_RANGES = {
    "hours_per_week": (1, 80),
    "clients": (1, 50),
    "hourly_rate_inr": (10, 100_000),
    "monthly_income_inr": (0, 10_000_000),
}
# Uploads: 1 MB = 1,000,000 bytes, the unit Chromium's uploader uses on Linux and macOS (on
# Windows it allows 1 MiB; this check then refuses the difference with our own message). It is
# under the 1 MiB (1,048,576 bytes) above which the web server (Starlette) spools an upload to
# an unnamed file in the temp folder, so an accepted file never touches the disk.
# .streamlit/config.toml server.maxUploadSize = 1 (MiB) is the server's own hard stop.
MAX_UPLOAD_MB = 1
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1_000_000
SPOOL_BYTES = 1024 * 1024  # starlette.formparsers.MultiPartParser.spool_max_size
MAX_ROWS = 10_000  # keeps a refit under a few seconds on 2 cores
# The header is bounded before anything else is read: a table has 7 columns (the template's),
# spreadsheets add a few; 40 leaves room for notes. 2,000 characters is 50 names of 40.
MAX_COLUMNS = 40
MAX_HEADER_CHARS = 2_000
MIN_ROWS = 40  # 5-fold cross-validation needs a few rows per fold
LOW_Q, HIGH_Q = 0.10, 0.90
_DELIMITERS = (",", ";", "\t")
_NUMBER_JUNK = str.maketrans("", "", ",₹  _")


class RateDataError(ValueError):
    """Rate data that cannot be used. ``key``/``params`` say what is wrong and where."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The problem, worded for people, in ``lang``."""
        return t(f"rates.error.{self.key}", lang, **self.params)


def _shown(value: object, limit: int = 24) -> str:
    """A cell's text, short and plain enough to quote back in a message."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value)).strip()
    text = text.translate(str.maketrans("", "", "`*_[]<>#|\\"))
    return text[: limit - 1] + "…" if len(text) > limit else text


def decode_text(data: bytes) -> str:
    """Bytes as text: UTF-8 (BOM optional) or UTF-16 (BOM, or plainly UTF-16 text)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    elif b"\x00" in data[:200]:
        # UTF-16 without a BOM: ASCII text leaves every other byte zero.
        even_zeros = data[0:200:2].count(0) > data[1:200:2].count(0)
        encodings = ("utf-16-be",) if even_zeros else ("utf-16-le",)
    else:
        encodings = ("utf-8",)
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise RateDataError("encoding")


def _header_line(text: str) -> str:
    """The first line, read no further than the header's limit (raises RateDataError when it
    is longer): nothing else is split or parsed before the header is known to be small."""
    head = text[: MAX_HEADER_CHARS + 2].splitlines()
    first = head[0] if head else ""
    if len(first) > MAX_HEADER_CHARS:
        raise RateDataError("header_too_long", limit=f"{MAX_HEADER_CHARS:,}")
    return first


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and data rows; trailing blank lines dropped, the delimiter sniffed from the header.

    The header is bounded first (length, then columns), so the cost of everything after it is
    linear in the file's size."""
    header_line = _header_line(text)
    delimiter = max(_DELIMITERS, key=header_line.count)
    try:
        header_cells = next(csv.reader([header_line], delimiter=delimiter), [])
    except csv.Error as exc:
        raise RateDataError("not_csv") from exc
    if len(header_cells) > MAX_COLUMNS:
        raise RateDataError("too_many_columns", columns=f"{len(header_cells):,}", limit=MAX_COLUMNS)
    lines = text.splitlines()
    while lines and not lines[-1].strip(" \t,;"):
        lines.pop()
    if not lines:
        raise RateDataError("empty_file")
    try:
        rows = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error as exc:
        raise RateDataError("not_csv") from exc
    header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[0]]
    if len(header) > MAX_COLUMNS:  # a quoted header cell that runs on over the next lines
        raise RateDataError("too_many_columns", columns=f"{len(header):,}", limit=MAX_COLUMNS)
    return header, rows[1:]


def _table(header: list[str], body: list[list[str]], max_rows: int | None) -> pd.DataFrame:
    """Check the shape of the table (columns, rows, blanks, ragged rows) and build a frame."""
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RateDataError("missing_columns", columns=", ".join(missing))
    repeated = sorted(c for c, n in Counter(header).items() if c and n > 1)
    if repeated:
        raise RateDataError("repeated_columns", columns=_shown(", ".join(repeated), 80))
    if not body:
        raise RateDataError("no_rows")
    if max_rows is not None and len(body) > max_rows:
        raise RateDataError("too_many_rows", rows=f"{len(body):,}", limit=f"{max_rows:,}")
    for i, row in enumerate(body):
        if not any(cell.strip() for cell in row):
            raise RateDataError("empty_row", row=i + 2)
        if len(row) != len(header):
            raise RateDataError("ragged_row", row=i + 2, cells=len(row), expected=len(header))
    return pd.DataFrame(body, columns=header)


def validate_rates(table: pd.DataFrame) -> pd.DataFrame:
    """Check columns, ids, types and ranges; return a clean copy or raise RateDataError.

    Row numbers in messages count the header as row 1, as a spreadsheet does.
    """
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise RateDataError("missing_columns", columns=", ".join(missing))
    if table.empty:
        raise RateDataError("no_rows")
    clean = table.loc[:, list(REQUIRED)].copy()
    clean[MARKET] = table[MARKET] if MARKET in table.columns else DEFAULT_MARKET
    for column, allowed in (("category", CATEGORIES), ("tier", TIERS), (MARKET, MARKETS)):
        values = clean[column].fillna("").astype(str).str.strip().str.lower()
        if column == MARKET:
            values = values.replace("", DEFAULT_MARKET)
        bad = ~values.isin(allowed)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise RateDataError(
                "bad_id",
                row=i + 2,
                column=column,
                value=_shown(table[column].iloc[i]),
                allowed=", ".join(allowed),
            )
        clean[column] = values
    for column, (low, high) in NUMERIC_RANGES.items():
        raw = clean[column]
        if not pd.api.types.is_numeric_dtype(raw):
            raw = raw.astype(str).str.translate(_NUMBER_JUNK)
        numbers = pd.to_numeric(raw, errors="coerce")
        bad = numbers.isna() | ~np.isfinite(numbers) | (numbers < low) | (numbers > high)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            value = table[column].iloc[i]
            key = "bad_number" if pd.isna(numbers.iloc[i]) else "out_of_range"
            raise RateDataError(
                key,
                row=i + 2,
                column=column,
                value=_shown(value),
                low=f"{low:,}",
                high=f"{high:,}",
            )
        clean[column] = numbers.astype(float)
    same = clean.duplicated(keep=False).to_numpy()
    if same.any():
        first, *others = np.flatnonzero(same)
        keys = pd.util.hash_pandas_object(clean, index=False).to_numpy()
        twin = next(j for j in others if keys[j] == keys[first])
        raise RateDataError("duplicate_rows", row=int(first) + 2, other=int(twin) + 2)
    return clean.loc[:, list(COLUMNS)].reset_index(drop=True)


def load_rates(
    source: str | Path | bytes | IO[Any] | None = None, *, max_rows: int | None = None
) -> pd.DataFrame:
    """Read and validate rate data (default: the shipped sample) from a path, bytes or file.

    ``max_rows`` caps the number of data rows (uploads use :data:`MAX_ROWS`).
    """
    if source is None:
        source = RATES_PATH
    if isinstance(source, str | Path):
        data: bytes | str = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()
    if isinstance(data, bytes):
        if len(data) > MAX_UPLOAD_BYTES and max_rows is not None:
            size = math.ceil(len(data) / 10_000) / 100  # MB, rounded up: never "1.00"
            raise RateDataError("too_big", size=f"{size:.2f}", limit=MAX_UPLOAD_MB)
        text = decode_text(data)
    else:
        text = str(data)
    header, body = _rows(text)
    return validate_rates(_table(header, body, max_rows))


def read_upload(data: bytes) -> pd.DataFrame:
    """An uploaded rate file, with the upload limits (size, rows) applied."""
    table = load_rates(data, max_rows=MAX_ROWS)
    if len(table) < MIN_ROWS:
        raise RateDataError("too_few_rows", rows=len(table), need=MIN_ROWS)
    return table


def template_csv(sample: pd.DataFrame, rows: int = 14) -> bytes:
    """A starter file for coaches: the columns (``market`` included) and, per category, one
    example row with clients in India and one with clients abroad."""
    picks = sample.groupby(["category", MARKET], sort=False).head(1)
    picks = picks.sort_values(["category", MARKET], key=_display_order, kind="stable").head(rows)
    out = io.StringIO()
    picks.loc[:, list(COLUMNS)].to_csv(out, index=False, float_format="%.0f")
    return out.getvalue().encode("utf-8")


def _display_order(column: pd.Series) -> pd.Series:
    """Sort key: ids in their canonical order (categories as in model.ids, India first)."""
    order = CATEGORIES if column.name == "category" else MARKETS
    return column.map({value: i for i, value in enumerate(order)})


def rate_band(rates: pd.DataFrame, category: str, tier: str, market: str | None = None) -> Band:
    """The typical hourly band (P10 to P90, rounded to ₹10) for one category and tier, among
    VAs with clients in ``market`` (``None``: all rows). A table without a ``market`` column
    is all India. With no rows for the cell, the band of the whole market (or table)."""
    rows = rates
    if market is not None:
        markets = rates[MARKET] if MARKET in rates.columns else DEFAULT_MARKET
        chosen = rates.loc[pd.Series(markets == market, index=rates.index)]
        rows = chosen if not chosen.empty else rates
    same = (rows["category"] == category) & (rows["tier"] == tier)
    cell = rows.loc[same, "hourly_rate_inr"]
    if cell.empty:
        cell = rows["hourly_rate_inr"]
    low, high = np.quantile(cell.to_numpy(dtype=float), [LOW_Q, HIGH_Q])
    return Band(round(float(low), -1), round(float(high), -1))


def missing_cells(rates: pd.DataFrame) -> list[tuple[str, str]]:
    """The (category, tier) pairs the table has no rows for."""
    present = set(zip(rates["category"], rates["tier"], strict=True))
    return [(c, tr) for c in CATEGORIES for tr in TIERS if (c, tr) not in present]
