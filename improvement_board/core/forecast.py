"""Forecast: will the target be met by the target date, at the recent rate of change?

A least-squares line through the figures of the last few periods of the indicator's cadence (six
months, quarters or years by default; at least three figures) is carried forward to the target
period and compared with the planned end value the way RAG compares a month: met or better is
"On course", short by no more than the tolerance is "At risk", short by more is "Will miss by
about N". Once the target date has passed the latest
figure is compared instead. The method travels with the verdict, so the board knows how the
forecast was made.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from improvement_board.core.periods import MONTHLY, Cadence, Period
from improvement_board.core.programme import Tolerance
from improvement_board.core.rag import Rag, allowance, grade, reference_for, shortfall
from improvement_board.core.trajectory import Planned
from improvement_board.core.units import Polarity, Unit


class Verdict(Enum):
    """The forecast in a word or two; ``Forecast.text`` adds how far a miss is."""

    ON_COURSE = "On course"
    AT_RISK = "At risk"
    WILL_MISS = "Will miss"
    MET = "Target met"
    MISSED = "Target missed"
    NOT_ENOUGH_DATA = "Not enough data"
    NOT_APPLICABLE = "Not applicable"


@dataclass(frozen=True, slots=True)
class Forecast:
    """A verdict, said plainly (``text``), with how it was reached (``method``)."""

    verdict: Verdict
    text: str
    method: str
    projected: float | None = None
    slope: float | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A least-squares line: value = intercept + slope x months after ``origin``."""

    origin: Period
    intercept: float
    slope: float

    def at(self, period: Period) -> float:
        return self.intercept + self.slope * self.origin.months_until(period)


def fit_line(points: Sequence[tuple[Period, float]]) -> Line | None:
    """The least-squares line through the points; None with fewer than two distinct periods."""
    distinct = dict(points)
    if len(distinct) < 2:
        return None
    origin = max(distinct)
    xs = [origin.months_until(p) for p in distinct]
    ys = list(distinct.values())
    x_mean, y_mean = statistics.mean(xs), statistics.mean(ys)
    spread = sum((x - x_mean) ** 2 for x in xs)
    slope = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / spread
    return Line(origin, y_mean - slope * x_mean, slope)


def format_amount(amount: float, unit: Unit, decimals: int = 1) -> str:
    """A difference in the indicator's units: percentage points, not per cent, for percentages."""
    if unit == "percent":
        return f"{amount:.{decimals}f} percentage points"
    if unit == "rate_per_10000":
        return f"{amount:,.{decimals}f} per 10,000 children"
    if unit == "money":
        return f"£{amount / 1_000_000:.2f}M"
    if unit == "count":
        return f"{amount:,.0f}"
    return f"{amount:,.{decimals}f}"


def forecast(
    points: Sequence[tuple[Period, float]],
    *,
    target: Planned,
    polarity: Polarity,
    unit: Unit,
    tolerance: Tolerance,
    window: int = 6,
    minimum: int = 3,
    cadence: Cadence = MONTHLY,
    decimals: int = 1,
) -> Forecast:
    """Will the figures reach ``target`` (the planned value at the target period) in time?"""
    if polarity == "context":
        return Forecast(Verdict.NOT_APPLICABLE, "Not applicable", "context only: no target")
    aim = _Aim(target, polarity, unit, tolerance, decimals)
    usable = sorted(dict((p, v) for p, v in points if math.isfinite(v)).items())
    if usable and usable[-1][0] >= target.period:
        return _after_target(usable[-1], aim, cadence)
    recent = _within_window(usable, window, cadence)
    over = f"the last {window} {cadence.plural}"
    if len(recent) < minimum:
        method = f"a trend needs at least {minimum} figures in {over}; there are {len(recent)}"
        return Forecast(Verdict.NOT_ENOUGH_DATA, "Not enough data", method)
    counted = over if len(recent) == window else f"{len(recent)} figures in {over}"
    return _from_trend(recent, aim, f"linear trend over {counted}")


@dataclass(frozen=True, slots=True)
class _Aim:
    """What a figure is compared with, and how a miss is said."""

    target: Planned
    polarity: Polarity
    unit: Unit
    tolerance: Tolerance
    decimals: int

    def judge(self, value: float) -> tuple[float, Rag]:
        """How far short the value is, graded as RAG grades a month."""
        reference = reference_for(value, self.target, self.polarity)
        gap = shortfall(value, self.target, self.polarity)
        return gap, grade(gap, allowance(self.tolerance, reference), reference)

    def amount(self, gap: float) -> str:
        return format_amount(gap, self.unit, self.decimals)


def _within_window(
    points: Sequence[tuple[Period, float]], window: int, cadence: Cadence
) -> list[tuple[Period, float]]:
    """The figures of the last ``window`` periods up to the latest figure."""
    if not points:
        return []
    after = points[-1][0].shift(-window * cadence.step)
    return [(p, v) for p, v in points if p > after]


def _from_trend(recent: list[tuple[Period, float]], aim: _Aim, method: str) -> Forecast:
    """Carry the line to the target period and grade where it lands."""
    line = fit_line(recent)
    projected = line.at(aim.target.period) if line is not None else math.nan
    if line is None or not math.isfinite(projected):
        return Forecast(Verdict.NOT_ENOUGH_DATA, "Not enough data", method)
    gap, rag = aim.judge(projected)
    if rag is Rag.GREEN:
        return Forecast(Verdict.ON_COURSE, "On course", method, projected, line.slope)
    if rag is Rag.AMBER:
        return Forecast(Verdict.AT_RISK, "At risk", method, projected, line.slope)
    text = f"Will miss by about {aim.amount(gap)}"
    return Forecast(Verdict.WILL_MISS, text, method, projected, line.slope)


def _after_target(latest: tuple[Period, float], aim: _Aim, cadence: Cadence) -> Forecast:
    """The target date has passed: the latest figure either meets the target or it does not."""
    period, value = latest
    gap, rag = aim.judge(value)
    method = (
        f"the figure for {cadence.name(period)} (the target date, "
        f"{cadence.name(aim.target.period)}, has passed)"
    )
    if rag is Rag.GREEN:
        return Forecast(Verdict.MET, "Target met", method, value)
    return Forecast(Verdict.MISSED, f"Target missed by {aim.amount(gap)}", method, value)
