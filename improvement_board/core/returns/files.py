"""Turning the bytes of an uploaded return into a grid, refusing what cannot safely be opened.

The type is decided by content, never by the name alone. A workbook is a zip archive, so its
entry count and unzipped size are read from the archive's directory and checked before any XML is
parsed: a small upload that would unzip to gigabytes is refused, not opened. Text is read as UTF-8
(with or without the byte-order mark Excel writes) or else as Windows-1252, the encoding of Excel's
plain "CSV (Comma delimited)".
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from datetime import date
from pathlib import PurePath
from typing import Any

import openpyxl

from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.returns.model import Cell, Grid, Row, refuse

MAX_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 1_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 500
PREFERRED_SHEETS = ("return", "data")

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_DELIMITERS = (",", ";", "\t")
_SHOWN_LINES = 10
_SAVE_AS = "save it from Excel as CSV UTF-8 or as an Excel workbook (.xlsx)"


def read_grid(data: bytes, source: str) -> Grid:
    """The first sheet of a workbook, or the rows of a CSV file; ProblemsFound if neither."""
    if len(data) > MAX_BYTES:
        raise too_large(source, len(data))
    if not data.strip():
        raise refuse(source, "is empty: expected a header row and rows of figures")
    if data.startswith(_ZIP):
        return _read_workbook(data, source)
    if data.startswith(_OLE):
        raise refuse(
            source,
            "is an Excel 97-2003 workbook (.xls) or a password-protected workbook; "
            "save it unprotected as an Excel workbook (.xlsx) or as CSV UTF-8",
        )
    if PurePath(source).suffix.casefold() in _WORKBOOK_SUFFIXES:
        suffix = PurePath(source).suffix
        raise refuse(source, f"is named {suffix} but is not an Excel workbook; {_SAVE_AS}")
    return _read_csv(_decode(data, source), source)


# --- CSV ------------------------------------------------------------------------------------


def _decode(data: bytes, source: str) -> str:
    if data.startswith(_UTF16_BOMS):
        raise refuse(source, f'is saved as UTF-16 (Excel\'s "Unicode Text"); {_SAVE_AS}')
    if b"\x00" in data:
        raise refuse(source, f"is not a CSV file or an Excel workbook; {_SAVE_AS}")
    if data.startswith(_UTF8_BOM):
        return _decode_as(data[len(_UTF8_BOM) :], "utf-8", "UTF-8", source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_as(data, "cp1252", "UTF-8 or Windows-1252", source)


def _decode_as(data: bytes, encoding: str, described: str, source: str) -> str:
    """Decode, or name every line (up to ten) holding bytes that are not text in ``encoding``."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    bad = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            bad.append(number)
    problems = [
        Problem(source, number, None, f"holds characters that are not {described} text; {_SAVE_AS}")
        for number in bad[:_SHOWN_LINES]
    ]
    if len(bad) > _SHOWN_LINES:
        more = len(bad) - _SHOWN_LINES
        problems.append(Problem(source, None, None, f"and {more} more lines like these"))
    raise ProblemsFound(problems)


def _read_csv(text: str, source: str) -> Grid:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows: list[Row] = []
    try:
        for record in reader:
            if len(rows) == MAX_ROWS:
                raise _too_many_rows(source)
            if any(field.strip() for field in record[MAX_COLUMNS:]):
                raise _too_many_columns(source, len(rows) + 1)
            rows.append(tuple(_text_cell(field) for field in record[:MAX_COLUMNS]))
    except csv.Error as error:
        message = f'cannot be read as CSV ({error}); check for a stray quote mark (")'
        raise refuse(source, message, reader.line_num) from None
    return Grid(source, tuple(rows), delimited=True)


def _delimiter(text: str) -> str:
    """Comma unless the first line plainly uses semicolons or tabs (other regional settings)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(_DELIMITERS, key=first.count) if first else ","


def _text_cell(field: str) -> Cell:
    stripped = field.strip()
    return stripped or None


# --- XLSX -----------------------------------------------------------------------------------


def _read_workbook(data: bytes, source: str) -> Grid:
    _check_archive(data, source)
    try:
        # Warnings about workbook features the reader ignores say nothing about the figures.
        with warnings.catch_warnings(action="ignore"):
            return _read_sheet(data, source)
    except ProblemsFound:
        raise
    except Exception as error:  # a damaged workbook can fail anywhere in a third-party parser
        message = f"cannot be read as an Excel workbook ({type(error).__name__}); {_SAVE_AS}"
        raise refuse(source, message) from None


def _check_archive(data: bytes, source: str) -> None:
    """Refuse a zip that is not a workbook, or would unzip too large, before parsing any XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception:  # the zip directory itself is damaged
        raise refuse(
            source, f"is a damaged zip file, not a readable workbook; {_SAVE_AS}"
        ) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise refuse(source, f"holds {len(entries):,} files; a workbook holds far fewer")
    unzipped = sum(entry.file_size for entry in entries)
    if unzipped > MAX_UNZIPPED_BYTES:
        limit = MAX_UNZIPPED_BYTES
        raise refuse(source, f"would unzip to {unzipped:,} bytes; at most {limit:,} are opened")
    if any(entry.compress_type not in _ZIP_METHODS for entry in entries):
        raise refuse(source, "is compressed in a way Excel does not use; it is not a workbook")
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise refuse(source, f"is a zip file but not an Excel workbook; {_SAVE_AS}")


def _read_sheet(data: bytes, source: str) -> Grid:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise refuse(source, "has no worksheet to read")
        sheet = _preferred(sheets)
        label = f'{source}, sheet "{sheet.title}"'
        others = tuple(str(other.title) for other in sheets if other is not sheet)
        return Grid(label, _sheet_rows(sheet, label), others=others)
    finally:
        workbook.close()


def _preferred(sheets: list[Any]) -> Any:
    """A sheet named "Return", else one named "Data", else the first."""
    by_name = {str(sheet.title).strip().casefold(): sheet for sheet in reversed(sheets)}
    return next((by_name[name] for name in PREFERRED_SHEETS if name in by_name), sheets[0])


def _sheet_rows(sheet: Any, label: str) -> tuple[Row, ...]:
    """Rows as stored, never padded to the sheet's claimed size (which a file may exaggerate)."""
    sheet.reset_dimensions()
    rows: list[Row] = []
    for cells in sheet.iter_rows():
        if len(rows) == MAX_ROWS:
            raise _too_many_rows(label)
        if len(cells) > MAX_COLUMNS and any(c.value is not None for c in cells[MAX_COLUMNS:]):
            raise _too_many_columns(label, len(rows) + 1)
        rows.append(tuple(_workbook_cell(cell) for cell in cells[:MAX_COLUMNS]))
    return tuple(rows)


def _workbook_cell(cell: Any) -> Cell:
    """A cell as one type: numbers become text written exactly, shown as the officer typed them.

    A number formatted as a percentage is stored by Excel as a fraction (0.895 shows as 89.5%),
    so it is read back as the percentage the officer sees.
    """
    value = cell.value
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if "%" in str(cell.number_format or ""):
            return _written(round(value * 100, 10)) + "%"
        return _written(value)
    return _text_cell(str(value))


def _written(number: float) -> str:
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def too_large(source: str, size: int) -> ProblemsFound:
    return refuse(source, f"is {size:,} bytes; a return may be at most {MAX_BYTES:,}")


def _too_many_rows(source: str) -> ProblemsFound:
    message = f"has more than {MAX_ROWS:,} rows; delete the rows below the figures"
    return refuse(source, message, MAX_ROWS + 1)


def _too_many_columns(source: str, row: int) -> ProblemsFound:
    message = f"has more than {MAX_COLUMNS:,} columns; delete the columns right of the figures"
    return refuse(source, message, row)
