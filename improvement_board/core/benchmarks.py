"""Benchmarks: how a council's figure stands against England, its region, its statistical
neighbours or any named list of councils, for one indicator in one year.

A group holds the council's comparators, never the council itself; the council is ranked within
the group plus itself. Rank 1 is the best value where the polarity has a better side (higher or
lower); where it has none (band, context) rank 1 is the highest value and no quartile is "best".
Ties share the better rank (1, 2, 2, 4). Quartile 1 is the first quarter of the ranked list,
position ``rank - 1`` of ``n`` falling in quarter ``4 × (rank - 1) // n + 1``; with fewer than
four councils ranked there are no quartiles. Councils without a figure that year are left out.

Councils are keyed by the same codes as the values given (the DfE 3-digit numbers for DfE data).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from improvement_board.core.dfe import NeighbourList
from improvement_board.core.units import Polarity, better

GroupKind = Literal["england", "region", "statistical_neighbours", "named"]
NEIGHBOURS_PUBLISHED = 10


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
class Benchmark:
    """A council's figure against one comparator group, for one indicator in one year."""

    council: str
    year: int
    group: ComparatorGroup
    polarity: Polarity
    council_value: float | None
    compared: tuple[tuple[str, float], ...]
    group_mean: float | None
    group_median: float | None
    england: float | None
    rank: int | None
    ranked: int
    quartile: int | None
    best_quartile: bool | None
    gap_to_mean: float | None


def ahead(first: float, second: float, polarity: Polarity) -> bool:
    """True when ``first`` ranks before ``second``: better, or higher where no side is better."""
    if polarity in ("higher", "lower"):
        return better(polarity, first, second)
    return first > second


def rank_of(value: float, others: Iterable[float], polarity: Polarity) -> int:
    """1 + how many others rank strictly ahead of ``value``."""
    return 1 + sum(1 for other in others if ahead(other, value, polarity))


def quartile_of(rank: int, ranked: int) -> int | None:
    """Which quarter of a list of ``ranked`` values the ``rank``-th falls in; None below four."""
    if ranked < 4:
        return None
    return 4 * (rank - 1) // ranked + 1


def _best_quartile(quartile: int | None, polarity: Polarity) -> bool | None:
    if quartile is None or polarity not in ("higher", "lower"):
        return None
    return quartile == 1


def benchmark(
    council: str,
    year: int,
    group: ComparatorGroup,
    values: Mapping[str, float | None],
    *,
    polarity: Polarity,
    england: float | None = None,
) -> Benchmark:
    """Where ``council`` stands in ``group`` on one indicator, from that year's values."""
    members = group.without(council).members
    compared = tuple((m, v) for m in members if (v := values.get(m)) is not None)
    figures = [value for _, value in compared]
    own = values.get(council)
    mean = statistics.fmean(figures) if figures else None
    rank = None if own is None else rank_of(own, figures, polarity)
    ranked = len(figures) + (own is not None)
    quartile = None if rank is None else quartile_of(rank, ranked)
    return Benchmark(
        council=council,
        year=year,
        group=group,
        polarity=polarity,
        council_value=own,
        compared=compared,
        group_mean=mean,
        group_median=statistics.median(figures) if figures else None,
        england=england,
        rank=rank,
        ranked=ranked,
        quartile=quartile,
        best_quartile=_best_quartile(quartile, polarity),
        gap_to_mean=None if own is None or mean is None else own - mean,
    )
