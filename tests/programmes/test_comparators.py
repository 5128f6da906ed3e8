"""Comparator figures in the store and the benchmark a pack shows, on DfE's real published data."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import pytest

from improvement_board.core.periods import Period
from improvement_board.core.problems import ProblemsFound
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.programmes.comparators import (
    benchmarks_for,
    comparator_group_set,
    comparators_from_dfe,
    comparators_load,
)
from improvement_board.programmes.models import ComparatorValue
from improvement_board.programmes.services import programme_load
from tests.shared import DFE, require

pytestmark = pytest.mark.django_db

NEIGHBOURS_2021 = ["893", "878", "908", "933", "838", "865", "935", "926", "916", "909"]


def _referral_rates(year: int) -> dict[str, float]:
    """Referrals per 10,000 worked out here from the two published files, independently."""
    with require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv").open() as f:
        population = {
            r["old_la_code"] or r["country_code"]: float(r["population_estimate"])
            for r in csv.DictReader(f)
            if r["time_period"] == str(year - 1)
            and r["geographic_level"] in {"Local authority", "National"}
        }
    rates = {}
    path = require(DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv")
    with path.open() as f:
        for r in csv.DictReader(f):
            code = r["old_la_code"] or r["country_code"]
            wanted = (
                r["time_period"] == str(year)
                and code in population
                and r["geographic_level"] in {"Local authority", "National"}
                and r["referral_count"].replace(".", "").isdigit()
            )
            if wanted:
                rates[code] = float(r["referral_count"]) / population[code] * 10_000
    return rates


@pytest.fixture
def seed():
    programme, _ = programme_load(path=Path(SEED_PROGRAMME))
    return programme


def test_herefordshire_against_its_2021_neighbours_on_published_referrals(seed) -> None:
    comparators_from_dfe(
        programme=seed, folder=DFE, indicator="CH 141", measure="referrals_per_10k"
    )
    comparator_group_set(
        programme=seed, council="884", members=NEIGHBOURS_2021, label="2021 neighbours"
    )
    found = benchmarks_for(programme=seed, period=Period(2024, 10))["ch-141"]
    expected = _referral_rates(2025)
    neighbours = [expected[c] for c in NEIGHBOURS_2021 if c in expected]
    assert found.year == 2025
    assert found.council_value == pytest.approx(expected["884"])
    assert found.group_mean == pytest.approx(statistics.fmean(neighbours))
    assert found.group_median == pytest.approx(statistics.median(neighbours))
    assert found.england == pytest.approx(expected["E92000001"])
    higher = sum(v > expected["884"] for v in neighbours)  # CH 141: higher is better
    assert found.rank == higher + 1


def test_a_pack_in_an_earlier_year_uses_the_latest_figures_up_to_then(seed) -> None:
    comparators_from_dfe(
        programme=seed, folder=DFE, indicator="CH 141", measure="referrals_per_10k"
    )
    comparator_group_set(programme=seed, council="884", members=NEIGHBOURS_2021, label="SN")
    assert benchmarks_for(programme=seed, period=Period(2019, 2))["ch-141"].year == 2019
    assert benchmarks_for(programme=seed, period=Period(2019, 4))["ch-141"].year == 2020


def test_loading_the_same_dfe_figures_twice_changes_nothing(seed) -> None:
    first = comparators_from_dfe(
        programme=seed, folder=DFE, indicator="CH 141", measure="referrals_per_10k"
    )
    second = comparators_from_dfe(
        programme=seed, folder=DFE, indicator="CH 141", measure="referrals_per_10k"
    )
    assert first.new > 1000
    assert (second.new, second.changed, second.unchanged) == (0, 0, first.new)


def test_suppressed_figures_keep_their_marker_and_no_value(seed) -> None:
    comparators_from_dfe(
        programme=seed, folder=DFE, indicator="CH 141", measure="referrals_per_10k"
    )
    withheld = ComparatorValue.objects.get(council="884", year=2024)  # published as "u"
    assert (withheld.value, withheld.marker) == (None, "u")


def test_a_bad_comparator_file_lists_every_problem_and_stores_nothing(seed, tmp_path) -> None:
    path = tmp_path / "comparators.csv"
    path.write_text(
        "council_code,council_name,year,indicator,value\n"
        "884,Herefordshire,2006,CH 141,175\n"
        "88,Nowhere,2006,CH 141,12\n"
        "893,Shropshire,20x6,CH 141,190\n"
        "865,Wiltshire,2006,CH 999,190\n",
        encoding="utf-8",
    )
    with pytest.raises(ProblemsFound) as found:
        comparators_load(programme=seed, path=path)
    assert {p.column for p in found.value.problems} >= {"council_code", "year"}
    assert ComparatorValue.objects.count() == 0
