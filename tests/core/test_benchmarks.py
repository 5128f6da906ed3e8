"""Benchmarks as the department reads them: the neighbours' average of published figures, national
rank and quartile band by polarity, region and England, and the reasons a neighbour has no
figure."""

from __future__ import annotations

import csv
import datetime as dt
import statistics

import pytest

from improvement_board.core.benchmarks import (
    BenchmarkError,
    ComparatorGroup,
    Figure,
    band_of,
    compare,
    comparison_of,
    england_group,
    named_group,
    neighbour_group,
    published_by,
    quartiles,
    rank_of,
    region_group,
)
from improvement_board.core.dfe import read_neighbours
from improvement_board.core.markers import Marker
from improvement_board.core.periods import Cadence, Period
from tests.shared import DFE, require

MARCH_25 = Period(2025, 3)
GROUP = named_group("four", ["111", "222", "333", "444"])


def council(area: str, value: float | None, **fields: object) -> Figure:
    return Figure(area, f"Council {area}", "council", MARCH_25, value, **fields)  # type: ignore[arg-type]


def figures(values: dict[str, float | None]) -> list[Figure]:
    return [council(area, value) for area, value in values.items()]


def test_the_neighbours_average_is_the_mean_of_the_published_figures_of_those_with_one() -> None:
    result = compare(
        "999",
        MARCH_25,
        figures({"111": 10.0, "222": 20.0, "333": None, "444": 40.0, "999": 31.0}),
        GROUP,
        polarity="higher",
    )
    assert result.group.mean == pytest.approx(70 / 3)
    assert (result.group.median, result.group.low, result.group.high) == (20.0, 10.0, 40.0)
    assert [f.area for f in result.group.used] == ["111", "222", "444"]
    assert [(a.council, a.reason) for a in result.group.absent] == [("333", "no figure published")]


def test_a_neighbour_published_as_a_marker_is_named_with_its_meaning() -> None:
    values = [
        *figures({"111": 10.0, "222": 20.0, "444": 40.0}),
        council("333", None, marker=Marker("c")),
    ]
    result = compare("999", MARCH_25, values, GROUP, polarity="lower")
    assert result.group.absent[0].reason == "published as c (suppressed to protect individuals)"


def test_the_council_is_never_its_own_comparator() -> None:
    group = named_group("with me", ["999", "111"])
    result = compare("999", MARCH_25, figures({"999": 5.0, "111": 7.0}), group, polarity="lower")
    assert [f.area for f in result.group.used] == ["111"]
    assert result.group.size == 1


def test_rank_is_national_one_the_best_by_polarity_and_ties_share_the_better_rank() -> None:
    assert rank_of(5.0, [1.0, 5.0, 9.0], "lower") == 2
    assert rank_of(5.0, [1.0, 5.0, 9.0], "higher") == 2
    assert rank_of(9.0, [1.0, 5.0, 9.0, 9.0], "higher") == 1
    assert rank_of(1.0, [1.0, 5.0, 9.0], "lower") == 1


@pytest.mark.parametrize("polarity", ["band", "context"])
def test_no_rank_and_no_band_where_higher_is_neither_better_nor_worse(polarity: str) -> None:
    result = compare("999", MARCH_25, figures({"111": 1.0, "999": 2.0}), GROUP, polarity=polarity)  # type: ignore[arg-type]
    assert (result.position.rank, result.position.band) == (None, None)
    assert result.position.of == 2


def test_quartiles_are_rs_type_7_the_departments_tool() -> None:
    values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    expected = statistics.quantiles(values, n=4, method="inclusive")  # R's type 7
    points = quartiles(values)
    assert points is not None
    assert points[1:4] == pytest.approx(expected)
    assert (points[0], points[4]) == (1.0, 9.0)


def test_band_a_is_the_lowest_quarter_where_lower_is_better_and_the_highest_where_higher() -> None:
    points = (0.0, 10.0, 20.0, 30.0, 40.0)
    assert [band_of(v, points, "lower") for v in (0, 10, 10.1, 20, 25, 40)] == [
        "A", "A", "B", "B", "C", "D",
    ]  # fmt: skip
    assert [band_of(v, points, "higher") for v in (0, 10, 10.1, 25, 30.1, 40)] == [
        "D", "D", "C", "B", "A", "A",
    ]  # fmt: skip


def test_a_council_without_a_figure_is_compared_but_not_ranked() -> None:
    england = Figure("E92000001", "England", "england", MARCH_25, 22.5)
    result = compare("999", MARCH_25, [*figures({"111": 10.0}), england], GROUP, polarity="lower")
    assert (result.position.rank, result.position.band, result.gap_to_mean) == (None, None, None)
    assert result.england is england and result.group.mean == 10.0


def test_the_region_is_the_councils_own_from_the_register() -> None:
    west_midlands = Figure("E12000005", "West Midlands", "region", MARCH_25, 50.0)
    london = Figure("E12000007", "London", "region", MARCH_25, 70.0)
    result = compare("884", MARCH_25, [west_midlands, london], GROUP, polarity="lower")
    assert result.region is west_midlands


def test_an_abolished_neighbour_is_named_with_its_successors() -> None:
    group = named_group("has Cumbria", ["909", "893"])
    result = compare("884", MARCH_25, figures({"893": 40.0}), group, polarity="lower")
    (cumbria,) = result.group.absent
    assert cumbria.name == "Cumbria"
    assert cumbria.reason == (
        "abolished on 1 April 2023; succeeded by Cumberland (942), Westmorland and Furness (943)"
    )


def test_a_neighbour_returned_jointly_is_said_to_be_so() -> None:
    joint = Figure("940 / 941", "North / West Northamptonshire", "council", MARCH_25, 14.0)
    group = named_group("has 940", ["940"])
    result = compare("884", MARCH_25, [joint], group, polarity="lower")
    assert result.group.absent[0].reason.startswith("returned jointly as North / West")


def test_a_meeting_reads_only_what_was_published_by_its_day() -> None:
    old = council("111", 1.0, published=dt.date(2024, 10, 31))
    new = Figure(
        "111", "Council 111", "council", Period(2025, 3), 2.0, published=dt.date(2025, 10, 30)
    )
    older = Figure(
        "111", "Council 111", "council", Period(2024, 3), 1.0, published=dt.date(2024, 10, 31)
    )
    assert published_by([older, new], dt.date(2025, 10, 29)) == Period(2024, 3)
    assert published_by([older, new], dt.date(2025, 10, 30)) == Period(2025, 3)
    assert published_by([old], dt.date(2024, 1, 1)) is None


def test_a_comparison_carries_ten_periods_and_its_release() -> None:
    day = dt.date(2025, 11, 20)
    history = [
        Figure("111", "A", "council", Period(y, 3), float(y), published=day, published_known=True)
        for y in range(2010, 2026)
    ]
    found = comparison_of(
        council="111",
        figures=history,
        group=GROUP,
        as_of=day,
        polarity="lower",
        cadence=Cadence("annual", 3, "as_at"),
        source="test",
        title="t",
        unit="number",
    )
    assert found is not None
    assert [b.period.year for b in found.history] == list(range(2016, 2026))
    assert found.label == "as at 31 March 2025"
    assert (found.published, found.published_known) == (day, True)


def test_groups_can_be_england_a_region_or_any_named_list() -> None:
    assert england_group(["a", "b", "a"]) == ComparatorGroup("England", "england", ("a", "b"))
    assert named_group("mine", [" a", "b ", ""]).members == ("a", "b")
    with pytest.raises(BenchmarkError, match="names no council"):
        named_group("empty", [" "])
    with pytest.raises(BenchmarkError, match="no council is in the region"):
        region_group("Wales", {"a": "London"})


NEIGHBOUR_FILES = {
    "2021": "New_Statistical_Neighbour_Groupings_April_2021.csv",
    "2025": "sn_model_2025_wide.csv",
}


def neighbours_by_hand(label: str, code: str) -> list[str]:
    """The published neighbours of a council, closest first, read straight from the file."""
    with require(DFE / NEIGHBOUR_FILES[label]).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if label == "2021" and row[2] == code:
            return row[5:25:2]
        if label == "2025" and row[0] == code:
            return row[4:24:2]
    raise AssertionError(f"{code} not in the {label} file")


@pytest.mark.parametrize("size", [1, 5, 10])
def test_a_neighbour_group_is_the_closest_councils_of_the_chosen_model(size: int) -> None:
    for label, name in NEIGHBOUR_FILES.items():
        group = neighbour_group(read_neighbours(require(DFE / name)), "884", size=size, label=label)
        assert group.members == tuple(neighbours_by_hand(label, "884")[:size])
        assert group.kind == "statistical_neighbours" and label in group.name


@pytest.mark.parametrize(("code", "size"), [("884", 0), ("884", 11), ("999", 10)])
def test_a_neighbour_group_that_cannot_be_formed_says_why(code: str, size: int) -> None:
    model = read_neighbours(require(DFE / NEIGHBOUR_FILES["2025"]))
    with pytest.raises(BenchmarkError):
        neighbour_group(model, code, size=size, label="2025")
