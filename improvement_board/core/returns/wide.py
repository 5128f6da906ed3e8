"""The wide layout: one row per indicator and one column per month, as councils keep them in Excel.

    PI          Title                       Apr-06   May-06   Jun-06
    CH 141      Referrals per 10,000        175      181.2
    CH 143      % referrals leading to IA   19/20    85%      89.5% (17/19)
    CF/C64      Core assessments in 35 d
    Numerator                               16       19
    Denominator                             20       20

Column A names the indicator (or the first column used, when a sheet starts further right).
Columns between it and the first month (titles, units) are passed over and named in the load's
report, unless a heading there looks like a month (``Apri-06``), which is a problem; every
column from the first month on must be headed by a month. A row labelled "<indicator>
numerator" or "<indicator> denominator", or just "Numerator" or "Denominator" under the
indicator's row, gives that indicator's counts. A row with no figures (a section heading) is
passed over whatever its label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Literal

from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator
from improvement_board.core.returns.cells import (
    CellError,
    Heading,
    is_blank,
    is_month,
    looks_like_month,
    read_count,
    read_figure,
    read_heading,
    show,
    text,
)
from improvement_board.core.returns.header import (
    Context,
    attempt,
    column_labels,
    grid_width,
    is_empty,
)
from improvement_board.core.returns.model import Cell, Entry, Figure, Findings, Grid, Place

Part = Literal["value", "numerator", "denominator"]
_SEPARATORS = " :(-–"


@dataclass(frozen=True, slots=True)
class MonthColumns:
    """The period heading each readable column, and columns that have no header."""

    label: int
    months: dict[int, Heading]
    labels: list[str]
    unheaded: list[int]


@dataclass(slots=True)
class Collected:
    """Figures and counts by part, indicator and month, in the order the sheet gives them."""

    given: dict[tuple[Part, str, Period], tuple[Figure, Place]] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    broken: set[tuple[str, Period]] = field(default_factory=set)

    def entries(self) -> list[Entry]:
        keys = dict.fromkeys((key, period) for _, key, period in self.given)
        return [self._entry(key, period) for key, period in keys]

    def _entry(self, key: str, period: Period) -> Entry:
        value = self.given.get(("value", key, period))
        numerator = self.given.get(("numerator", key, period))
        denominator = self.given.get(("denominator", key, period))
        place = next(given[1] for given in (value, numerator, denominator) if given is not None)
        return Entry(
            self.indicators[key],
            period,
            place,
            figure=value[0] if value else None,
            figure_at=value[1] if value else None,
            numerator=numerator[0].value if numerator else None,
            numerator_at=numerator[1] if numerator else None,
            denominator=denominator[0].value if denominator else None,
            denominator_at=denominator[1] if denominator else None,
            broken=(key, period) in self.broken,
        )


def read_wide(grid: Grid, header_index: int, context: Context, findings: Findings) -> list[Entry]:
    columns = _month_columns(grid, header_index, context, findings)
    collected = Collected()
    current: Indicator | None = None
    for row_index in range(header_index + 1, len(grid.rows)):
        if is_empty(grid.rows[row_index]):
            continue
        for column in columns.unheaded:
            if grid.cell(row_index, column) is not None:
                message = "is in a column with no month above it; head the column or clear it"
                findings.add(row_index + 1, columns.labels[column], message)
        current = _read_row(grid, row_index, columns, context, current, collected, findings)
    return collected.entries()


def _month_columns(
    grid: Grid, header_index: int, context: Context, findings: Findings
) -> MonthColumns:
    """Every column from the first month on must be a period of the programme, each once; the
    columns before it are descriptions, named in the report, unless one looks like a month."""
    header = grid.rows[header_index]
    labels = column_labels(header, grid_width(grid))
    row = header_index + 1
    first = next(c for c in range(1, len(header)) if is_month(header[c]))
    months: dict[int, Heading] = {}
    for column in range(first, len(header)):
        cell = header[column]
        if cell is None:
            continue
        try:
            heading = read_heading(cell)
            period = context.within(heading.period(), context.earliest)
        except CellError as error:
            findings.add(row, labels[column], f"{error} (only months may follow the first month)")
            continue
        earlier = next((c for c, h in months.items() if h.period() == period), None)
        if earlier is not None:
            findings.add(row, labels[column], f"repeats the month of column {labels[earlier]}")
            continue
        months[column] = heading
    unheaded = [c for c in range(first, len(labels)) if c >= len(header) or header[c] is None]
    label = _label_column(grid, header_index, first)
    _descriptions(grid, header_index, range(label + 1, first), labels, findings)
    return MonthColumns(label, months, labels, unheaded)


def _descriptions(
    grid: Grid, header_index: int, columns: range, labels: list[str], findings: Findings
) -> None:
    """Columns between the indicator and the first month (titles, units, owners) are passed
    over, and named in the load's report; a heading there that was surely meant as a month
    (``Apri-06``, ``2006-00``) is a problem, or its figures would silently vanish."""
    row = header_index + 1
    for column in columns:
        cell = grid.cell(header_index, column)
        if looks_like_month(cell):
            expected = "a heading that looks like a month is never passed over as a description"
            attempt(findings, Place(row, labels[column]), partial(_refuse_heading, cell, expected))
        elif cell is not None or any(
            grid.cell(r, column) is not None for r in range(header_index + 1, len(grid.rows))
        ):
            findings.ignored.append(f"column {labels[column]}: a description, not read")


def _refuse_heading(cell: Cell, why: str) -> None:
    """The heading's own problem (not a month, digits other than 0-9), and why it matters."""
    try:
        read_heading(cell)
    except CellError as error:
        raise CellError(f"{error} ({why})") from None
    raise CellError(f"{show(cell)} is not a month ({why})")


def _label_column(grid: Grid, header_index: int, first_month: int) -> int:
    """Column A, unless the sheet starts further right (leading columns left empty)."""
    starts = [
        next(column for column, cell in enumerate(row) if cell is not None)
        for row in grid.rows[header_index:]
        if not is_empty(row)
    ]
    return min([*starts, first_month - 1])


def _read_row(
    grid: Grid,
    row_index: int,
    columns: MonthColumns,
    context: Context,
    current: Indicator | None,
    collected: Collected,
    findings: Findings,
) -> Indicator | None:
    """Read one row's figures; return the indicator that later bare count rows belong to."""
    place = Place(row_index + 1, columns.labels[columns.label])
    label = text(grid.cell(row_index, columns.label))
    filled = [c for c in columns.months if not is_blank(grid.cell(row_index, c))]
    if not label:
        if filled:
            findings.at(place, "has figures but no indicator: name the indicator in this column")
        return current
    try:
        part, indicator = _role(label, current, context)
    except CellError as error:
        if filled:
            findings.at(place, str(error))
        return None
    if indicator is None:
        if filled:
            attempt(findings, place, lambda: context.index.find(label))
        return None
    collected.indicators[indicator.key] = indicator
    for column in filled:
        _collect(grid, row_index, column, part, indicator, columns, context, collected, findings)
    return indicator if part == "value" else current


def _role(label: str, current: Indicator | None, context: Context) -> tuple[Part, Indicator | None]:
    """Whether a row gives an indicator's figures or its counts, and for which indicator."""
    indicator = context.index.get(label)
    if indicator is not None:
        return "value", indicator
    counts = _counts_label(label)
    if counts is None:
        return "value", None
    part, name = counts
    if name:
        return part, context.index.find(name)
    if current is None:
        raise CellError(
            f"{show(label)} is not under an indicator's row: "
            f"put it under the indicator, or name it, such as 'CH 143 {part}'"
        )
    return part, current


def _counts_label(label: str) -> tuple[Part, str] | None:
    """``CH 143 numerator``, ``CH 143 (Denominator)``, ``Numerator``: the part and the name."""
    stripped = label.rstrip(") ")
    for part in ("numerator", "denominator"):
        name = stripped[: -len(part)]
        if stripped[-len(part) :].casefold() == part and not (name and name[-1].isalnum()):
            return part, name.rstrip(_SEPARATORS)
    return None


def _collect(
    grid: Grid,
    row_index: int,
    column: int,
    part: Part,
    indicator: Indicator,
    columns: MonthColumns,
    context: Context,
    collected: Collected,
    findings: Findings,
) -> None:
    place = Place(row_index + 1, columns.labels[column])
    cell = grid.cell(row_index, column)
    if part == "value":
        figure = attempt(findings, place, lambda: read_figure(cell))
    else:
        count = attempt(findings, place, lambda: read_count(cell))
        figure = None if count is None else Figure(count)
    heading = columns.months[column]
    start = context.start(indicator)
    period = attempt(
        findings, place, lambda: context.within(heading.period(indicator.cadence), start)
    )
    if period is None:
        return
    if figure is None:
        collected.broken.add((indicator.key, period))
        return
    key = (part, indicator.key, period)
    if key in collected.given:
        what = indicator.label if part == "value" else f"{indicator.label} {part}"
        first = collected.given[key][1].row
        findings.at(place, f"{what} for {period} is given twice (also row {first})")
        return
    collected.given[key] = (figure, place)
