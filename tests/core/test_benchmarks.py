"""Benchmarks: mean, median, rank, quartile and gap against comparator groups, on real DfE data."""

from __future__ import annotations

import csv
import statistics
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from improvement_board.core.benchmarks import (
    BenchmarkError,
    ComparatorGroup,
    benchmark,
    england_group,
    named_group,
    neighbour_group,
    region_group,
)
from improvement_board.core.dfe import read_neighbours
from improvement_board.core.dfe_rates import (
    children_in_need_per_10k,
    council_values,
    england_value,
    referrals_per_10k,
)
from improvement_board.core.units import Polarity
from tests.shared import DFE, require

GROUP = named_group("four", ["a", "b", "c", "d"])
VALUES = {"a": 10.0, "b": 20.0, "c": 30.0, "d": 40.0}


def test_the_group_mean_median_and_gap_leave_the_council_out() -> None:
    result = benchmark("x", 2025, GROUP, {**VALUES, "x": 31.0}, polarity="higher")
    assert (result.group_mean, result.group_median) == (25.0, 25.0)
    assert result.gap_to_mean == 6.0
    assert result.compared == (("a", 10.0), ("b", 20.0), ("c", 30.0), ("d", 40.0))


def test_rank_one_is_the_lowest_value_when_lower_is_better() -> None:
    result = benchmark("x", 2025, GROUP, {**VALUES, "x": 5.0}, polarity="lower")
    assert (result.rank, result.ranked, result.quartile, result.best_quartile) == (1, 5, 1, True)


def test_rank_one_is_the_highest_value_when_higher_is_better() -> None:
    result = benchmark("x", 2025, GROUP, {**VALUES, "x": 5.0}, polarity="higher")
    assert (result.rank, result.quartile, result.best_quartile) == (5, 4, False)


def test_ties_share_the_better_rank() -> None:
    result = benchmark("x", 2025, GROUP, {**VALUES, "x": 20.0}, polarity="lower")
    assert result.rank == 2


@pytest.mark.parametrize("polarity", ["band", "context"])
def test_no_quartile_is_best_where_neither_side_is_better(polarity: Polarity) -> None:
    result = benchmark("x", 2025, GROUP, {**VALUES, "x": 45.0}, polarity=polarity)
    assert (result.rank, result.quartile, result.best_quartile) == (1, 1, None)


def test_a_council_without_a_figure_is_compared_but_not_ranked() -> None:
    result = benchmark("x", 2025, GROUP, VALUES, polarity="lower", england=22.5)
    assert (result.rank, result.quartile, result.gap_to_mean) == (None, None, None)
    assert (result.group_mean, result.england, result.ranked) == (25.0, 22.5, 4)


def test_comparators_without_a_figure_that_year_are_left_out() -> None:
    result = benchmark("x", 2025, GROUP, {"a": 10.0, "c": 30.0, "x": 15.0}, polarity="lower")
    assert [code for code, _ in result.compared] == ["a", "c"]
    assert (result.group_median, result.ranked, result.quartile) == (20.0, 3, None)


def test_a_group_with_no_figures_has_no_mean() -> None:
    result = benchmark("x", 2025, GROUP, {"x": 15.0}, polarity="lower")
    assert (result.group_mean, result.group_median, result.rank, result.gap_to_mean) == (
        None,
        None,
        1,
        None,
    )


def test_a_council_is_never_its_own_comparator() -> None:
    region = region_group(
        "West Midlands", {"x": "West Midlands", "a": "West Midlands", "b": "London"}
    )
    result = benchmark("x", 2025, region, {"x": 1.0, "a": 3.0, "b": 9.0}, polarity="lower")
    assert region.members == ("x", "a")
    assert result.compared == (("a", 3.0),) and result.ranked == 2


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


def neighbours_by_hand(label: str, council: str) -> list[str]:
    """The published neighbours of a council, closest first, read straight from the file."""
    with require(DFE / NEIGHBOUR_FILES[label]).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if label == "2021" and row[2] == council:
            return row[5:25:2]
        if label == "2025" and row[0] == council:
            return row[4:24:2]
    raise AssertionError(f"{council} not in the {label} file")


@pytest.mark.parametrize("size", [1, 5, 10])
def test_a_neighbour_group_is_the_closest_councils_of_the_chosen_model(size: int) -> None:
    for label, name in NEIGHBOUR_FILES.items():
        group = neighbour_group(read_neighbours(require(DFE / name)), "884", size=size, label=label)
        assert group.members == tuple(neighbours_by_hand(label, "884")[:size])
        assert group.kind == "statistical_neighbours" and label in group.name


@pytest.mark.parametrize(("council", "size"), [("884", 0), ("884", 11), ("999", 10)])
def test_a_neighbour_group_that_cannot_be_formed_says_why(council: str, size: int) -> None:
    model = read_neighbours(require(DFE / NEIGHBOUR_FILES["2025"]))
    with pytest.raises(BenchmarkError):
        neighbour_group(model, council, size=size, label="2025")


def area_key(row: Any) -> str:
    """A council by its DfE number, England by its ONS code (regions are not needed here)."""
    return str(row.old_la_code or row.country_code)


def rates_by_hand(file: str, column: str) -> dict[tuple[str, int], float]:
    """Count ÷ ONS 0-17 at mid-(Y-1) × 10,000, by council (or England) and year, from the CSVs."""
    read: dict[str, Any] = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
    counts = pd.read_csv(require(DFE / file), **read)
    people = pd.read_csv(
        require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv"), **read
    )
    population = {
        (area_key(row), int(row.time_period) + 1): row.population_estimate
        for row in people.itertuples()
        if row.geographic_level != "Regional"
    }
    result: dict[tuple[str, int], float] = {}
    for row in counts.itertuples():
        key = (area_key(row), int(row.time_period))
        count, children = getattr(row, column), population.get(key, "")
        if row.geographic_level != "Regional" and count.isdigit() and children.isdigit():
            result[key] = int(count) / int(children) * 10_000
    return result


def expected_benchmark(
    values: dict[tuple[str, int], float],
    neighbours: list[str],
    council: str,
    year: int,
    polarity: Polarity,
) -> dict[str, object]:
    """Mean, median, rank and quartile worked out directly: sort, find, split into quarters."""
    theirs = [values[(n, year)] for n in neighbours if (n, year) in values]
    own = values.get((council, year))
    ranked = sorted([*theirs, *([own] if own is not None else [])], reverse=polarity != "lower")
    rank = None if own is None else ranked.index(own) + 1
    quartile = None
    if rank is not None and len(ranked) >= 4:
        quartile = next(q for q in (1, 2, 3, 4) if rank - 1 < q * len(ranked) / 4)
    return {
        "mean": sum(theirs) / len(theirs),
        "median": statistics.median(theirs),
        "rank": rank,
        "ranked": len(ranked),
        "quartile": quartile,
    }


INDICATORS = {
    "referrals": (
        referrals_per_10k,
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "referral_count",
    ),
    "children in need": (
        children_in_need_per_10k,
        "b1_children_in_need_2013_to_2025.csv",
        "At31_episodes",
    ),
}
COUNCILS = {"884": "Herefordshire", "815": "North Yorkshire", "839": "BCP", "336": "Wolverhampton"}


@pytest.mark.parametrize("indicator", list(INDICATORS))
@pytest.mark.parametrize("label", ["2021", "2025"])
@pytest.mark.parametrize("polarity", ["lower", "context"])
def test_neighbour_benchmarks_of_real_councils_match_a_calculation_by_hand(
    indicator: str, label: str, polarity: Polarity, record_property: Callable[[str, object], None]
) -> None:
    read_rates, file, column = INDICATORS[indicator]
    rates = read_rates(DFE)
    by_hand = rates_by_hand(file, column)
    model = read_neighbours(require(DFE / NEIGHBOUR_FILES[label]))
    checked, quartiles = 0, 0
    for council in COUNCILS:
        group = neighbour_group(model, council, size=10, label=label)
        for year in range(2019, 2026):
            ours = benchmark(
                council,
                year,
                group,
                council_values(rates, year),
                polarity=polarity,
                england=england_value(rates, year),
            )
            expected = expected_benchmark(
                by_hand, neighbours_by_hand(label, council), council, year, polarity
            )
            where = (COUNCILS[council], year, indicator, label)
            assert ours.group_mean == pytest.approx(expected["mean"], rel=1e-12), where
            assert ours.group_median == pytest.approx(expected["median"], rel=1e-12), where
            assert (ours.rank, ours.ranked, ours.quartile) == (
                expected["rank"],
                expected["ranked"],
                expected["quartile"],
            ), where
            assert ours.england == pytest.approx(by_hand[("E92000001", year)], rel=1e-12), where
            if ours.council_value is not None:
                gap = ours.council_value - float(str(expected["mean"]))
                assert ours.gap_to_mean == pytest.approx(gap, rel=1e-12, abs=1e-9), where
            checked += 1
            quartiles += ours.quartile is not None
    record_property("benchmarks_checked", checked)
    assert checked == len(COUNCILS) * 7
    assert quartiles >= len(COUNCILS) * 5


def test_herefordshire_2024_referrals_are_not_ranked_where_the_dfe_marks_them_unreliable() -> None:
    raw = pd.read_csv(require(DFE / INDICATORS["referrals"][1]), dtype=str, keep_default_na=False)
    published = raw[(raw["old_la_code"] == "884") & (raw["time_period"] == "2024")][
        "referral_count"
    ]
    assert list(published) == ["u"]
    model = read_neighbours(require(DFE / NEIGHBOUR_FILES["2021"]))
    rates = referrals_per_10k(DFE)
    result = benchmark(
        "884",
        2024,
        neighbour_group(model, "884", label="2021"),
        council_values(rates, 2024),
        polarity="lower",
    )
    assert result.council_value is None and result.rank is None
    assert result.group_mean is not None and len(result.compared) >= 9
