"""The trajectory: the planned value month by month, for every kind of target the plan can set."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, ProgrammeInfo
from improvement_board.core.trajectory import (
    baseline_period,
    baseline_value,
    build_trajectory,
    target_period,
    trajectory_for,
)

MARCH_06 = Period(2006, 3)
MARCH_07 = Period(2007, 3)


def make_indicator(**fields: Any) -> Indicator:
    data: dict[str, Any] = {
        "key": "dis-1704",
        "code": "DIS 1704",
        "title": "Initial assessments completed within 7 days",
        "unit": "percent",
        "polarity": "higher",
        "baseline": {"value": 70.1},
        "target": {"value": 75},
    }
    data.update(fields)
    return Indicator.model_validate(data)


def make_info(**fields: Any) -> ProgrammeInfo:
    data: dict[str, Any] = {
        "key": "herefordshire",
        "name": "Children's services improvement",
        "council": "Herefordshire",
        "baseline_date": date(2006, 3, 31),
        "target_date": date(2007, 3, 31),
        "first_period": "2006-03",
        "last_period": "2007-03",
        "population": {2006: 40_000},
    }
    data.update(fields)
    return ProgrammeInfo.model_validate(data)


def planned_value(indicator: Indicator, period: Period) -> float:
    planned = build_trajectory(indicator, start=MARCH_06, end=MARCH_07).at(period)
    assert planned is not None
    return planned.value


def test_straight_line_from_baseline_to_target_month_by_month() -> None:
    indicator = make_indicator()
    # 70.1 -> 75 over 12 months rises 4.9 / 12 a month: 6 months on, 70.1 + 4.9 * 6 / 12 = 72.55
    assert planned_value(indicator, Period(2006, 9)) == pytest.approx(72.55)
    # one month on: 70.1 + 4.9 / 12 = 70.508333...
    assert planned_value(indicator, Period(2006, 4)) == pytest.approx(70.508333, abs=1e-6)
    assert planned_value(indicator, MARCH_06) == pytest.approx(70.1)
    assert planned_value(indicator, MARCH_07) == pytest.approx(75)


def test_trajectory_lists_every_month_from_baseline_to_target() -> None:
    months = build_trajectory(make_indicator(), start=MARCH_06, end=MARCH_07).months()
    # March 2006 to March 2007 inclusive is 13 months
    assert [m.period for m in months] == [Period.from_index(MARCH_06.index + i) for i in range(13)]


def test_trajectory_bends_through_numerical_milestones() -> None:
    indicator = make_indicator(
        key="short-breaks",
        unit="count",
        baseline={"value": 63},
        target={"value": 70},
        milestones=[{"period": "2006-09", "value": 65}],
    )
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    assert trajectory.rule == "milestones"
    # 63 -> 65 over the 6 months to September: June is half way, 63 + 2 * 3 / 6 = 64
    assert planned_value(indicator, Period(2006, 6)) == pytest.approx(64)
    assert planned_value(indicator, Period(2006, 9)) == pytest.approx(65)
    # 65 -> 70 over the 6 months to March: December is half way, 65 + 5 * 3 / 6 = 67.5
    assert planned_value(indicator, Period(2006, 12)) == pytest.approx(67.5)


def test_milestones_outside_the_plan_period_do_not_bend_it() -> None:
    indicator = make_indicator(milestones=[{"period": "2007-06", "value": 99}])
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    assert trajectory.rule == "linear"
    assert planned_value(indicator, Period(2006, 9)) == pytest.approx(72.55)


def test_maintain_target_holds_the_baseline_every_month() -> None:
    indicator = make_indicator(
        key="ot-12-weeks", baseline={"value": 100}, target={"value": 100, "qualifier": "maintain"}
    )
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    assert trajectory.rule == "maintain"
    assert {m.value for m in trajectory.months()} == {100}


def test_maintain_holds_the_baseline_even_when_the_target_figure_differs() -> None:
    indicator = make_indicator(
        baseline={"value": 98}, target={"value": 100, "qualifier": "maintain"}
    )
    assert planned_value(indicator, Period(2006, 9)) == 98


def test_retention_floor_below_baseline_is_flat_at_the_floor() -> None:
    # 93.2 -> 92.0 with higher better: the target is a floor to keep above, not a fall to plan
    indicator = make_indicator(
        key="retention", baseline={"value": 93.2}, target={"value": 92.0, "qualifier": "at_least"}
    )
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    assert trajectory.rule == "floor"
    assert {m.value for m in trajectory.months()} == {92.0}
    assert "at least 92" in trajectory.note


def test_at_least_above_baseline_is_a_path_to_reach() -> None:
    indicator = make_indicator(
        baseline={"value": 70}, target={"value": 80, "qualifier": "at_least"}
    )
    # 70 -> 80 over 12 months: 6 months on, 70 + 10 * 6 / 12 = 75
    assert planned_value(indicator, Period(2006, 9)) == pytest.approx(75)


def test_at_most_above_baseline_with_lower_better_is_a_ceiling() -> None:
    indicator = make_indicator(
        key="turnover",
        polarity="lower",
        baseline={"value": 8.7},
        target={"value": 10.0, "qualifier": "at_most"},
    )
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    assert trajectory.rule == "ceiling"
    assert {m.value for m in trajectory.months()} == {10.0}


def test_at_least_without_baseline_is_a_floor() -> None:
    indicator = make_indicator(baseline={}, target={"value": 80, "qualifier": "at_least"})
    assert build_trajectory(indicator, start=MARCH_06, end=MARCH_07).rule == "floor"


def test_band_target_gives_the_band_every_month() -> None:
    indicator = make_indicator(
        key="ch-01",
        code="CH 01",
        unit="rate_per_10000",
        polarity="band",
        baseline={"value": 16.8},
        target={"value": 17, "qualifier": "band", "low": 15, "high": 19},
    )
    months = build_trajectory(indicator, start=MARCH_06, end=MARCH_07).months()
    assert {(m.low, m.high) for m in months} == {(15, 19)}
    assert {m.value for m in months} == {17}


def test_count_without_baseline_starts_from_zero() -> None:
    indicator = make_indicator(key="cafs", unit="count", baseline={}, target={"value": 40})
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    assert trajectory.rule == "no_baseline"
    assert "starts from 0" in trajectory.note
    # 0 -> 40 over 12 months: June (3 months on) is 40 * 3 / 12 = 10
    assert planned_value(indicator, Period(2006, 6)) == pytest.approx(10)


def test_percentage_without_baseline_expects_the_target_throughout() -> None:
    indicator = make_indicator(baseline={}, target={"value": 75})
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    assert {m.value for m in trajectory.months()} == {75}
    assert "no baseline" in trajectory.note


def test_percentage_without_baseline_holds_its_first_milestone_until_it_moves() -> None:
    indicator = make_indicator(
        baseline={}, target={"value": 75}, milestones=[{"period": "2006-09", "value": 60}]
    )
    assert planned_value(indicator, Period(2006, 4)) == 60
    # 60 -> 75 from September to March: December is half way, 60 + 15 * 3 / 6 = 67.5
    assert planned_value(indicator, Period(2006, 12)) == pytest.approx(67.5)


def test_nothing_is_planned_before_the_baseline_period() -> None:
    trajectory = build_trajectory(make_indicator(), start=MARCH_06, end=MARCH_07)
    assert trajectory.at(Period(2006, 2)) is None


def test_target_holds_after_the_target_period() -> None:
    assert planned_value(make_indicator(), Period(2007, 8)) == pytest.approx(75)


def test_baseline_value_derives_from_counts_when_only_counts_are_given() -> None:
    indicator = make_indicator(baseline={"numerator": 19, "denominator": 20})
    # 19 / 20 = 0.95, as a percentage 95.0
    assert baseline_value(indicator) == pytest.approx(95.0)


def test_periods_come_from_the_programme_dates_unless_the_indicator_gives_its_own() -> None:
    info = make_info()
    plain = make_indicator()
    own = make_indicator(
        baseline={"value": 70.1, "period": "2006-06"}, target={"value": 75, "period": "2007-06"}
    )
    assert baseline_period(plain, info.baseline_date) == MARCH_06
    assert target_period(plain, info.target_date) == MARCH_07
    assert trajectory_for(own, info).start == Period(2006, 6)
    assert trajectory_for(own, info).end == Period(2007, 6)


def test_target_before_baseline_collapses_to_the_target_at_the_baseline_period() -> None:
    trajectory = build_trajectory(make_indicator(), start=MARCH_07, end=MARCH_06)
    assert trajectory.at(MARCH_07) is not None
    assert trajectory.final.value == 75


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(
    base=finite,
    target=finite,
    milestone=finite,
    offset=st.integers(min_value=-24, max_value=36),
    qualifier=st.sampled_from(["reach", "at_least", "at_most", "up_to", "maintain"]),
    polarity=st.sampled_from(["higher", "lower", "band", "context"]),
)
def test_trajectory_stays_between_its_knots_for_any_finite_figures(
    base: float, target: float, milestone: float, offset: int, qualifier: str, polarity: str
) -> None:
    indicator = make_indicator(
        polarity=polarity,
        baseline={"value": base},
        target={"value": target, "qualifier": qualifier},
        milestones=[{"period": "2006-09", "value": milestone}],
    )
    trajectory = build_trajectory(indicator, start=MARCH_06, end=MARCH_07)
    planned = trajectory.at(MARCH_06.shift(offset))
    knots = [value for _, value in trajectory.knots]
    if offset < 0:
        assert planned is None
    else:
        assert planned is not None
        assert min(knots) <= planned.value <= max(knots)
