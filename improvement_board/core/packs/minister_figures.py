"""Figures in the Minister's report as they may be printed, and the trend charts of red indicators.

Inside the council the counts behind each figure are shown in full. A report marked for
publication follows DfE practice through ``core.disclosure``: each figure's counts are published as
one row (met, not met, total), so counts 1 to 5 become ``c``, whatever would give them away by
subtraction is hidden too, a figure over a hidden count is ``c`` as well, and a rate over a small
denominator is flagged. Charts leave out a hidden month as the tables do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from improvement_board.core.disclosure import SUPPRESSED, CountTable, publish_rate, publish_table
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
    low = _small_denominator(numerator, denominator)
    if not publish:
        return Shown(figure, format_counts(numerator, denominator), False, low)
    counts, hidden = published_counts(numerator, denominator)
    if indicator.unit == "count" and numerator is None and value is not None:
        hidden = published_counts(value, None)[1]
    return Shown(SUPPRESSED if hidden else figure, counts, hidden, low and not hidden)


def published_counts(numerator: float | None, denominator: float | None) -> tuple[str, bool]:
    """The counts with 1-5 hidden and whatever would reveal them; True when any is hidden.

    The pair is published as a row (met, not met, total), so 19/20 hides both the 1 and the 19.
    """
    if numerator is None:
        return "", False
    texts = publish_table(_pair_table(numerator, denominator)).texts()[0]
    hidden = SUPPRESSED in texts
    shown_numerator = texts[0] if texts[0] == SUPPRESSED else f"{numerator:,.0f}"
    if denominator is None:
        return shown_numerator, hidden
    shown_denominator = texts[-1] if texts[-1] == SUPPRESSED else f"{denominator:,.0f}"
    return f"{shown_numerator}/{shown_denominator}", hidden


def _pair_table(numerator: float, denominator: float | None) -> CountTable:
    """Counts as whole things; a part (a fraction of a post) is rounded up so it is never shown
    where the whole would be hidden."""
    top = math.ceil(numerator)
    if denominator is None:
        return CountTable("counts", ("figure",), ("numerator",), ((top,),))
    bottom = math.ceil(denominator)
    if top > bottom:
        return CountTable("counts", ("figure",), ("numerator", "denominator"), ((top, bottom),))
    return CountTable(
        "counts",
        ("figure",),
        ("numerator", "rest", "denominator"),
        ((top, bottom - top, bottom),),
        row_totals=True,
    )


def _small_denominator(numerator: float | None, denominator: float | None) -> bool:
    """One child more or less moves a rate on a small denominator a long way."""
    if numerator is None or denominator is None or numerator < 0 or denominator <= 0:
        return False
    return publish_rate(math.ceil(numerator), math.ceil(denominator)).small_denominator


def red_charts(
    inputs: PackInputs, judgements: dict[str, Judgement], publish: bool
) -> tuple[RedChart, ...]:
    """One chart per red indicator only, so the report stays short."""
    return tuple(
        _red_chart(inputs, indicator, judgements[indicator.key], publish)
        for indicator in inputs.programme.indicators
        if judgements[indicator.key].status is Rag.RED
    )


def _red_chart(
    inputs: PackInputs, indicator: Indicator, judgement: Judgement, publish: bool
) -> RedChart:
    series = [o for o in inputs.series.get(indicator.key, []) if o.period <= judgement.period]
    figures = {o.period: _observed(indicator, o, publish) for o in series}
    title = _chart_title(indicator, judgement, publish)
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
    if judgement.trajectory is None:
        return None
    planned = judgement.trajectory.at(period)
    return planned.value if planned else None


def _chart_title(indicator: Indicator, judgement: Judgement, publish: bool) -> str:
    """The finding alone: the heading above names the indicator, so the chart keeps its width."""
    figure = shown(
        indicator, judgement.value, judgement.numerator, judgement.denominator, publish=publish
    )
    at = judgement.period.label
    if figure.hidden:
        return f"Behind plan beyond tolerance in {at} (figure suppressed)"
    return f"{figure.figure} in {at}, behind plan beyond tolerance"


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
