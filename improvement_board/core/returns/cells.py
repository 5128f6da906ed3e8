"""Reading one cell: numbers, percentages, counts and months written the ways councils write them.

Each reader raises ``CellError`` with a sentence saying what was found and what was expected; the
layouts turn it into a located problem.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date

from improvement_board.core.periods import Period
from improvement_board.core.returns.model import Cell, Figure

MAX_DECIMALS = 15
LONGEST_FIGURE = 64
"""Longer text is never a number or a month, and is not handed to the patterns at all."""
MONTH_FORMS = "2006-04, Apr-06, Apr 06, April 2006 or 04/2006"

_NUMBER = re.compile(
    r"[+-]?£?(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<fraction>\d*))?(?:[eE](?P<exp>[+-]?\d{1,4}))?"
)
_COUNTS = re.compile(r"(?P<numerator>[+\-−]?\d[^/()%]*?)\s*/\s*(?P<denominator>[+\-−]?\d[^/()%]*)")
_VALUE_WITH_COUNTS = re.compile(r"(?P<value>[^()]+)\((?P<counts>[^()]+)\)")
_EXCEL_ERROR = re.compile(r"#(DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)")
_DASHES = {"-", "–", "—"}

_MONTH_NAMES = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES |= {name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTH_NAMES["sept"] = 9
_NAMED_MONTH = re.compile(r"(?P<name>[a-z]{3,9})\.?[\s\-/']*(?P<year>\d{2}|\d{4})")
_NUMBERED_MONTHS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})(?:[ t][\d:.]+)?)?"),
    re.compile(r"(?P<month>\d{1,2})/(?P<year>\d{4})"),
    re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})"),
)


class CellError(ValueError):
    """A cell that does not hold what its place calls for; the message says what was expected."""


def is_blank(cell: Cell) -> bool:
    """Blank, or a dash: both mean "no figure"."""
    return cell is None or (isinstance(cell, str) and cell in _DASHES)


def text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    return cell.isoformat()


def show(cell: Cell) -> str:
    """A cell quoted for a message, shortened so a stray paragraph cannot swamp it."""
    written = text(cell)
    if len(written) > 40:
        written = written[:37] + "..."
    return repr(written)


def read_number(cell: Cell) -> tuple[float, int]:
    """A plain number and how many decimal places it was written to."""
    if isinstance(cell, date):
        raise CellError(f"{show(cell)} is a date where a number belongs")
    written = text(cell).replace("−", "-").strip()
    match = _NUMBER.fullmatch(written) if len(written) <= LONGEST_FIGURE else None
    if match is None or not (match.group("whole") or match.group("fraction")):
        raise CellError(_not_a_number(text(cell)))
    number = float(written.replace(",", "").replace("£", ""))
    if not math.isfinite(number):
        raise CellError(f"{show(cell)} is too large to be a figure")
    places = len(match.group("fraction") or "") - int(match.group("exp") or 0)
    return number, min(max(places, 0), MAX_DECIMALS)


def _not_a_number(written: str) -> str:
    if _EXCEL_ERROR.fullmatch(written.upper()):
        return f"{show(written)} is an Excel error; correct the formula or leave the cell blank"
    return (
        f"{show(written)} is text where a number belongs "
        "(leave the cell blank, or write -, when there is no figure)"
    )


def read_count(cell: Cell) -> float | None:
    """A numerator or denominator: a plain number, or None when blank."""
    if is_blank(cell):
        return None
    if isinstance(cell, str) and cell.endswith("%"):
        raise CellError(f"{show(cell)} is a percentage where a count belongs")
    return read_number(cell)[0]


def read_figure(cell: Cell) -> Figure | None:
    """A value cell: a number, a percentage, counts ``19/20``, or both ``89.5% (19/20)``."""
    if isinstance(cell, date):
        raise CellError(f"{show(cell)} is a date where a number belongs")
    if is_blank(cell):
        return None
    written = text(cell)
    if len(written) > LONGEST_FIGURE:
        raise CellError(_not_a_number(written))
    both = _VALUE_WITH_COUNTS.fullmatch(written)
    if both:
        value = _read_value(both.group("value").strip(), written)
        counts = _read_counts(both.group("counts").strip(), written)
        if counts is None:
            raise CellError(f"{show(written)} has brackets that do not hold counts such as (19/20)")
        return Figure(value.value, counts[0], counts[1], value.decimals, value.percent_sign)
    counts = _read_counts(written, written)
    if counts is not None:
        return Figure(None, counts[0], counts[1])
    return _read_value(written, written)


def _read_value(written: str, whole: str) -> Figure:
    percent_sign = written.endswith("%")
    digits = written.removesuffix("%").strip()
    try:
        number, decimals = read_number(digits)
    except CellError:
        raise CellError(_not_a_number(whole)) from None
    return Figure(number, decimals=decimals, percent_sign=percent_sign)


def _read_counts(written: str, whole: str) -> tuple[float, float] | None:
    match = _COUNTS.fullmatch(written)
    if match is None:
        return None
    try:
        numerator = read_number(match.group("numerator").strip())[0]
        denominator = read_number(match.group("denominator").strip())[0]
    except CellError:
        raise CellError(
            f"{show(whole)} is not counts: expected numerator/denominator such as 19/20"
        ) from None
    return numerator, denominator


def read_month(cell: Cell) -> Period:
    """A month as councils head their columns; a date cell means the month it falls in."""
    if isinstance(cell, date):
        return Period.of(cell)
    written = " ".join(text(cell).casefold().split())
    period = None
    if len(written) <= LONGEST_FIGURE:
        period = _named_month(written) or _numbered_month(written)
    if period is None:
        raise CellError(f"{show(cell)} is not a month: expected such as {MONTH_FORMS}")
    return period


def is_month(cell: Cell) -> bool:
    try:
        read_month(cell)
    except CellError:
        return False
    return True


def _named_month(written: str) -> Period | None:
    match = _NAMED_MONTH.fullmatch(written)
    if match is None or match.group("name") not in _MONTH_NAMES:
        return None
    return Period(_full_year(match.group("year")), _MONTH_NAMES[match.group("name")])


def _numbered_month(written: str) -> Period | None:
    """``2006-04``, ``2006-04-30``, ``04/2006`` or a British day-first date ``30/04/2006``."""
    for pattern in _NUMBERED_MONTHS:
        match = pattern.fullmatch(written)
        if match is None:
            continue
        year, month = _full_year(match.group("year")), int(match.group("month"))
        day = int(match.groupdict().get("day") or 1)
        try:
            date(year, month, day)
        except ValueError:
            return None
        return Period(year, month)
    return None


def _full_year(written: str) -> int:
    """Two-digit years as Excel reads them: 00-29 are 2000s, 30-99 are 1900s."""
    year = int(written)
    if len(written) == 2:
        return 2000 + year if year < 30 else 1900 + year
    return year
