"""An indicator's SPC control chart (XmR) as a Vega-Lite spec, with its table as the text
alternative.

The chart draws what ``core/spc.py`` judged, never judges again: every figure, the mean and the
upper and lower process limits of each segment (a rebase starts a new segment, and its lines
start again there), the points a rule flagged marked by what they say (improvement, concern or
neither, by shape as well as colour), the target (a line, or a shaded band) and each rebase as a
labelled vertical line. As every chart here (decision 0004), its title states the finding and
lines are labelled directly rather than through a legend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from improvement_board.core.judge import Judgement
from improvement_board.core.packs.build import PackInputs, judge_all
from improvement_board.core.packs.charts import (
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    FONT,
    TURQUOISE,
    render_svg,
)
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator
from improvement_board.core.spc import SpcPoint, SpcSummary, Variation
from improvement_board.core.units import UNIT_LABELS, format_value

ORANGE = "#F46A25"
"""The Analysis Function palette's orange: a signal of concern."""
LIMIT_GREY = "#707070"

SIGNALS: dict[Variation, tuple[str, str, str]] = {
    Variation.IMPROVEMENT: ("Improvement", TURQUOISE, "triangle-up"),
    Variation.CONCERN: ("Concern", ORANGE, "triangle-down"),
    Variation.NEITHER: ("Neither improvement nor concern", DARK_PINK, "diamond"),
}
"""What a flagged point says, the colour it is drawn in and its shape (colour is never the only
cue)."""

LINES = ("Upper process limit", "Mean", "Lower process limit")


@dataclass(frozen=True, slots=True)
class SpcChartPoint:
    """One figure on the chart: where it sits against its segment's limits and what any rule
    says of it. ``label`` is the period as the axis shows it, ``name`` as the table says it."""

    label: str
    name: str
    value: float
    segment: int
    mean: float | None = None
    lower: float | None = None
    upper: float | None = None
    signal: str | None = None
    """``Improvement``, ``Concern`` or ``Neither improvement nor concern``; None if no rule."""
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class SpcRow:
    """A row of the chart's table: the same figures as words."""

    name: str
    value: str
    mean: str
    lower: str
    upper: str
    signal: str


@dataclass(frozen=True, slots=True)
class SpcChart:
    """What a page shows of an indicator's control chart."""

    title: str
    summary: str
    basis: str
    cautions: tuple[str, ...]
    rebased: tuple[str, ...]
    rows: tuple[SpcRow, ...]
    svg: str
    unit_label: str


def chart_points(
    summary: SpcSummary,
    *,
    label: Callable[[Period], str],
    name: Callable[[Period], str],
    rebase_at: Sequence[Period] = (),
) -> list[SpcChartPoint]:
    """The judged points as the chart draws them; the segment counts the rebases before it."""
    return [
        _point(p, label, name, sum(1 for r in rebase_at if r <= p.period)) for p in summary.points
    ]


def _point(
    p: SpcPoint, label: Callable[[Period], str], name: Callable[[Period], str], segment: int
) -> SpcChartPoint:
    limits = p.limits
    signal = SIGNALS[p.variation][0] if p.variation in SIGNALS else None
    return SpcChartPoint(
        label=label(p.period),
        name=name(p.period),
        value=p.value,
        segment=segment,
        mean=limits.mean if limits else None,
        lower=limits.lower if limits else None,
        upper=limits.upper if limits else None,
        signal=signal,
        rule=p.rule if signal else None,
    )


def spc_spec(
    *,
    title: str,
    unit_label: str,
    points: Sequence[SpcChartPoint],
    target: float | None = None,
    band: tuple[float, float] | None = None,
    rebased: Sequence[str] = (),
) -> dict[str, Any]:
    """The control chart as a Vega-Lite spec. Layers are named (``band``, ``limits``,
    ``limit-labels``, ``figures``, ``signals``, ``target``, ``rebase``) so a reader of the spec,
    and its tests, can find each."""
    order = {p.label: n for n, p in enumerate(points)}
    layers: list[dict[str, Any]] = []
    if band is not None:
        layers.append(_band_layer(*band))
    limit_rows = [
        {"order": n, "label": p.label, "segment": p.segment, "line": line, "value": value}
        for n, p in enumerate(points)
        for line, value in zip(LINES, (p.upper, p.mean, p.lower), strict=True)
        if value is not None
    ]
    if limit_rows:
        layers += [_limits_layer(limit_rows), _limit_labels_layer(limit_rows)]
    figures = [{"order": n, "label": p.label, "value": p.value} for n, p in enumerate(points)]
    layers.append(_figures_layer(figures, unit_label))
    signals = [
        {"order": n, "label": p.label, "value": p.value, "signal": p.signal, "rule": p.rule}
        for n, p in enumerate(points)
        if p.signal is not None
    ]
    if signals:
        layers.append(_signals_layer(signals))
    if target is not None and band is None:
        layers.append(_target_layer(target))
    marks = [{"order": order[r], "label": r} for r in rebased if r in order]
    if marks:
        layers.append(_rebase_layer(marks))
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "anchor": "start", "fontSize": 13, "font": FONT},
        "width": 420,
        "height": 200,
        "resolve": {"scale": {"y": "shared"}},
        "layer": layers,
        "config": {"view": {"stroke": None}, "font": FONT},
    }


def _x() -> dict[str, Any]:
    """Periods in their own order and words; only layers drawn at a period take it, so the
    target's line spans the whole chart."""
    return {
        "field": "label",
        "type": "ordinal",
        "sort": {"field": "order", "op": "min"},
        "axis": {"title": None, "labelAngle": 0, "labelOverlap": "greedy"},
        "scale": {"paddingInner": 0, "paddingOuter": 0.1},
    }


def _y(title: str | None = None) -> dict[str, Any]:
    y: dict[str, Any] = {"field": "value", "type": "quantitative", "scale": {"zero": False}}
    if title is not None:
        y["title"] = title
    return y


def _limits_layer(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean solid, limits dashed, each segment's lines apart so a rebase breaks them."""
    return {
        "name": "limits",
        "data": {"values": rows},
        "mark": {"type": "line", "color": LIMIT_GREY, "strokeWidth": 1.5},
        "encoding": {
            "x": _x(),
            "y": _y(),
            "detail": [{"field": "segment"}, {"field": "line"}],
            "strokeDash": {
                "field": "line",
                "type": "nominal",
                "scale": {"domain": list(LINES), "range": [[4, 3], [1, 0], [4, 3]]},
                "legend": None,
            },
        },
    }


def _limit_labels_layer(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Each line named at its last point, in place of a legend."""
    return {
        "name": "limit-labels",
        "data": {"values": rows},
        "transform": [
            {"joinaggregate": [{"op": "max", "field": "order", "as": "last"}], "groupby": ["line"]},
            {"filter": "datum.order === datum.last"},
        ],
        "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": 10, "color": DARK_GREY},
        "encoding": {"x": _x(), "y": _y(), "text": {"field": "line"}},
    }


def _figures_layer(rows: list[dict[str, Any]], unit_label: str) -> dict[str, Any]:
    return {
        "name": "figures",
        "data": {"values": rows},
        "mark": {"type": "line", "point": True, "strokeWidth": 2, "color": DARK_BLUE},
        "encoding": {"x": _x(), "y": _y(unit_label)},
    }


def _signals_layer(rows: list[dict[str, Any]]) -> dict[str, Any]:
    domain = [word for word, _, _ in SIGNALS.values()]
    return {
        "name": "signals",
        "data": {"values": rows},
        "mark": {"type": "point", "filled": True, "size": 110, "opacity": 1},
        "encoding": {
            "x": _x(),
            "y": _y(),
            "color": {
                "field": "signal",
                "type": "nominal",
                "scale": {"domain": domain, "range": [c for _, c, _ in SIGNALS.values()]},
                "legend": None,
            },
            "shape": {
                "field": "signal",
                "type": "nominal",
                "scale": {"domain": domain, "range": [s for _, _, s in SIGNALS.values()]},
                "legend": None,
            },
        },
    }


def _target_layer(target: float) -> dict[str, Any]:
    return {
        "name": "target",
        "data": {"values": [{"value": target}]},
        "encoding": {},
        "layer": [
            {
                "mark": {"type": "rule", "color": DARK_PINK, "strokeDash": [2, 2]},
                "encoding": {"y": _y()},
            },
            {
                "mark": {"type": "text", "align": "left", "x": 2, "dy": -6, "fontSize": 10},
                "encoding": {"y": _y(), "text": {"value": "Target"}, "color": {"value": DARK_PINK}},
            },
        ],
    }


def _band_layer(low: float, high: float) -> dict[str, Any]:
    return {
        "name": "band",
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


def _rebase_layer(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A vertical line where the limits start again, labelled at the top."""
    return {
        "name": "rebase",
        "data": {"values": rows},
        "encoding": {"x": _x()},
        "layer": [
            {"mark": {"type": "rule", "color": DARK_GREY, "strokeDash": [6, 2]}},
            {
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "top",
                    "y": 0,
                    "dx": 3,
                    "fontSize": 10,
                    "color": DARK_GREY,
                },
                "encoding": {"text": {"value": "Rebased"}},
            },
        ],
    }


def spc_chart(indicator: Indicator, judgement: Judgement, *, draw: bool = True) -> SpcChart:
    """The indicator's control chart as the judgement has it: title (its finding), summary,
    table and, with ``draw``, the SVG."""
    spc, cadence = judgement.spc, indicator.cadence
    rebase_at = tuple(Period.parse(p) for p in indicator.spc_rebase)

    def name(period: Period) -> str:
        return _capital(cadence.name(period))

    def show(value: float | None) -> str:
        return format_value(value, indicator.unit, indicator.decimals)

    points = chart_points(spc, label=cadence.short_label, name=name, rebase_at=rebase_at)
    by_period = {p.period: c for p, c in zip(spc.points, points, strict=True)}
    rebased = tuple(by_period[r].label for r in rebase_at if r in by_period)
    title = spc_title(indicator, spc)
    unit_label = UNIT_LABELS[indicator.unit] or "value"
    target, band = _target(judgement)
    svg = ""
    if draw and points:
        spec = spc_spec(
            title=title,
            unit_label=unit_label,
            points=points,
            target=target,
            band=band,
            rebased=rebased,
        )
        svg = render_svg(spec)
    rows = tuple(
        SpcRow(
            name=p.name,
            value=show(p.value),
            mean=show(p.mean),
            lower=show(p.lower),
            upper=show(p.upper),
            signal=f"{p.signal}: {p.rule}" if p.signal and p.rule else "–",
        )
        for p in points
    )
    summary = spc.variation.word + "."
    if spc.assurance.word != "Not applicable":
        summary += f" {spc.assurance.word}."
    return SpcChart(
        title=title,
        summary=summary,
        basis=spc.basis[:1].upper() + spc.basis[1:] + ".",
        cautions=spc.cautions,
        rebased=tuple(by_period[r].name for r in rebase_at if r in by_period),
        rows=rows,
        svg=svg,
        unit_label=unit_label,
    )


def spc_title(indicator: Indicator, spc: SpcSummary) -> str:
    """The chart's finding: what the latest point says."""
    name = indicator.code or indicator.title
    if not spc.points:
        return f"{name}: no figures to chart yet"
    if spc.variation is Variation.NOT_ENOUGH_DATA:
        return f"{name}: too few figures for process limits"
    if spc.variation is Variation.COMMON_CAUSE:
        return f"{name}: common cause variation, no signal in the latest figure"
    return f"{name}: {spc.variation.word[0].lower()}{spc.variation.word[1:]}"


def _target(judgement: Judgement) -> tuple[float | None, tuple[float, float] | None]:
    target = judgement.target
    if target is None:
        return None, None
    if target.low is not None and target.high is not None:
        return None, (target.low, target.high)
    return target.value, None


def _capital(text: str) -> str:
    text = text.removeprefix("the ")
    return text[:1].upper() + text[1:]


def indicator_spc(inputs: PackInputs, key: str, *, draw: bool = True) -> SpcChart:
    """One indicator's control chart as the pack for ``inputs.meeting`` judges it (the month
    before the meeting, its rebases and target), drawn for this indicator alone."""
    model = inputs.programme
    only = [i for i in model.indicators if i.key == key]
    if not only:
        raise LookupError(f"no indicator {key!r} in programme {model.programme.key}")
    narrowed = replace(inputs, programme=model.model_copy(update={"indicators": only}))
    judgement = judge_all(narrowed, inputs.meeting.shift(-1))[key]
    return spc_chart(only[0], judgement, draw=draw)
