"""Every figure of the programme as a table: one row per indicator and period, as stored.

Each row gives the period as the indicator's cadence names it (October 2006, the quarter to 30
September 2006, 2005-06) with the day it ends, the value in its unit, the counts behind it, any
DfE marker in place of the value, the note the return gave, whether the figure is validated or
still provisional, and its revision (a restated figure is the next revision).

Marked for publication, a figure and its counts are printed as the Minister's report prints them
(``core.disclosure``): counts 1 to 5 and whatever would give them away are ``c``, and so is a
figure worked out from a hidden count; a note is printed only once a person has reviewed it for
publication; who recorded a figure is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from improvement_board.core.disclosure import (
    SUPPRESSED,
    FreeText,
    figure_hidden,
    published_counts,
    published_text,
    small_denominator,
)
from improvement_board.core.exports.model import Column, Sheet, Value, quantity
from improvement_board.core.markers import Marker
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator
from improvement_board.core.units import UNIT_LABELS

FIGURES_SHEET = "Figures"
SMALL_DENOMINATOR = "small denominator: one child moves it a long way"


@dataclass(frozen=True, slots=True)
class StoredFigure:
    """One figure as the store keeps it, for an export."""

    indicator: Indicator
    period: Period
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    marker: Marker | None = None
    note: str = ""
    status: str = ""
    """``validated`` or ``provisional``; empty where not known (figures given as plain inputs)."""
    revision: int | None = None
    recorded_at: datetime | None = None
    """Local time, without a time zone."""
    recorded_by: str = ""
    source: str = ""
    reviewed_for_publication: bool = False
    """Whether a person has reviewed the note for publication."""


def indicator_columns() -> tuple[Column, ...]:
    return (Column("Key"), Column("Code"), Column("Indicator"), Column("Unit"))


def indicator_cells(indicator: Indicator) -> tuple[Value, ...]:
    """The columns every sheet about indicators starts with."""
    unit = UNIT_LABELS[indicator.unit] or "value"
    return (indicator.key, indicator.code or "", indicator.title, unit)


def figures_sheet(
    figures: Iterable[StoredFigure],
    *,
    publish: bool,
    title: str = "every figure",
    planned: Mapping[tuple[str, Period], Value] | None = None,
) -> Sheet:
    """The figures, in the order given (the store's: indicator, then period); with ``planned``
    (by indicator key and period), what the trajectory planned for each as it may be printed."""
    columns: tuple[Column, ...] = (
        *indicator_columns(),
        Column("Period"),
        Column("Period ends", "date"),
        Column("Value", "number"),
        Column("Numerator", "count"),
        Column("Denominator", "count"),
        *((Column("Planned", "number"),) if planned is not None else ()),
        Column("DfE marker"),
        Column("Note"),
        Column("Flag"),
        Column("Status"),
        Column("Revision", "integer"),
        Column("Recorded", "datetime"),
    )
    if not publish:
        columns = (*columns, Column("Recorded by"), Column("Source"))
    rows = tuple(_row(f, publish, planned) for f in figures)
    note = PUBLISHED_NOTE if publish else ""
    return Sheet(FIGURES_SHEET, title, columns, rows, note)


PUBLISHED_NOTE = (
    "Marked for publication: counts of 1 to 5, whatever would give them away, and figures "
    "worked out from them are shown as c; notes not yet reviewed for publication are withheld."
)


def _row(
    figure: StoredFigure,
    publish: bool,
    planned: Mapping[tuple[str, Period], Value] | None,
) -> tuple[Value, ...]:
    indicator = figure.indicator
    plan: tuple[Value, ...] = ()
    if planned is not None:
        plan = (planned.get((indicator.key, figure.period)),)
    value, numerator, denominator = published_figure(figure, publish=publish)
    small = small_denominator(figure.numerator, figure.denominator)
    flag = SMALL_DENOMINATOR if small and value != SUPPRESSED else ""
    note = published_text(FreeText(figure.note, figure.reviewed_for_publication), publish=publish)
    cells: tuple[Value, ...] = (
        *indicator_cells(indicator),
        period_name(indicator.cadence.label(figure.period)),
        figure.period.last_day,
        value,
        numerator,
        denominator,
        *plan,
        figure.marker.text if figure.marker is not None else "",
        note,
        flag,
        figure.status.capitalize(),
        figure.revision,
        figure.recorded_at,
    )
    if publish:
        return cells
    return (*cells, figure.recorded_by, figure.source)


def published_figure(figure: StoredFigure, *, publish: bool) -> tuple[Value, Value, Value]:
    """The value and counts as they may be printed: in full inside the council; as DfE practice
    allows when published (each hidden one ``c``)."""
    indicator = figure.indicator
    value: Value = quantity(figure.value, indicator.unit, indicator.decimals)
    numerator: Value = figure.numerator
    denominator: Value = figure.denominator
    if not publish:
        return value, numerator, denominator
    counts, hidden = published_counts(figure.numerator, figure.denominator)
    if hidden:
        parts = counts.split("/")
        numerator = SUPPRESSED if parts[0] == SUPPRESSED else numerator
        if len(parts) > 1 and parts[1] == SUPPRESSED:
            denominator = SUPPRESSED
    if figure_hidden(indicator.unit, figure.value, figure.numerator, figure.denominator):
        value = SUPPRESSED
    return value, numerator, denominator


def period_name(text: str) -> str:
    """A period's name as a row heads it: "Quarter to 30 September 2006"."""
    text = text.removeprefix("the ")
    return text[:1].upper() + text[1:]
