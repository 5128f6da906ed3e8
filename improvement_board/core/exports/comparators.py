"""The comparison with other councils over the years, as a table: LAIT's layout with numbers.

One row per indicator and period (up to ten years), as the indicator page's table has them: the
council's figure and its change from the period before, the comparator group's average (the
department's way), median and range, how many of the group have a figure, the region, England,
and the council's national rank and quartile band. A figure published as a DfE marker is shown
as its marker.

Marked for publication, the council's own figure, its change, rank and band are ``c`` wherever
the Minister's report withholds them (the figure judged or the baseline is suppressed); the
other councils' figures stay, as they are published already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from improvement_board.core.benchmarks import Benchmark, Comparison, Figure
from improvement_board.core.dfe_rates import round_half_up
from improvement_board.core.disclosure import SUPPRESSED
from improvement_board.core.exports.figures import (
    indicator_cells,
    indicator_columns,
    period_name,
)
from improvement_board.core.exports.judged import Judged
from improvement_board.core.exports.model import UNIT_KINDS, Column, Quantity, Sheet, Value
from improvement_board.core.programme import Indicator

COMPARATORS_SHEET = "Comparators"


def comparators_sheet(
    judged: Judged, *, publish: bool, indicators: Iterable[Indicator] | None = None
) -> Sheet:
    """The ten-year table of each indicator (or of ``indicators``) with comparator figures."""
    columns = (
        *indicator_columns(),
        Column("Period"),
        Column("Period ends", "date"),
        Column("Council", "number"),
        Column("Change", "number"),
        Column("Group average", "number"),
        Column("Group median", "number"),
        Column("Group lowest", "number"),
        Column("Group highest", "number"),
        Column("Group with a figure", "integer"),
        Column("Group size", "integer"),
        Column("Region", "number"),
        Column("England", "number"),
        Column("National rank", "integer"),
        Column("Councils ranked", "integer"),
        Column("Quartile band"),
        Column("Published", "date"),
        Column("Comparator group"),
        Column("Source"),
    )
    rows: list[tuple[Value, ...]] = []
    for indicator in indicators or judged.inputs.programme.indicators:
        comparison = judged.inputs.benchmarks.get(indicator.key)
        if comparison is None:
            continue
        withhold = publish and judged.disclosures[indicator.key].benchmark is not None
        rows.extend(_rows(indicator, comparison, withhold))
    note = ""
    if publish:
        note = (
            "Marked for publication: the council's own figure, change, rank and band are c "
            "where its figure or baseline is suppressed."
        )
    day = judged.inputs.as_at
    title = f"comparison with other councils, as read on {day.day} {day:%B %Y}"
    return Sheet(COMPARATORS_SHEET, title, columns, tuple(rows), note)


def _rows(indicator: Indicator, comparison: Comparison, withhold: bool) -> list[tuple[Value, ...]]:
    kind = UNIT_KINDS[comparison.unit]
    rows: list[tuple[Value, ...]] = []
    previous: Benchmark | None = None
    for b in comparison.history:
        d = b.decimals

        def number(value: float | None, d: int = d) -> Quantity | None:
            return None if value is None else Quantity(value, kind, d)

        change: Value = None
        if previous is not None and b.council_value is not None:
            before = previous.council_value
            if before is not None:
                step = round_half_up(b.council_value, d) - round_half_up(before, d)
                change = Quantity(round_half_up(step, d), "number", d)
        group = b.group
        own: tuple[Value, Value, Value, Value] = (
            _figure(b.own, number),
            change,
            b.position.rank,
            b.position.band or "",
        )
        if withhold:
            own = (SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED)
        rows.append(
            (
                *indicator_cells(indicator),
                period_name(comparison.cadence.name(b.period)),
                b.period.last_day,
                own[0],
                own[1],
                number(group.average(d)),
                number(None if group.median is None else round_half_up(group.median, d)),
                number(group.low),
                number(group.high),
                len(group.used),
                group.size,
                _figure(b.region, number),
                _figure(b.england, number),
                own[2],
                b.position.of,
                own[3],
                b.published,
                group.group.name,
                comparison.source,
            )
        )
        previous = b
    return rows


def _figure(figure: Figure | None, number: Callable[[float | None], Quantity | None]) -> Value:
    """A published figure in its unit, or its DfE marker (a range as written)."""
    if figure is None:
        return None
    if figure.marker is not None:
        marker = figure.marker
        return marker.written if marker.symbol == "range" else marker.symbol
    return number(figure.value)
