"""The figures laid out as a monthly return, so an exported workbook can be loaded back as one.

The sheet is named "Return", the sheet the returns loader reads first in a workbook, and is in
the long layout (docs/monthly-returns.md): ``indicator, period, value, numerator, denominator,
note``, then ``title`` and ``unit``, which the loader passes over. The indicator is its key and
the period its month (``2006-10``), as a return writes them. Values are written as the store keeps
them, a percentage in points (89.5) rather than as Excel's fraction, so a figure worked out from
counts (90.47619047619048) comes back exactly; the unit column says what it is.

Left out, and said so on the sheet: a figure given as a DfE marker (a return carries a value or
counts), and a figure dated outside the programme's months (a return is refused for one). A note
that begins with ``=``, ``+``, ``-`` or ``@`` is written with an apostrophe in front (cells.py),
which it keeps when read back.
"""

from __future__ import annotations

from collections.abc import Iterable

from improvement_board.core.exports.figures import StoredFigure
from improvement_board.core.exports.model import Column, Quantity, Sheet, Value
from improvement_board.core.periods import Period
from improvement_board.core.units import UNIT_LABELS

RETURN_SHEET = "Return"
RETURN_COLUMNS = ("indicator", "period", "value", "numerator", "denominator", "note")


def return_sheet(figures: Iterable[StoredFigure], *, first: Period, last: Period) -> Sheet:
    """The figures a return can carry, in the long layout; the rest counted in the sheet's note."""
    rows: list[tuple[Value, ...]] = []
    marked = outside = 0
    for figure in figures:
        if figure.marker is not None:
            marked += 1
        elif not first <= figure.period <= last:
            outside += 1
        else:
            rows.append(_row(figure))
    columns = (
        Column("indicator"),
        Column("period"),
        Column("value", "number"),
        Column("numerator", "count"),
        Column("denominator", "count"),
        Column("note"),
        Column("title"),
        Column("unit"),
    )
    return Sheet(
        RETURN_SHEET,
        "the figures as a monthly return (long layout), to load back with the returns loader",
        columns,
        tuple(rows),
        _left_out(marked, outside, first, last),
    )


def _row(figure: StoredFigure) -> tuple[Value, ...]:
    indicator = figure.indicator
    value = None
    if figure.value is not None:
        value = Quantity(figure.value, "number", indicator.decimals)
    unit = UNIT_LABELS[indicator.unit] or "value"
    return (
        indicator.key,
        str(figure.period),
        value,
        figure.numerator,
        figure.denominator,
        figure.note,
        indicator.title,
        unit,
    )


def _left_out(marked: int, outside: int, first: Period, last: Period) -> str:
    parts = []
    if marked:
        parts.append(f"{marked} given as a DfE marker (see the Figures sheet)")
    if outside:
        parts.append(f"{outside} dated outside the programme's months ({first} to {last})")
    if not parts:
        return "Every stored figure is here."
    return "Not here, as a return cannot carry them: " + "; ".join(parts) + "."
