"""Reading one cell: numbers, percentages, counts, DfE's markers and periods, the ways councils
write them.

Each reader raises ``CellError`` with a sentence saying what was found and what was expected; the
layouts turn it into a located problem. Numbers and months are written with the digits 0-9 only,
and every number passes the checks of core/values.py.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date

from improvement_board.core import values
from improvement_board.core.markers import Marker, read_marker
from improvement_board.core.periods import Cadence, Period
from improvement_board.core.returns.model import Cell, Figure

MAX_DECIMALS = 15
LONGEST_FIGURE = 64
"""Longer text is never a number or a month, and is not handed to the patterns at all."""
LONGEST_RANGE = 34
"""A range such as ``1 to 5`` is kept as written; the store keeps ``range:`` and 34 characters."""
MONTH_FORMS = "2006-04, Apr-06, Apr 06, April 2006 or 04/2006"

_NUMBER = re.compile(
    r"[+-]?£?(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<fraction>\d*))?(?:[eE](?P<exp>[+-]?\d{1,4}))?",
    re.ASCII,
)
_COUNTS = re.compile(
    r"(?P<numerator>[+\-−]?\d[^/()%]*?)\s*/\s*(?P<denominator>[+\-−]?\d[^/()%]*)", re.ASCII
)
_VALUE_WITH_COUNTS = re.compile(r"(?P<value>[^()]+)\((?P<counts>[^()]+)\)")
_EXCEL_ERROR = re.compile(r"#(DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)")
_DASHES = {"-", "–", "—"}

_MONTH_NAMES = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES |= {name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTH_NAMES["sept"] = 9
_NAMED_MONTH = re.compile(
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<name>[a-z]{3,9})\.?[\s\-/']*(?P<year>\d{2}|\d{4})",
    re.ASCII,
)
_NUMBERED_MONTHS = (
    re.compile(
        r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})(?:[ t][\d:.]+)?)?", re.ASCII
    ),
    re.compile(r"(?P<month>\d{1,2})/(?P<year>\d{4})", re.ASCII),
    re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})", re.ASCII),
)
_FINANCIAL_YEAR = re.compile(r"(?P<start>\d{4})\s*[-/–]\s*(?P<end>\d{2})", re.ASCII)
_LIKE_A_MONTH = re.compile(r"(?P<word>[a-z]{3,9})\.?[\s\-/'.]*\d{2,4}", re.ASCII)
_LIKE_A_DATE = re.compile(r"\d{1,4}\s*[-/.]\s*\d{1,4}(?:\s*[-/.]\s*\d{1,4})?")
"""Any digits, so that a month in Arabic-Indic digits is refused, not passed over."""


class CellError(values.ValueProblem):
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
        _digits(text(cell))
        raise _NotANumber(_not_a_number(text(cell)))
    number = float(written.replace(",", "").replace("£", ""))
    try:
        values.number(number)
    except values.ValueProblem:
        raise CellError(f"{show(cell)} is too large to be a figure (at most 10^15)") from None
    places = len(match.group("fraction") or "") - int(match.group("exp") or 0)
    return number, min(max(places, 0), MAX_DECIMALS)


class _NotANumber(CellError):
    """Text that is no number at all (as against a number too large, or in other digits)."""


def _not_a_number(written: str) -> str:
    if _EXCEL_ERROR.fullmatch(written.upper()):
        return f"{show(written)} is an Excel error; correct the formula or leave the cell blank"
    return (
        f"{show(written)} is text where a number belongs "
        "(leave the cell blank, or write -, when there is no figure, or DfE's marker such as "
        "u or c where it has one)"
    )


def read_count(cell: Cell) -> float | None:
    """A numerator or denominator: a plain number, or None when blank."""
    if is_blank(cell):
        return None
    if isinstance(cell, str) and cell.endswith("%"):
        raise CellError(f"{show(cell)} is a percentage where a count belongs")
    marker = _marker(cell)
    if marker is not None:
        raise CellError(
            f"{show(cell)} is the marker {marker.text} where a count belongs: a marker stands "
            "for the whole figure, so write it as the figure's value and leave its counts blank"
        )
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
    marker = _marker(written)
    if marker is not None:
        return Figure(None, marker=marker)
    both = _VALUE_WITH_COUNTS.fullmatch(written)
    if both:
        if _marker(both.group("value")) is not None:
            raise CellError(
                f"{show(written)} gives a marker and counts: a marked figure has no value or "
                "counts, so give the marker alone or the figures"
            )
        value = _read_value(both.group("value").strip(), written)
        counts = _read_counts(both.group("counts").strip(), written)
        if counts is None:
            raise CellError(f"{show(written)} has brackets that do not hold counts such as (19/20)")
        return Figure(value.value, counts[0], counts[1], value.decimals, value.percent_sign)
    counts = _read_counts(written, written)
    if counts is not None:
        return Figure(None, counts[0], counts[1])
    return _read_value(written, written)


def _marker(cell: Cell) -> Marker | None:
    """DfE's marker in a cell (``u``, ``c``, ``1 to 5``), read only from digits 0-9."""
    if not isinstance(cell, str):
        return None
    marker = read_marker(_digits(cell))
    if marker is not None and len(marker.written) > LONGEST_RANGE:
        longest = LONGEST_RANGE
        raise CellError(f"{show(cell)} is a range too long to keep: at most {longest} characters")
    return marker


def _digits(written: str) -> str:
    try:
        return values.digits(written)
    except values.ValueProblem as problem:
        raise CellError(f"{show(written)} {problem}") from None


def _read_value(written: str, whole: str) -> Figure:
    percent_sign = written.endswith("%")
    digits = written.removesuffix("%").strip()
    try:
        number, decimals = read_number(digits)
    except _NotANumber:
        raise _NotANumber(_not_a_number(whole)) from None
    return Figure(number, decimals=decimals, percent_sign=percent_sign)


def _read_counts(written: str, whole: str) -> tuple[float, float] | None:
    match = _COUNTS.fullmatch(written)
    if match is None:
        return None
    try:
        numerator = read_number(match.group("numerator").strip())[0]
        denominator = read_number(match.group("denominator").strip())[0]
    except _NotANumber:
        raise CellError(
            f"{show(whole)} is not counts: expected numerator/denominator such as 19/20"
        ) from None
    return numerator, denominator


@dataclass(frozen=True, slots=True)
class Heading:
    """A period as written: the month it names, and the financial year it may name instead.

    ``2024-25`` is DfE's financial year to 31 March 2025; ``2006-07`` is both July 2006 and the
    year 2006-07. Which one a cell means depends on the indicator it dates: a financial year
    for an annual indicator with years to 31 March, the month for any other.
    """

    written: str
    month: Period | None
    year_end: Period | None = None

    def period(self, cadence: Cadence | None = None) -> Period:
        """The period this heading gives a figure of this cadence (any, when not known)."""
        yearly = cadence is not None and cadence.frequency == "annual" and cadence.month == 3
        if self.year_end is not None and (yearly or (cadence is None and self.month is None)):
            return self.year_end
        if self.month is not None:
            return self.month
        example = self.year_end.shift(-6) if self.year_end is not None else "2024-09"
        raise CellError(
            f"{show(self.written)} is a financial year, which dates only the figures of an "
            "annual indicator with years to 31 March; for this indicator write the month its "
            f"figure is dated, such as {example}"
        )


def read_heading(cell: Cell) -> Heading:
    """A period as councils and DfE write one: a month (``Apr-06``, ``2006-04``), a day
    (``30/09/2024``, ``2024-09-30``, ``30 September 2024``, a date cell: the month it falls in)
    or a financial year (``2024-25``)."""
    if isinstance(cell, date):
        return Heading(text(cell), Period.of(cell))
    written = " ".join(_digits(text(cell)).casefold().split())
    if len(written) > LONGEST_FIGURE:
        raise CellError(f"{show(cell)} is not a month: expected such as {MONTH_FORMS}")
    month = _named_month(written) or _numbered_month(written)
    year_end = _financial_year(written)
    if month is None and year_end is None:
        raise CellError(f"{show(cell)} is not a month: expected such as {MONTH_FORMS}")
    return Heading(text(cell), month, year_end)


def read_month(cell: Cell) -> Period:
    """A month as councils head their columns; a date cell means the month it falls in."""
    return read_heading(cell).period()


def is_month(cell: Cell) -> bool:
    """Whether a cell names a period (a month, a day or a financial year)."""
    try:
        read_heading(cell)
    except CellError:
        return False
    return True


def looks_like_month(cell: Cell) -> bool:
    """Whether text that is not a period was surely meant as one: a word close to a month's
    name before a year (``Apri-06``, ``Sepr 2006``), or numbers shaped as a date (``2006-00``,
    ``13/2006``). Such a heading must never be passed over as a description."""
    if not isinstance(cell, str) or len(cell) > LONGEST_FIGURE or is_month(cell):
        return False
    written = " ".join(cell.casefold().split())
    if _LIKE_A_DATE.fullmatch(written):
        return True
    match = _LIKE_A_MONTH.fullmatch(written)
    if match is None:
        return False
    word = match.group("word")
    return word[:3] in _MONTH_NAMES and bool(
        difflib.get_close_matches(word, list(_MONTH_NAMES), n=1, cutoff=0.6)
    )


def _named_month(written: str) -> Period | None:
    """``Apr-06``, ``April 2006``, ``30 September 2024``."""
    match = _NAMED_MONTH.fullmatch(written)
    if match is None or match.group("name") not in _MONTH_NAMES:
        return None
    year, month = _full_year(match.group("year")), _MONTH_NAMES[match.group("name")]
    try:
        date(year, month, int(match.group("day") or 1))
    except ValueError:
        return None
    return Period(year, month)


def _financial_year(written: str) -> Period | None:
    """The March that ends a financial year written ``2024-25`` (or ``2024/25``)."""
    match = _FINANCIAL_YEAR.fullmatch(written)
    if match is None:
        return None
    start = int(match.group("start"))
    if int(match.group("end")) != (start + 1) % 100 or start < 1:
        return None
    return Period(start + 1, 3)


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
