"""Trend charts as Vega-Lite specs rendered to inline SVG, so a pack is one self-contained file.

Charts follow the UK government analysis conventions: a title that states the finding, direct
labels instead of a legend, no dual axes, the Analysis Function's colour-blind-safe palette, and a
table beside every chart as its text alternative (the pack renders that table).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import vl_convert

# Analysis Function palette (dark blue, turquoise, dark pink, orange, dark grey).
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
DARK_GREY = "#3D3D3D"
FONT = "Arial"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One period of a trend chart, in order; ``label`` is the period as its axis shows it
    (``Nov 06``, ``2024-25``, ``Sep 2024``). A period without a figure leaves a gap."""

    label: str
    actual: float | None
    planned: float | None


def trend_spec(
    *,
    title: str,
    unit_label: str,
    points: list[ChartPoint],
    target: float | None,
    band: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Actual (solid) against planned trajectory (dashed), each labelled at its end; a band
    target is a shaded band, any other target a dotted line. A missing figure is a gap in the
    line, never bridged."""
    rows = [
        {"order": n, "label": p.label, "series": series, "value": value}
        for n, p in enumerate(points)
        for series, value in (("Actual", p.actual), ("Planned", p.planned))
    ]
    layers: list[dict[str, Any]] = []
    if band is not None:
        layers.append(_band(*band))
    layers += [_line_layer(), _end_labels()]
    if target is not None and band is None:
        layers.append(_target_rule(target))
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "anchor": "start", "fontSize": 13, "font": FONT},
        "width": 360,
        "height": 160,
        "data": {"values": rows},
        # x belongs to the layers drawn at a period only: a target line or band inheriting it
        # would be drawn at an "undefined" period rather than across the chart.
        "encoding": {
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": unit_label,
                "scale": {"zero": False},
            },
        },
        "layer": layers,
        "config": {"view": {"stroke": None}, "font": FONT},
    }


def _period_axis() -> dict[str, Any]:
    """Periods in their own order and words, each given its place even when it has no figure."""
    return {
        "field": "label",
        "type": "ordinal",
        "sort": {"field": "order", "op": "min"},
        "axis": {"title": None, "labelAngle": 0, "labelOverlap": "greedy"},
        "scale": {"paddingInner": 0, "paddingOuter": 0.1},
    }


def _band(low: float, high: float) -> dict[str, Any]:
    """A band target: the range inside which the figure is on plan, shaded and labelled."""
    return {
        "data": {"values": [{"low": low, "high": high}]},
        "encoding": {},
        "layer": [
            {
                "mark": {"type": "rect", "color": TURQUOISE, "opacity": 0.15},
                "encoding": {
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                },
            },
            {
                "mark": {"type": "text", "align": "left", "x": 2, "dy": -6, "fontSize": 10},
                "encoding": {
                    "y": {"field": "high", "type": "quantitative"},
                    "text": {"value": "Target band"},
                    "color": {"value": DARK_GREY},
                },
            },
        ],
    }


def _colour() -> dict[str, Any]:
    return {
        "field": "series",
        "type": "nominal",
        "scale": {"domain": ["Actual", "Planned"], "range": [DARK_BLUE, TURQUOISE]},
        "legend": None,
    }


def _line_layer() -> dict[str, Any]:
    return {
        "mark": {
            "type": "line",
            "point": True,
            "strokeWidth": 2,
            "invalid": "break-paths-show-domains",
        },
        "encoding": {
            "x": _period_axis(),
            "color": _colour(),
            "strokeDash": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": ["Actual", "Planned"], "range": [[1, 0], [5, 3]]},
                "legend": None,
            },
        },
    }


def _end_labels() -> dict[str, Any]:
    """Direct labels at each line's last point, in place of a legend."""
    return {
        "transform": [
            {"filter": "isValid(datum.value)"},
            {
                "joinaggregate": [{"op": "max", "field": "order", "as": "last"}],
                "groupby": ["series"],
            },
            {"filter": "datum.order === datum.last"},
        ],
        "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 11},
        "encoding": {"x": _period_axis(), "text": {"field": "series"}, "color": _colour()},
    }


def _target_rule(target: float) -> dict[str, Any]:
    return {
        "data": {"values": [{"target": target}]},
        "encoding": {},
        "layer": [
            {
                "mark": {"type": "rule", "color": DARK_GREY, "strokeDash": [2, 2]},
                "encoding": {"y": {"field": "target", "type": "quantitative"}},
            },
            {
                "mark": {"type": "text", "align": "left", "x": 2, "dy": -6, "fontSize": 10},
                "encoding": {
                    "y": {"field": "target", "type": "quantitative"},
                    "text": {"value": "Target"},
                    "color": {"value": DARK_GREY},
                },
            },
        ],
    }


def render_svg(spec: dict[str, Any]) -> str:
    """The chart as SVG text, drawn without a browser or any network access."""
    return _svg(json.dumps(spec, sort_keys=True))


@lru_cache(maxsize=256)
def _svg(spec: str) -> str:
    """Drawing is deterministic, so the same spec is drawn once per process."""
    svg: str = vl_convert.vegalite_to_svg(spec)
    return lean_svg(svg)


# What a drawing carries only for an interactive page: shapes drawn empty or hidden, and the
# class, role, ARIA and pointer attributes of its groups (the pack hides the drawing from
# assistive technology and gives its title and a table instead).
_EMPTY_SHAPE = re.compile(r'<path[^>]*(?:d="M0,0h0v0h0Z"|d=""|display="none")[^>]*/>')
_INTERACTIVE = re.compile(r'\s(?:class|role|aria-[a-z]+|pointer-events)="[^"]*"')


def lean_svg(svg: str) -> str:
    """The drawing without what only an interactive page uses, for a lighter print."""
    return _INTERACTIVE.sub("", _EMPTY_SHAPE.sub("", svg))


@dataclass(frozen=True, slots=True)
class BenchmarkPoint:
    """One period of a benchmark chart: the council, its neighbours' average and range, England."""

    label: str
    council: float | None
    average: float | None
    low: float | None
    high: float | None
    england: float | None


_BENCHMARK_SERIES = ("Council", "Neighbours' average", "England")
_BENCHMARK_COLOURS = (DARK_BLUE, TURQUOISE, DARK_PINK)


def benchmark_spec(
    *, title: str, unit_label: str, points: list[BenchmarkPoint], council: str
) -> dict[str, Any]:
    """The council against its neighbours (average line, shaded range) and England, over the
    years; each line labelled at its end, a year without a figure a gap."""
    names = dict(zip(_BENCHMARK_SERIES, (council, "Neighbours' average", "England"), strict=True))
    lines = [
        {"order": n, "label": p.label, "series": names[series], "value": value}
        for n, p in enumerate(points)
        for series, value in zip(_BENCHMARK_SERIES, (p.council, p.average, p.england), strict=True)
    ]
    spread = [
        {"order": n, "label": p.label, "low": p.low, "high": p.high}
        for n, p in enumerate(points)
        if p.low is not None and p.high is not None
    ]
    colour = {
        "field": "series",
        "type": "nominal",
        "scale": {"domain": list(names.values()), "range": list(_BENCHMARK_COLOURS)},
        "legend": None,
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "anchor": "start", "fontSize": 13, "font": FONT},
        "width": 360,
        "height": 160,
        "encoding": {"x": _period_axis()},
        "layer": [
            {
                "data": {"values": spread},
                "mark": {"type": "area", "color": TURQUOISE, "opacity": 0.15},
                "encoding": {
                    "y": {"field": "low", "type": "quantitative", "title": unit_label},
                    "y2": {"field": "high"},
                },
            },
            {
                "data": {"values": lines},
                "layer": [
                    {
                        "mark": {
                            "type": "line",
                            "point": True,
                            "strokeWidth": 2,
                            "invalid": "break-paths-show-domains",
                        },
                        "encoding": {
                            "y": {
                                "field": "value",
                                "type": "quantitative",
                                "scale": {"zero": False},
                            },
                            "color": colour,
                        },
                    },
                    {
                        "transform": [
                            {"filter": "isValid(datum.value)"},
                            {
                                "joinaggregate": [{"op": "max", "field": "order", "as": "last"}],
                                "groupby": ["series"],
                            },
                            {"filter": "datum.order === datum.last"},
                        ],
                        "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 11},
                        "encoding": {
                            "y": {"field": "value", "type": "quantitative"},
                            "text": {"field": "series"},
                            "color": colour,
                        },
                    },
                ],
            },
        ],
        "config": {"view": {"stroke": None}, "font": FONT},
    }
