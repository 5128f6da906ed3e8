"""RAG against the trajectory at the period, by polarity, with the word beside the colour."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, Tolerance
from improvement_board.core.rag import Rag, judge_rag, tolerance_for
from improvement_board.core.trajectory import Planned, build_trajectory

MARCH_06 = Period(2006, 3)
MARCH_07 = Period(2007, 3)
SEPTEMBER = Period(2006, 9)
FIVE_POINTS = Tolerance(kind="points", value=5)
SEVERITY = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


def make_indicator(**fields: Any) -> Indicator:
    data: dict[str, Any] = {
        "key": "dis-1704",
        "title": "Initial assessments completed within 7 days",
        "unit": "percent",
        "polarity": "higher",
        "baseline": {"value": 70.1},
        "target": {"value": 75},
    }
    data.update(fields)
    return Indicator.model_validate(data)


def planned_at(indicator: Indicator, period: Period = SEPTEMBER) -> Planned | None:
    return build_trajectory(indicator, start=MARCH_06, end=MARCH_07).at(period)


def rag_of(indicator: Indicator, value: float | None, tolerance: Tolerance = FIVE_POINTS) -> Rag:
    return judge_rag(value, planned_at(indicator), indicator.polarity, tolerance).rag


# --- higher is better: DIS 1704, 70.1 -> 75; September's trajectory is 70.1 + 4.9 * 6/12 = 72.55


def test_rag_is_green_on_or_above_trajectory_when_higher_is_better() -> None:
    assert rag_of(make_indicator(), 72.55) is Rag.GREEN
    assert rag_of(make_indicator(), 73.0) is Rag.GREEN


def test_rag_is_amber_within_tolerance() -> None:
    # 72.55 - 70.0 = 2.55 behind, within 5 points
    assert rag_of(make_indicator(), 70.0) is Rag.AMBER


def test_rag_is_amber_exactly_at_the_tolerance() -> None:
    # 72.55 - 67.55 = 5.0 behind: at the edge of the 5 points, still amber
    assert rag_of(make_indicator(), 67.55) is Rag.AMBER


def test_rag_is_red_beyond_tolerance() -> None:
    # 72.55 - 67.0 = 5.55 behind, beyond 5 points
    judgement = judge_rag(67.0, planned_at(make_indicator()), "higher", FIVE_POINTS)
    assert judgement.rag is Rag.RED
    assert judgement.shortfall == pytest.approx(5.55)
    assert judgement.allowance == 5


def test_rag_judges_against_the_trajectory_not_the_end_target() -> None:
    # 73 is below the end target of 75 but above September's trajectory of 72.55
    assert rag_of(make_indicator(), 73.0) is Rag.GREEN


def test_relative_tolerance_is_a_share_of_the_trajectory_value() -> None:
    # 10% of 72.55 = 7.255; 72.55 - 66.0 = 6.55 behind is within it (red with 5 points)
    relative = Tolerance(kind="relative", value=10)
    assert rag_of(make_indicator(), 66.0, relative) is Rag.AMBER
    assert rag_of(make_indicator(), 66.0) is Rag.RED
    # 72.55 - 65.0 = 7.55 behind, beyond 7.255
    assert rag_of(make_indicator(), 65.0, relative) is Rag.RED


# --- lower is better: vacancy 16.7 -> 5.0; September's trajectory is 16.7 - 11.7 * 6/12 = 10.85

VACANCY = {
    "key": "vacancy",
    "polarity": "lower",
    "baseline": {"value": 16.7},
    "target": {"value": 5},
}


def test_rag_is_green_on_or_below_trajectory_when_lower_is_better() -> None:
    assert rag_of(make_indicator(**VACANCY), 10.0) is Rag.GREEN


def test_rag_is_amber_above_trajectory_within_tolerance_when_lower_is_better() -> None:
    # 12.0 - 10.85 = 1.15 above, within 5 points
    assert rag_of(make_indicator(**VACANCY), 12.0) is Rag.AMBER


def test_rag_is_red_above_trajectory_beyond_tolerance_when_lower_is_better() -> None:
    # 16.0 - 10.85 = 5.15 above, beyond 5 points
    assert rag_of(make_indicator(**VACANCY), 16.0) is Rag.RED


# --- the retention floor: 93.2 -> 92.0 at least, higher is better; the trajectory is 92.0 flat

RETENTION = {
    "key": "retention",
    "baseline": {"value": 93.2},
    "target": {"value": 92.0, "qualifier": "at_least"},
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (93.2, Rag.GREEN),  # above the floor
        (92.0, Rag.GREEN),  # on the floor
        (91.0, Rag.AMBER),  # 92.0 - 91.0 = 1.0 below, within 2 points
        (89.5, Rag.RED),  # 92.0 - 89.5 = 2.5 below, beyond 2 points
    ],
)
def test_retention_floor_is_judged_against_the_floor(value: float, expected: Rag) -> None:
    assert rag_of(make_indicator(**RETENTION), value, Tolerance(value=2)) is expected


# --- maintain: OT assessments 100% -> 100%


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100.0, Rag.GREEN),
        (97.0, Rag.AMBER),  # 100 - 97 = 3 below, within 5 points
        (94.0, Rag.RED),  # 100 - 94 = 6 below, beyond 5 points
    ],
)
def test_maintain_target_is_judged_against_the_held_baseline(value: float, expected: Rag) -> None:
    ot = make_indicator(baseline={"value": 100}, target={"value": 100, "qualifier": "maintain"})
    assert rag_of(ot, value) is expected


# --- band: CH 01, 16.8 -> 17, inside 15 to 19 is good

CH_01 = {
    "key": "ch-01",
    "unit": "rate_per_10000",
    "polarity": "band",
    "baseline": {"value": 16.8},
    "target": {"value": 17, "qualifier": "band", "low": 15, "high": 19},
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (16.8, Rag.GREEN),  # inside
        (15.0, Rag.GREEN),  # on the lower bound
        (19.0, Rag.GREEN),  # on the upper bound
        (14.5, Rag.AMBER),  # 15 - 14.5 = 0.5 below the band, within 1 point
        (19.8, Rag.AMBER),  # 19.8 - 19 = 0.8 above, within 1 point
        (13.9, Rag.RED),  # 15 - 13.9 = 1.1 below, beyond 1 point
        (20.5, Rag.RED),  # 20.5 - 19 = 1.5 above, beyond 1 point
    ],
)
def test_band_is_green_inside_amber_near_red_far(value: float, expected: Rag) -> None:
    assert rag_of(make_indicator(**CH_01), value, Tolerance(value=1)) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (13.6, Rag.AMBER),  # 10% of the lower bound 15 is 1.5; 15 - 13.6 = 1.4 within
        (13.4, Rag.RED),  # 15 - 13.4 = 1.6 beyond 1.5
        (20.8, Rag.AMBER),  # 10% of the upper bound 19 is 1.9; 20.8 - 19 = 1.8 within
        (21.0, Rag.RED),  # 21 - 19 = 2.0 beyond 1.9
    ],
)
def test_band_relative_tolerance_is_a_share_of_the_bound_crossed(
    value: float, expected: Rag
) -> None:
    assert rag_of(make_indicator(**CH_01), value, Tolerance(kind="relative", value=10)) is expected


def test_band_polarity_without_bounds_is_a_band_of_the_trajectory_value_alone() -> None:
    ch_01 = make_indicator(**{**CH_01, "target": {"value": 17}})
    # September's trajectory: 16.8 + 0.2 * 6/12 = 16.9; 16.9 - 16.5 = 0.4 outside, within 1 point
    assert rag_of(ch_01, 16.9, Tolerance(value=1)) is Rag.GREEN
    assert rag_of(ch_01, 16.5, Tolerance(value=1)) is Rag.AMBER


# --- what cannot be judged


def test_context_indicator_is_never_given_a_rag() -> None:
    context = make_indicator(polarity="context")
    assert rag_of(context, 50.0) is Rag.NOT_APPLICABLE
    assert rag_of(context, None) is Rag.NOT_APPLICABLE


def test_no_value_is_no_data() -> None:
    assert rag_of(make_indicator(), None) is Rag.NO_DATA


def test_a_figure_before_the_baseline_period_is_not_judged() -> None:
    planned = planned_at(make_indicator(), Period(2006, 1))
    assert judge_rag(70.0, planned, "higher", FIVE_POINTS).rag is Rag.NOT_APPLICABLE


def test_indicator_tolerance_falls_back_to_the_programme_default() -> None:
    default = Tolerance(kind="relative", value=3)
    assert tolerance_for(make_indicator(), default) == default
    own = make_indicator(tolerance={"kind": "points", "value": 2})
    assert tolerance_for(own, default) == Tolerance(kind="points", value=2)


# --- the word always travels with the colour


def test_every_status_has_a_word_and_a_govuk_colour() -> None:
    words = {rag: rag.word for rag in Rag}
    assert words == {
        Rag.RED: "Red",
        Rag.AMBER: "Amber",
        Rag.GREEN: "Green",
        Rag.NO_DATA: "No data",
        Rag.NOT_APPLICABLE: "Not applicable",
    }
    assert Rag.RED.colour == "#d4351c"
    assert Rag.GREEN.colour == "#00703c"
    assert Rag.NO_DATA.colour == "#b1b4b6"  # grey
    assert len({rag.colour for rag in Rag}) == len(Rag)


def test_judgement_says_why_in_words() -> None:
    judgement = judge_rag(70.0, planned_at(make_indicator()), "higher", FIVE_POINTS)
    assert judgement.reason == "behind the trajectory, within tolerance"


# --- properties

finite = st.floats(allow_nan=False, allow_infinity=False)
tolerances = st.builds(
    Tolerance,
    kind=st.sampled_from(["points", "relative"]),
    value=st.floats(min_value=0.001, max_value=1e6),
)


@given(planned=finite, a=finite, b=finite, tolerance=tolerances)
def test_raising_the_value_never_worsens_the_status_when_higher_is_better(
    planned: float, a: float, b: float, tolerance: Tolerance
) -> None:
    low, high = sorted((a, b))
    plan = Planned(SEPTEMBER, planned)
    before = judge_rag(low, plan, "higher", tolerance).rag
    after = judge_rag(high, plan, "higher", tolerance).rag
    assert SEVERITY[after] <= SEVERITY[before]


@given(planned=finite, a=finite, b=finite, tolerance=tolerances)
def test_lowering_the_value_never_worsens_the_status_when_lower_is_better(
    planned: float, a: float, b: float, tolerance: Tolerance
) -> None:
    low, high = sorted((a, b))
    plan = Planned(SEPTEMBER, planned)
    before = judge_rag(high, plan, "lower", tolerance).rag
    after = judge_rag(low, plan, "lower", tolerance).rag
    assert SEVERITY[after] <= SEVERITY[before]


@given(
    bounds=st.lists(finite, min_size=2, max_size=2),
    start=finite,
    share=st.floats(min_value=0, max_value=1),
    tolerance=tolerances,
)
def test_moving_toward_the_band_never_worsens_the_status(
    bounds: list[float], start: float, share: float, tolerance: Tolerance
) -> None:
    low, high = sorted(bounds)
    plan = Planned(SEPTEMBER, low / 2 + high / 2, low, high)
    nearest = min(max(start, low), high)
    # a point between the start and the band (clamped: the step may round past either end)
    closer = min(
        max(start * (1 - share) + nearest * share, min(start, nearest)), max(start, nearest)
    )
    before = judge_rag(start, plan, "band", tolerance).rag
    after = judge_rag(closer, plan, "band", tolerance).rag
    assert SEVERITY[after] <= SEVERITY[before]


@given(
    value=st.one_of(st.none(), st.floats()),
    planned=finite,
    polarity=st.sampled_from(["higher", "lower", "band", "context"]),
    tolerance=tolerances,
)
def test_rag_never_raises_and_always_gives_a_status(
    value: float | None, planned: float, polarity: Any, tolerance: Tolerance
) -> None:
    judgement = judge_rag(value, Planned(SEPTEMBER, planned), polarity, tolerance)
    assert judgement.rag in set(Rag)
    assert judgement.rag.word
