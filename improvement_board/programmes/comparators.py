"""Comparator figures in the store, and the benchmark of each indicator as a meeting could read it.

Figures come from DfE's published files (``board benchmarks dfe``) or from a plain comparator
file (any source); either way each is kept per indicator, area and period with its reference
and publication dates, a changed figure keeping its earlier version. The arithmetic (averages
the department's way, national rank and quartile band) is the core's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from improvement_board.audit import audited_save
from improvement_board.core import dfe_measures
from improvement_board.core.benchmarks import (
    ComparatorGroup,
    Comparison,
    GroupKind,
    comparison_of,
)
from improvement_board.core.benchmarks import Figure as CoreFigure
from improvement_board.core.comparator_file import ComparatorRow, read_comparator_file
from improvement_board.core.councils import ENGLAND, register
from improvement_board.core.dfe import Area
from improvement_board.core.markers import Marker, stored_marker
from improvement_board.core.periods import Cadence, Period
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.releases import Release, release, undated
from improvement_board.programmes.models import ComparatorValue, Indicator, Programme
from improvement_board.programmes.selectors import indicator_find

DFE_MEASURES = dfe_measures.MEASURES


@dataclass(frozen=True)
class Figure:
    """One comparator figure to store."""

    indicator: Indicator
    council: str
    council_name: str
    level: str
    region: str
    period: str
    value: float | None
    marker: str
    published: Release
    decimals: int = 1
    own: bool = False
    count: float | None = None
    measure: str = ""


@dataclass
class ComparatorsReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def comparators_load(*, programme: Programme, path: Path, user: Any = None) -> ComparatorsReport:
    """A plain comparator file (core/comparator_file.py), all or nothing."""
    rows = read_comparator_file(path)
    problems: list[Problem] = []
    figures: list[Figure] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        try:
            indicator = indicator_find(programme=programme, text=row.indicator)
        except LookupError as error:
            problems.append(Problem(str(path), row.line, "indicator", str(error)))
            continue
        figure = _from_row(indicator, row)
        key = (indicator.key, figure.council, figure.period)
        if key in seen:
            problems.append(_twice(path, row, seen[key], indicator, figure))
        seen[key] = row.line
        figures.append(figure)
    if problems:
        raise ProblemsFound(problems)
    return comparators_apply(figures=figures, source=path.name, user=user)


def _twice(
    path: Path, row: ComparatorRow, first: int, indicator: Indicator, figure: Figure
) -> Problem:
    return Problem(
        str(path),
        row.line,
        "indicator",
        f"gives {figure.council}'s {indicator} figure for {figure.period} a second time (first "
        f"in row {first}, as {row.indicator!r} here): keep one",
    )


def _from_row(indicator: Indicator, row: ComparatorRow) -> Figure:
    if row.reference_date is not None:
        period = Period.of(row.reference_date)
    else:  # the file reader gives a year wherever it gives no reference date
        month = indicator.reference_month if indicator.frequency != "monthly" else None
        period = Period(row.year or 0, month or 3)
    published = Release(row.published, True) if row.published else undated(period)
    level, region = _level(row.council_code)
    return Figure(
        indicator,
        _number(row.council_code),
        row.council_name,
        level,
        region,
        str(period),
        row.value,
        row.marker.stored if row.marker else "",
        published,
        decimals=indicator.decimals,
    )


def _level(code: str) -> tuple[str, str]:
    if code == ENGLAND:
        return "england", ""
    if code.startswith(("E12", "E13")):
        return "region", ""
    council = register().find(code)
    return "council", council.region if council is not None else ""


def comparators_from_dfe(
    *, programme: Programme, folder: Path, indicator: str, measure: str, user: Any = None
) -> ComparatorsReport:
    """Every council's, region's and England's figure of a DfE measure for every year in its
    file, with the year's release date; the measure's unit must fit the indicator's."""
    if measure not in DFE_MEASURES:
        known = ", ".join(DFE_MEASURES)
        raise ProblemsFound(
            [Problem("--measure", None, None, f"must be one of {known}; not {measure!r}")]
        )
    chosen = DFE_MEASURES[measure]
    target = indicator_find(programme=programme, text=indicator)
    if not dfe_measures.units_fit(chosen, target.unit):  # type: ignore[arg-type]
        raise ProblemsFound(
            [
                Problem(
                    "--measure",
                    None,
                    None,
                    f"{measure} is in {chosen.unit}, but {target} is in {target.unit}: a figure "
                    "in one unit cannot be compared with the other",
                )
            ]
        )
    figures = [
        _from_dfe(target, chosen, f)
        for f in dfe_measures.read_figures(folder, chosen)
        if f.area.level in {"Local authority", "Regional", "National"}
    ]
    source = f"DfE: {chosen.title} ({dfe_measures.DATASETS[chosen.dataset]})"
    report = comparators_apply(figures=figures, source=source, user=user)
    neighbours_resolve(programme=programme, folder=folder, user=user)
    return report


def _from_dfe(
    indicator: Indicator, measure: dfe_measures.DfeMeasure, figure: dfe_measures.PublishedFigure
) -> Figure:
    area: Area = figure.area
    level = {"Local authority": "council", "Regional": "region"}.get(area.level, "england")
    return Figure(
        indicator,
        area.key,
        area.name,
        level,
        area.region_code if level == "council" else "",
        str(figure.period),
        figure.value,
        figure.marker.stored if figure.marker else "",
        release(measure.dataset, figure.period.year),
        decimals=figure.decimals,
        own=figure.own,
        count=figure.count,
        measure=measure.key,
    )


_FIELDS = (
    "council_name", "level", "region", "value", "marker", "decimals", "own", "count", "measure",
)  # fmt: skip


@transaction.atomic
def comparators_apply(*, figures: list[Figure], source: str, user: Any) -> ComparatorsReport:
    """Store figures, all or none; a changed figure keeps its earlier version in history."""
    report = ComparatorsReport()
    indicators = {f.indicator.pk for f in figures}
    stored = {
        (row.indicator_id, row.council, row.period): row
        for row in ComparatorValue.objects.filter(indicator_id__in=indicators)
    }
    new: list[ComparatorValue] = []
    for figure in figures:
        row = stored.get((figure.indicator.pk, figure.council, figure.period))
        values = _values(figure)
        if row is None:
            new.append(ComparatorValue(indicator=figure.indicator, source=source, **values))
            continue
        if all(getattr(row, name) == value for name, value in values.items()):
            report.unchanged += 1
            continue
        for name, value in values.items():
            setattr(row, name, value)
        row.source = source
        audited_save(row, user=user, reason=f"restated by {source}")
        report.changed += 1
    if new:
        bulk_create_with_history(
            new,
            ComparatorValue,
            batch_size=500,
            default_user=user,
            default_change_reason=f"from {source}",
        )
    report.new = len(new)
    return report


def _values(figure: Figure) -> dict[str, Any]:
    values = {name: getattr(figure, name) for name in _FIELDS}
    values.update(
        council=figure.council,
        period=figure.period,
        published=figure.published.day,
        published_known=figure.published.known,
    )
    return values


def neighbours_resolve(*, programme: Programme, folder: Path, user: Any = None) -> list[str]:
    """For a group given by DfE's model, the council's closest neighbours from the model's file
    in ``folder``; kept on the programme so every pack reads the same group."""
    from improvement_board.core.benchmarks import neighbour_group
    from improvement_board.core.dfe import read_neighbours
    from improvement_board.core.dfe_rates import find_file

    spec = programme.comparators or {}
    model = spec.get("model")
    if not model:
        return list(spec.get("members") or [])
    prefix = {"dfe-2021": "New_Statistical_Neighbour_Groupings", "dfe-2025": "sn_model_2025"}
    path = find_file(folder, prefix[model])
    group = neighbour_group(
        read_neighbours(path), spec["council"], size=spec.get("size", 10), label=model
    )
    resolved = {"model": model, "members": list(group.members), "source": path.name}
    if programme.neighbours != resolved:
        programme.neighbours = resolved
        audited_save(programme, user=user, reason=f"neighbours from {path.name}")
    return list(group.members)


def comparator_group_set(
    *, programme: Programme, council: str, members: list[str], label: str, synthetic: bool = False
) -> Programme:
    """Set who the council is compared with, as the programme file's ``comparators`` would."""
    from improvement_board.core.programme import Comparators

    group = Comparators(council=council, members=members, label=label, synthetic=synthetic)
    programme.comparators = group.model_dump(mode="json", exclude_none=True)
    audited_save(programme, user=None, reason=f"comparator group set: {label}")
    return programme


def core_figures(rows: Iterable[ComparatorValue]) -> list[CoreFigure]:
    """Stored rows as the core's figures."""
    return [
        CoreFigure(
            area=row.council,
            name=row.council_name,
            level=row.level,  # type: ignore[arg-type]
            period=Period.parse(row.period),
            value=row.value,
            marker=_marker(row.marker),
            region=row.region,
            published=row.published,
            published_known=row.published_known,
            own=row.own,
            decimals=row.decimals,
            count=row.count,
        )
        for row in rows
    ]


def _marker(text: str) -> Marker | None:
    return stored_marker(text) if text else None


def release_of(rows: Iterable[ComparatorValue], period: str) -> Release | None:
    """The publication of a period's figures (they share one release)."""
    found = next((r for r in rows if r.period == period and r.published), None)
    if found is None or found.published is None:
        return None
    return Release(found.published, found.published_known)


def benchmarks_for(*, programme: Programme, as_of: date) -> dict[str, Comparison]:
    """Each indicator with comparator figures, benchmarked at the latest period published by
    ``as_of`` (a meeting's date), with the years before it; one query for every indicator."""
    spec = programme.comparators or {}
    council = spec.get("council") or _number(programme.council_code)
    if not council:
        return {}
    members = [
        _number(m) for m in spec.get("members") or (programme.neighbours or {}).get("members") or []
    ]
    council = _number(council)
    kind: GroupKind = "statistical_neighbours" if spec.get("model") else "named"
    label = _group_label(spec) if spec else "No comparator group"
    group = ComparatorGroup(label, kind, tuple(members))
    rows: dict[int, list[ComparatorValue]] = {}
    for row in ComparatorValue.objects.filter(indicator__programme=programme):
        rows.setdefault(row.indicator_id, []).append(row)
    found: dict[str, Comparison] = {}
    for indicator in programme.indicators.all():
        mine = rows.get(indicator.pk)
        if not mine:
            continue
        result = comparison_of(
            council=council,
            figures=core_figures(mine),
            group=group,
            as_of=as_of,
            **_reading(indicator, mine),
        )
        if result is not None:
            found[indicator.key] = result
    return found


def comparison_get(*, programme: Programme, text: str, as_of: date) -> Comparison | None:
    """One indicator's benchmark as a meeting on ``as_of`` could read it."""
    indicator = indicator_find(programme=programme, text=text)
    return benchmarks_for(programme=programme, as_of=as_of).get(indicator.key)


def _number(code: str) -> str:
    """A council's DfE number, from either of its codes: every figure and group is keyed so, as
    DfE's own files and neighbour models are."""
    council = register().find(code) if code else None
    return council.number if council is not None else code


def _group_label(spec: dict[str, Any]) -> str:
    from improvement_board.core.programme import Comparators

    return Comparators.model_validate(spec).name


def _reading(indicator: Indicator, rows: list[ComparatorValue]) -> dict[str, Any]:
    """How the indicator's comparators are read: a DfE measure's own polarity, cadence and
    source; otherwise the indicator's, dated as its comparator file dates them."""
    measure = DFE_MEASURES.get(next((r.measure for r in rows if r.measure), ""))
    if measure is not None:
        return {
            "polarity": measure.polarity,
            "cadence": measure.cadence,
            "source": measure.source,
            "title": measure.title,
            "unit": measure.unit,
        }
    core = Cadence(indicator.frequency, indicator.reference_month or 3, indicator.reference)  # type: ignore[arg-type]
    cadence = core if indicator.frequency != "monthly" else dfe_measures.YEAR_TO_MARCH
    sources = sorted({r.source for r in rows})
    return {
        "polarity": indicator.polarity,
        "cadence": cadence,
        "source": f"comparator file{'s' if len(sources) > 1 else ''} {', '.join(sources)}",
        "title": str(indicator),
        "unit": indicator.unit,
    }
