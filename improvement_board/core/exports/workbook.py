"""A book as an Excel workbook: every sheet titled, marked, frozen below its header, formatted.

Each sheet opens with the programme's name and what the sheet is (row 1), the protective marking
(row 2, and in the printed header and footer of every page), a note where the sheet has one
(row 3), then the header (row 4), frozen so it stays in view, with a filter on it. Numbers are
numbers formatted in their unit: a percentage is stored as Excel stores one (0.895, shown 89.5%),
money in pounds shown in £M as the pack shows it, rates and counts with their decimals; dates
and times are Excel dates. Text passes through ``neutral`` first, so no cell is a formula.
"""

from __future__ import annotations

import io
import math
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from improvement_board.core.exports.cells import neutral
from improvement_board.core.exports.model import NUMERIC, Book, Column, Kind, Quantity, Sheet, Value

TITLE_ROW, MARKING_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_ROW = HEADER_ROW + 1
LONGEST_TEXT = 32_767
"""Excel's limit on the characters in one cell."""
WIDEST = 60
DATE_FORMAT = "d mmm yyyy"
TIME_FORMAT = "d mmm yyyy hh:mm"
MONEY_FORMAT = '"£"#,##0.00,,"M"'
"""Pounds shown in millions: the two commas after the digits divide by a million for display."""
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_HEADER_BORDER = Border(bottom=Side(style="thin"))
_WIDTHS: dict[Kind, int] = {"date": 12, "datetime": 17, "flag": 5}


def xlsx_bytes(book: Book) -> bytes:
    """The book as the bytes of an .xlsx file."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in book.sheets:
        _write(workbook.create_sheet(sheet.name), book, sheet)
    properties = workbook.properties
    properties.title = neutral(f"{book.programme}: {book.title}")
    properties.subject = neutral(book.title)
    properties.keywords = neutral(book.marking)
    properties.category = neutral(book.marking)
    properties.creator = "Improvement Board"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def number_format(kind: Kind, decimals: int = 0) -> str:
    """The Excel number format of a kind of figure."""
    places = "." + "0" * decimals if decimals > 0 else ""
    formats: dict[Kind, str] = {
        "percent": f"0{places}%",
        "rate": f"#,##0{places}",
        "number": f"#,##0{places}",
        "money": MONEY_FORMAT,
        "count": "#,##0",
        "integer": "0",
        "date": DATE_FORMAT,
        "datetime": TIME_FORMAT,
    }
    return formats.get(kind, "General")


def _write(ws: Any, book: Book, sheet: Sheet) -> None:
    ws.cell(TITLE_ROW, 1, neutral(f"{book.programme}: {sheet.title}")).font = Font(
        bold=True, size=14
    )
    ws.cell(MARKING_ROW, 1, neutral(book.marking)).font = Font(bold=True)
    note = " ".join(part for part in (book.note, sheet.note) if part)
    if note:
        ws.cell(NOTE_ROW, 1, neutral(note)).font = Font(italic=True)
    for number, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(HEADER_ROW, number, neutral(column.heading))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(column.heading) for column in sheet.columns]
    for row_number, row in enumerate(sheet.rows, start=FIRST_ROW):
        for index, (value, column) in enumerate(zip(row, sheet.columns, strict=True)):
            shown = _put(ws.cell(row_number, index + 1), value, column)
            widths[index] = max(widths[index], shown)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(width, WIDEST) + 2
    _frame(ws, book, sheet)


def _put(cell: Any, value: Value, column: Column) -> int:
    """Write one value with its format; how many characters wide it shows."""
    if value is None:
        return 0
    if isinstance(value, bool):
        cell.value = "yes" if value else "no"
        return 3
    if isinstance(value, Quantity):
        return _number(cell, value.value, value.kind, value.decimals)
    if isinstance(value, (int, float)):
        kind = column.kind if column.kind in NUMERIC else "number"
        return _number(cell, value, kind, column.decimals)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise ValueError("a workbook holds local times: give the time without a time zone")
        cell.value, cell.number_format = value, TIME_FORMAT
        return _WIDTHS["datetime"]
    if isinstance(value, date):
        cell.value, cell.number_format = value, DATE_FORMAT
        return _WIDTHS["date"]
    text = neutral(value)
    if len(text) > LONGEST_TEXT:
        cut = f"… ({len(text) - LONGEST_TEXT + 40:,} characters more are in the store)"
        text = text[: LONGEST_TEXT - len(cut)] + cut
    cell.value = text
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > WIDEST or "\n" in text:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return longest


def _number(cell: Any, number: float, kind: Kind, decimals: int) -> int:
    if not math.isfinite(number):
        return 0
    cell.value = number / 100 if kind == "percent" else number
    cell.number_format = number_format(kind, decimals)
    return len(f"{number:,.{max(decimals, 0)}f}") + 2


def _frame(ws: Any, book: Book, sheet: Sheet) -> None:
    """Frozen header, a filter, and the marking printed at the top and bottom of every page."""
    last_column = get_column_letter(max(len(sheet.columns), 1))
    last_row = HEADER_ROW + len(sheet.rows)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    marking = neutral(book.marking).replace("&", "&&")
    ws.oddHeader.center.text = marking
    ws.oddFooter.center.text = marking
    ws.oddFooter.right.text = "Page &P of &N"
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
