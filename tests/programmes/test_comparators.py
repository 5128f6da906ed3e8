"""Comparator figures in the store and the benchmark a meeting reads, on DfE's real published data:
dated honestly, grouped by DfE's own neighbour model, checked on the way in."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from improvement_board.core.problems import ProblemsFound
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.programmes.comparators import (
    benchmarks_for,
    comparator_group_set,
    comparators_from_dfe,
    comparators_load,
)
from improvement_board.programmes.models import ComparatorValue, Programme
from improvement_board.programmes.services import programme_load
from tests.shared import DFE, require

pytestmark = pytest.mark.django_db

NEIGHBOURS_2021 = ["893", "878", "908", "933", "838", "865", "935", "926", "916", "909"]


def referral_rates(year: int) -> dict[str, Decimal]:
    """Referrals per 10,000 worked out here from the two published files, rounded as DfE does."""
    with require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv").open() as f:
        population = {
            r["old_la_code"] or r["country_code"]: Decimal(r["population_estimate"])
            for r in csv.DictReader(f)
            if r["time_period"] == str(year - 1)
            and r["geographic_level"] in {"Local authority", "National"}
            and r["age_group"] == "Children aged 0 to 17 years"
        }
    rates = {}
    path = require(DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv")
    with path.open() as f:
        for r in csv.DictReader(f):
            code = r["old_la_code"] or r["country_code"]
            if (
                r["time_period"] == str(year)
                and code in population
                and r["geographic_level"] in {"Local authority", "National"}
                and r["referral_count"].isdigit()
            ):
                rate = Decimal(r["referral_count"]) / population[code] * 10_000
                rates[code] = rate.quantize(Decimal("0.1"), ROUND_HALF_UP)
    return rates


@pytest.fixture
def seed() -> Programme:
    programme, _ = programme_load(path=Path(SEED_PROGRAMME))
    return programme


def grouped(programme: Programme, members: list[str] = NEIGHBOURS_2021) -> Programme:
    return comparator_group_set(
        programme=programme, council="884", members=members, label="2021 neighbours"
    )


def test_herefordshire_against_its_2021_neighbours_on_published_referrals(seed) -> None:
    comparators_from_dfe(
        programme=seed, folder=DFE, indicator="CH 141", measure="referrals_per_10k"
    )
    found = benchmarks_for(programme=grouped(seed), as_of=dt.date(2025, 11, 1))["ch-141"]
    expected = referral_rates(2025)
    neighbours = [expected[c] for c in NEIGHBOURS_2021 if c in expected]
    latest = found.latest
    assert found.label == "2024-25" and found.published == dt.date(2025, 10, 30)
    assert latest.council_value == float(expected["884"])
    mean = (sum(neighbours) / len(neighbours)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert latest.group.average(1) == float(mean)
    assert latest.england is not None and latest.england.value == float(expected["E92000001"])
    # referrals per 10,000: DfE gives no better side, so no rank and no band
    assert (latest.position.rank, latest.position.band) == (None, None)
    assert [b.period.year for b in found.history] == list(range(2016, 2026))


@pytest.mark.parametrize(
    ("measure", "indicator", "published", "older", "newer"),
    [
        ("rereferrals_percent", "CH 143", dt.date(2025, 10, 30), "2023-24", "2024-25"),
        ("looked_after_per_10k", "CH 145", dt.date(2025, 11, 20), "as at 31 March 2024",
         "as at 31 March 2025"),
        ("social_worker_vacancy_percent", "CH 143", dt.date(2025, 2, 27),
         "as at 30 September 2023", "as at 30 September 2024"),
    ],
)  # fmt: skip
def test_a_meeting_a_month_before_a_release_reads_the_older_figure_and_a_month_after_the_newer(
    seed, measure: str, indicator: str, published: dt.date, older: str, newer: str
) -> None:
    comparators_from_dfe(programme=seed, folder=DFE, indicator=indicator, measure=measure)
    key = {"CH 143": "ch-143", "CH 145": "ch-145"}[indicator]
    month = dt.timedelta(days=30)
    before = benchmarks_for(programme=grouped(seed), as_of=published - month)[key]
    after = benchmarks_for(programme=seed, as_of=published + month)[key]
    assert (before.label, after.label) == (older, newer)
    assert after.published == published and after.published_known
    assert before.published is not None and before.published < published - month


def test_a_unit_that_does_not_fit_the_indicator_is_refused(seed) -> None:
    with pytest.raises(ProblemsFound, match=r"rate_per_10000, but .* is in percent"):
        comparators_from_dfe(
            programme=seed, folder=DFE, indicator="CH 143", measure="referrals_per_10k"
        )
    assert ComparatorValue.objects.count() == 0


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
    withheld = ComparatorValue.objects.get(council="884", period="2024-03")  # published as "u"
    assert (withheld.value, withheld.marker) == (None, "u")


def test_a_model_group_comes_from_dfes_file_and_an_abolished_neighbour_is_explained(seed) -> None:
    seed.comparators = {"council": "884", "model": "dfe-2021"}
    seed.save()
    comparators_from_dfe(
        programme=seed, folder=DFE, indicator="CH 143", measure="rereferrals_percent"
    )
    seed.refresh_from_db()
    assert seed.neighbours["members"] == NEIGHBOURS_2021
    latest = benchmarks_for(programme=seed, as_of=dt.date(2025, 12, 1))["ch-143"].latest
    (cumbria,) = latest.group.absent
    assert cumbria.council == "909" and "abolished on 1 April 2023" in cumbria.reason
    assert len(latest.group.used) == 9
    assert latest.group.group.name == "Statistical neighbours (DfE 2021 model)"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "comparators.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_comparator_file_lists_every_problem_and_stores_nothing(seed, tmp_path) -> None:
    path = write(
        tmp_path,
        "council_code,council_name,year,indicator,value\n"
        "884,Herefordshire,2006,CH 141,175\n"
        "88,Nowhere,2006,CH 141,12\n"
        "893,Shropshire,20x6,CH 141,190\n"
        "865,Wiltshire,2006,CH 999,190\n"
        "940 / 941,Northamptonshire,2006,CH 141,190\n"
        "878,Devon,2006,CH 141,-4\n",
    )
    with pytest.raises(ProblemsFound) as found:
        comparators_load(programme=seed, path=path)
    located = {(p.row, p.column) for p in found.value.problems}
    assert {(3, "council_code"), (4, "year"), (6, "council_code"), (7, "value")} <= located
    assert any("combined code" in p.message for p in found.value.problems)
    assert ComparatorValue.objects.count() == 0


def test_one_figure_given_twice_under_two_spellings_of_the_code_is_refused(seed, tmp_path) -> None:
    path = write(
        tmp_path,
        "council_code,council_name,year,indicator,value\n"
        "884,Herefordshire,2006,ch-141,175\n"
        "884,Herefordshire,2006,CH 141,180\n",
    )
    with pytest.raises(ProblemsFound, match="a second time \\(first in row 2") as found:
        comparators_load(programme=seed, path=path)
    assert [p.row for p in found.value.problems] == [3]
    assert ComparatorValue.objects.count() == 0


def test_a_header_without_rows_is_refused(seed, tmp_path) -> None:
    path = write(tmp_path, "council_code,council_name,year,indicator,value\n")
    with pytest.raises(ProblemsFound, match="no rows"):
        comparators_load(programme=seed, path=path)


def test_a_file_may_date_each_figure_and_give_its_publication(seed, tmp_path) -> None:
    path = write(
        tmp_path,
        "council_code,indicator,value,reference_date,published\n"
        "884,CH 141,175,2006-03-31,2006-10-20\n"
        "E92000001,CH 141,260,2006-03-31,2006-10-20\n",
    )
    comparators_load(programme=grouped(seed, ["893"]), path=path)
    assert benchmarks_for(programme=seed, as_of=dt.date(2006, 10, 19)) == {}
    found = benchmarks_for(programme=seed, as_of=dt.date(2006, 10, 20))["ch-141"]
    assert found.latest.council_value == 175 and found.published_known
    assert found.source == "comparator file comparators.csv"
