"""Comparator figures in the store, and the benchmark of each indicator against its group.

Figures come from a plain comparator file (any source) or are computed from DfE's published
statistics; either way they are kept per indicator, council and year, a changed figure keeping its
earlier version. The arithmetic (mean, median, rank, quartile by polarity) is the core's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from improvement_board.audit import audited_save
from improvement_board.core import dfe, dfe_rates
from improvement_board.core.benchmarks import Benchmark, benchmark, named_group
from improvement_board.core.periods import Period
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.programmes.models import ComparatorValue, Indicator, Programme
from improvement_board.programmes.selectors import indicator_find

ENGLAND = "E92000001"

DFE_MEASURES: dict[str, Callable[[Path], list[dfe_rates.Rate]]] = {
    "referrals_per_10k": dfe_rates.referrals_per_10k,
    "children_in_need_per_10k": dfe_rates.children_in_need_per_10k,
    "protection_plans_per_10k": dfe_rates.protection_plans_per_10k,
    "looked_after_per_10k": dfe_rates.looked_after_per_10k,
}


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    council: str
    council_name: str
    year: int
    value: float | None
    marker: str


@dataclass
class ComparatorsReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def comparators_load(*, programme: Programme, path: Path, user: Any = None) -> ComparatorsReport:
    """A plain comparator file (see core.dfe.read_comparators), all or nothing."""
    rows = dfe.read_comparators(path)
    problems: list[Problem] = []
    figures: list[Figure] = []
    for row in rows:
        try:
            indicator = indicator_find(programme=programme, text=row.indicator)
        except LookupError as error:
            problems.append(Problem(str(path), None, "indicator", str(error)))
            continue
        value, marker = _split(row.value)
        figures.append(
            Figure(indicator, row.council_code, row.council_name, row.year, value, marker)
        )
    if problems:
        raise ProblemsFound(problems)
    return comparators_apply(figures=figures, source=path.name, user=user)


def comparators_from_dfe(
    *, programme: Programme, folder: Path, indicator: str, measure: str, user: Any = None
) -> ComparatorsReport:
    """Every council's and England's rate for every year, computed from DfE's published counts."""
    if measure not in DFE_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(DFE_MEASURES)}, not {measure!r}")
    target = indicator_find(programme=programme, text=indicator)
    figures = [
        Figure(target, rate.area.key, rate.area.name, rate.year, *_split(rate.value))
        for rate in DFE_MEASURES[measure](folder)
        if rate.area.level in {"Local authority", "National"}
    ]
    return comparators_apply(figures=figures, source=f"DfE published counts: {measure}", user=user)


def _split(value: dfe.Value | None) -> tuple[float | None, str]:
    if isinstance(value, float):
        return value, ""
    return None, value.marker if isinstance(value, dfe.Missing) else ""


@transaction.atomic
def comparators_apply(*, figures: list[Figure], source: str, user: Any) -> ComparatorsReport:
    report = ComparatorsReport()
    for figure in figures:
        row = ComparatorValue.objects.filter(
            indicator=figure.indicator, council=figure.council, year=figure.year
        ).first()
        if row is not None and (row.value, row.marker) == (figure.value, figure.marker):
            report.unchanged += 1
            continue
        if row is None:
            report.new += 1
            row = ComparatorValue(
                indicator=figure.indicator, council=figure.council, year=figure.year
            )
        else:
            report.changed += 1
        row.council_name, row.value, row.marker = figure.council_name, figure.value, figure.marker
        row.source = source
        audited_save(row, user=user, reason=f"from {source}")
    return report


def reporting_year(period: Period) -> int:
    """The year a financial year ends, as DfE numbers years: October 2006 is in 2007 (2006-07)."""
    return period.year + 1 if period.month >= 4 else period.year


def benchmarks_for(*, programme: Programme, period: Period) -> dict[str, Benchmark]:
    """Each indicator with comparator figures, benchmarked in the latest year up to ``period``'s."""
    group_spec = programme.comparators
    if not group_spec:
        return {}
    group = named_group(group_spec.get("label") or "Comparator councils", group_spec["members"])
    council = group_spec["council"]
    found: dict[str, Benchmark] = {}
    for indicator in programme.indicators.all():
        rows = list(indicator.comparators.filter(year__lte=reporting_year(period)))
        if not rows:
            continue
        year = max(r.year for r in rows)
        values = {r.council: r.value for r in rows if r.year == year}
        found[indicator.key] = benchmark(
            council,
            year,
            group,
            values,
            polarity=indicator.polarity,  # type: ignore[arg-type]
            england=values.get(ENGLAND),
        )
    return found


def comparator_group_set(
    *, programme: Programme, council: str, members: list[str], label: str, synthetic: bool = False
) -> Programme:
    """Set who the council is compared with, as the programme file's ``comparators`` would."""
    from improvement_board.core.programme import Comparators

    group = Comparators(council=council, members=members, label=label, synthetic=synthetic)
    programme.comparators = group.model_dump(mode="json")
    audited_save(programme, user=None, reason=f"comparator group set: {label}")
    return programme
