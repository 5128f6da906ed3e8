"""Rates recomputed from the DfE's published counts, so a board's own figures compare like for like.

Per 10,000 children: the count ÷ the ONS mid-year estimate of children aged 0-17 × 10,000. A DfE
year Y ends on 31 March Y, so it uses the estimate for mid-(Y-1), the latest one before it ends:
the DfE's looked-after file prints its denominator, and it is that estimate for every council.

Social work workforce (FTE, at 30 September), as the DfE defines and publishes them:
turnover = leavers ÷ in post; vacancy = vacancies ÷ (vacancies + in post); agency = agency
workers ÷ (agency workers + in post); each × 100.

The arithmetic is pure; the readers find the newest edition of each file in a folder of DfE files
(names end with the years they cover, ``..._2013_to_2025.csv``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from improvement_board.core.dfe import (
    Area,
    Columns,
    Missing,
    Observation,
    Population,
    Record,
    Value,
    read_measure,
    read_population,
    read_records,
)
from improvement_board.core.problems import Problem, ProblemsFound

PER_10K = 10_000
POPULATION_FILE = "ons_mid-year_population_estimates_"


@dataclass(frozen=True, slots=True)
class CountSource:
    """Where a published count lives: a file name prefix, its column names, any filter."""

    prefix: str
    columns: Columns
    where: tuple[tuple[str, str], ...] = ()


REFERRALS = CountSource("c1_children_in_need_referrals", ("referral_count", "Referrals"))
CHILDREN_IN_NEED = CountSource("b1_children_in_need", "At31_episodes")
PROTECTION_PLANS = CountSource("d5_cpps_at31march", "CPP_At31")
_CLA = "cla_number_and_rate_per_10k_children"
LOOKED_AFTER = CountSource(
    _CLA, "children_count", (("population_type", "Children looked after on 31 March each year"),)
)
STARTED_CARE = CountSource(
    _CLA, "children_count", (("population_type", "Children starting to be looked after each year"),)
)
CEASED_CARE = CountSource(
    _CLA, "children_count", (("population_type", "Children ceasing to be looked after each year"),)
)


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate with the counts behind it; ``value`` is unrounded."""

    year: int
    area: Area
    numerator: Value
    denominator: Value
    value: Value


def round_half_up(value: float, places: int = 1) -> float:
    """Round as the DfE does (2.25 -> 2.3), not to even; the float is read as its shortest text."""
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def ratio(numerator: Value, denominator: Value, scale: float) -> Value:
    """numerator ÷ denominator × scale; a missing input passes its reason on; ÷ 0 is ``z``."""
    if isinstance(numerator, Missing):
        return numerator
    if isinstance(denominator, Missing):
        return denominator
    if denominator == 0:
        return Missing("z")
    return numerator / denominator * scale


def add(first: Value, second: Value) -> Value:
    """A sum, missing (with the first reason) when either part is."""
    if isinstance(first, Missing):
        return first
    if isinstance(second, Missing):
        return second
    return first + second


def population_for(population: Population, area: Area, year: int) -> Value:
    """Children 0-17 at mid-(year - 1); ``x`` (not available) when there is no estimate."""
    return population.get((area.key, year - 1), Missing("x"))


def rates_per_10k(counts: Iterable[Observation], population: Population) -> list[Rate]:
    """Each count per 10,000 children, for every area and year that has a count row."""
    rates = []
    for count in counts:
        children = population_for(population, count.area, count.year)
        rate = ratio(count.value, children, PER_10K)
        rates.append(Rate(count.year, count.area, count.value, children, rate))
    return rates


def find_file(folder: Path, prefix: str) -> Path:
    """The newest edition of a DfE file: the last name, in order, starting with ``prefix``."""
    matches = sorted(folder.glob(f"{prefix}*.csv"))
    if not matches:
        raise ProblemsFound([Problem(str(folder), None, None, f"no file named {prefix}*.csv")])
    return matches[-1]


def read_counts(folder: Path, source: CountSource) -> list[Observation]:
    return read_measure(find_file(folder, source.prefix), source.columns, where=dict(source.where))


def read_rates(folder: Path, source: CountSource) -> list[Rate]:
    """A count from the DfE folder per 10,000 children, with the ONS file in the same folder."""
    population = read_population(find_file(folder, POPULATION_FILE))
    return rates_per_10k(read_counts(folder, source), population)


def referrals_per_10k(folder: Path) -> list[Rate]:
    """Referrals in the year to 31 March per 10,000 children (CIN census, table C1)."""
    return read_rates(folder, REFERRALS)


def children_in_need_per_10k(folder: Path) -> list[Rate]:
    """Children in need at 31 March per 10,000 children (table B1, episodes open at 31 March)."""
    return read_rates(folder, CHILDREN_IN_NEED)


def protection_plans_per_10k(folder: Path) -> list[Rate]:
    """Children on a child protection plan at 31 March per 10,000 children (table D5)."""
    return read_rates(folder, PROTECTION_PLANS)


def looked_after_per_10k(folder: Path) -> list[Rate]:
    """Children looked after at 31 March per 10,000 children."""
    return read_rates(folder, LOOKED_AFTER)


def council_values(rates: Sequence[Rate], year: int) -> dict[str, float]:
    """Councils' rates in a year by DfE number, leaving out those with no figure."""
    return {
        rate.area.key: rate.value
        for rate in rates
        if rate.year == year
        and rate.area.level == "Local authority"
        and isinstance(rate.value, float)
    }


def england_value(rates: Sequence[Rate], year: int) -> float | None:
    """England's rate in a year, from the national count and population."""
    found = (r.value for r in rates if r.year == year and r.area.level == "National")
    value = next(found, None)
    return value if isinstance(value, float) else None


WORKFORCE_COLUMNS: Mapping[str, Columns] = {
    "in_post": ("inpost_fte", "social_worker_fte"),
    "leavers": ("leavers_fte", "leaver_fte"),
    "agency": "agency_fte",
    "vacancies": "vacancy_fte",
    "published_turnover": ("turnover_rate_fte", "turnover_rate_fte_%"),
    "published_vacancy": ("vacancy_rate_fte", "vacancy_rate_fte_%"),
    "published_agency": ("agency_rate_fte", "agency_worker_rate_fte_%"),
}
"""The FTE columns of both workforce files (the 2017-2022 headline file named them differently)."""


@dataclass(frozen=True, slots=True)
class WorkforceRates:
    """One area's social work workforce in one year: the FTE counts, and the rates from them."""

    year: int
    area: Area
    in_post: Value
    leavers: Value
    agency: Value
    vacancies: Value
    turnover: Value
    vacancy: Value
    agency_rate: Value
    published: Mapping[str, Value]


def workforce_rates(record: Record) -> WorkforceRates:
    """Turnover, vacancy and agency rates (unrounded, %) from one workforce row's FTE counts."""
    values = record.values
    in_post, leavers = values["in_post"], values["leavers"]
    agency, vacancies = values["agency"], values["vacancies"]
    return WorkforceRates(
        year=record.year,
        area=record.area,
        in_post=in_post,
        leavers=leavers,
        agency=agency,
        vacancies=vacancies,
        turnover=ratio(leavers, in_post, 100),
        vacancy=ratio(vacancies, add(vacancies, in_post), 100),
        agency_rate=ratio(agency, add(agency, in_post), 100),
        published={
            "turnover": values.get("published_turnover", Missing("x")),
            "vacancy": values.get("published_vacancy", Missing("x")),
            "agency": values.get("published_agency", Missing("x")),
        },
    )


def read_workforce(path: Path) -> list[WorkforceRates]:
    """Every row of a children's social work workforce file (``csww_...``) with its rates."""
    return [workforce_rates(record) for record in read_records(path, WORKFORCE_COLUMNS)]
