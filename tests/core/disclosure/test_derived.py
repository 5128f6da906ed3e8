"""What is worked out from a suppressed figure is withheld with it, each with its own reason."""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.disclosure import Disclosure, disclose
from improvement_board.core.judge import Observation, judge
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, load_programme
from improvement_board.demo import SEED_PROGRAMME

PROGRAMME = load_programme(Path(SEED_PROGRAMME))
PERCENT = PROGRAMME.indicator("ch-143")  # % of referrals leading to an initial assessment
DECEMBER = Period(2006, 12)


def _series(small: dict[int, tuple[int, int]] | None = None) -> list[Observation]:
    """April to December 2006, 30 of 45 a month, but ``small`` months (month: counts)."""
    counts = {month: (30, 45) for month in range(4, 13)} | (small or {})
    return [Observation(Period(2006, m), 100 * n / d, n, d) for m, (n, d) in sorted(counts.items())]


def _disclosed(series: list[Observation], indicator: Indicator = PERCENT) -> Disclosure:
    judged = judge(indicator, series, programme=PROGRAMME.programme, period=DECEMBER)
    return disclose(indicator, judged, series)


def test_nothing_is_withheld_when_no_count_is_small() -> None:
    found = _disclosed(_series())
    assert found.hidden == frozenset()
    assert [found.figure, found.status, found.direction, found.forecast, found.spc] == [None] * 5
    assert found.benchmark is None and found.plan is None


def test_a_suppressed_figure_withholds_its_status_gap_comparator_and_rank() -> None:
    found = _disclosed(_series({12: (3, 40)}))
    assert found.figure_hidden and found.figure is not None
    assert found.status is not None
    assert found.status.why == "worked out from the December 2006 figure, which is suppressed"
    assert found.benchmark is not None
    assert found.benchmark.what == "the council's own comparator figure and rank"


def test_direction_is_withheld_when_the_earlier_figure_is_suppressed() -> None:
    found = _disclosed(_series({11: (2, 40)}))
    assert found.figure is None and found.status is None
    assert found.direction is not None
    assert "November 2006" in found.direction.why
    assert found.direction_year_ago is None  # December 2005 is not there to compare with


def test_a_forecast_through_a_suppressed_figure_is_withheld_and_one_past_it_is_not() -> None:
    recent = _disclosed(_series({8: (1, 40)}))
    assert recent.forecast is not None and "August 2006" in recent.forecast.why
    older = _disclosed(_series({4: (1, 40)}))
    assert older.forecast is None  # April is outside the six months of the trend
    assert older.spc is not None  # but the SPC limits average every figure


def test_a_suppressed_baseline_withholds_the_plan_and_what_is_judged_against_it() -> None:
    care_leavers = PROGRAMME.indicator("sc-5037")  # baseline 89.5% (19/20)
    series = [Observation(Period(2006, m), 100 * 30 / 40, 30, 40) for m in range(4, 13)]
    found = _disclosed(series, care_leavers)
    assert found.baseline_hidden and not found.figure_hidden
    assert found.plan is not None and found.status is not None
    assert (
        found.status.why
        == "judged against a plan that starts from the baseline, which is suppressed"
    )
    assert found.benchmark is not None
    assert found.forecast is None  # a trend of figures, carried to the target: no baseline in it


def test_many_suppressed_figures_are_named_without_listing_them_all() -> None:
    found = _disclosed(_series({m: (2, 40) for m in range(7, 13)}))
    assert found.forecast is not None
    assert found.forecast.why == (
        "worked out from figures that include suppressed ones "
        "(July 2006, August 2006, September 2006 and 3 more)"
    )


def test_a_small_count_figure_is_suppressed_itself() -> None:
    cafs = PROGRAMME.indicator("cafs-completed")
    series = [Observation(Period(2006, m), float(m - 3), None, None) for m in range(4, 13)]
    found = _disclosed(series, cafs)
    assert found.hidden == {Period(2006, m) for m in range(4, 9)}  # 1 to 5
    assert not found.figure_hidden
    assert found.forecast is not None  # its trend runs through August's 5


def test_a_comparison_with_a_suppressed_baseline_is_withheld_for_it() -> None:
    care_leavers = PROGRAMME.indicator("sc-5037")  # baseline 89.5% (19/20), March 2006
    april = Period(2006, 4)
    series = [Observation(april, 75.0, 30, 40)]
    judged = judge(care_leavers, series, programme=PROGRAMME.programme, period=april)
    found = disclose(care_leavers, judged, series)
    withheld = found.over("direction of travel", [april, Period(2006, 3)])
    assert withheld is not None
    assert withheld.why == "worked out from the baseline, which is suppressed"
    assert found.over("direction of travel", [april]) is None
