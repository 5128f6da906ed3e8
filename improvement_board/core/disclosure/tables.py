"""Tables of counts prepared for publication the way the DfE does, so no child can be picked out.

- Primary suppression: counts 1 to 5 are shown as ``c``; 0 is shown (there is no one to find).
- Secondary suppression: a row or column that holds its total and exactly one hidden cell gives
  that cell away by subtraction, so the next smallest cell of the line is hidden too (a non-zero
  count first, the total last), again and again until no such line is left.
- Rates and percentages are hidden when a count behind them is, and flagged when the denominator
  is small (below 10 unless set otherwise): a change of one child moves them a long way.
- Totals (national and regional figures) are rounded to the nearest 10 when asked.

The input is never changed: a new table comes back, and it holds no hidden value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from improvement_board.core.problems import Problem, ProblemsFound

Status = Literal["shown", "primary", "secondary"]
Cell = tuple[int, int]
SUPPRESSED = "c"
NOT_APPLICABLE = "z"


@dataclass(frozen=True, slots=True)
class DisclosureRules:
    """What counts as small; the defaults are the DfE's."""

    smallest_hidden: int = 1
    largest_hidden: int = 5
    small_denominator: int = 10
    round_totals_to: int | None = None

    def hides(self, count: int) -> bool:
        return self.smallest_hidden <= count <= self.largest_hidden


DFE_RULES = DisclosureRules()


@dataclass(frozen=True, slots=True)
class CountTable:
    """Counts with labels; totals, where present, are the last column and/or the last row."""

    title: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    row_totals: bool = False
    column_totals: bool = False


@dataclass(frozen=True, slots=True)
class PublishedCell:
    """What may be printed: the count, or nothing when it is hidden."""

    value: int | None
    status: Status
    rounded: bool = False

    @property
    def text(self) -> str:
        return SUPPRESSED if self.value is None else str(self.value)


@dataclass(frozen=True, slots=True)
class PublishedTable:
    title: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[PublishedCell, ...], ...]
    row_totals: bool
    column_totals: bool

    def texts(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(cell.text for cell in row) for row in self.cells)


def _table_problems(table: CountTable, rules: DisclosureRules) -> list[Problem]:
    where = f"table {table.title!r}"
    width = len(table.column_labels)
    problems = [Problem(where, None, None, message) for message in _shape_problems(table, rules)]
    for index, row in enumerate(table.counts):
        if len(row) != width:
            problems.append(
                Problem(where, index + 1, None, f"has {len(row)} cells, expected {width}")
            )
        for label, count in zip(table.column_labels, row, strict=False):
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                problems.append(
                    Problem(where, index + 1, label, f"expected a count, found {count!r}")
                )
    return problems or _total_problems(table, where)


def _shape_problems(table: CountTable, rules: DisclosureRules) -> list[str]:
    messages = []
    if len(table.row_labels) != len(table.counts) or not table.counts:
        messages.append(f"has {len(table.counts)} rows and {len(table.row_labels)} row labels")
    if table.row_totals and len(table.column_labels) < 2:
        messages.append("a total column needs at least one column beside it")
    if table.column_totals and len(table.row_labels) < 2:
        messages.append("a total row needs at least one row above it")
    if not 0 < rules.smallest_hidden <= rules.largest_hidden:
        messages.append(f"cannot hide counts {rules.smallest_hidden} to {rules.largest_hidden}")
    if rules.round_totals_to is not None and rules.round_totals_to < 1:
        messages.append(f"cannot round totals to {rules.round_totals_to}")
    return messages


def _total_problems(table: CountTable, where: str) -> list[Problem]:
    counts, problems = table.counts, []
    if table.row_totals:
        for index, row in enumerate(counts):
            if sum(row[:-1]) != row[-1]:
                message = f"total {row[-1]} is not the sum of the row, {sum(row[:-1])}"
                problems.append(Problem(where, index + 1, table.column_labels[-1], message))
    if table.column_totals:
        for index, label in enumerate(table.column_labels):
            column = [row[index] for row in counts]
            if sum(column[:-1]) != column[-1]:
                message = f"total {column[-1]} is not the sum of the column, {sum(column[:-1])}"
                problems.append(Problem(where, len(counts), label, message))
    return problems


def _lines(table: CountTable) -> list[tuple[tuple[Cell, ...], Cell]]:
    """Every row and column that holds its total, with the total's cell."""
    height, width = len(table.counts), len(table.column_labels)
    lines = []
    if table.row_totals:
        lines += [(tuple((r, c) for c in range(width)), (r, width - 1)) for r in range(height)]
    if table.column_totals:
        lines += [(tuple((r, c) for r in range(height)), (height - 1, c)) for c in range(width)]
    return lines


def _complement(
    line: tuple[Cell, ...], total: Cell, hidden: set[Cell], counts: Sequence[Sequence[int]]
) -> Cell:
    """The next smallest shown cell of a line: a non-zero count first, the total last."""

    def order(cell: Cell) -> tuple[bool, bool, int, Cell]:
        count = counts[cell[0]][cell[1]]
        return (cell == total, count == 0, count, cell)

    return min((cell for cell in line if cell not in hidden), key=order)


def secondary_cells(table: CountTable, primary: frozenset[Cell]) -> frozenset[Cell]:
    """Cells to hide besides ``primary`` so that no line with a total has exactly one hidden."""
    hidden, lines = set(primary), _lines(table)
    while True:
        exposed = next(
            ((line, total) for line, total in lines if sum(c in hidden for c in line) == 1), None
        )
        if exposed is None:
            return frozenset(hidden - primary)
        hidden.add(_complement(*exposed, hidden, table.counts))


def _round_to(count: int, step: int) -> int:
    return (count + step // 2) // step * step


def _is_total(table: CountTable, cell: Cell) -> bool:
    last_row, last_column = len(table.counts) - 1, len(table.column_labels) - 1
    return (table.row_totals and cell[1] == last_column) or (
        table.column_totals and cell[0] == last_row
    )


def _published(
    table: CountTable,
    cell: Cell,
    primary: frozenset[Cell],
    secondary: frozenset[Cell],
    rules: DisclosureRules,
) -> PublishedCell:
    if cell in primary:
        return PublishedCell(None, "primary")
    if cell in secondary:
        return PublishedCell(None, "secondary")
    count = table.counts[cell[0]][cell[1]]
    if rules.round_totals_to is not None and _is_total(table, cell):
        return PublishedCell(_round_to(count, rules.round_totals_to), "shown", rounded=True)
    return PublishedCell(count, "shown")


def publish_table(table: CountTable, rules: DisclosureRules = DFE_RULES) -> PublishedTable:
    """The table as it may be published: small counts hidden, then whatever would reveal them."""
    problems = _table_problems(table, rules)
    if problems:
        raise ProblemsFound(problems)
    every = [(r, c) for r in range(len(table.counts)) for c in range(len(table.column_labels))]
    primary = frozenset(cell for cell in every if rules.hides(table.counts[cell[0]][cell[1]]))
    secondary = secondary_cells(table, primary)
    cells = tuple(
        tuple(
            _published(table, (r, c), primary, secondary, rules)
            for c in range(len(table.column_labels))
        )
        for r in range(len(table.counts))
    )
    return PublishedTable(
        table.title,
        table.row_labels,
        table.column_labels,
        cells,
        table.row_totals,
        table.column_totals,
    )


@dataclass(frozen=True, slots=True)
class PublishedRate:
    """A rate as it may be published, and whether its denominator is too small to lean on."""

    value: float | None
    text: str
    small_denominator: bool


def publish_rate(
    numerator: int,
    denominator: int,
    *,
    scale: int = 100,
    places: int = 1,
    rules: DisclosureRules = DFE_RULES,
) -> PublishedRate:
    """``numerator / denominator × scale``, half up; ``c`` over a hidden count, ``z`` over 0."""
    if min(numerator, denominator) < 0 or places < 0:
        found = f"{numerator}/{denominator} to {places} places"
        raise ProblemsFound(
            [Problem("rate", None, None, f"expected counts of 0 or more, found {found}")]
        )
    small = denominator < rules.small_denominator
    if denominator == 0:
        return PublishedRate(None, NOT_APPLICABLE, small)
    if rules.hides(numerator) or rules.hides(denominator):
        return PublishedRate(None, SUPPRESSED, small)
    exact = Decimal(numerator * scale) / Decimal(denominator)
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return PublishedRate(float(rounded), f"{rounded:f}", small)
