"""Reads for an indicator page's charts: its SPC control chart and its benchmarks over the
years, judged and drawn by the core from the same inputs the pack for the following meeting
reads, so a page's chart can never disagree with the pack."""

from __future__ import annotations

from dataclasses import dataclass

from improvement_board.core.packs.benchmark_chart import BenchmarkYears, benchmark_years
from improvement_board.core.packs.spc_chart import SpcChart, indicator_spc
from improvement_board.core.periods import Period
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.programmes.models import Indicator, Programme


@dataclass(frozen=True, slots=True)
class IndicatorCharts:
    spc: SpcChart
    benchmark: BenchmarkYears | None


def indicator_charts(
    *, programme: Programme, indicator: Indicator, month: Period
) -> IndicatorCharts:
    """The indicator's control chart as at ``month`` and its comparison with other councils as
    a meeting the month after could read it (None when no comparator figures are loaded)."""
    meeting_period = month.shift(1)
    meeting = programme.meetings.filter(period=str(meeting_period)).first()
    inputs = pack_inputs(programme=programme, period=meeting_period, meeting=meeting, charts=False)
    comparison = inputs.benchmarks.get(indicator.key)
    return IndicatorCharts(
        spc=indicator_spc(inputs, indicator.key),
        benchmark=benchmark_years(comparison) if comparison is not None else None,
    )
