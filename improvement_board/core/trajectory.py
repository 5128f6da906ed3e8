"""The trajectory: where an indicator should be at each period on its way from baseline to target.

The board judges a month against where the plan said it would be by then, not against the end
target, so a programme on course is green from the start. The path runs from the baseline period
(``baseline.period``, else the month of the programme's baseline date) to the target period
(``target.period``, else the month of its target date), and holds the end value after it.

How each kind of target reads as a path:

- reach / up_to: a straight line, or straight lines through the indicator's numerical milestones;
- maintain: flat at the baseline (100% -> 100%);
- at_least / at_most with the target on the worse side of the baseline (retention 93.2 -> 92.0,
  higher is better) or with no baseline: flat at the target, a floor or a ceiling;
- band: the band [low, high] every month, centred on the target value;
- no baseline (the plan's "-"): a count starts from 0 at the baseline period (nothing had been done
  yet); any other unit has nothing to start from, so the first planned figure (the first
  milestone, else the target) holds until the path can move.

A context indicator has no target and so no trajectory (``trajectory_for`` gives None). The path is
drawn through months, so it holds at any period whatever the indicator's cadence; ``points`` gives
it at the indicator's own periods.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from improvement_board.core.periods import Cadence, Period
from improvement_board.core.programme import Indicator, ProgrammeInfo, Target
from improvement_board.core.units import better, format_value, value_from_counts

Rule = Literal["linear", "milestones", "maintain", "floor", "ceiling", "band", "no_baseline"]
Knot = tuple[Period, float]


@dataclass(frozen=True, slots=True)
class Planned:
    """The planned value at one period; a band also has its bounds."""

    period: Period
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Trajectory:
    """A path through knots (period, value), straight between them, flat after the last."""

    rule: Rule
    knots: tuple[Knot, ...]
    note: str
    low: float | None = None
    high: float | None = None

    @property
    def start(self) -> Period:
        return self.knots[0][0]

    @property
    def end(self) -> Period:
        return self.knots[-1][0]

    @property
    def final(self) -> Planned:
        """The planned value at the target period: what forecasts and assurance aim at."""
        return Planned(self.end, self.knots[-1][1], self.low, self.high)

    def at(self, period: Period) -> Planned | None:
        """The planned value at a period; None before the path starts (nothing was planned)."""
        if period < self.start:
            return None
        return Planned(period, _interpolate(self.knots, period), self.low, self.high)

    def months(self) -> list[Planned]:
        """Every month from start to end."""
        planned = (
            self.at(Period.from_index(i)) for i in range(self.start.index, self.end.index + 1)
        )
        return [p for p in planned if p is not None]

    def points(self, cadence: Cadence) -> list[Planned]:
        """The plan at each of the cadence's periods from start to end, and at its knots (the
        baseline, milestones and target), so a chart's plan line bends where the plan does."""
        periods = {p for p, _ in self.knots} | set(cadence.periods(self.start, self.end))
        planned = (self.at(period) for period in sorted(periods))
        return [p for p in planned if p is not None]


def baseline_period(indicator: Indicator, baseline_date: date) -> Period:
    """The indicator's own baseline month, else the programme's."""
    if indicator.baseline.period:
        return Period.parse(indicator.baseline.period)
    return Period.of(baseline_date)


def target_period(indicator: Indicator, target_date: date) -> Period:
    """The indicator's own target month, else the programme's."""
    if indicator.target is not None and indicator.target.period:
        return Period.parse(indicator.target.period)
    return Period.of(target_date)


def baseline_value(indicator: Indicator) -> float | None:
    """The baseline as given, or as its numerator and denominator imply (19/20 -> 95.0)."""
    baseline = indicator.baseline
    if baseline.value is not None:
        return baseline.value
    if baseline.numerator is not None and baseline.denominator is not None:
        return value_from_counts(baseline.numerator, baseline.denominator, indicator.unit)
    return None


def trajectory_for(indicator: Indicator, info: ProgrammeInfo) -> Trajectory | None:
    """The indicator's trajectory within its programme's dates; None without a target."""
    if indicator.target is None:
        return None
    start = baseline_period(indicator, info.baseline_date)
    end = target_period(indicator, info.target_date)
    return build_trajectory(indicator, start=start, end=end)


def build_trajectory(indicator: Indicator, *, start: Period, end: Period) -> Trajectory:
    """The path from ``start`` to ``end`` that the indicator's target qualifier describes."""
    end = max(start, end)
    target = _target(indicator)
    base = baseline_value(indicator)
    if target.qualifier == "band":
        return _band(indicator, start, end)
    if target.qualifier == "maintain":
        return _maintain(indicator, base, start, end)
    if target.qualifier in ("at_least", "at_most") and _is_threshold(indicator, base):
        return _threshold(indicator, start, end)
    return _path(indicator, base, start, end)


def _target(indicator: Indicator) -> Target:
    if indicator.target is None:
        raise ValueError(f"{indicator.label} has no target, so no trajectory")
    return indicator.target


def _is_threshold(indicator: Indicator, base: float | None) -> bool:
    """A floor or ceiling: the target is not better than where the indicator starts."""
    return base is None or not better(indicator.polarity, _target(indicator).value, base)


def _show(indicator: Indicator, value: float) -> str:
    return format_value(value, indicator.unit, indicator.decimals)


def _band(indicator: Indicator, start: Period, end: Period) -> Trajectory:
    target = _target(indicator)
    low = target.low if target.low is not None else target.value
    high = target.high if target.high is not None else target.value
    knots = ((start, target.value), (end, target.value))
    note = f"within {_show(indicator, low)} to {_show(indicator, high)} throughout"
    return Trajectory("band", knots, note, low, high)


def _maintain(indicator: Indicator, base: float | None, start: Period, end: Period) -> Trajectory:
    held = _target(indicator).value if base is None else base
    note = f"hold {_show(indicator, held)} throughout"
    note += " (no baseline: the target)" if base is None else ""
    return Trajectory("maintain", ((start, held), (end, held)), note)


def _threshold(indicator: Indicator, start: Period, end: Period) -> Trajectory:
    value = _target(indicator).value
    rule: Rule = "floor" if _target(indicator).qualifier == "at_least" else "ceiling"
    words = "at least" if rule == "floor" else "at most"
    note = f"a {rule}: {words} {_show(indicator, value)} throughout"
    return Trajectory(rule, ((start, value), (end, value)), note)


def _path(indicator: Indicator, base: float | None, start: Period, end: Period) -> Trajectory:
    """Straight lines from the start value through the milestones to the target."""
    milestones = _milestones_between(indicator, start, end)
    if base is None:
        return _path_without_baseline(indicator, milestones, start, end)
    knots = _distinct(((start, base), *milestones, (end, _target(indicator).value)))
    return Trajectory("milestones" if milestones else "linear", knots, _note(indicator, knots))


def _path_without_baseline(
    indicator: Indicator, milestones: tuple[Knot, ...], start: Period, end: Period
) -> Trajectory:
    target = _target(indicator).value
    first = 0.0 if indicator.unit == "count" else milestones[0][1] if milestones else target
    knots = _distinct(((start, first), *milestones, (end, target)))
    if indicator.unit == "count":
        note = "no baseline: a count starts from 0; " + _note(indicator, knots)
    else:
        note = f"no baseline: {_show(indicator, first)} (the first planned figure) is expected "
        note += f"from {start}; " + _note(indicator, knots)
    return Trajectory("no_baseline", knots, note)


def _milestones_between(indicator: Indicator, start: Period, end: Period) -> tuple[Knot, ...]:
    """The numerical milestones strictly inside the path, in order; others cannot bend it."""
    knots = sorted((Period.parse(m.period), m.value) for m in indicator.milestones)
    return tuple((period, value) for period, value in knots if start < period < end)


def _distinct(knots: tuple[Knot, ...]) -> tuple[Knot, ...]:
    """Drop repeated periods (a start equal to the end): the later knot wins."""
    by_period = dict(knots)
    return tuple(sorted(by_period.items()))


def _note(indicator: Indicator, knots: tuple[Knot, ...]) -> str:
    """Such as "70.1% in 2006-03 to 75.0% in 2007-03", naming every milestone on the way."""
    steps = " to ".join(f"{_show(indicator, value)} in {period}" for period, value in knots)
    return f"straight lines from {steps}" if len(knots) > 2 else f"a straight line from {steps}"


def _interpolate(knots: tuple[Knot, ...], period: Period) -> float:
    """Straight between the knots either side of the period; the last value after the end."""
    for (p0, v0), (p1, v1) in itertools.pairwise(knots):
        if p0 <= period <= p1:
            return _between(v0, v1, p0.months_until(period) / p0.months_until(p1))
    return knots[-1][1]


def _between(v0: float, v1: float, share: float) -> float:
    """The point ``share`` of the way from v0 to v1: exact at the ends, never beyond them."""
    if share <= 0 or v0 == v1:
        return v0
    if share >= 1:
        return v1
    step = v1 - v0
    value = v0 + step * share if math.isfinite(step) else v0 * (1 - share) + v1 * share
    return min(max(value, min(v0, v1)), max(v0, v1))
