"""Reads for an indicator page's charts: its SPC control chart and its benchmarks over the
years, judged and drawn by the core from the same inputs the pack for the following meeting
reads, so a page's chart can never disagree with the pack."""

from __future__ import annotations

from dataclasses import dataclass

from improvement_board.core.packs.benchmark_chart import BenchmarkYears, benchmark_years
from improvement_board.core.packs.build import PackInputs
from improvement_board.core.packs.spc_chart import SpcChart, indicator_spc
from improvement_board.programmes.models import Indicator


@dataclass(frozen=True, slots=True)
class IndicatorCharts:
    spc: SpcChart
    benchmark: BenchmarkYears | None


def indicator_charts(*, inputs: PackInputs, indicator: Indicator) -> IndicatorCharts:
    """The indicator's control chart as the pack for ``inputs.meeting`` judges it, and its
    comparison with other councils as that meeting could read it (None when no comparator
    figures are loaded)."""
    comparison = inputs.benchmarks.get(indicator.key)
    return IndicatorCharts(
        spc=indicator_spc(inputs, indicator.key),
        benchmark=benchmark_years(comparison) if comparison is not None else None,
    )
