"""Child-level records: loading them (pseudonymised, as Parquet outside the database) and turning
them into the programme's monthly measurements. Only the measurements enter the database."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import MeasureEngine, find_upload_dirs
from improvement_board.core.records.load import LoadResult, load_records
from improvement_board.programmes.measurements import Figure, MeasurementsReport, measurements_apply
from improvement_board.programmes.models import Programme

SOURCE = "computed from child-level records"


def records_folder() -> Path:
    """Where pseudonymised records live: inside BOARD_HOME, never served, never in the database."""
    return Path(settings.BOARD_HOME) / "records"


def records_load(
    *,
    dataset: str,
    paths: list[Path],
    council: str | None = None,
    period_end: date | None = None,
    dry_run: bool = False,
) -> LoadResult:
    """Read, check, pseudonymise and store one upload, all or nothing; problems are returned."""
    return load_records(
        dataset,
        paths,
        store=records_folder(),
        key=settings.PSEUDONYM_KEY.encode("utf-8"),
        council=council,
        period_end=period_end,
        dry_run=dry_run,
    )


@dataclass
class ComputeReport:
    stored: MeasurementsReport
    measures: list[str] = field(default_factory=list)
    without_records: list[str] = field(default_factory=list)


def records_compute(
    *,
    programme: Programme,
    user: Any = None,
    population: dict[tuple[str, int], int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> ComputeReport:
    """Compute every indicator that names a measure, for every month of the programme, and store
    the figures with their counts (a changed figure becomes a restatement, reason given)."""
    council = programme.council_code or programme.key
    indicators = {i.measure: i for i in programme.indicators.exclude(measure="")}
    periods = [Period.from_index(i) for i in _indexes(programme)]
    people = population or {(council, int(y)): n for y, n in programme.population.items()}
    uploads = find_upload_dirs(records_folder()) if records_folder().exists() else []
    computed: list[str] = []
    missing: list[str] = []
    figures: list[Figure] = []
    with ExitStack() as stack:
        engine = (
            stack.enter_context(MeasureEngine(uploads, councils={council})) if uploads else None
        )
        for measure, indicator in indicators.items():
            if progress:
                progress(measure)
            results = (
                engine.compute(periods=periods, population=people, measures=[measure])
                if engine
                else []
            )
            mine = [r for r in results if r.council == council]
            (computed if mine else missing).append(measure)
            figures += [
                Figure(indicator.key, str(r.period), r.value, r.numerator, r.denominator)
                for r in mine
            ]
    stored = measurements_apply(
        programme=programme,
        figures=figures,
        places=[("records", None)] * len(figures),
        source=SOURCE,
        user=user,
        reason="recomputed from the child-level records loaded",
    )
    return ComputeReport(stored, computed, missing)


def _indexes(programme: Programme) -> range:
    first = Period.parse(programme.first_period)
    last = Period.parse(programme.last_period)
    return range(first.index, last.index + 1)
