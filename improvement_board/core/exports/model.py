"""A table as an export holds it: typed columns and rows of plain values, before any file format.

A sheet is what one table on a page holds, with a title saying what it is; a book is one or more
sheets under the programme's name and the protective marking each sheet carries. A figure keeps
its indicator's unit (``Quantity``) so a workbook can format it as the board reads it (89.5%, 175.0
per 10,000, £1.20M) while the cell holds the number itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from improvement_board.core.units import Unit

Kind = Literal[
    "text", "date", "datetime", "percent", "rate", "money", "count", "number", "integer", "flag"
]
"""What a column holds. percent: percentage points (89.5), written to a workbook as a fraction
with a percent format; rate: per 10,000 children; money: pounds, shown in £M as the pack shows
it; count: whole things; number: any other quantity; integer: scores, ranks and revisions; flag:
yes or no."""

UNIT_KINDS: dict[Unit, Kind] = {
    "percent": "percent",
    "rate_per_10000": "rate",
    "money": "money",
    "count": "count",
    "number": "number",
}
NUMERIC: frozenset[Kind] = frozenset({"percent", "rate", "money", "count", "number", "integer"})
SHEET_NAME_LIMIT = 31
_FORBIDDEN_IN_NAMES = set("[]:*?/\\")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a unit of its own, where a column mixes indicators of different units."""

    value: float
    kind: Kind
    decimals: int = 1


def quantity(value: float | None, unit: Unit, decimals: int) -> Quantity | None:
    """A figure in its indicator's unit, or None where there is no figure."""
    return None if value is None else Quantity(value, UNIT_KINDS[unit], decimals)


Value = str | int | float | bool | date | datetime | Quantity | None
"""A cell: text, a number, yes/no, a date, a time (naive, in the board's time zone), a figure
in its unit, or nothing."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column's heading and what it holds; ``decimals`` for a number column of one unit."""

    heading: str
    kind: Kind = "text"
    decimals: int = 0


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table: its sheet name in a workbook, what it is, its columns and its rows."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    note: str = ""
    """A line under the title: what the sheet leaves out, or how to read it."""

    def __post_init__(self) -> None:
        if not 0 < len(self.name) <= SHEET_NAME_LIMIT or _FORBIDDEN_IN_NAMES & set(self.name):
            raise ValueError(
                f"a sheet name has 1 to {SHEET_NAME_LIMIT} characters and none of "
                f"{''.join(sorted(_FORBIDDEN_IN_NAMES))}; found {self.name!r}"
            )
        width = len(self.columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                cells = f"{len(row)} cells for {width} columns"
                raise ValueError(f"row {number} of the {self.name} sheet has {cells}")

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(column.heading for column in self.columns)


@dataclass(frozen=True, slots=True)
class Book:
    """Sheets under one programme's name, each carrying the protective marking."""

    programme: str
    title: str
    marking: str
    sheets: tuple[Sheet, ...]
    note: str = ""
    """A line every sheet carries, such as that the figures are synthetic."""

    def __post_init__(self) -> None:
        names = [sheet.name.casefold() for sheet in self.sheets]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"a book needs sheets with different names; found {names}")
