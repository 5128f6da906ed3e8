"""The judgement of one indicator at one period: what a pack row shows, from one function."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.direction import Direction
from improvement_board.core.forecast import Verdict
from improvement_board.core.judge import JudgeSettings, Observation, judge
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, ProgrammeInfo
from improvement_board.core.rag import Rag
from improvement_board.core.spc import SpcSettings, Variation

SEPTEMBER = Period(2006, 9)

INFO = ProgrammeInfo.model_validate(
    {
        "key": "herefordshire",
        "name": "Children's services improvement",
        "council": "Herefordshire",
        "baseline_date": date(2006, 3, 31),
        "target_date": date(2007, 3, 31),
        "first_period": "2006-03",
        "last_period": "2007-03",
        "population": {2006: 40_000},
    }
)


def make_indicator(**fields: Any) -> Indicator:
    data: dict[str, Any] = {
        "key": "dis-1704",
        "code": "DIS 1704",
        "title": "Initial assessments completed within 7 days",
        "unit": "percent",
        "polarity": "higher",
        "baseline": {"value": 70.1},
        "target": {"value": 75},
        "owner": "Head of Safeguarding",
    }
    data.update(fields)
    return Indicator.model_validate(data)


def dis_1704_series() -> list[tuple[Period, float | None, float | None, float | None]]:
    """September 2005, then April to September 2006 rising one point a month from 70."""
    recent = [(Period(2006, 4).shift(i), 70.0 + i, None, None) for i in range(6)]
    return [(Period(2005, 9), 65.0, None, None), *recent]


def test_a_pack_row_for_an_indicator_ahead_of_trajectory() -> None:
    judgement = judge(make_indicator(), dis_1704_series(), programme=INFO)
    assert judgement.period == SEPTEMBER  # the latest figure
    assert judgement.label == "DIS 1704: Initial assessments completed within 7 days"
    assert judgement.value == 75.0
    # September's trajectory: 70.1 + 4.9 * 6 / 12 = 72.55; 75 is above it
    assert judgement.planned is not None
    assert judgement.planned.value == pytest.approx(72.55)
    assert judgement.status is Rag.GREEN
    # August 74 -> 75: +1, above max(0.1 * 5, 1% of 74) = 0.74
    assert (judgement.previous.direction, judgement.previous.change) == (Direction.IMPROVING, 1)
    # September 2005 65 -> 75: +10
    assert (judgement.year_ago.direction, judgement.year_ago.change) == (Direction.IMPROVING, 10)
    # the trend rises 1 a month: March is 75 + 6 = 81 >= 75
    assert judgement.forecast.verdict is Verdict.ON_COURSE
    assert judgement.forecast.method == "linear trend over the last 6 months"
    assert judgement.target.value == 75
    # 7 points: the SPC reading carries a caution
    assert len(judgement.spc.points) == 7
    assert any("only 7 points" in c for c in judgement.spc.cautions)


def test_judging_an_earlier_period_ignores_later_figures() -> None:
    judgement = judge(make_indicator(), dis_1704_series(), programme=INFO, period=Period(2006, 6))
    # June's trajectory: 70.1 + 4.9 * 3 / 12 = 71.325; June's figure is 72
    assert judgement.value == 72.0
    assert judgement.planned is not None
    assert judgement.planned.value == pytest.approx(71.325)
    assert judgement.status is Rag.GREEN
    assert len(judgement.spc.points) == 4  # September 2005 and April to June 2006


def test_a_period_without_a_figure_is_no_data_but_still_has_a_trajectory() -> None:
    judgement = judge(make_indicator(), dis_1704_series(), programme=INFO, period=Period(2006, 10))
    assert judgement.status is Rag.NO_DATA
    assert judgement.planned is not None
    assert judgement.previous.direction is Direction.NOT_AVAILABLE


def test_observations_and_plain_tuples_give_the_same_judgement() -> None:
    as_tuples = judge(make_indicator(), dis_1704_series(), programme=INFO)
    as_observations = judge(
        make_indicator(), [Observation(*item) for item in dis_1704_series()], programme=INFO
    )
    assert as_tuples == as_observations


def test_a_value_given_only_as_counts_is_derived_from_them() -> None:
    care_leavers = make_indicator(
        key="sc-5037", baseline={"value": 89.5}, target={"value": 100}, tolerance={"value": 5}
    )
    # 19 / 20 = 95.0%; September's trajectory 89.5 + 10.5 * 6 / 12 = 94.75
    judgement = judge(care_leavers, [(SEPTEMBER, None, 19, 20)], programme=INFO)
    assert judgement.value == pytest.approx(95.0)
    assert (judgement.numerator, judgement.denominator) == (19, 20)
    assert judgement.status is Rag.GREEN
    assert any("as few as 19" in c for c in judgement.spc.cautions)


def test_a_red_indicator_forecast_to_miss() -> None:
    # flat at 60 from April to September: 72.55 - 60 = 12.55 behind, beyond 5 points
    series = [(Period(2006, 4).shift(i), 60.0, None, None) for i in range(6)]
    judgement = judge(make_indicator(), series, programme=INFO)
    assert judgement.status is Rag.RED
    assert judgement.forecast.text == "Will miss by about 15.0 percentage points"  # 75 - 60
    assert judgement.previous.direction is Direction.NO_CHANGE


def test_the_retention_floor_is_green_above_the_floor_though_below_baseline() -> None:
    retention = make_indicator(
        key="retention",
        baseline={"value": 93.2},
        target={"value": 92.0, "qualifier": "at_least"},
        tolerance={"value": 1},
    )
    judgement = judge(retention, [(SEPTEMBER, 92.4, None, None)], programme=INFO)
    assert judgement.status is Rag.GREEN
    assert judgement.trajectory.rule == "floor"


def test_a_context_indicator_has_trend_words_but_no_rag_or_forecast() -> None:
    context = make_indicator(key="referrals", polarity="context")
    judgement = judge(context, dis_1704_series(), programme=INFO)
    assert judgement.status is Rag.NOT_APPLICABLE
    assert judgement.previous.direction is Direction.INCREASING
    assert judgement.forecast.verdict is Verdict.NOT_APPLICABLE


def test_a_quarterly_indicator_compares_with_the_previous_quarter() -> None:
    quarterly = make_indicator(frequency="quarterly")
    series = [(Period(2006, 6), 70.0, None, None), (SEPTEMBER, 74.0, None, None)]
    judgement = judge(quarterly, series, programme=INFO)
    assert judgement.previous.compared_with == Period(2006, 6)
    assert judgement.previous.direction is Direction.IMPROVING


def test_the_programme_default_tolerance_applies_without_the_indicators_own() -> None:
    info = ProgrammeInfo.model_validate(
        {**INFO.model_dump(), "default_tolerance": {"kind": "points", "value": 1}}
    )
    # September: 72.55 - 70 = 2.55 behind: amber with 5 points, red with the default of 1
    judgement = judge(make_indicator(), [(SEPTEMBER, 70.0, None, None)], programme=info)
    assert judgement.status is Rag.RED


def test_settings_reach_the_spc_reading() -> None:
    series = [(Period(2006, 1).shift(i), v, None, None) for i, v in enumerate([10.0, 12.0] * 6)]
    settings = JudgeSettings(spc=SpcSettings(fix_after=4))
    judgement = judge(make_indicator(), series, programme=INFO, settings=settings)
    assert judgement.spc.basis == "limits fixed on the first 4 points"
    assert judgement.spc.variation is Variation.COMMON_CAUSE


def test_an_indicator_with_no_figures_is_judged_at_its_baseline_period() -> None:
    judgement = judge(make_indicator(), [], programme=INFO)
    assert judgement.period == Period(2006, 3)
    assert judgement.status is Rag.NO_DATA
    assert judgement.forecast.verdict is Verdict.NOT_ENOUGH_DATA


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(
    values=st.lists(st.one_of(st.none(), st.floats()), max_size=15),
    base=st.one_of(st.none(), finite),
    target=finite,
    polarity=st.sampled_from(["higher", "lower", "band", "context"]),
    unit=st.sampled_from(["percent", "rate_per_10000", "count", "money", "number"]),
    start=st.integers(min_value=-24, max_value=24),
)
def test_judge_never_raises_on_short_or_wild_series(
    values: list[float | None],
    base: float | None,
    target: float,
    polarity: str,
    unit: str,
    start: int,
) -> None:
    indicator = make_indicator(
        unit=unit, polarity=polarity, baseline={"value": base}, target={"value": target}
    )
    series = [(SEPTEMBER.shift(start + i), v, None, None) for i, v in enumerate(values)]
    judgement = judge(indicator, series, programme=INFO)
    assert judgement.status in set(Rag)
    assert judgement.forecast.text
    assert len(judgement.spc.points) == sum(1 for v in values if v is not None and math.isfinite(v))
