"""Trend charts as Vega-Lite specs rendered to inline SVG, so a pack is one self-contained file.

Charts follow the UK government analysis conventions: a title that states the finding, direct
labels instead of a legend, no dual axes, the Analysis Function's colour-blind-safe palette, and a
table beside every chart as its text alternative (the pack renders that table).
"""

from __future__ import annotations

import json
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
    period: str  # YYYY-MM
    actual: float | None
    planned: float | None


def trend_spec(
    *, title: str, unit_label: str, points: list[ChartPoint], target: float | None
) -> dict[str, Any]:
    """Actual (solid) against planned trajectory (dashed), each labelled at its end."""
    rows = [
        {"period": f"{p.period}-01", "series": series, "value": value}
        for p in points
        for series, value in (("Actual", p.actual), ("Planned", p.planned))
        if value is not None
    ]
    layers: list[dict[str, Any]] = [_line_layer(), _end_labels()]
    if target is not None:
        layers.append(_target_rule(target))
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "anchor": "start", "fontSize": 13, "font": FONT},
        "width": 360,
        "height": 160,
        "data": {"values": rows},
        "encoding": {
            "x": {
                "field": "period",
                "type": "temporal",
                "timeUnit": "yearmonth",
                "axis": {"format": "%b %y", "title": None, "labelAngle": 0, "tickCount": 6},
            },
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


def _colour() -> dict[str, Any]:
    return {
        "field": "series",
        "type": "nominal",
        "scale": {"domain": ["Actual", "Planned"], "range": [DARK_BLUE, TURQUOISE]},
        "legend": None,
    }


def _line_layer() -> dict[str, Any]:
    return {
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": {
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
            {
                "joinaggregate": [{"op": "max", "field": "period", "as": "last"}],
                "groupby": ["series"],
            },
            {"filter": "datum.period === datum.last"},
        ],
        "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 11},
        "encoding": {"text": {"field": "series"}, "color": _colour()},
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
    return svg
