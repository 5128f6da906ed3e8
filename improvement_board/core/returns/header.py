"""Which layout a return uses, decided from its header row, and what each column is called.

The header is looked for in the first ten rows, since councils often put a title, a date or the
council's name above it. A row naming the indicator column and at least one of period, value,
numerator, denominator or note is a long header; failing that, the row with the most month
headings after its first column is a wide header (a title such as "Return for | April 2006" has
fewer months than the real header below it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, Programme
from improvement_board.core.returns.cells import (
    MONTH_FORMS,
    CellError,
    is_month,
    read_heading,
    text,
)
from improvement_board.core.returns.indicators import IndicatorIndex
from improvement_board.core.returns.model import Cell, Findings, Grid, Place, Row, column_letter
from improvement_board.core.values import ValueProblem

Layout = Literal["long", "wide"]
HEADER_SEARCH_ROWS = 10
LONG_FIGURES = ("period", "value", "numerator", "denominator", "note")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Context:
    """What a return is read against: the programme's indicators and months.

    Figures are read from the programme's first period to its last, and an indicator's from its
    baseline period where that comes first: DfE's figure a plan starts from (as at 30 September
    before the programme, the year to the March before) is the first of its series.
    """

    index: IndicatorIndex
    first: Period
    last: Period
    starts: dict[str, Period] = field(default_factory=dict)
    """Indicators whose figures are read from their baseline, before the first period."""

    @classmethod
    def of(cls, programme: Programme) -> Context:
        info = programme.programme
        first = Period.parse(info.first_period)
        starts = {
            i.key: start
            for i in programme.indicators
            if i.baseline.period and (start := Period.parse(i.baseline.period)) < first
        }
        return cls(IndicatorIndex(programme), first, Period.parse(info.last_period), starts)

    @property
    def earliest(self) -> Period:
        """The earliest period any figure may have (a wide heading's, before its rows are read)."""
        return min([self.first, *self.starts.values()])

    def start(self, indicator: Indicator | None) -> Period:
        """The first period this indicator's figures may have."""
        return self.first if indicator is None else self.starts.get(indicator.key, self.first)

    def indicator(self, cell: Cell) -> Indicator:
        if cell is None:
            raise CellError("has no indicator: expected an indicator's key, code or title")
        return self.index.find(text(cell))

    def period(self, cell: Cell, indicator: Indicator | None = None) -> Period:
        """The period a cell dates a figure of this indicator (any, when it is not known): a
        financial year only for an annual indicator with years to 31 March."""
        if cell is None:
            raise CellError(f"has no month: expected such as {MONTH_FORMS}")
        cadence = None if indicator is None else indicator.cadence
        return self.within(read_heading(cell).period(cadence), self.start(indicator))

    def within(self, period: Period, start: Period | None = None) -> Period:
        """The period, if a figure may have it: from ``start`` (the first period unless an
        indicator's baseline comes before it) to the last period."""
        start = self.first if start is None else start
        if not start <= period <= self.last:
            since = "" if start == self.first else f"; figures from its baseline, {start}, are read"
            raise CellError(
                f"{period} is outside the programme, which runs from {self.first} to {self.last}"
                + since
            )
        return period


def attempt(findings: Findings, place: Place, read: Callable[[], T]) -> T | None:
    """Run one cell's reader; a CellError (or any value's problem) becomes a problem there."""
    try:
        return read()
    except ValueProblem as error:
        findings.at(place, str(error))
        return None


def header_key(cell: Cell) -> str:
    """A header compared without case or spaces: ``Numer ator`` is ``numerator``."""
    return "".join(text(cell).casefold().split())


def find_header(grid: Grid, context: Context) -> tuple[int, Layout] | None:
    """The long header if one comes first, else the row with the most month headings."""
    best: tuple[int, int] | None = None
    for row_index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        months = _months_in_header(row, context)
        names = {header_key(cell) for cell in row}
        if not months and "indicator" in names and names.intersection(LONG_FIGURES):
            return row_index, "long"
        if months and (best is None or months > best[0]):
            best = (months, row_index)
    return None if best is None else (best[1], "wide")


def _months_in_header(row: Row, context: Context) -> int:
    """How many months head columns after the first, if nothing before them names an indicator
    (a row that starts with an indicator is a row of figures, not a header)."""
    months = [column for column, cell in enumerate(row) if column and is_month(cell)]
    if not months:
        return 0
    try:
        named = [context.index.get(text(cell)) for cell in row[: months[0]] if cell is not None]
    except CellError:
        return 0
    return 0 if any(named) else len(months)


def column_labels(header: Row, width: int) -> list[str]:
    """``C (value)`` for each column: Excel's letter and the header the officer wrote."""
    return [
        _label(column_letter(column), header[column] if column < len(header) else None)
        for column in range(width)
    ]


def _label(letter: str, cell: Cell) -> str:
    if cell is None:
        return letter
    if isinstance(cell, date):
        return f"{letter} ({Period.of(cell).label})"
    written = cell if len(cell) <= 40 else cell[:37] + "..."
    return f"{letter} ({written})"


def grid_width(grid: Grid) -> int:
    return max((len(row) for row in grid.rows), default=0)


def is_empty(row: Row) -> bool:
    return all(cell is None for cell in row)
