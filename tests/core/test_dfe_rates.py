"""Rates recomputed from published counts agree with what the DfE publishes, council by council.

The shared copies of the children-in-need files (b1, c1, d5) carry counts but no rate column, so
for referrals, children in need and protection plans per 10,000 the checks are: the counts over
the ONS 0-17 population at mid-(Y-1), worked out here independently with pandas, for every council
and year; and that population is the very denominator the DfE prints beside its looked-after rates
for the same council and year. The looked-after rates themselves and the workforce rates are
compared with the DfE's published figures directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from improvement_board.core.dfe import Area, Missing, Observation
from improvement_board.core.dfe_rates import (
    CEASED_CARE,
    CHILDREN_IN_NEED,
    LOOKED_AFTER,
    PROTECTION_PLANS,
    REFERRALS,
    STARTED_CARE,
    CountSource,
    Rate,
    council_values,
    england_value,
    find_file,
    population_for,
    rates_per_10k,
    ratio,
    read_rates,
    read_workforce,
    round_half_up,
)
from improvement_board.core.problems import ProblemsFound
from tests.shared import DFE, require

POPULATION = "ons_mid-year_population_estimates_2012_to_2024.csv"
CLA = "cla_number_and_rate_per_10k_children.csv"
HEREFORDSHIRE = Area("Local authority", "E06000019", "Herefordshire", "884", "E12000005")

Record = Callable[[str, object], None]


def frame(name: str) -> pd.DataFrame:
    path = require(DFE / name)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def councils(data: pd.DataFrame) -> pd.DataFrame:
    return data[data["geographic_level"] == "Local authority"]


def numeric(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce")


def by_council(rates: list[Rate]) -> dict[tuple[str, int], Rate]:
    return {(r.area.key, r.year): r for r in rates if r.area.level == "Local authority"}


def whole_number(value: float) -> float:
    return float(math.floor(value + 0.5))


def one_place(value: float) -> float:
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def test_looked_after_rates_equal_the_published_rate_for_every_council(
    record_property: Record,
) -> None:
    published = councils(frame(CLA))
    compared = 0
    for source in (LOOKED_AFTER, STARTED_CARE, CEASED_CARE):
        ours = by_council(read_rates(DFE, source))
        rows = published[published["population_type"] == dict(source.where)["population_type"]]
        for _, row in rows[numeric(rows["rate_per_10000"]).notna()].iterrows():
            rate = ours[(row["old_la_code"], int(row["time_period"]))].value
            assert isinstance(rate, float), (row["la_name"], row["time_period"], rate)
            assert whole_number(rate) == float(row["rate_per_10000"]), (
                row["la_name"],
                row["time_period"],
            )
            compared += 1
    record_property("looked_after_rates_compared", compared)
    print(f"looked-after rates per 10,000 equal to the published whole number: {compared}")
    assert compared > 2000


def published_populations() -> dict[tuple[str, int], float]:
    """The denominator the DfE prints beside its looked-after rates, by council and year."""
    rows = councils(frame(CLA))
    rows = rows[numeric(rows["population_estimate"]).notna()]
    return {
        (row.old_la_code, int(row.time_period)): float(row.population_estimate)
        for row in rows.itertuples()
    }


@pytest.mark.parametrize("source", [REFERRALS, CHILDREN_IN_NEED, PROTECTION_PLANS, LOOKED_AFTER])
def test_each_year_uses_the_population_the_dfe_prints_for_that_council_and_year(
    source: CountSource, record_property: Record
) -> None:
    printed = published_populations()
    ours = by_council(read_rates(DFE, source))
    shared = [key for key in printed if key in ours]
    for key in shared:
        assert ours[key].denominator == printed[key], key
    record_property("denominators_compared", len(shared))
    print(f"{source.prefix}: denominators equal to the DfE's printed population: {len(shared)}")
    assert len(shared) > 700


def independent_rates(file: str, column: str) -> pd.DataFrame:
    """Counts per 10,000 children at mid-(Y-1), by council and year, straight from the files."""
    counts = councils(frame(file))[["time_period", "old_la_code", column]]
    people = councils(frame(POPULATION))[["time_period", "old_la_code", "population_estimate"]]
    people = people.assign(time_period=(people["time_period"].astype(int) + 1).astype(str))
    merged = counts.merge(people, on=["time_period", "old_la_code"], how="inner")
    merged["rate"] = numeric(merged[column]) / numeric(merged["population_estimate"]) * 10_000
    return merged[merged["rate"].notna()]


@pytest.mark.parametrize(
    ("source", "file", "column"),
    [
        (
            REFERRALS,
            "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
            "referral_count",
        ),
        (CHILDREN_IN_NEED, "b1_children_in_need_2013_to_2025.csv", "At31_episodes"),
        (PROTECTION_PLANS, "d5_cpps_at31march_by_duration_2013_to_2025.csv", "CPP_At31"),
    ],
)
def test_rates_per_10k_are_the_published_counts_over_the_children_of_the_year_before(
    source: CountSource, file: str, column: str, record_property: Record
) -> None:
    ours = by_council(read_rates(DFE, source))
    expected = independent_rates(file, column)
    for row in expected.itertuples():
        rate = ours[(row.old_la_code, int(row.time_period))]
        assert isinstance(rate.value, float)
        assert round_half_up(rate.value, 1) == one_place(row.rate), (
            row.old_la_code,
            row.time_period,
        )
        assert rate.value == pytest.approx(row.rate, rel=1e-12)
    computed = sum(isinstance(rate.value, float) for rate in ours.values())
    record_property("rates_compared", len(expected))
    print(f"{column} per 10,000 equal to one decimal place: {len(expected)} councils and years")
    assert computed == len(expected)
    assert len(expected) > 1000


WORKFORCE = [  # each file, and how many councils and years at least must be compared
    ("csww_indicators_2017_to_2025.csv", 1300),
    ("csww_headline_measures_2017_to_2022.csv", 850),
]


def reachable(rate: str, counts: tuple[float, float]) -> tuple[float, float]:
    """The rates that FTE counts published to one decimal place could have come from."""
    part, in_post = counts
    corners = []
    for a in (-0.05, 0.05):
        for b in (-0.05, 0.05):
            n, i = part + a, in_post + b
            corners.append(100 * n / i if rate == "turnover" else 100 * n / (n + i))
    return min(corners), max(corners)


@pytest.mark.parametrize(("file", "least"), WORKFORCE)
@pytest.mark.parametrize("rate", ["turnover", "vacancy", "agency"])
def test_workforce_rates_equal_the_published_rates_to_one_decimal_place(
    file: str, least: int, rate: str, record_property: Record
) -> None:
    """Where they differ, it is by the rounding of the published FTE counts and no more.

    The DfE works from unrounded FTEs and publishes them to one decimal place, so a rate whose
    true value sits next to a rounding boundary can round the other way from the published
    counts; every such case is checked to be within what those rounded counts allow.
    """
    rows = [r for r in read_workforce(require(DFE / file)) if r.area.level == "Local authority"]
    part_of = {"turnover": "leavers", "vacancy": "vacancies", "agency": "agency"}[rate]
    exact, explained = 0, 0
    for row in rows:
        ours = {"turnover": row.turnover, "vacancy": row.vacancy, "agency": row.agency_rate}[rate]
        published, part = row.published[rate], getattr(row, part_of)
        if not isinstance(published, float):
            continue
        assert isinstance(ours, float) and isinstance(part, float), (row.area.name, row.year)
        assert isinstance(row.in_post, float)
        if one_place(ours) == published:
            exact += 1
            continue
        low, high = reachable(rate, (part, row.in_post))
        assert low - 0.05 <= published <= high + 0.05, (row.area.name, row.year, ours, published)
        explained += 1
    record_property("exact", exact)
    record_property("within_rounding_of_counts", explained)
    print(f"{file} {rate}: {exact} equal, {explained} within the rounding of the FTE counts")
    assert exact + explained >= least
    assert explained <= 0.1 * (exact + explained)


def test_a_missing_count_passes_its_reason_on() -> None:
    assert ratio(Missing("c"), 1000.0, 10_000) == Missing("c")
    assert ratio(50.0, Missing("x"), 10_000) == Missing("x")
    assert ratio(0.0, 0.0, 100) == Missing("z")


def test_a_year_without_a_population_estimate_is_not_available() -> None:
    population = {("884", 2024): 34439.0}
    assert population_for(population, HEREFORDSHIRE, 2025) == 34439.0
    assert population_for(population, HEREFORDSHIRE, 2026) == Missing("x")


def test_rates_per_10k_keep_the_counts_behind_them() -> None:
    count = Observation(2025, HEREFORDSHIRE, "referral_count", 1763.0)
    (rate,) = rates_per_10k([count], {("884", 2024): 34439.0})
    assert (rate.numerator, rate.denominator) == (1763.0, 34439.0)
    assert rate.value == pytest.approx(1763 / 34439 * 10_000)


def test_rounding_is_half_up_not_to_even() -> None:
    assert round_half_up(2.25, 1) == 2.3
    assert round_half_up(0.125, 2) == 0.13
    assert round_half_up(-2.25, 1) == -2.3
    assert round_half_up(2.675, 2) == 2.68


def test_the_newest_edition_of_a_file_is_read(tmp_path: Path) -> None:
    for name in ("c1_x_2013_to_2024.csv", "c1_x_2013_to_2025.csv"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert find_file(tmp_path, "c1_").name == "c1_x_2013_to_2025.csv"
    with pytest.raises(ProblemsFound, match="no file named b1_"):
        find_file(tmp_path, "b1_")


def test_council_values_leave_out_councils_without_a_figure() -> None:
    england = Area("National", "E92000001", "England")
    rates = [
        Rate(2025, HEREFORDSHIRE, 10.0, 100.0, 1000.0),
        Rate(
            2025,
            Area("Local authority", "E06000051", "Shropshire", "893"),
            Missing("c"),
            1.0,
            Missing("c"),
        ),
        Rate(2025, england, 5.0, 100.0, 500.0),
        Rate(2024, HEREFORDSHIRE, 9.0, 100.0, 900.0),
    ]
    assert council_values(rates, 2025) == {"884": 1000.0}
    assert england_value(rates, 2025) == 500.0
    assert england_value(rates, 2023) is None
