"""DfE's published measures, each defined once: where it is published, what it means, how it is
dated and judged, and at what precision the department publishes it.

The published figure is the figure: where DfE publishes a rate or percentage, its column is read
as it stands (a looked-after rate is a whole number because DfE publishes whole numbers). Where
DfE publishes only the counts (referrals, children in need and child protection plans per 10,000
children), the rate is the board's own calculation from those counts and ONS's population, made
the department's way (see core/dfe_rates.py) and rounded half up to the precision DfE uses for
such rates, and it says so wherever it is shown.

Polarity is the department's own (its Local Authority Interactive Tool): it decides national rank
and quartile band. ``context`` is the tool's "-": higher is neither better nor worse, so no rank
and no band.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from improvement_board.core import dfe, dfe_rates
from improvement_board.core.markers import Marker
from improvement_board.core.periods import Cadence, Period
from improvement_board.core.units import Polarity, Unit

Dataset = Literal["cin", "cla", "csww"]
DATASETS: Final[dict[Dataset, str]] = {
    "cin": "Children in need",
    "cla": "Children looked after in England including adoptions",
    "csww": "Children's social work workforce",
}

YEAR_TO_MARCH: Final = Cadence("annual", 3, "period")
AT_MARCH: Final = Cadence("annual", 3, "as_at")
YEAR_TO_SEPTEMBER: Final = Cadence("annual", 9, "period")
AT_SEPTEMBER: Final = Cadence("annual", 9, "as_at")


@dataclass(frozen=True, slots=True)
class DfeMeasure:
    """One measure DfE publishes for every council, region and England each year."""

    key: str
    title: str
    dataset: Dataset
    prefix: str
    column: dfe.Columns
    unit: Unit
    polarity: Polarity
    cadence: Cadence
    decimals: int = 1
    where: tuple[tuple[str, str], ...] = ()
    count: dfe.Columns | None = None
    """The published count behind the figure, shown as the actual number where there is one."""
    per_10k: dfe_rates.CountSource | None = None
    """Set where DfE publishes only counts: the figure is the board's own rate from them."""

    @property
    def own_calculation(self) -> bool:
        return self.per_10k is not None

    @property
    def source(self) -> str:
        """Where the figure comes from, in words a board member can check."""
        name = DATASETS[self.dataset]
        if self.per_10k is not None:
            return (
                f"the board's own calculation from DfE's published counts ({name}) and ONS "
                "mid-year estimates of children aged 0 to 17, rounded as DfE rounds"
            )
        return f"DfE's published figure ({name})"


_C1 = "c1_children_in_need_referrals"
_D3 = "d3_cpps_subsequent_plan"
_D5 = "d5_cpps_at31march"
_CLA = "cla_number_and_rate_per_10k_children"
_STABILITY = "la_cla_placement_stability"
_ACCOMMODATION = "la_care_leavers_accommodation_suitability"
_ACTIVITY = "la_care_leavers_activity"
_HEALTH = "la_conviction_health_outcome_cla"
_CSWW = "csww_indicators"

MEASURES: Final[dict[str, DfeMeasure]] = {
    m.key: m
    for m in (
        DfeMeasure(
            "referrals_per_10k", "Referrals per 10,000 children", "cin", _C1,
            ("referral_count", "Referrals"), "rate_per_10000", "context", YEAR_TO_MARCH,
            per_10k=dfe_rates.REFERRALS,
        ),
        DfeMeasure(
            "rereferrals_percent", "Re-referrals within 12 months of a previous referral (%)",
            "cin", _C1, "rereferral_percent", "percent", "lower", YEAR_TO_MARCH,
            count="rereferral_count",
        ),
        DfeMeasure(
            "children_in_need_per_10k", "Children in need per 10,000 children", "cin",
            "b1_children_in_need", "At31_episodes", "rate_per_10000", "context", AT_MARCH,
            per_10k=dfe_rates.CHILDREN_IN_NEED,
        ),
        DfeMeasure(
            "protection_plans_per_10k", "Children on a child protection plan per 10,000 children",
            "cin", _D5, "CPP_At31", "rate_per_10000", "context", AT_MARCH,
            per_10k=dfe_rates.PROTECTION_PLANS,
        ),
        DfeMeasure(
            "repeat_protection_plans_percent",
            "Child protection plans starting in the year that were a second or later plan (%)",
            "cin", _D3, "CPP_subsequent_percent", "percent", "lower", YEAR_TO_MARCH,
            count="CPP_subsequent",
        ),
        DfeMeasure(
            "long_protection_plans_percent",
            "Child protection plans at 31 March lasting 2 years or more (%)",
            "cin", _D5, "2_years_or_more_percent", "percent", "lower", AT_MARCH,
            count="2_years_or_more",
        ),
        DfeMeasure(
            "looked_after_per_10k", "Children looked after per 10,000 children", "cla", _CLA,
            "rate_per_10000", "rate_per_10000", "context", AT_MARCH, decimals=0,
            where=(("population_type", "Children looked after on 31 March each year"),),
            count="children_count",
        ),
        DfeMeasure(
            "placements_three_or_more_percent",
            "Children looked after with 3 or more placements during the year (%)",
            "cla", _STABILITY, "children_percent", "percent", "lower", YEAR_TO_MARCH, decimals=0,
            where=(
                ("cla_group", "CLA on 31 March"),
                ("placement_stability", "With 3 or more placements during the year"),
            ),
            count="children_count",
        ),
        DfeMeasure(
            "placement_long_term_percent",
            "Children looked after 2.5 years or more (under 16) living in the same placement "
            "for at least 2 years (%)",
            "cla", _STABILITY, "children_percent", "percent", "higher", AT_MARCH, decimals=0,
            where=(
                (
                    "cla_group",
                    "Children looked after continuously for at least 2.5 years on 31 March aged "
                    "under 16 years",
                ),
                ("placement_stability", "Living with the same carer for at least 2 years"),
            ),
            count="children_count",
        ),
        DfeMeasure(
            "care_leavers_suitable_accommodation_percent",
            "Care leavers aged 19 to 21 in suitable accommodation (%)",
            "cla", _ACCOMMODATION, "care_leaver_percent", "percent", "higher", YEAR_TO_MARCH,
            decimals=0,
            where=(
                ("care_leaver_age", "19 to 21 years"),
                ("breakdown", "Accommodation considered suitable"),
            ),
            count="care_leaver_count",
        ),
        DfeMeasure(
            "care_leavers_eet_percent",
            "Care leavers aged 19 to 21 in education, employment or training (%)",
            "cla", _ACTIVITY, "care_leaver_percent", "percent", "higher", YEAR_TO_MARCH,
            decimals=0,
            where=(
                ("care_leaver_age", "19 to 21 years"),
                ("breakdown", "Total in education, employment or training"),
            ),
            count="care_leaver_count",
        ),
        DfeMeasure(
            "care_leavers_neet_percent",
            "Care leavers aged 19 to 21 not in education, employment or training (%)",
            "cla", _ACTIVITY, "care_leaver_percent", "percent", "lower", YEAR_TO_MARCH,
            decimals=0,
            where=(
                ("care_leaver_age", "19 to 21 years"),
                ("breakdown", "Total not in education, employment or training"),
            ),
            count="care_leaver_count",
        ),
        DfeMeasure(
            "health_assessments_percent",
            "Children looked after for 12 months whose annual health assessment was up to date (%)",
            "cla", _HEALTH, "children_percent", "percent", "higher", YEAR_TO_MARCH, decimals=0,
            where=(
                ("characteristic", "Health assessments: Children looked after all ages"),
                ("breakdown", "Had their annual health assessment"),
            ),
            count="children_count",
        ),
        DfeMeasure(
            "social_worker_turnover_percent",
            "Children and family social worker turnover rate (FTE, %)", "csww", _CSWW,
            ("turnover_rate_fte", "turnover_rate_fte_%"), "percent", "lower", YEAR_TO_SEPTEMBER,
            count=("leavers_fte", "leaver_fte"),
        ),
        DfeMeasure(
            "social_worker_vacancy_percent",
            "Children and family social worker vacancy rate (FTE, %)", "csww", _CSWW,
            ("vacancy_rate_fte", "vacancy_rate_fte_%"), "percent", "lower", AT_SEPTEMBER,
            count="vacancy_fte",
        ),
        DfeMeasure(
            "social_worker_agency_percent",
            "Agency children and family social workers (FTE, %)", "csww", _CSWW,
            ("agency_rate_fte", "agency_worker_rate_fte_%"), "percent", "lower", AT_SEPTEMBER,
            count="agency_fte",
        ),
        DfeMeasure(
            "social_worker_caseload",
            "Average caseload of children and family social workers (FTE)", "csww", _CSWW,
            "caseload_fte", "number", "lower", AT_SEPTEMBER, count="cases",
        ),
    )
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """One area's figure for one measure in one period, as published (or, for ``own``, as the
    board calculates it from published counts)."""

    measure: str
    area: dfe.Area
    period: Period
    value: float | None
    marker: Marker | None
    decimals: int
    own: bool = False
    count: float | None = None
    base: float | None = None


def read_figures(folder: Path, measure: DfeMeasure) -> list[PublishedFigure]:
    """Every area's figure for every year in the newest edition of the measure's file."""
    if measure.per_10k is not None:
        return [_own_rate(measure, rate) for rate in dfe_rates.read_rates(folder, measure.per_10k)]
    columns: dict[str, dfe.Columns] = {"value": measure.column}
    if measure.count is not None:
        columns["count"] = measure.count
    path = dfe_rates.find_file(folder, measure.prefix)
    records = dfe.read_records(path, columns, where=dict(measure.where))
    return [_published(measure, record) for record in records]


def period_of(measure: DfeMeasure, year: int) -> Period:
    """The reference month of DfE's reporting year ``year`` for this measure (2025: March 2025,
    or September 2025 for the workforce census)."""
    return Period(year, measure.cadence.month)


def _published(measure: DfeMeasure, record: dfe.Record) -> PublishedFigure:
    value, marker = split(record.values["value"])
    count = record.values.get("count")
    return PublishedFigure(
        measure.key,
        record.area,
        period_of(measure, record.year),
        value,
        marker,
        measure.decimals,
        count=count if isinstance(count, float) else None,
    )


def _own_rate(measure: DfeMeasure, rate: dfe_rates.Rate) -> PublishedFigure:
    value, marker = split(rate.value)
    if value is not None:
        value = dfe_rates.round_half_up(value, measure.decimals)
    return PublishedFigure(
        measure.key,
        rate.area,
        period_of(measure, rate.year),
        value,
        marker,
        measure.decimals,
        own=True,
        count=rate.numerator if isinstance(rate.numerator, float) else None,
        base=rate.denominator if isinstance(rate.denominator, float) else None,
    )


def split(value: dfe.Value | None) -> tuple[float | None, Marker | None]:
    """A DfE cell as the figure's value or its marker (a blank cell is ``x``, not available)."""
    if isinstance(value, float):
        return value, None
    if isinstance(value, dfe.Missing) and value.marker in ("c", "x", "z", "u", "k", "low", ":"):
        return None, Marker(value.marker)
    return None, Marker("x")


def units_fit(measure: DfeMeasure, unit: Unit) -> bool:
    """Whether a measure's figures can be compared with an indicator in ``unit``."""
    return measure.unit == unit or {measure.unit, unit} <= {"number", "count"}


def known(keys: Iterable[str]) -> list[str]:
    return [key for key in keys if key in MEASURES]
