"""A sheet as CSV: UTF-8 without a byte-order mark, the header first, numbers as stored."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from improvement_board.core.exports import Column, Quantity, Sheet, csv_bytes

SHEET = Sheet(
    "Figures",
    "every figure",
    (
        Column("Indicator"),
        Column("Value", "number"),
        Column("Numerator", "count"),
        Column("Period ends", "date"),
        Column("Recorded", "datetime"),
        Column("Standing", "flag"),
        Column("Note"),
    ),
    (
        ("CH 143", Quantity(89.5, "percent", 1), 19.0, date(2006, 10, 31), None, True, "ok"),
        (
            "CH 141",
            Quantity(100 * 19 / 21, "rate", 1),
            633,
            date(2006, 4, 30),
            datetime(2006, 11, 2, 10, 15),
            False,
            '=HYPERLINK("http://example.invalid", "click")',
        ),
        ("Café, “quoted”", None, None, None, None, None, "-3 on last month"),
    ),
)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_header_is_the_first_line_and_there_is_no_byte_order_mark() -> None:
    data = csv_bytes(SHEET)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0] == b"Indicator,Value,Numerator,Period ends,Recorded,Standing,Note"


def test_figures_are_written_exactly_as_stored_and_dates_in_iso_form() -> None:
    rows = _rows(csv_bytes(SHEET))
    assert rows[1][:6] == ["CH 143", "89.5", "19", "2006-10-31", "", "yes"]
    assert float(rows[2][1]) == 100 * 19 / 21
    assert rows[2][3:6] == ["2006-04-30", "2006-11-02 10:15:00", "no"]


def test_text_is_quoted_where_needed_and_never_starts_as_a_formula() -> None:
    rows = _rows(csv_bytes(SHEET))
    assert rows[2][6] == '\'=HYPERLINK("http://example.invalid", "click")'
    assert rows[3][0] == "Café, “quoted”"
    assert rows[3][6] == "'-3 on last month"
    assert rows[3][1:6] == ["", "", "", "", ""]
