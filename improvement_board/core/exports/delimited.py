"""One sheet as a CSV file: UTF-8 without a byte-order mark, the header on the first line.

The header comes first so any program reads the columns by name; there is no title or marking
line above it (the file's name carries the marking, and the workbook carries it on every sheet).
Figures are written as the store keeps them: a percentage in points (89.5), money in pounds,
without thousands separators, so a program reading the file gets the number itself. Dates are
ISO 8601 (2006-10-31) and times the board's local time (2006-11-02 10:15:00). Text passes
through ``neutral`` first.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date, datetime

from improvement_board.core.exports.cells import neutral
from improvement_board.core.exports.model import Quantity, Sheet, Value


def csv_bytes(sheet: Sheet) -> bytes:
    """The sheet's header and rows as CSV (RFC 4180: CRLF line ends, quotes where needed)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutral(heading) for heading in sheet.headings])
    for row in sheet.rows:
        writer.writerow([csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def csv_text(value: Value) -> str:
    """A cell as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Quantity):
        return number_text(value.value)
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return neutral(value)


def number_text(number: float) -> str:
    """A number written exactly, the shortest way that reads back as the same number: 19, not
    19.0; 90.47619047619048 in full."""
    if isinstance(number, int):
        return str(number)
    if not math.isfinite(number):
        return ""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)
