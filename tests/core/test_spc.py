"""SPC (XmR) as Making Data Count reads it: limits, the four rules, variation and assurance."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.periods import Period
from improvement_board.core.spc import (
    OUTSIDE,
    SHIFT,
    TREND,
    TWO_OF_THREE,
    Assurance,
    Limits,
    SpcSettings,
    Variation,
    analyse,
    assurance,
    outside_limits,
    run_on_one_side,
    run_rising_or_falling,
    special_causes,
    two_of_three_near_limit,
    variation_of,
    xmr_limits,
)
from improvement_board.core.trajectory import Planned

JANUARY = Period(2006, 1)
# mean 10, mean moving range 1: limits 10 ± 2.66 = 7.34 and 12.66; two thirds of the way to a
# limit is 10 ± 2 * 2.66 / 3 = 10 ± 1.7733, i.e. 8.2267 and 11.7733
TEN = Limits(10, 1, 7.34, 12.66, 10 - 2 * 2.66 / 3, 10 + 2 * 2.66 / 3)
# twelve months alternating 10, 12: mean 11, every moving range 2, limits 11 ± 5.32
ALTERNATING = [10.0, 12.0] * 6


def monthly(values: list[float], first: Period = JANUARY) -> list[tuple[Period, float]]:
    return [(first.shift(i), v) for i, v in enumerate(values)]


def test_limits_are_the_mean_plus_or_minus_2_66_mean_moving_ranges() -> None:
    # values 10, 12, 11, 13, 12: mean 58 / 5 = 11.6; moving ranges 2, 1, 2, 1: mean 1.5
    # limits 11.6 ± 2.66 * 1.5 = 11.6 ± 3.99 -> 7.61, 15.59; near 11.6 ± 1.7733 * 1.5 = ± 2.66
    limits = xmr_limits([10, 12, 11, 13, 12])
    assert limits is not None
    assert limits.mean == pytest.approx(11.6)
    assert limits.mean_moving_range == pytest.approx(1.5)
    assert [limits.lower, limits.upper] == pytest.approx([7.61, 15.59])
    assert [limits.lower_near, limits.upper_near] == pytest.approx([8.94, 14.26])


def test_one_point_has_no_limits() -> None:
    assert xmr_limits([10]) is None


def test_screening_drops_moving_ranges_above_3_267_times_their_mean() -> None:
    # moving ranges 2, 2, 2, 2, 20: mean 28 / 5 = 5.6; 3.267 * 5.6 = 18.30, so 20 is dropped
    values = [10, 12, 10, 12, 10, 30]
    plain, screened = xmr_limits(values), xmr_limits(values, screen_outliers=True)
    assert plain is not None and screened is not None
    assert plain.mean_moving_range == pytest.approx(5.6)
    assert screened.mean_moving_range == pytest.approx(2)


# --- rule 1: a point outside the limits


def test_a_point_beyond_a_limit_is_outside_but_one_on_the_limit_is_not() -> None:
    assert outside_limits([10, 12.7, 7.3, 12.66, 7.34], TEN) == [False, True, True, False, False]


# --- rule 2: 7 in a row on one side of the mean


def test_seven_points_above_the_mean_are_a_shift() -> None:
    assert run_on_one_side([11] * 7, TEN) == [True] * 7


def test_seven_points_below_the_mean_are_a_shift() -> None:
    assert run_on_one_side([10, *[9] * 7], TEN) == [False, *[True] * 7]


def test_six_points_on_one_side_are_not_a_shift() -> None:
    assert run_on_one_side([11] * 6 + [9], TEN) == [False] * 7


def test_a_point_on_the_mean_breaks_a_run_on_one_side() -> None:
    # 6 above, one on the mean (10), 1 above: no run of 7
    assert run_on_one_side([11] * 6 + [10, 11], TEN) == [False] * 8


# --- rule 3: 7 in a row rising or falling (6 consecutive rises or falls)


def test_seven_rising_points_are_a_trend() -> None:
    assert run_rising_or_falling([1, 2, 3, 4, 5, 6, 7]) == [1] * 7


def test_seven_falling_points_are_a_trend() -> None:
    assert run_rising_or_falling([0, 7, 6, 5, 4, 3, 2, 1]) == [0, *[-1] * 7]


def test_six_rising_points_are_not_a_trend() -> None:
    assert run_rising_or_falling([1, 2, 3, 4, 5, 6]) == [0] * 6


def test_an_equal_pair_breaks_a_trend() -> None:
    assert run_rising_or_falling([1, 2, 3, 4, 5, 6, 6, 7]) == [0] * 8


def test_a_turning_point_takes_the_direction_of_the_run_that_follows() -> None:
    # 1..7 rises (points 0-6), 7..1 falls (points 6-12): the peak, point 6, belongs to both
    flags = run_rising_or_falling([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])
    assert flags == [1] * 6 + [-1] * 7


# --- rule 4: 2 of 3 points beyond two thirds of the way to a limit, on the same side


def test_two_of_three_near_the_upper_limit_flags_the_two() -> None:
    # 12 > 11.7733 twice, 10.5 between; all three above the mean of 10
    assert two_of_three_near_limit([12, 10.5, 12], TEN) == [True, False, True]


def test_two_of_three_near_the_lower_limit_flags_the_two() -> None:
    assert two_of_three_near_limit([9.5, 8, 8], TEN) == [False, True, True]


def test_two_of_three_needs_all_three_on_the_same_side_of_the_mean() -> None:
    assert two_of_three_near_limit([12, 9, 12], TEN) == [False, False, False]


def test_a_point_on_the_mean_breaks_two_of_three() -> None:
    assert two_of_three_near_limit([12, 10, 12], TEN) == [False, False, False]


def test_one_of_three_near_a_limit_is_not_enough() -> None:
    assert two_of_three_near_limit([12, 10.5, 11], TEN) == [False, False, False]


def test_a_point_beyond_the_limit_counts_toward_two_of_three() -> None:
    # 13 is beyond the upper limit 12.66 as well as beyond two thirds: it counts (MDC, 2023)
    assert two_of_three_near_limit([13, 10.5, 12], TEN) == [True, False, True]


# --- which rule names a point, and what it means


def test_outside_the_limits_takes_precedence_over_the_other_rules() -> None:
    # 12.7 is outside and also near the limit with 12 beside it
    causes = special_causes([12, 12.7, 10.5], TEN)
    assert causes == [(TWO_OF_THREE, 1), (OUTSIDE, 1), (None, 0)]


def test_a_trend_is_named_before_a_shift() -> None:
    values = [10.1, 10.2, 10.3, 10.4, 10.5, 10.6, 10.7]  # all above the mean, all rising
    assert {rule for rule, _ in special_causes(values, TEN)} == {TREND}


@pytest.mark.parametrize(
    ("polarity", "side", "expected"),
    [
        ("higher", 1, Variation.IMPROVEMENT),
        ("higher", -1, Variation.CONCERN),
        ("lower", 1, Variation.CONCERN),
        ("lower", -1, Variation.IMPROVEMENT),
        ("band", 1, Variation.NEITHER),
        ("context", -1, Variation.NEITHER),
    ],
)
def test_special_cause_is_improvement_or_concern_by_polarity(
    polarity: Any, side: int, expected: Variation
) -> None:
    assert variation_of(OUTSIDE, side, polarity) is expected


def test_no_rule_is_common_cause() -> None:
    assert variation_of(None, 0, "higher") is Variation.COMMON_CAUSE


# --- the whole chart


def test_a_spike_after_a_fixed_baseline_is_special_cause_improvement() -> None:
    # limits fixed on the first 12 points: 11 ± 2.66 * 2 = 5.68 to 16.32; 30 is above
    summary = analyse(monthly([*ALTERNATING, 30]), polarity="higher", settings=SpcSettings(12))
    assert summary.limits is not None
    assert [summary.limits.lower, summary.limits.upper] == pytest.approx([5.68, 16.32])
    assert summary.points[-1].rule == OUTSIDE
    assert summary.variation is Variation.IMPROVEMENT
    assert summary.basis == "limits fixed on the first 12 points"


def test_the_same_spike_is_concern_when_lower_is_better() -> None:
    summary = analyse(monthly([*ALTERNATING, 30]), polarity="lower", settings=SpcSettings(12))
    assert summary.variation is Variation.CONCERN


def test_seven_points_above_a_fixed_mean_are_a_shift() -> None:
    # 11.5 is above the mean of 11 but short of two thirds of the way (11 + 3.5467 = 14.55);
    # the 12th point (12) is above the mean too, so the run is 8 long and starts there
    values = monthly([*ALTERNATING, *[11.5] * 7])
    summary = analyse(values, polarity="higher", settings=SpcSettings(12))
    assert [p.rule for p in summary.points[-8:]] == [SHIFT] * 8
    assert all(p.rule is None for p in summary.points[:11])
    assert summary.variation is Variation.IMPROVEMENT


def test_common_cause_when_no_rule_fires() -> None:
    summary = analyse(monthly(ALTERNATING), polarity="higher")
    assert summary.variation is Variation.COMMON_CAUSE
    assert summary.basis == "limits from all 12 points"


def test_rebasing_recomputes_the_limits_from_the_rebase() -> None:
    # 12 months alternating 10, 12, then 8 alternating 20, 22 from January 2007
    # all 20 together: mean (60 + 72 + 80 + 88) / 20 = 15; from the rebase: mean 21
    values = monthly([*ALTERNATING, *[20.0, 22.0] * 4])
    whole = analyse(values, polarity="higher")
    rebased = analyse(values, polarity="higher", settings=SpcSettings(rebase_at=(Period(2007, 1),)))
    assert whole.limits is not None and rebased.limits is not None
    assert whole.limits.mean == pytest.approx(15)
    assert rebased.limits.mean == pytest.approx(21)
    assert rebased.basis == "limits from all 8 points, rebased from 2007-01"
    assert rebased.points[0].limits is not None
    assert rebased.points[0].limits.mean == pytest.approx(11)


# --- assurance: limits from the fixed baseline are 5.68 to 16.32


@pytest.mark.parametrize(
    ("polarity", "target", "expected"),
    [
        ("higher", 20, Assurance.FAILING),  # target above the upper limit
        ("higher", 5, Assurance.PASSING),  # target below the lower limit
        ("higher", 14, Assurance.HIT_AND_MISS),  # target inside the limits
        ("higher", 16.32, Assurance.HIT_AND_MISS),  # on a limit is inside
        ("lower", 20, Assurance.PASSING),
        ("lower", 5, Assurance.FAILING),
        ("lower", 14, Assurance.HIT_AND_MISS),
    ],
)
def test_assurance_by_where_the_target_falls(
    polarity: Any, target: float, expected: Assurance
) -> None:
    limits = Limits(11, 2, 11 - 5.32, 11 + 5.32, 0, 0)
    assert assurance(limits, polarity, Planned(JANUARY, target)) is expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 20, Assurance.PASSING),  # the limits 5.68 to 16.32 sit inside the band
        (17, 19, Assurance.FAILING),  # the band is above the upper limit
        (15, 19, Assurance.HIT_AND_MISS),  # the band overlaps the limits
    ],
)
def test_band_assurance_by_where_the_limits_fall(
    low: float, high: float, expected: Assurance
) -> None:
    limits = Limits(11, 2, 11 - 5.32, 11 + 5.32, 0, 0)
    assert assurance(limits, "band", Planned(JANUARY, 17, low, high)) is expected


def test_no_assurance_without_a_target_or_for_context() -> None:
    limits = Limits(11, 2, 5.68, 16.32, 0, 0)
    assert assurance(limits, "higher", None) is Assurance.NOT_APPLICABLE
    assert assurance(limits, "context", Planned(JANUARY, 20)) is Assurance.NOT_APPLICABLE


def test_the_chart_gives_assurance_against_the_target() -> None:
    summary = analyse(monthly(ALTERNATING), polarity="higher", target=Planned(JANUARY, 20))
    assert summary.assurance is Assurance.FAILING


# --- cautions


def test_fewer_than_twelve_points_carry_a_caution() -> None:
    summary = analyse(monthly([10, 12, 11]), polarity="higher")
    assert any("only 3 points" in c and "12" in c for c in summary.cautions)
    assert not analyse(monthly(ALTERNATING), polarity="higher").cautions


def test_small_counts_carry_a_caution() -> None:
    small = analyse(monthly(ALTERNATING), polarity="higher", smallest_count=19)
    assert any("Small numbers (as few as 19)" in c for c in small.cautions)
    assert not analyse(monthly(ALTERNATING), polarity="higher", smallest_count=20).cautions


def test_figures_that_never_vary_carry_a_caution_and_no_special_cause() -> None:
    summary = analyse(monthly([100.0] * 12), polarity="higher")
    assert any("not varied" in c for c in summary.cautions)
    assert summary.variation is Variation.COMMON_CAUSE


def test_an_empty_series_is_not_enough_data() -> None:
    summary = analyse([], polarity="higher", target=Planned(JANUARY, 20))
    assert summary.variation is Variation.NOT_ENOUGH_DATA
    assert summary.assurance is Assurance.NOT_APPLICABLE
    assert any("no limits" in c for c in summary.cautions)


@given(
    values=st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=30),
    polarity=st.sampled_from(["higher", "lower", "band", "context"]),
    fix_after=st.one_of(st.none(), st.integers(min_value=1, max_value=20)),
    target=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
)
def test_analyse_never_raises_and_judges_every_point(
    values: list[float], polarity: Any, fix_after: int | None, target: float | None
) -> None:
    planned = None if target is None else Planned(JANUARY, target)
    summary = analyse(
        monthly(values), polarity=polarity, target=planned, settings=SpcSettings(fix_after)
    )
    assert len(summary.points) == len(values)
    assert summary.variation in set(Variation)
