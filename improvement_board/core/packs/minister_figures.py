"""Figures in the Minister's report as they may be printed, and the trend charts of red indicators.

Inside the council the counts behind each figure are shown in full. A report marked for
publication follows DfE practice through ``core.disclosure``: each figure's counts are published as
one row (met, not met, total), so counts 1 to 5 become ``c``, whatever would give them away by
subtraction is hidden too, a figure over a hidden count is ``c`` as well, and a rate over a small
denominator is flagged. Charts leave out a hidden month as the tables do; an indicator whose
status is withheld gets no chart (being charted would say it is red).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from improvement_board.core.disclosure import (
    SUPPRESSED,
    Disclosure,
    figure_hidden,
    published_counts,
    small_denominator,
)
from improvement_board.core.judge import Judgement, Observation
from improvement_board.core.packs.build import PackInputs
from improvement_board.core.packs.charts import ChartPoint, render_svg, trend_spec
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, Programme
from improvement_board.core.rag import Rag
from improvement_board.core.units import UNIT_LABELS, format_counts, format_value


@dataclass(frozen=True, slots=True)
class Shown:
    """A figure and its counts as text fit to print, and whether the figure had to be hidden."""

    figure: str
    counts: str
    hidden: bool
    low_reliability: bool


@dataclass(frozen=True, slots=True)
class ChartMonth:
    label: str
    actual: str
    planned: str


@dataclass(frozen=True, slots=True)
class RedChart:
    """A red indicator's trend; its months table is the chart's text alternative."""

    key: str
    name: str
    title: str
    svg: str
    months: tuple[ChartMonth, ...]


def shown(
    indicator: Indicator,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    *,
    publish: bool,
) -> Shown:
    """A figure and its counts: in full inside the council, as DfE practice allows outside it."""
    figure = format_value(value, indicator.unit, indicator.decimals)
    low = small_denominator(numerator, denominator)
    if not publish:
        return Shown(figure, format_counts(numerator, denominator), False, low)
    counts = published_counts(numerator, denominator)[0]
    hidden = figure_hidden(indicator.unit, value, numerator, denominator)
    return Shown(SUPPRESSED if hidden else figure, counts, hidden, low and not hidden)


def red_charts(
    inputs: PackInputs,
    judgements: Mapping[str, Judgement],
    disclosures: Mapping[str, Disclosure],
    publish: bool,
) -> tuple[RedChart, ...]:
    """One chart per red indicator only, so the report stays short; in a publishable report
    only those whose status may be published."""
    return tuple(
        _red_chart(inputs, indicator, judgements[indicator.key], publish)
        for indicator in inputs.programme.indicators
        if judgements[indicator.key].status is Rag.RED
        and not (publish and disclosures[indicator.key].status)
    )


def _red_chart(
    inputs: PackInputs, indicator: Indicator, judgement: Judgement, publish: bool
) -> RedChart:
    series = [o for o in inputs.series.get(indicator.key, []) if o.period <= judgement.period]
    figures = {o.period: _observed(indicator, o, publish) for o in series}
    title = _chart_title(indicator, judgement)
    svg = ""
    if inputs.charts:
        svg = _svg(inputs.programme, indicator, judgement, series, figures, title)
    months = tuple(
        ChartMonth(p.label, figures[p].figure, _planned_text(indicator, judgement, p))
        for p in figures
    )
    return RedChart(indicator.key, indicator.label, title, svg, months)


def _planned_text(indicator: Indicator, judgement: Judgement, period: Period) -> str:
    return format_value(_planned(judgement, period), indicator.unit, indicator.decimals)


def _observed(indicator: Indicator, observation: Observation, publish: bool) -> Shown:
    o = observation
    return shown(indicator, o.value, o.numerator, o.denominator, publish=publish)


def _planned(judgement: Judgement, period: Period) -> float | None:
    """The plan at ``period``; none where the indicator has no trajectory (context only)."""
    trajectory = getattr(judgement, "trajectory", None)
    planned = trajectory.at(period) if trajectory is not None else None
    return planned.value if planned else None


def _chart_title(indicator: Indicator, judgement: Judgement) -> str:
    """The finding alone: the heading above names the indicator, so the chart keeps its width.
    Only an indicator whose status may be published is charted, so its figure may be too."""
    figure = format_value(judgement.value, indicator.unit, indicator.decimals)
    return f"{figure} in {judgement.period.label}, behind plan beyond tolerance"


def _svg(
    programme: Programme,
    indicator: Indicator,
    judgement: Judgement,
    series: list[Observation],
    figures: dict[Period, Shown],
    title: str,
) -> str:
    """Actual against plan; a suppressed month is left out of the line, as of the table."""
    actual = {o.period: None if figures[o.period].hidden else o.value for o in series}
    points = [ChartPoint(str(p), actual.get(p), _planned(judgement, p)) for p in programme.periods]
    target = indicator.target.value if indicator.target is not None else None
    spec = trend_spec(
        title=title,
        unit_label=UNIT_LABELS[indicator.unit] or "value",
        points=points,
        target=target,
    )
    return render_svg(spec)
