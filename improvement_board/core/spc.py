"""Statistical process control (XmR), as NHS England's "Making Data Count" reads a chart.

Centre line: the mean. Process limits: mean ± 2.66 × the mean moving range. A point shows special
cause variation when any of four rules fires; each rule is a small function below and follows the
conventions of Making Data Count and the NHSRplotthedots package:

- a point outside the limits (strictly beyond; a point on a limit is inside);
- 7 points in a row on the same side of the mean (a point on the mean breaks the run);
- 7 points in a row rising or falling, i.e. 6 consecutive rises or falls (an equal pair breaks it;
  a turning point belonging to two runs takes the direction of the run that follows it);
- 2 of 3 consecutive points beyond two thirds of the way to a limit, all three on the same side of
  the mean; only the points beyond the two-thirds line are flagged. Points beyond the limit itself
  count (Making Data Count's rule since November 2023; NHSRplotthedots still counts only points
  between the two-thirds line and the limit).

When several rules flag a point, the first in that order names it. A flagged point is improvement
or concern by polarity (neither for bands and context); the latest point gives the chart's
variation. Assurance compares the target with the latest limits.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from improvement_board.core.periods import Period
from improvement_board.core.trajectory import Planned
from improvement_board.core.units import Polarity

LIMIT = 2.66
NEAR = 2 * LIMIT / 3
SCREEN = 3.267
RUN = 7

OUTSIDE = "a point outside the limits"
SHIFT = "7 points in a row on one side of the mean"
TREND = "7 points in a row rising or falling"
TWO_OF_THREE = "2 of 3 points near a limit"


class _Worded(Enum):
    @property
    def word(self) -> str:
        return str(self.value)


class Variation(_Worded):
    """What the latest point says about the process (Making Data Count's variation icons)."""

    COMMON_CAUSE = "Common cause variation"
    IMPROVEMENT = "Special cause variation: improvement"
    CONCERN = "Special cause variation: concern"
    NEITHER = "Special cause variation: neither improvement nor concern"
    NOT_ENOUGH_DATA = "Not enough data"


class Assurance(_Worded):
    """Whether the target can be relied on, given the limits (Making Data Count's assurance)."""

    PASSING = "Consistently passing the target"
    FAILING = "Consistently failing the target"
    HIT_AND_MISS = "Hit and miss: the target may or may not be met"
    NOT_APPLICABLE = "Not applicable"


@dataclass(frozen=True, slots=True)
class Limits:
    mean: float
    mean_moving_range: float
    lower: float
    upper: float
    lower_near: float
    upper_near: float


@dataclass(frozen=True, slots=True)
class SpcSettings:
    """Baseline and cautions: limits from the first ``fix_after`` points of each segment (all
    when None), new segments from each ``rebase_at`` period, and the counts or point numbers
    below which the chart carries a caution."""

    fix_after: int | None = None
    rebase_at: tuple[Period, ...] = ()
    screen_outliers: bool = False
    small_count: float = 20
    min_points: int = 12


@dataclass(frozen=True, slots=True)
class SpcPoint:
    period: Period
    value: float
    limits: Limits | None
    rule: str | None
    side: int
    variation: Variation


@dataclass(frozen=True, slots=True)
class SpcSummary:
    points: tuple[SpcPoint, ...]
    limits: Limits | None
    variation: Variation
    assurance: Assurance
    basis: str
    cautions: tuple[str, ...]


def xmr_limits(values: Sequence[float], *, screen_outliers: bool = False) -> Limits | None:
    """Mean and limits from the values; None with fewer than two (no moving range)."""
    if len(values) < 2:
        return None
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    mean_range = statistics.mean(ranges)
    if screen_outliers:
        kept = [r for r in ranges if r < SCREEN * mean_range]
        mean_range = statistics.mean(kept) if kept else mean_range
    centre = statistics.mean(values)
    wide, near = LIMIT * mean_range, NEAR * mean_range
    return Limits(centre, mean_range, centre - wide, centre + wide, centre - near, centre + near)


def sides(values: Sequence[float], limits: Limits) -> list[int]:
    """+1 above the mean, -1 below, 0 on it."""
    return [(v > limits.mean) - (v < limits.mean) for v in values]


def outside_limits(values: Sequence[float], limits: Limits) -> list[bool]:
    """Rule 1: a point strictly above the upper or below the lower limit."""
    return [v > limits.upper or v < limits.lower for v in values]


def run_on_one_side(values: Sequence[float], limits: Limits, length: int = RUN) -> list[bool]:
    """Rule 2: every point of a run of ``length`` or more on the same side of the mean."""
    flags = [False] * len(values)
    for start, end, side in _runs(sides(values, limits)):
        if side != 0 and end - start >= length:
            flags[start:end] = [True] * (end - start)
    return flags


def run_rising_or_falling(values: Sequence[float], length: int = RUN) -> list[int]:
    """Rule 3: +1 / -1 for every point of ``length`` or more points each above / below the last."""
    steps = [(b > a) - (b < a) for a, b in itertools.pairwise(values)]
    flags = [0] * len(values)
    for start, end, step in _runs(steps):
        if step != 0 and end - start >= length - 1:
            flags[start : end + 1] = [step] * (end - start + 1)
    return flags


def two_of_three_near_limit(values: Sequence[float], limits: Limits) -> list[bool]:
    """Rule 4: points beyond two thirds of the way to a limit, two of three on one side."""
    side = sides(values, limits)
    beyond = [v > limits.upper_near or v < limits.lower_near for v in values]
    flags = [False] * len(values)
    for i in range(len(values) - 2):
        window = range(i, i + 3)
        same_side = side[i] != 0 and all(side[j] == side[i] for j in window)
        if same_side and sum(beyond[j] for j in window) >= 2:
            for j in window:
                flags[j] = flags[j] or beyond[j]
    return flags


def _runs(items: Sequence[int]) -> list[tuple[int, int, int]]:
    """Maximal runs of equal items as (start, end exclusive, item)."""
    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(items) + 1):
        if i == len(items) or items[i] != items[start]:
            runs.append((start, i, items[start]))
            start = i
    return runs


def special_causes(values: Sequence[float], limits: Limits) -> list[tuple[str | None, int]]:
    """For each point, the first rule that flags it and the side it points to (0 if none)."""
    flags = zip(
        outside_limits(values, limits),
        run_rising_or_falling(values),
        two_of_three_near_limit(values, limits),
        run_on_one_side(values, limits),
        sides(values, limits),
        strict=True,
    )
    return [_first_rule(*point) for point in flags]


def _first_rule(
    outside: bool, trend: int, near: bool, shift: bool, side: int
) -> tuple[str | None, int]:
    """Rules in order of precedence; a trend points the way it runs, the others to their side."""
    if outside:
        return OUTSIDE, side
    if trend:
        return TREND, trend
    if near:
        return TWO_OF_THREE, side
    if shift:
        return SHIFT, side
    return None, 0


def variation_of(rule: str | None, side: int, polarity: Polarity) -> Variation:
    """Improvement or concern by polarity; neither where no side is better."""
    if rule is None or side == 0:
        return Variation.COMMON_CAUSE
    if polarity not in ("higher", "lower"):
        return Variation.NEITHER
    good = 1 if polarity == "higher" else -1
    return Variation.IMPROVEMENT if side == good else Variation.CONCERN


def assurance(limits: Limits | None, polarity: Polarity, target: Planned | None) -> Assurance:
    """Can the process be relied on to meet the target? Only if the target is outside the limits."""
    if limits is None or target is None or polarity == "context":
        return Assurance.NOT_APPLICABLE
    if polarity == "band":
        return _band_assurance(limits, target)
    if target.value > limits.upper:
        return Assurance.FAILING if polarity == "higher" else Assurance.PASSING
    if target.value < limits.lower:
        return Assurance.PASSING if polarity == "higher" else Assurance.FAILING
    return Assurance.HIT_AND_MISS


def _band_assurance(limits: Limits, target: Planned) -> Assurance:
    """Limits wholly inside the band pass; wholly outside it fail; overlapping is hit and miss."""
    low = target.low if target.low is not None else target.value
    high = target.high if target.high is not None else target.value
    if low <= limits.lower and limits.upper <= high:
        return Assurance.PASSING
    if limits.upper < low or limits.lower > high:
        return Assurance.FAILING
    return Assurance.HIT_AND_MISS


def segments(
    points: Sequence[tuple[Period, float]], rebase_at: Sequence[Period]
) -> list[list[tuple[Period, float]]]:
    """Split the series where it is rebased: each rebase period starts new limits."""
    groups: list[list[tuple[Period, float]]] = []
    for period, value in points:
        group = sum(1 for r in rebase_at if r <= period)
        while len(groups) <= group:
            groups.append([])
        groups[group].append((period, value))
    return [g for g in groups if g]


def _segment_points(
    segment: list[tuple[Period, float]], polarity: Polarity, settings: SpcSettings
) -> list[SpcPoint]:
    values = [v for _, v in segment]
    base = values[: settings.fix_after] if settings.fix_after else values
    limits = xmr_limits(base, screen_outliers=settings.screen_outliers)
    if limits is None:
        return [SpcPoint(p, v, None, None, 0, Variation.NOT_ENOUGH_DATA) for p, v in segment]
    causes = special_causes(values, limits)
    return [
        SpcPoint(p, v, limits, rule, side, variation_of(rule, side, polarity))
        for (p, v), (rule, side) in zip(segment, causes, strict=True)
    ]


def analyse(
    points: Sequence[tuple[Period, float]],
    *,
    polarity: Polarity,
    target: Planned | None = None,
    settings: SpcSettings = SpcSettings(),
    smallest_count: float | None = None,
) -> SpcSummary:
    """The XmR chart of a series: every point judged, the latest variation and assurance."""
    usable = sorted(dict((p, v) for p, v in points if math.isfinite(v)).items())
    groups = segments(usable, settings.rebase_at)
    judged = [point for group in groups for point in _segment_points(group, polarity, settings)]
    latest = judged[-1] if judged else None
    limits = latest.limits if latest else None
    variation = latest.variation if latest else Variation.NOT_ENOUGH_DATA
    basis_count = len(groups[-1][: settings.fix_after or None]) if groups else 0
    return SpcSummary(
        tuple(judged),
        limits,
        variation,
        assurance(limits, polarity, target),
        _basis(usable, basis_count, settings),
        _cautions(basis_count, limits, smallest_count, settings),
    )


def _basis(points: Sequence[tuple[Period, float]], count: int, settings: SpcSettings) -> str:
    """Which points the latest limits come from, in words."""
    rebased = [r for r in settings.rebase_at if points and points[0][0] < r <= points[-1][0]]
    since = f", rebased from {max(rebased)}" if rebased else ""
    fixed = "fixed on the first" if settings.fix_after else "from all"
    return f"limits {fixed} {count} points{since}"


def _cautions(
    count: int, limits: Limits | None, smallest: float | None, settings: SpcSettings
) -> tuple[str, ...]:
    cautions: list[str] = []
    if count < 2:
        cautions.append("Fewer than 2 points: no limits can be drawn.")
    elif count < settings.min_points:
        cautions.append(
            f"Limits from only {count} points: at least {settings.min_points} are needed "
            "before they can be relied on."
        )
    if limits is not None and limits.mean_moving_range == 0:
        cautions.append("The figures have not varied, so the limits sit on the mean.")
    if smallest is not None and smallest < settings.small_count:
        cautions.append(
            f"Small numbers (as few as {smallest:,.0f}): a period's figure can swing by chance."
        )
    return tuple(cautions)
