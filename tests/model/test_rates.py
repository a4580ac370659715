"""Rate data: every way a coach's file can be wrong gets a message naming row and column."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.i18n import load_catalog
from model.rates import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    MIN_ROWS,
    REQUIRED,
    RateDataError,
    decode_text,
    load_rates,
    missing_cells,
    rate_band,
    read_upload,
    template_csv,
)

HEADER = ",".join(REQUIRED) + "\n"
ROW = "admin,basic,20,2,500,40000\n"


def rows(n: int, start: int = 0) -> str:
    """``n`` distinct valid rows."""
    cats = ["admin", "writing", "design", "finance", "marketing", "programming", "av_editing"]
    return "".join(
        f"{cats[i % 7]},{['basic', 'specialist', 'expert'][i % 3]},{10 + i % 40},{1 + i % 5},"
        f"{300 + i},{20000 + 37 * i}\n"
        for i in range(start, start + n)
    )


def error_of(data: bytes | str) -> RateDataError:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(RateDataError) as info:
        read_upload(raw)
    return info.value


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        (
            "category,tier\nadmin,basic\n",
            "missing_columns",
            ["hours_per_week", "monthly_income_inr"],
        ),
        (HEADER, "no_rows", ["no data rows"]),
        ("", "empty_file", ["empty"]),
        ("\n\n  \n", "empty_file", ["empty"]),
        (HEADER.strip() + ",clients\n" + ROW, "repeated_columns", ["clients"]),
        (
            HEADER + rows(3) + "chef,basic,20,2,500,40000\n",
            "bad_id",
            ["row 5", "column category", "chef"],
        ),
        (HEADER + "admin,guru,20,2,500,40000\n", "bad_id", ["row 2", "column tier", "guru"]),
        (
            HEADER + "admin,basic,twenty,2,500,40000\n",
            "bad_number",
            ["row 2", "column hours_per_week", "twenty"],
        ),
        (
            HEADER + "admin,basic,20,0,500,40000\n",
            "out_of_range",
            ["row 2", "column clients", "1 to 50"],
        ),
        (
            HEADER + "admin,basic,20,2,500,-5\n",
            "out_of_range",
            ["row 2", "column monthly_income_inr"],
        ),
        (HEADER + "admin,basic,20,2,,40000\n", "bad_number", ["row 2", "column hourly_rate_inr"]),
        (HEADER + rows(2) + ",,,,,\n" + rows(2, 5), "empty_row", ["row 4 is empty"]),
        (HEADER + rows(2) + "admin,basic,20\n", "ragged_row", ["row 4", "cells (3)", "header (6)"]),
        (HEADER + rows(4) + rows(1, 1), "duplicate_rows", ["rows 3 and 6"]),
        (HEADER + rows(MIN_ROWS - 1), "too_few_rows", [str(MIN_ROWS - 1), str(MIN_ROWS)]),
    ],
)
def test_each_bad_file_gets_its_message(text, key, words):
    error = error_of(text)
    assert error.key == key
    for word in words:
        assert word in str(error), (word, str(error))
    hindi = error.message("hi")
    assert hindi != str(error) and "{" not in hindi
    for value in error.params.values():
        if isinstance(value, int):
            assert str(value) in hindi  # the row numbers are in the Hindi message too


def test_row_limit():
    error = error_of(HEADER + rows(MAX_ROWS + 1))
    assert error.key == "too_many_rows" and "10,000" in str(error)


def test_size_limit():
    data = (HEADER + ROW * (MAX_UPLOAD_BYTES // len(ROW) + 1)).encode()
    error = error_of(data)
    assert error.key == "too_big" and f"limit is {MAX_UPLOAD_MB} MB" in str(error)
    assert error.params["size"] == "1.00" or float(error.params["size"]) > MAX_UPLOAD_MB


def test_encodings_utf8_bom_utf16_accepted():
    text = HEADER + rows(MIN_ROWS)
    for data in (
        text.encode("utf-8"),
        text.encode("utf-8-sig"),
        text.encode("utf-16"),  # with BOM, as Excel's "Unicode text"
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
    ):
        assert len(read_upload(data)) == MIN_ROWS


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_other_encodings_rejected_clearly(encoding):
    text = HEADER + rows(MIN_ROWS - 1) + "admin,basic,20,2,500,40000 café\n"
    error = error_of(text.encode(encoding))
    assert error.key == "encoding" and "UTF-8" in str(error)
    assert "UTF-8" in error.message("hi")


def test_broken_utf16_rejected():
    with pytest.raises(RateDataError) as info:
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate
    assert info.value.key == "encoding"


def test_semicolons_tabs_and_indian_grouping():
    text = HEADER + rows(MIN_ROWS)
    semi = text.replace(",", ";").replace(";20000", ';"₹20,000"')
    assert len(read_upload(semi.encode())) == MIN_ROWS
    tabs = text.replace(",", "\t")
    assert len(read_upload(tabs.encode("utf-16"))) == MIN_ROWS
    grouped = HEADER + 'admin,basic,20,2,500,"1,50,000"\n' + rows(MIN_ROWS)
    assert read_upload(grouped.encode()).loc[0, "monthly_income_inr"] == 150_000


def test_extra_columns_case_and_spaces_tolerated():
    text = (
        "Notes,"
        + HEADER.upper().replace(",", " , ")
        + "".join("x," + line + "\n" for line in rows(MIN_ROWS).splitlines())
    )
    table = read_upload(text.encode())
    assert list(table.columns) == [*REQUIRED, "market"] and len(table) == MIN_ROWS
    assert set(table["market"]) == {"india"}  # no market column: clients in India


def test_trailing_blank_lines_are_not_rows():
    assert len(read_upload((HEADER + rows(MIN_ROWS) + "\n\n,,,,,\n").encode())) == MIN_ROWS


def test_values_quoted_back_are_short_and_plain():
    evil = "[click](javascript:alert(1))<script>" + "x" * 100
    error = error_of(HEADER + f'admin,"{evil}",20,2,500,40000\n')
    shown = str(error.params["value"])
    assert len(shown) <= 24 and "<" not in shown and "[" not in shown


def test_sample_and_template_are_valid():
    sample = load_rates()
    assert len(sample) == 3000 and not missing_cells(sample)
    template = template_csv(sample)
    table = load_rates(io.BytesIO(template))
    assert list(table.columns) == [*REQUIRED, "market"] and len(table) == 14
    assert set(table["category"]) == set(sample["category"])
    assert template.decode().splitlines()[0].endswith(",market")  # the template shows it
    assert (table.groupby("category")["market"].nunique() == 2).all()  # India and abroad


def test_market_column_is_optional_and_checked():
    """Issue 13: ``market`` may be missing (India), blank (India), any case; else a clear error."""
    body = rows(MIN_ROWS).splitlines()
    cells = ["abroad", " India ", "", "ABROAD"]
    text = HEADER.rstrip("\n") + ",market\n"
    text += "".join(f"{line},{cells[i % 4]}\n" for i, line in enumerate(body))
    table = read_upload(text.encode())
    assert list(table["market"][:4]) == ["abroad", "india", "india", "abroad"]
    bad = HEADER.rstrip("\n") + ",market\n" + body[0] + ",USA\n"
    error = error_of(bad)
    assert (error.key, error.params["row"], error.params["column"]) == ("bad_id", 2, "market")
    assert "india, abroad" in error.message("en") and "india, abroad" in error.message("hi")


def test_rate_band_per_market():
    sample = load_rates()
    india = rate_band(sample, "design", "specialist", "india")
    abroad = rate_band(sample, "design", "specialist", "abroad")
    assert india.high < abroad.high and india.low < abroad.low
    no_column = sample.drop(columns="market")
    assert rate_band(no_column, "design", "basic", "india") == rate_band(
        no_column, "design", "basic"
    )


def test_missing_cells_lists_absent_category_tier_pairs():
    table = read_upload((HEADER + rows(MIN_ROWS)).encode())
    only_admin = table[table["category"] == "admin"]
    gaps = missing_cells(only_admin)
    assert ("design", "basic") in gaps and len(gaps) == 21 - only_admin.groupby(
        ["category", "tier"]
    ).ngroups


def test_every_error_key_is_worded_in_both_languages():
    keys = [
        "encoding", "empty_file", "not_csv", "missing_columns", "repeated_columns", "no_rows",
        "too_many_rows", "too_few_rows", "empty_row", "ragged_row", "bad_id", "bad_number",
        "out_of_range", "duplicate_rows", "too_big", "not_monotone",
    ]  # fmt: skip
    for lang in ("en", "hi"):
        catalog = load_catalog(lang)
        assert all(f"rates.error.{k}" in catalog for k in keys)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_table_or_a_rate_error(data):
    try:
        read_upload(data)
    except RateDataError as error:
        assert error.message("en") and error.message("hi")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_after_a_header_gives_a_table_or_a_rate_error(text):
    try:
        read_upload((HEADER + text).encode("utf-8"))
    except RateDataError as error:
        assert "{" not in error.message("en")


# Issue 20, finding 1: the header is bounded before any work, and checked in linear time.


def test_an_attack_header_is_refused_by_its_length_in_both_languages():
    """20,000 repeated names, 40 KB (the review's file had 60,000): refused for its length
    before anything is split (the old repeated-name count was quadratic: seconds of CPU)."""
    from model.rates import MAX_HEADER_CHARS

    data = (",".join(["x"] * 20_000) + "," + HEADER + ROW * 50).encode()
    with pytest.raises(RateDataError) as err:
        read_upload(data)
    assert err.value.key == "header_too_long"
    assert err.value.params == {"limit": f"{MAX_HEADER_CHARS:,}"}
    for lang in ("en", "hi"):
        text = err.value.message(lang)
        assert f"{MAX_HEADER_CHARS:,}" in text and "{" not in text


def test_too_many_columns_are_refused_in_both_languages():
    from model.rates import MAX_COLUMNS

    data = (",".join(["x"] * 300) + "," + HEADER + ROW * 50).encode()
    with pytest.raises(RateDataError) as err:
        read_upload(data)
    assert err.value.key == "too_many_columns"
    assert err.value.params == {"columns": "306", "limit": MAX_COLUMNS}
    for lang in ("en", "hi"):
        text = err.value.message(lang)
        assert "306" in text and str(MAX_COLUMNS) in text and "{" not in text


def test_an_over_long_header_is_refused_before_it_is_split():
    """One enormous header cell (no delimiter to count): refused for its length."""
    from model.rates import MAX_HEADER_CHARS

    data = ("y" * 200_000 + "," + HEADER + ROW * 50).encode()
    with pytest.raises(RateDataError) as err:
        read_upload(data)
    assert err.value.key == "header_too_long"
    for lang in ("en", "hi"):
        assert f"{MAX_HEADER_CHARS:,}" in err.value.message(lang)


def test_a_header_at_the_limits_is_still_read():
    """Extra columns up to the limit are fine; a repeated name among them is still named."""
    from model.rates import MAX_COLUMNS

    extra = [f"note{i}" for i in range(MAX_COLUMNS - len(REQUIRED))]
    body = rows(60).replace("\n", "," + ",".join("" for _ in extra) + "\n")
    table = read_upload((",".join([*REQUIRED, *extra]) + "\n" + body).encode())
    assert len(table) == 60
    extra[-1] = "tier"
    with pytest.raises(RateDataError) as err:
        read_upload((",".join([*REQUIRED, *extra]) + "\n" + body).encode())
    assert err.value.key == "repeated_columns" and err.value.params["columns"] == "tier"


def test_a_quoted_header_that_runs_over_the_lines_is_bounded_too():
    data = ('"category\n' + "a,\n" * 5_000 + '",tier\n').encode()
    with pytest.raises(RateDataError) as err:
        read_upload(data)
    assert err.value.key in {"header_too_long", "missing_columns", "too_many_columns"}
