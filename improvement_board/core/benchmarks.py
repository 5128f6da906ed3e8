"""Benchmarks as the department reads them: the council's figure beside its neighbours', its
region's and England's, its national rank and quartile band.

The conventions are those of DfE's Local Authority Interactive Tool (LAIT), so the adviser who
opens LAIT and the board that opens its pack read the same numbers:

- every figure is the published figure, at the precision DfE publishes it;
- the neighbours' average is the mean of the published figures of the neighbours that have one
  (a neighbour without one is named, with the reason), shown at the published precision, with
  the median and the range beside it;
- the national rank counts every council with a figure that period, 1 the best by the measure's
  polarity, ties sharing the better rank (1, 2, 2, 4);
- the quartile band places the council among every council's figure: the quartiles are those of
  R's ``quantile`` (type 7, the tool's), band A the best quarter by polarity (the lowest values
  where lower is better); a measure where higher is neither better nor worse has no rank and no
  band.

A group holds the council's comparators, never the council itself.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from improvement_board.core.councils import Register, register
from improvement_board.core.dfe import NeighbourList
from improvement_board.core.markers import Marker
from improvement_board.core.periods import Cadence, Period
from improvement_board.core.units import Polarity, Unit

GroupKind = Literal["england", "region", "statistical_neighbours", "named"]
Level = Literal["council", "region", "england"]
NEIGHBOURS_PUBLISHED = 10
BANDS = ("A", "B", "C", "D")
FEWEST_BANDED = 4
"""Quarters need at least four councils with a figure; fewer have no quartile band."""


class BenchmarkError(ValueError):
    """A comparator group that cannot be formed from what was given."""


@dataclass(frozen=True, slots=True)
class ComparatorGroup:
    """Named comparators, in the order their source gives (closest neighbour first)."""

    name: str
    kind: GroupKind
    members: tuple[str, ...]

    def without(self, council: str) -> ComparatorGroup:
        members = tuple(member for member in self.members if member != council)
        return ComparatorGroup(self.name, self.kind, members)


def england_group(councils: Iterable[str]) -> ComparatorGroup:
    return ComparatorGroup("England", "england", tuple(dict.fromkeys(councils)))


def region_group(region: str, regions: Mapping[str, str]) -> ComparatorGroup:
    """The councils whose region (in ``regions``, council -> region) is ``region``."""
    members = tuple(council for council, name in regions.items() if name == region)
    if not members:
        raise BenchmarkError(f"no council is in the region {region!r}")
    return ComparatorGroup(region, "region", members)


def named_group(name: str, members: Iterable[str]) -> ComparatorGroup:
    chosen = tuple(dict.fromkeys(member.strip() for member in members if member.strip()))
    if not chosen:
        raise BenchmarkError(f"the group {name!r} names no council")
    return ComparatorGroup(name, "named", chosen)


def neighbour_group(
    model: Mapping[str, NeighbourList],
    council: str,
    *,
    size: int = NEIGHBOURS_PUBLISHED,
    label: str,
) -> ComparatorGroup:
    """The ``size`` closest statistical neighbours of ``council`` in one model (``label``: 2021)."""
    if council not in model:
        raise BenchmarkError(f"council {council!r} is not in the {label} neighbour model")
    if not 1 <= size <= NEIGHBOURS_PUBLISHED:
        raise BenchmarkError(
            f"a neighbour group has 1 to {NEIGHBOURS_PUBLISHED} councils, not {size}"
        )
    entry = model[council]
    members = tuple(neighbour.old_la_code for neighbour in entry.neighbours[:size])
    name = f"Statistical neighbours of {entry.name} ({label} model, {size})"
    return ComparatorGroup(name, "statistical_neighbours", members)


@dataclass(frozen=True, slots=True)
class Figure:
    """One area's comparator figure for one period, as published (``own``: as the board
    calculates it from published counts)."""

    area: str
    name: str
    level: Level
    period: Period
    value: float | None
    marker: Marker | None = None
    region: str = ""
    published: date | None = None
    published_known: bool = False
    own: bool = False
    decimals: int = 1
    count: float | None = None


@dataclass(frozen=True, slots=True)
class Absent:
    """A group member without a figure for the period, and why."""

    council: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """The group's figures for one period: the department's average and its spread."""

    group: ComparatorGroup
    used: tuple[Figure, ...]
    absent: tuple[Absent, ...]

    @property
    def values(self) -> list[float]:
        return [f.value for f in self.used if f.value is not None]

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.values) if self.values else None

    def average(self, decimals: int) -> float | None:
        """The mean as the department shows it: worked exactly from the published figures and
        rounded half up to their precision."""
        return mean_published(self.values, decimals)

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def low(self) -> float | None:
        return min(self.values, default=None)

    @property
    def high(self) -> float | None:
        return max(self.values, default=None)

    @property
    def size(self) -> int:
        return len(self.group.members)


@dataclass(frozen=True, slots=True)
class Position:
    """The council among every council with a figure: national rank and quartile band."""

    rank: int | None
    of: int
    band: str | None
    quartiles: tuple[float, float, float, float, float] | None


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A council's figure against its group, its region and England, for one period."""

    council: str
    council_name: str
    period: Period
    polarity: Polarity
    decimals: int
    own: Figure | None
    group: GroupFigures
    region: Figure | None
    england: Figure | None
    position: Position

    @property
    def council_value(self) -> float | None:
        return self.own.value if self.own is not None else None

    @property
    def published(self) -> date | None:
        found = (f.published for f in (self.own, self.england) if f is not None)
        return next((d for d in found if d is not None), None)

    @property
    def gap_to_mean(self) -> float | None:
        mean = self.group.mean
        return None if self.council_value is None or mean is None else self.council_value - mean


def mean_published(values: Sequence[float], decimals: int) -> float | None:
    """The mean of published figures in decimal arithmetic, rounded half up to ``decimals``:
    no binary rounding error can tip a figure that ends in 5."""
    if not values:
        return None
    exact = sum((Decimal(repr(v)) for v in values), Decimal(0)) / len(values)
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def ahead(first: float, second: float, polarity: Polarity) -> bool:
    """True when ``first`` ranks before ``second``: better by polarity."""
    if polarity == "higher":
        return first > second
    if polarity == "lower":
        return first < second
    return False


def rank_of(value: float, others: Iterable[float], polarity: Polarity) -> int | None:
    """1 + how many others rank strictly ahead of ``value``; None where no side is better."""
    if polarity not in ("higher", "lower"):
        return None
    return 1 + sum(1 for other in others if ahead(other, value, polarity))


def quartiles(values: Sequence[float]) -> tuple[float, float, float, float, float] | None:
    """The 0%, 25%, 50%, 75% and 100% points as R's ``quantile`` (type 7) gives them."""
    ordered = sorted(values)
    if not ordered:
        return None

    def at(share: float) -> float:
        h = (len(ordered) - 1) * share
        lower = math.floor(h)
        upper = min(lower + 1, len(ordered) - 1)
        return ordered[lower] + (h - lower) * (ordered[upper] - ordered[lower])

    return (at(0), at(0.25), at(0.5), at(0.75), at(1))


def band_of(
    value: float, points: tuple[float, float, float, float, float], polarity: Polarity
) -> str | None:
    """A to D by the quartile the value falls in: A the best quarter by polarity."""
    if polarity not in ("higher", "lower"):
        return None
    quarter = next((q for q in range(1, 4) if value <= points[q]), 4)
    return BANDS[quarter - 1] if polarity == "lower" else BANDS[4 - quarter]


def position_of(council: str, figures: Iterable[Figure], polarity: Polarity) -> Position:
    """Where the council stands among every council with a figure."""
    values = {f.area: f.value for f in figures if f.level == "council" and f.value is not None}
    own = values.get(council)
    points = quartiles(list(values.values()))
    if own is None:
        return Position(None, len(values), None, points)
    others = [v for area, v in values.items() if area != council]
    banded = points is not None and len(values) >= FEWEST_BANDED
    band = band_of(own, points, polarity) if banded and points is not None else None
    return Position(rank_of(own, others, polarity), len(values), band, points)


def group_figures(
    group: ComparatorGroup,
    council: str,
    period: Period,
    figures: Mapping[str, Figure],
    places: Register | None = None,
) -> GroupFigures:
    """The members' figures that period, and for each member without one, why."""
    places = places or register()
    used: list[Figure] = []
    absent: list[Absent] = []
    for member in group.without(council).members:
        figure = figures.get(member)
        if figure is not None and figure.value is not None:
            used.append(figure)
        else:
            reason = _why(member, period, figure, figures, places)
            absent.append(Absent(member, places.name(member), reason))
    return GroupFigures(group.without(council), tuple(used), tuple(absent))


def _why(
    member: str,
    period: Period,
    figure: Figure | None,
    figures: Mapping[str, Figure],
    places: Register,
) -> str:
    if figure is not None and figure.marker is not None:
        return f"published as {figure.marker.text}"
    council = places.find(member)
    day = period.last_day
    if council is not None and council.ceased is not None and council.ceased <= day:
        after = ", ".join(places.label(s) for s in council.successors)
        return f"abolished on {_day(council.ceased)}; succeeded by {after}"
    if council is not None and council.began is not None and council.began > day:
        return f"did not yet exist (it began on {_day(council.began)})"
    joint = next(
        (f for area, f in figures.items() if area != member and member in area.split(" / ")),
        None,
    )
    if joint is not None:
        return f"returned jointly as {joint.name} ({joint.area}), not separately"
    return "no figure published"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def compare(
    council: str,
    period: Period,
    figures: Iterable[Figure],
    group: ComparatorGroup,
    *,
    polarity: Polarity,
    decimals: int = 1,
    places: Register | None = None,
) -> Benchmark:
    """The benchmark for one period from every area's figures for that period."""
    places = places or register()
    at = [f for f in figures if f.period == period]
    by_area = {f.area: f for f in at}
    own = by_area.get(council)
    home = places.find(council)
    region = _region(home.region, by_area) if home is not None else None
    england = next((f for f in at if f.level == "england"), None)
    return Benchmark(
        council=council,
        council_name=home.name if home is not None else (own.name if own else council),
        period=period,
        polarity=polarity,
        decimals=decimals,
        own=own,
        group=group_figures(group, council, period, by_area, places),
        region=region,
        england=england,
        position=position_of(council, at, polarity),
    )


LONDON = "E12000007"


def _region(code: str, by_area: Mapping[str, Figure]) -> Figure | None:
    """The council's region; a London borough's Inner or Outer London where that has a figure,
    else London (as the department's tool does)."""
    found = by_area.get(code)
    if code.startswith("E13") and (found is None or found.value is None):
        return by_area.get(LONDON, found)
    return found


def published_by(figures: Iterable[Figure], day: date) -> Period | None:
    """The latest period whose figures had been published by ``day``: what a meeting that day
    could have read. A figure without a publication date counts as published on its reference
    date's day, which only a plain comparator file without dates gives."""
    periods = {f.period for f in figures if (f.published or f.period.last_day) <= day}
    return max(periods, default=None)


def series(
    council: str,
    figures: Sequence[Figure],
    group: ComparatorGroup,
    *,
    upto: Period,
    polarity: Polarity,
    decimals: int = 1,
    years: int = 10,
) -> list[Benchmark]:
    """The benchmark at each period up to ``upto``, the latest ``years`` of them, oldest first."""
    periods = sorted({f.period for f in figures if f.period <= upto})[-years:]
    return [
        compare(council, p, figures, group, polarity=polarity, decimals=decimals) for p in periods
    ]


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a page or a pack shows of one indicator's benchmarks as at a meeting: the latest
    period published by then, the years before it, where the figures come from and how they
    are dated."""

    latest: Benchmark
    history: tuple[Benchmark, ...]
    cadence: Cadence
    source: str
    title: str
    unit: Unit
    published: date | None
    published_known: bool

    @property
    def label(self) -> str:
        """The latest period as the board reads it (``as at 30 September 2024``)."""
        return self.cadence.label(self.latest.period)


def comparison_of(
    *,
    council: str,
    figures: Sequence[Figure],
    group: ComparatorGroup,
    as_of: date,
    polarity: Polarity,
    cadence: Cadence,
    source: str,
    title: str,
    unit: Unit,
    years: int = 10,
) -> Comparison | None:
    """The benchmark as a meeting on ``as_of`` could read it; None when nothing was published
    by then."""
    period = published_by(figures, as_of)
    if period is None:
        return None
    decimals = max((f.decimals for f in figures), default=1)
    history = series(
        council, figures, group, upto=period, polarity=polarity, decimals=decimals, years=years
    )
    at = [f for f in figures if f.period == period]
    release = next((f for f in at if f.published is not None), None)
    return Comparison(
        latest=history[-1],
        history=tuple(history),
        cadence=cadence,
        source=source,
        title=title,
        unit=unit,
        published=release.published if release is not None else None,
        published_known=release.published_known if release is not None else False,
    )
