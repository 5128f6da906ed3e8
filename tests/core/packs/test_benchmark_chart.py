"""The benchmark chart over the years draws the council, its neighbours' range and median and
England from the same comparison the pack reads; its table says the same in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from improvement_board.core.benchmarks import Figure, comparison_of, named_group
from improvement_board.core.markers import Marker
from improvement_board.core.packs.benchmark_chart import (
    MEDIAN,
    BenchmarkYear,
    benchmark_years,
    benchmark_years_spec,
)
from improvement_board.core.periods import Cadence, Period

DAY = dt.date(2025, 11, 20)
GROUP = named_group("Statistical neighbours", ["222", "333", "444"])


def _figure(area: str, year: int, value: float | None, level: str = "council") -> Figure:
    name = "England" if level == "england" else f"Council {area}"
    return Figure(area, name, level, Period(year, 3), value, published=DAY)  # type: ignore[arg-type]


def _comparison(years: range) -> Any:
    figures = []
    for y in years:
        figures += [
            _figure("111", y, 10.0 + y - 2020),
            _figure("222", y, 20.0),
            _figure("333", y, 30.0),
            _figure("444", y, 60.0),
            _figure("E92000001", y, 25.0, "england"),
        ]
    return comparison_of(
        council="111",
        figures=figures,
        group=GROUP,
        as_of=DAY,
        polarity="lower",
        cadence=Cadence("annual", 3, "as_at"),
        source="test",
        title="t",
        unit="number",
    )


def _layer(spec: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [layer for layer in spec["layer"] if layer.get("name") == name]
    return found


def test_the_spec_shades_the_range_and_draws_council_median_and_england_each_labelled() -> None:
    points = [
        BenchmarkYear("2023", 12.0, 30.0, 20.0, 60.0, 25.0),
        BenchmarkYear("2024", None, 31.0, 21.0, 61.0, 26.0),
    ]
    spec = benchmark_years_spec(title="t", unit_label="u", points=points, council="Herefordshire")
    assert _layer(spec, "range")["data"]["values"] == [
        {"order": 0, "label": "2023", "low": 20.0, "high": 60.0},
        {"order": 1, "label": "2024", "low": 21.0, "high": 61.0},
    ]
    lines = _layer(spec, "lines")
    rows = lines["data"]["values"]
    assert {r["series"] for r in rows} == {"Herefordshire", MEDIAN, "England"}
    assert {"order": 1, "label": "2024", "series": "Herefordshire", "value": None} in rows
    assert lines["mark"]["invalid"] == "break-paths-show-domains"  # a gap, never bridged
    assert _layer(spec, "labels")["encoding"]["text"] == {"field": "series"}
    assert "legend" not in spec


def test_a_comparison_becomes_a_table_oldest_first_and_a_chart() -> None:
    chart = benchmark_years(_comparison(range(2022, 2026)))
    assert chart.title == "Council 111 against its neighbours and England"
    assert [r.name for r in chart.rows] == [
        "31 March 2022",
        "31 March 2023",
        "31 March 2024",
        "31 March 2025",
    ]
    last = chart.rows[-1]
    assert (last.council, last.median, last.range, last.with_figure, last.england) == (
        "15.0",
        "30.0",
        "20.0 to 60.0",
        "3 of 3",
        "25.0",
    )
    assert chart.svg.startswith("<svg") and MEDIAN in chart.svg


def test_one_period_is_a_table_row_and_no_chart() -> None:
    chart = benchmark_years(_comparison(range(2025, 2026)))
    assert len(chart.rows) == 1 and chart.svg == ""


def test_a_marked_figure_is_its_symbol_in_the_table_and_a_gap_in_the_chart() -> None:
    comparison = _comparison(range(2024, 2026))
    own = comparison.history[-1].own
    marked = Figure(own.area, own.name, own.level, own.period, None, marker=Marker("c"))
    history = (*comparison.history[:-1], replace(comparison.history[-1], own=marked))
    chart = benchmark_years(replace(comparison, history=history), draw=False)
    assert chart.rows[-1].council == "c"
    assert chart.svg == ""
