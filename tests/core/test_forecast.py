"""Forecast: a least-squares line over recent figures, carried to the target date, said plainly."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.forecast import Verdict, fit_line, forecast, format_amount
from improvement_board.core.periods import Cadence, Period
from improvement_board.core.programme import Tolerance
from improvement_board.core.trajectory import Planned

MARCH_07 = Period(2007, 3)
FIVE_POINTS = Tolerance(kind="points", value=5)


def months_from(first: Period, values: list[float]) -> list[tuple[Period, float]]:
    return [(first.shift(i), v) for i, v in enumerate(values)]


def rising_by_one() -> list[tuple[Period, float]]:
    """70, 71, ... 75 from April to September 2006: one point a month."""
    return months_from(Period(2006, 4), [70, 71, 72, 73, 74, 75])


def predict(
    points: list[tuple[Period, float]],
    target: float,
    polarity: Any = "higher",
    unit: Any = "percent",
    **options: Any,
) -> Any:
    return forecast(
        points,
        target=Planned(MARCH_07, target),
        polarity=polarity,
        unit=unit,
        tolerance=options.pop("tolerance", FIVE_POINTS),
        **options,
    )


def test_least_squares_line_through_three_points() -> None:
    # x (months before the latest) = -2, -1, 0; y = 1, 3, 2; means x̄ = -1, ȳ = 2
    # Sxx = 1 + 0 + 1 = 2; Sxy = (-1)(-1) + (0)(1) + (1)(0) = 1; slope = 1/2 = 0.5
    # intercept at the latest month = ȳ - slope * x̄ = 2 + 0.5 = 2.5
    line = fit_line(months_from(Period(2006, 7), [1, 3, 2]))
    assert line is not None
    assert line.slope == pytest.approx(0.5)
    assert line.at(Period(2006, 9)) == pytest.approx(2.5)
    # three months later: 2.5 + 0.5 * 3 = 4.0
    assert line.at(Period(2006, 12)) == pytest.approx(4.0)


def test_on_course_when_the_trend_reaches_the_target() -> None:
    # one point a month from 75 in September: six months on, March is 75 + 6 = 81 >= 80
    result = predict(rising_by_one(), 80)
    assert result.verdict is Verdict.ON_COURSE
    assert result.text == "On course"
    assert result.projected == pytest.approx(81)
    assert result.method == "linear trend over the last 6 months"


def test_at_risk_when_the_trend_falls_short_within_tolerance() -> None:
    # projected 81 against 84: 3 short, within 5 points
    result = predict(rising_by_one(), 84)
    assert (result.verdict, result.text) == (Verdict.AT_RISK, "At risk")


def test_will_miss_says_by_how_much_in_the_indicators_units() -> None:
    # flat at 70: projected 70 against 80, 10 short, beyond 5 points
    result = predict(months_from(Period(2006, 4), [70] * 6), 80)
    assert result.verdict is Verdict.WILL_MISS
    assert result.text == "Will miss by about 10.0 percentage points"


def test_lower_is_better_is_on_course_when_the_trend_falls_to_the_target() -> None:
    # vacancy 16, 15, ... 11 to September, falling 1 a month: March is 11 - 6 = 5, the target
    points = months_from(Period(2006, 4), [16, 15, 14, 13, 12, 11])
    assert predict(points, 5.0, polarity="lower").verdict is Verdict.ON_COURSE
    # against a target of 3.0 it is 2 short, within 5 points
    assert predict(points, 3.0, polarity="lower").verdict is Verdict.AT_RISK


def test_only_the_last_six_figures_shape_the_trend() -> None:
    # two old zeros would drag the line down; the last six rise 1 a month to 75 -> 81 in March
    points = months_from(Period(2006, 2), [0, 0, 70, 71, 72, 73, 74, 75])
    assert predict(points, 80).projected == pytest.approx(81)


def test_the_window_can_be_set_and_is_named() -> None:
    # last three: 73, 74, 75 rise 1 a month -> 81 in March
    result = predict(rising_by_one(), 80, window=3)
    assert result.method == "linear trend over the last 3 months"
    assert result.projected == pytest.approx(81)


def test_missing_months_are_left_out_and_said() -> None:
    # April to September with July missing: 70, 71, 72, _, 74, 75 lie on a line rising 1 a month
    points = [p for p in rising_by_one() if p[0] != Period(2006, 7)]
    result = predict(points, 80)
    assert result.method == "linear trend over 5 figures in the last 6 months"
    assert result.projected == pytest.approx(81)


def test_figures_older_than_the_window_are_not_used() -> None:
    # a year-old 90 and two recent figures: two in the last six months is too few
    points = [(Period(2005, 9), 90.0), (Period(2006, 8), 74.0), (Period(2006, 9), 75.0)]
    assert predict(points, 80).verdict is Verdict.NOT_ENOUGH_DATA


def test_fewer_than_three_figures_is_not_enough_data() -> None:
    result = predict(months_from(Period(2006, 8), [74, 75]), 80)
    assert (result.verdict, result.text) == (Verdict.NOT_ENOUGH_DATA, "Not enough data")
    assert "at least 3" in result.method


def test_band_forecast_is_on_course_inside_the_band() -> None:
    points = months_from(Period(2006, 4), [16.8, 16.9, 16.8, 16.9, 16.8, 16.9])
    result = forecast(
        points,
        target=Planned(MARCH_07, 17, 15, 19),
        polarity="band",
        unit="rate_per_10000",
        tolerance=Tolerance(value=1),
    )
    assert result.verdict is Verdict.ON_COURSE


def test_context_indicators_have_no_forecast() -> None:
    assert predict(rising_by_one(), 80, polarity="context").verdict is Verdict.NOT_APPLICABLE


def test_after_the_target_date_the_latest_figure_is_compared() -> None:
    met = predict(months_from(Period(2007, 1), [74, 75, 76]), 75)
    assert (met.verdict, met.text) == (Verdict.MET, "Target met")
    assert "has passed" in met.method
    missed = predict(months_from(Period(2007, 1), [74, 73, 72]), 75)
    # 75 - 72 = 3 short
    assert missed.text == "Target missed by 3.0 percentage points"


def test_quarterly_figures_are_described_in_quarters() -> None:
    points = [(Period(2006, 3), 70.0), (Period(2006, 6), 71.0), (Period(2006, 9), 72.0)]
    assert predict(points, 80, cadence=Cadence("quarterly"), window=3).method == (
        "linear trend over the last 3 quarters"
    )


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        (3.24, "percent", "3.2 percentage points"),
        (12.4, "rate_per_10000", "12.4 per 10,000 children"),
        (12.4, "count", "12"),
        (140_000, "money", "£0.14M"),
        (1.5, "number", "1.5"),
    ],
)
def test_amounts_are_said_in_the_indicators_units(amount: float, unit: Any, text: str) -> None:
    assert format_amount(amount, unit) == text


def test_a_count_that_will_miss_says_about_how_many() -> None:
    # CAFs flat at 10 a month against 40: 30 short, beyond 5
    result = predict(months_from(Period(2006, 4), [10] * 6), 40, unit="count")
    assert result.text == "Will miss by about 30"


@given(
    values=st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=10),
    target=st.floats(allow_nan=False, allow_infinity=False),
    polarity=st.sampled_from(["higher", "lower", "band", "context"]),
    start=st.integers(min_value=-12, max_value=24),
)
def test_forecast_never_raises_on_short_or_wild_series(
    values: list[float], target: float, polarity: Any, start: int
) -> None:
    result = predict(months_from(Period(2006, 3).shift(start), values), target, polarity=polarity)
    assert result.verdict in set(Verdict)
    assert result.text
