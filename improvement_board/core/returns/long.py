"""The long layout: one row per indicator and month, as systems export and tidy data is kept.

    indicator,period,value,numerator,denominator,note
    CH 143,2006-04,,19,20,
    ch-141,2006-04,175,633,36171,Annualised

The indicator and period columns are required, with a value column or numerator and denominator
columns (or all three). ``title`` and ``unit`` columns are allowed and passed over (the load's
report names them); any other column is refused, so a misspelt ``nots`` cannot silently drop the
notes. A period is read for its indicator: ``2024-25`` is a financial year for an annual
indicator with years to 31 March.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from improvement_board.core.periods import Period
from improvement_board.core.returns.cells import read_count, read_figure, text
from improvement_board.core.returns.header import (
    Context,
    attempt,
    column_labels,
    grid_width,
    header_key,
    is_empty,
)
from improvement_board.core.returns.model import Cell, Entry, Findings, Grid, Place

COLUMNS = ("indicator", "period", "value", "numerator", "denominator", "note")
PASSED_OVER = ("title", "unit")
EXPECTED = ", ".join(COLUMNS)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each known column is, and which columns have no header at all."""

    index: dict[str, int]
    labels: list[str]
    unheaded: list[int]


def read_long(grid: Grid, header_index: int, context: Context, findings: Findings) -> list[Entry]:
    columns = _columns(grid, header_index, findings)
    if columns is None:
        return []
    entries: list[Entry] = []
    seen: dict[tuple[str, Period], int] = {}
    for row_index in range(header_index + 1, len(grid.rows)):
        if is_empty(grid.rows[row_index]):
            continue
        _unheaded(grid, row_index, columns, findings)
        entry = _RowReader(grid, row_index, columns, findings).entry(context)
        if entry is None:
            continue
        if entry.period is not None:
            key = (entry.indicator.key, entry.period)
            if key in seen:
                where = Place(entry.place.row, columns.labels[columns.index["period"]])
                label, first = entry.indicator.label, seen[key]
                findings.at(where, f"{label} for {entry.period} is given twice (also row {first})")
                continue
            seen[key] = entry.place.row
        entries.append(entry)
    return entries


def _columns(grid: Grid, header_index: int, findings: Findings) -> Columns | None:
    """Each known column's index; None when a required column is missing."""
    header = grid.rows[header_index]
    labels = column_labels(header, grid_width(grid))
    row = header_index + 1
    index: dict[str, int] = {}
    for column, cell in enumerate(header):
        name = header_key(cell)
        if cell is None:
            continue
        if name in PASSED_OVER:
            findings.ignored.append(f"column {labels[column]}: a {name} column is not read")
            continue
        if name not in COLUMNS:
            expected = f"expected {EXPECTED} (a title or unit column is passed over)"
            findings.add(row, labels[column], f"is not a column of a return: {expected}")
        elif name in index:
            findings.add(row, labels[column], f"repeats the {name} column {labels[index[name]]}")
        else:
            index[name] = column
    missing = [name for name in ("indicator", "period") if name not in index]
    if not {"value", "numerator", "denominator"} & set(index):
        missing.append("value (or numerator and denominator)")
    for name in missing:
        findings.add(row, None, f"has no {name} column: the header needs {EXPECTED}")
    unheaded = [
        column for column in range(len(labels)) if column >= len(header) or header[column] is None
    ]
    return None if missing else Columns(index, labels, unheaded)


def _unheaded(grid: Grid, row_index: int, columns: Columns, findings: Findings) -> None:
    """Something written in a column with no header would be lost: say so."""
    for column in columns.unheaded:
        if grid.cell(row_index, column) is not None:
            message = "is in a column with no header; give the column a header or clear it"
            findings.add(row_index + 1, columns.labels[column], message)


@dataclass(frozen=True, slots=True)
class _RowReader:
    """One row read cell by cell, so every bad cell in it is reported, not only the first."""

    grid: Grid
    row_index: int
    columns: Columns
    findings: Findings

    def place(self, name: str) -> Place | None:
        column = self.columns.index.get(name)
        return None if column is None else Place(self.row_index + 1, self.columns.labels[column])

    def cell(self, name: str) -> Cell:
        column = self.columns.index.get(name)
        return None if column is None else self.grid.cell(self.row_index, column)

    def read(self, name: str, reader: Callable[[Cell], T]) -> T | None:
        place = self.place(name)
        if place is None:
            return None
        return attempt(self.findings, place, lambda: reader(self.cell(name)))

    def entry(self, context: Context) -> Entry | None:
        """The row's entry, None without a known indicator. A row with a bad cell (already
        reported) is still checked as far as it can be, so every problem in it is found at once."""
        before = len(self.findings)
        indicator = self.read("indicator", context.indicator)
        period = self.read("period", lambda cell: context.period(cell, indicator))
        figure = self.read("value", read_figure)
        numerator = self.read("numerator", read_count)
        denominator = self.read("denominator", read_count)
        if indicator is None:
            return None
        return Entry(
            indicator,
            period,
            self._figure_place(),
            period_at=self.place("period"),
            figure=figure,
            figure_at=self.place("value"),
            numerator=numerator,
            numerator_at=self.place("numerator"),
            denominator=denominator,
            denominator_at=self.place("denominator"),
            note=text(self.cell("note")) or None,
            note_at=self.place("note"),
            broken=len(self.findings) > before,
        )

    def _figure_place(self) -> Place:
        """Where later messages about this figure should point: the value, else the counts."""
        for name in ("value", "numerator", "denominator", "indicator"):
            place = self.place(name)
            if place is not None:
                return place
        raise AssertionError("a long header always has an indicator column")
