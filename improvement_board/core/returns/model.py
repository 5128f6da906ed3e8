"""What a monthly return yields, and the plain grid of cells every file format is read into.

Readers turn CSV and XLSX into the same grid so the two layouts and every check are written once,
and every place is named the way the officer sees it in Excel: row 1 is the first row, columns are
letters with their header beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from improvement_board.core.markers import Marker
from improvement_board.core.periods import Period
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import Indicator

Cell = str | date | None
"""Text (stripped, never empty), a date or datetime (Excel date cells), or None for blank.
Numbers from workbooks arrive as text written exactly, so one parser reads both formats."""

Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class ReturnRow:
    """One indicator's figure for one month, as the return gave it, with where it came from.

    ``file`` is the name problems show (for a workbook, with its sheet); ``row`` is 1-based as in
    Excel; ``column`` is the letter and header of the value's cell (of a count's cell where a
    wide return gave only counts).
    """

    indicator: str
    period: Period
    value: float | None
    numerator: float | None
    denominator: float | None
    note: str | None
    file: str
    row: int
    column: str
    marker: Marker | None = None
    """A DfE marker given in place of the value (``u``, ``c``, ...): the figure has no value."""

    def problem(self, message: str) -> Problem:
        """A problem located where this figure was read, for checks made after reading."""
        return Problem(self.file, self.row, self.column, message)


@dataclass(frozen=True, slots=True)
class Grid:
    """A sheet as rows of cells; ``rows[0]`` is row 1.

    ``delimited`` is true for CSV, whose rows keep every field written, so a row longer than its
    header (a comma that should have been quoted) can be told apart.
    """

    source: str
    rows: tuple[Row, ...]
    delimited: bool = False
    others: tuple[str, ...] = ()
    """The workbook's other sheets, which are not read (named in the load's report)."""

    def cell(self, row_index: int, column: int) -> Cell:
        row = self.rows[row_index]
        return row[column] if column < len(row) else None


@dataclass(frozen=True, slots=True)
class Place:
    """A cell as the officer finds it: 1-based row, column letter with its header."""

    row: int
    column: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A value cell as written: ``89.5``, ``89.5%``, ``19/20``, ``89.5% (19/20)`` or a marker.

    ``decimals`` is how many decimal places the value was given to, which decides how far it may
    differ from its own counts.
    """

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    decimals: int = 0
    percent_sign: bool = False
    marker: Marker | None = None
    """DfE's marker written in place of the figure (``u``, ``c``, ``1 to 5``): no value."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An indicator and month with what the file gave for them, before the unit's checks.

    ``broken`` marks an entry with a cell already reported (``period`` is None when it was the
    month): what could be read is still checked, so no problem waits for the next attempt, and
    the entry is then dropped.
    """

    indicator: Indicator
    period: Period | None
    place: Place
    period_at: Place | None = None
    """The cell that gave the period (the long layout's period column); else ``place``."""
    figure: Figure | None = None
    figure_at: Place | None = None
    numerator: float | None = None
    numerator_at: Place | None = None
    denominator: float | None = None
    denominator_at: Place | None = None
    note: str | None = None
    note_at: Place | None = None
    broken: bool = False


@dataclass(slots=True)
class Findings:
    """Every problem found in one file, collected so the officer sees them all at once."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """What the file holds that the load does not read (a title column, another sheet), named
    in the load's report so that nothing is passed over without a word."""

    def at(self, place: Place, message: str) -> None:
        self.problems.append(Problem(self.source, place.row, place.column, message))

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.source, row, column, message))

    def __len__(self) -> int:
        return len(self.problems)


def refuse(source: str, message: str, row: int | None = None) -> ProblemsFound:
    """One problem that stops reading (the file cannot be opened at all)."""
    return ProblemsFound([Problem(source, row, None, message)])


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 is A, 26 is AA."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
