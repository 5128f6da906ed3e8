"""Direction of travel: is the indicator getting better or worse than it was?

Compared with the previous period and with the same period a year earlier, worded by polarity:
"Improving" / "Worsening" where one side is better, "Increasing" / "Decreasing" for bands and
context indicators, where up is neither good nor bad in itself.

A change too small to matter is "No change". The rule (``ChangeRule``): a change is too small when
it is below the larger of a tenth of the tolerance (in the indicator's units) and 1% of the earlier
value. So 89.5% -> 89.9% with a 5-point tolerance (limit max(0.5, 0.895) = 0.895) is no change,
and 175 -> 180 referrals per 10,000 (limit max(0.5, 1.75) = 1.75) is a change. Both parts guard
the other's blind spot: 1% of a small rate is nothing, and a tenth of a points tolerance is
nothing on a budget in pounds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from improvement_board.core.periods import Period
from improvement_board.core.units import Polarity


class Direction(Enum):
    """A direction of travel, as the board reads it."""

    IMPROVING = "Improving"
    WORSENING = "Worsening"
    INCREASING = "Increasing"
    DECREASING = "Decreasing"
    NO_CHANGE = "No change"
    NOT_AVAILABLE = "Not available"

    @property
    def word(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class ChangeRule:
    """When a change is too small to matter: below either share (see the module docstring)."""

    tolerance_share: float = 0.1
    relative_share: float = 0.01

    def smallest_change(self, earlier: float, allowance: float) -> float:
        return max(self.tolerance_share * allowance, self.relative_share * abs(earlier))


@dataclass(frozen=True, slots=True)
class Travel:
    """A comparison with one earlier period."""

    direction: Direction
    compared_with: Period
    earlier: float | None
    change: float | None

    @property
    def word(self) -> str:
        return self.direction.word


def direction(
    current: float | None,
    earlier: float | None,
    polarity: Polarity,
    *,
    allowance: float,
    rule: ChangeRule = ChangeRule(),
) -> Direction:
    """The direction from ``earlier`` to ``current``; Not available when either is missing."""
    if current is None or earlier is None or not _finite(current, earlier):
        return Direction.NOT_AVAILABLE
    change = current - earlier
    if change == 0 or abs(change) < rule.smallest_change(earlier, allowance):
        return Direction.NO_CHANGE
    return _worded(change > 0, polarity)


def _worded(rising: bool, polarity: Polarity) -> Direction:
    if polarity == "higher":
        return Direction.IMPROVING if rising else Direction.WORSENING
    if polarity == "lower":
        return Direction.WORSENING if rising else Direction.IMPROVING
    return Direction.INCREASING if rising else Direction.DECREASING


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


def travel(
    values: Mapping[Period, float | None],
    period: Period,
    months_back: int,
    polarity: Polarity,
    *,
    allowance: float,
    rule: ChangeRule = ChangeRule(),
) -> Travel:
    """Compare the value at ``period`` with the one ``months_back`` months earlier."""
    earlier_period = period.shift(-months_back)
    current = values.get(period)
    earlier = values.get(earlier_period)
    found = direction(current, earlier, polarity, allowance=allowance, rule=rule)
    change = None if found is Direction.NOT_AVAILABLE else _change(current, earlier)
    return Travel(found, earlier_period, earlier, change)


def _change(current: float | None, earlier: float | None) -> float | None:
    if current is None or earlier is None:
        return None
    return current - earlier
