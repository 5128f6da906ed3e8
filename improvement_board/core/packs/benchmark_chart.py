"""An indicator's benchmark chart over the years as a Vega-Lite spec, with its table as the text
alternative: the council, its neighbours' range (shaded) and median, and England.

The pack's chart (``core/packs/charts.py``, ``benchmark_spec``) draws the neighbours' average,
the figure DfE's LAIT prints; a page has room for the spread as well, so this one draws the
median inside the range, which a single unusual neighbour cannot pull. The periods and figures
are those of ``core/packs/comparisons.py``'s ten-year table, the same comparison the pack reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from improvement_board.core.benchmarks import Comparison, Figure
from improvement_board.core.packs.charts import (
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    FONT,
    TURQUOISE,
    render_svg,
)
from improvement_board.core.packs.comparisons import show
from improvement_board.core.units import UNIT_LABELS, Unit

MEDIAN = "Neighbours' median"
RANGE = "Neighbours' range"
ENGLAND = "England"


@dataclass(frozen=True, slots=True)
class BenchmarkYear:
    """One period of the chart; a figure that is missing (or only a marker) is None, a gap."""

    label: str
    council: float | None
    median: float | None
    low: float | None
    high: float | None
    england: float | None


@dataclass(frozen=True, slots=True)
class BenchmarkYearRow:
    """A row of the chart's table: the same figures as words."""

    name: str
    council: str
    median: str
    range: str
    with_figure: str
    england: str


@dataclass(frozen=True, slots=True)
class BenchmarkYears:
    title: str
    rows: tuple[BenchmarkYearRow, ...]
    svg: str


def benchmark_years_spec(
    *, title: str, unit_label: str, points: Sequence[BenchmarkYear], council: str
) -> dict[str, Any]:
    """The chart as a Vega-Lite spec. Named layers: ``range`` (the shaded spread), ``lines``
    (council, median, England; the median dashed) and ``labels`` (each line named at its
    last figure, in place of a legend)."""
    series = (council, MEDIAN, ENGLAND)
    lines = [
        {"order": n, "label": p.label, "series": name, "value": value}
        for n, p in enumerate(points)
        for name, value in zip(series, (p.council, p.median, p.england), strict=True)
    ]
    spread = [
        {"order": n, "label": p.label, "low": p.low, "high": p.high}
        for n, p in enumerate(points)
        if p.low is not None and p.high is not None
    ]
    colour = {
        "field": "series",
        "type": "nominal",
        "scale": {"domain": list(series), "range": [DARK_BLUE, TURQUOISE, DARK_PINK]},
        "legend": None,
    }
    y = {"field": "value", "type": "quantitative", "scale": {"zero": False}, "title": unit_label}
    layers: list[dict[str, Any]] = []
    if spread:
        layers.append(
            {
                "name": "range",
                "data": {"values": spread},
                "mark": {"type": "area", "color": TURQUOISE, "opacity": 0.18},
                "encoding": {
                    "y": {"field": "low", "type": "quantitative", "title": unit_label},
                    "y2": {"field": "high"},
                },
            }
        )
    layers += [
        {
            "name": "lines",
            "data": {"values": lines},
            "mark": {
                "type": "line",
                "point": True,
                "strokeWidth": 2,
                "invalid": "break-paths-show-domains",
            },
            "encoding": {
                "y": y,
                "color": colour,
                "strokeDash": {
                    "field": "series",
                    "type": "nominal",
                    "scale": {"domain": list(series), "range": [[1, 0], [5, 3], [1, 0]]},
                    "legend": None,
                },
            },
        },
        {
            "name": "labels",
            "data": {"values": lines},
            "transform": [
                {"filter": "isValid(datum.value)"},
                {
                    "joinaggregate": [{"op": "max", "field": "order", "as": "last"}],
                    "groupby": ["series"],
                },
                {"filter": "datum.order === datum.last"},
            ],
            "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 11},
            "encoding": {"y": y, "text": {"field": "series"}, "color": colour},
        },
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {
            "text": title,
            "subtitle": f"Shaded: the {RANGE.lower()}",
            "anchor": "start",
            "fontSize": 13,
            "font": FONT,
            "subtitleColor": DARK_GREY,
        },
        "width": 420,
        "height": 200,
        "encoding": {
            "x": {
                "field": "label",
                "type": "ordinal",
                "sort": {"field": "order", "op": "min"},
                "axis": {"title": None, "labelAngle": 0, "labelOverlap": "greedy"},
                "scale": {"paddingInner": 0, "paddingOuter": 0.1},
            }
        },
        "layer": layers,
        "config": {"view": {"stroke": None}, "font": FONT},
    }


def benchmark_years(comparison: Comparison, *, draw: bool = True) -> BenchmarkYears:
    """The comparison over its periods, oldest first: title (what it compares), table and,
    with ``draw`` and at least two periods (one period is a row, not a trend), the SVG."""
    latest, unit = comparison.latest, comparison.unit
    title = f"{latest.council_name} against its neighbours and England"
    points, rows = [], []
    for b in comparison.history:
        d, group = b.decimals, b.group
        own = b.own.value if b.own is not None and b.own.marker is None else None
        england = b.england.value if b.england is not None and b.england.marker is None else None
        points.append(
            BenchmarkYear(
                comparison.cadence.short_label(b.period),
                own,
                group.median,
                group.low,
                group.high,
                england,
            )
        )
        spread = "–"
        if group.low is not None and group.high is not None:
            spread = f"{show(group.low, unit, d)} to {show(group.high, unit, d)}"
        rows.append(
            BenchmarkYearRow(
                name=_capital(comparison.cadence.name(b.period)),
                council=_shown(b.own, unit, d),
                median=show(group.median, unit, d),
                range=spread,
                with_figure=f"{len(group.used)} of {group.size}",
                england=_shown(b.england, unit, d),
            )
        )
    svg = ""
    if draw and len(points) >= 2:
        spec = benchmark_years_spec(
            title=title,
            unit_label=UNIT_LABELS[unit] or "value",
            points=points,
            council=latest.council_name,
        )
        svg = render_svg(spec)
    return BenchmarkYears(title=title, rows=tuple(rows), svg=svg)


def _shown(figure: Figure | None, unit: Unit, decimals: int) -> str:
    """A figure at its published precision; a DfE marker as its symbol, never a number."""
    if figure is None:
        return "–"
    if figure.marker is not None:
        return figure.marker.symbol
    return show(figure.value, unit, decimals)


def _capital(text: str) -> str:
    text = text.removeprefix("the ")
    return text[:1].upper() + text[1:]
