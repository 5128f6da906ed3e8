"""Benchmarks agree with the department's convention for every council and every year.

For each DfE measure with a published file, and every council of DfE's 2025 neighbour model in
every year of the file: the council's figure, its neighbours' average, its region's and
England's figure equal what the department's tool shows. The reference is worked out here from
DfE's published files with nothing but the csv module and decimal arithmetic: the published cell
as it stands; for the rates DfE publishes only as counts, the count over ONS's children aged 0 to
17 at the mid-year before, times 10,000, rounded half up to one place; the neighbours' average as
the mean of the published figures of the neighbours that have one, rounded half up to the
published precision.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pytest

from improvement_board.core.benchmarks import Figure, compare, named_group
from improvement_board.core.councils import register
from improvement_board.core.dfe_measures import MEASURES, DfeMeasure, read_figures
from tests.shared import DFE, require

ENGLAND = "E92000001"


def rows_of(measure: DfeMeasure) -> Iterator[dict[str, str]]:
    (path,) = sorted(require(DFE).glob(f"{measure.prefix}*.csv"))[-1:]
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if all(row[column] == text for column, text in measure.where):
                yield row


def area(row: dict[str, str]) -> str:
    level = row["geographic_level"]
    if level == "National":
        return row["country_code"]
    return row["region_code"] if level == "Regional" else row["old_la_code"]


def number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def column(measure: DfeMeasure, header: list[str]) -> str:
    names = (measure.column,) if isinstance(measure.column, str) else measure.column
    return next(name for name in names if name in header)


def population() -> dict[tuple[str, int], Decimal]:
    path = require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            (area(row), int(row["time_period"])): value
            for row in csv.DictReader(handle)
            if row["age_group"] == "Children aged 0 to 17 years"
            and (value := number(row["population_estimate"])) is not None
        }


def reference(measure: DfeMeasure) -> dict[tuple[str, int], Decimal]:
    """Every area's figure by (area, year), as the department publishes or would calculate it."""
    people = population() if measure.per_10k is not None else {}
    found: dict[tuple[str, int], Decimal] = {}
    for row in rows_of(measure):
        year = int(row["time_period"][:4])
        name = column(measure, list(row))
        value = number(row[name])
        if value is None:
            continue
        if measure.per_10k is not None:
            children = people.get((area(row), year - 1))
            if not children:
                continue
            value = (value / children * 10_000).quantize(Decimal("0.1"), ROUND_HALF_UP)
        found[(area(row), year)] = value
    return found


def neighbours_2025() -> dict[str, list[str]]:
    path = require(DFE / "sn_model_2025_wide.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row[0]: row[4:24:2] for row in list(csv.reader(handle))[1:] if row and row[0]}


def rounded(values: list[Decimal], decimals: int) -> Decimal:
    step = Decimal(1).scaleb(-decimals)
    return (sum(values, Decimal(0)) / len(values)).quantize(step, ROUND_HALF_UP)


def ours(measure: DfeMeasure) -> dict[int, list[Figure]]:
    by_year: dict[int, list[Figure]] = defaultdict(list)
    for f in read_figures(DFE, measure):
        level = {"Local authority": "council", "Regional": "region"}.get(f.area.level, "england")
        by_year[f.period.year].append(
            Figure(f.area.key, f.area.name, level, f.period, f.value, f.marker)  # type: ignore[arg-type]
        )
    return by_year


@pytest.mark.slow
@pytest.mark.parametrize("key", list(MEASURES))
def test_every_council_and_year_agrees_with_the_departments_convention(key: str) -> None:
    measure = MEASURES[key]
    expected = reference(measure)
    groups = neighbours_2025()
    places = register()
    checked = averages = 0
    for year, figures in sorted(ours(measure).items()):
        period = figures[0].period
        for council, members in groups.items():
            result = compare(
                council,
                period,
                figures,
                named_group("2025 model", members),
                polarity=measure.polarity,
                decimals=measure.decimals,
            )
            where = (key, council, year)
            mine = expected.get((council, year))
            assert result.council_value == (None if mine is None else float(mine)), where
            theirs = [expected[(m, year)] for m in members if (m, year) in expected]
            if theirs:
                average = result.group.average(measure.decimals)
                assert average == float(rounded(theirs, measure.decimals)), where
                averages += 1
            else:
                assert result.group.mean is None, where
            home = places.find(council)
            assert home is not None, where
            region = expected.get((home.region, year))
            if region is not None:
                assert result.region is not None and result.region.value == float(region), where
            england = expected.get((ENGLAND, year))
            assert (result.england.value if result.england else None) == (
                None if england is None else float(england)
            ), where
            checked += 1
    assert checked >= 153 * 5
    assert averages >= checked * 0.9


# Worked by hand from DfE's files (sorting the councils' published cells for the year): Devon's
# agency rate at 30 September 2025 is 24.3%, 121 of the 148 councils with a figure are lower,
# the quartiles are 7.875, 12.75 and 21.125, so 24.3 is in the worst quarter. Its care leavers
# aged 19 to 21 in suitable accommodation in the year to March 2025 are 89%, 92 of 149 councils
# are higher (6 have a marker, not a figure), the quartiles are 87, 91 and 93: the second quarter
# from the bottom, where higher is better band C.
@pytest.mark.parametrize(
    ("key", "value", "rank", "of", "middle", "band"),
    [
        ("social_worker_agency_percent", 24.3, 122, 148, (7.875, 12.75, 21.125), "D"),
        ("care_leavers_suitable_accommodation_percent", 89.0, 93, 149, (87.0, 91.0, 93.0), "C"),
    ],
)
def test_devons_rank_and_band_in_2025_are_those_worked_by_hand(
    key: str, value: float, rank: int, of: int, middle: tuple[float, ...], band: str
) -> None:
    measure = MEASURES[key]
    figures = ours(measure)[2025]
    result = compare(
        "878",
        figures[0].period,
        figures,
        named_group("2025 model", neighbours_2025()["878"]),
        polarity=measure.polarity,
        decimals=measure.decimals,
    )
    assert result.council_value == value
    assert (result.position.rank, result.position.of, result.position.band) == (rank, of, band)
    assert result.position.quartiles is not None
    assert result.position.quartiles[1:4] == pytest.approx(middle)
