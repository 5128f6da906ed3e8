"""Direction of travel, worded by polarity, with changes too small to matter called no change."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.direction import ChangeRule, Direction, direction, travel
from improvement_board.core.periods import Period

NOVEMBER = Period(2006, 11)


def test_a_rise_is_improving_when_higher_is_better() -> None:
    # 70 -> 73: a change of 3; too small below max(0.1 * 5, 1% of 70) = max(0.5, 0.7) = 0.7
    assert direction(73, 70, "higher", allowance=5) is Direction.IMPROVING


def test_a_fall_is_worsening_when_higher_is_better() -> None:
    assert direction(67, 70, "higher", allowance=5) is Direction.WORSENING


def test_a_fall_is_improving_when_lower_is_better() -> None:
    # vacancy 16.7 -> 14.0: a change of -2.7; threshold max(0.5, 0.167) = 0.5
    assert direction(14.0, 16.7, "lower", allowance=5) is Direction.IMPROVING


def test_a_rise_is_worsening_when_lower_is_better() -> None:
    assert direction(16.7, 14.0, "lower", allowance=5) is Direction.WORSENING


@pytest.mark.parametrize("polarity", ["band", "context"])
def test_bands_and_context_say_increasing_or_decreasing(polarity: Any) -> None:
    assert direction(18, 16.8, polarity, allowance=1) is Direction.INCREASING
    assert direction(15, 16.8, polarity, allowance=1) is Direction.DECREASING


def test_a_change_below_one_percent_is_no_change() -> None:
    # 89.5 -> 89.9: a change of 0.4 below max(0.1 * 5, 1% of 89.5) = max(0.5, 0.895) = 0.895
    assert direction(89.9, 89.5, "higher", allowance=5) is Direction.NO_CHANGE


def test_a_change_below_a_tenth_of_the_tolerance_is_no_change() -> None:
    # 10 -> 10.4: a change of 0.4 below max(0.1 * 5, 1% of 10) = max(0.5, 0.1) = 0.5
    assert direction(10.4, 10, "higher", allowance=5) is Direction.NO_CHANGE
    # 10 -> 10.6: a change of 0.6 is above 0.5
    assert direction(10.6, 10, "higher", allowance=5) is Direction.IMPROVING


def test_a_small_change_in_money_is_no_change_however_small_the_tolerance() -> None:
    # £2.69M -> £2.70M: a change of £10,000, below max(0.1 * 5, 1% of 2,690,000) = 26,900
    assert direction(2_700_000, 2_690_000, "higher", allowance=5) is Direction.NO_CHANGE
    # £2.69M -> £2.73M: a change of £40,000, above 26,900
    assert direction(2_730_000, 2_690_000, "higher", allowance=5) is Direction.IMPROVING


def test_no_change_is_no_change_even_with_no_threshold() -> None:
    assert direction(0, 0, "higher", allowance=0) is Direction.NO_CHANGE


def test_the_rule_for_small_changes_can_be_set() -> None:
    every_change = ChangeRule(tolerance_share=0, relative_share=0)
    assert direction(89.9, 89.5, "higher", allowance=5, rule=every_change) is Direction.IMPROVING


def test_a_missing_figure_gives_not_available() -> None:
    assert direction(None, 70, "higher", allowance=5) is Direction.NOT_AVAILABLE
    assert direction(70, None, "higher", allowance=5) is Direction.NOT_AVAILABLE
    assert Direction.NOT_AVAILABLE.word == "Not available"


def test_travel_compares_with_the_previous_month_and_a_year_earlier() -> None:
    values = {Period(2005, 11): 80.0, Period(2006, 10): 70.0, NOVEMBER: 75.0}
    previous = travel(values, NOVEMBER, 1, "higher", allowance=5)
    year_ago = travel(values, NOVEMBER, 12, "higher", allowance=5)
    # October 70 -> November 75: +5, improving
    assert (previous.compared_with, previous.change, previous.word) == (
        Period(2006, 10),
        5.0,
        "Improving",
    )
    # November 2005 80 -> November 2006 75: -5, worsening
    assert (year_ago.compared_with, year_ago.change, year_ago.word) == (
        Period(2005, 11),
        -5.0,
        "Worsening",
    )


def test_travel_without_an_earlier_figure_is_not_available() -> None:
    found = travel({NOVEMBER: 75.0}, NOVEMBER, 1, "higher", allowance=5)
    assert found.direction is Direction.NOT_AVAILABLE
    assert found.change is None


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(
    current=st.one_of(st.none(), st.floats()),
    earlier=st.one_of(st.none(), st.floats()),
    polarity=st.sampled_from(["higher", "lower", "band", "context"]),
    allowance=st.floats(min_value=0, max_value=1e300),
)
def test_direction_never_raises(
    current: float | None, earlier: float | None, polarity: Any, allowance: float
) -> None:
    assert direction(current, earlier, polarity, allowance=allowance) in set(Direction)


@given(current=finite, earlier=finite, allowance=st.floats(min_value=0, max_value=1e6))
def test_improving_for_higher_is_worsening_for_lower(
    current: float, earlier: float, allowance: float
) -> None:
    mirror = {
        Direction.IMPROVING: Direction.WORSENING,
        Direction.WORSENING: Direction.IMPROVING,
        Direction.NO_CHANGE: Direction.NO_CHANGE,
    }
    higher = direction(current, earlier, "higher", allowance=allowance)
    assert direction(current, earlier, "lower", allowance=allowance) is mirror[higher]
