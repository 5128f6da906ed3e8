"""Child-level records: loading them (pseudonymised, as Parquet outside the database) and turning
them into the programme's monthly measurements. Only the measurements enter the database."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import find_upload_dirs, open_engine, order_uploads
from improvement_board.core.records.load import LoadResult, load_records
from improvement_board.core.records.measures import MEASURES
from improvement_board.core.records.problems import RecordProblem, stored_problems
from improvement_board.core.records.store import (
    completed_uploads,
    published,
    read_manifest,
    uploads_named,
)
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
    keep_problems: bool = False,
) -> LoadResult:
    """Read, check, pseudonymise and store one upload, all or nothing; problems are returned.

    ``keep_problems`` stores a working extract with its problems recorded: the records of every
    child a problem touches are left out, and the problems kept with the upload (decision 8).
    """
    return load_records(
        dataset,
        paths,
        store=records_folder(),
        key=settings.PSEUDONYM_KEY.encode("utf-8"),
        council=council,
        period_end=period_end,
        dry_run=dry_run,
        keep_problems=keep_problems,
    )


@dataclass(frozen=True)
class Upload:
    """One stored upload as its manifest describes it (never a record of it)."""

    id: str
    dataset: str
    files: list[str]
    options: dict[str, str]
    rows: dict[str, int]
    loaded_at: str
    problems: tuple[RecordProblem, ...]
    warnings: tuple[RecordProblem, ...]
    excluded: dict[str, Any] | None


def records_uploads() -> list[Upload]:
    """Every upload in the store, oldest first."""
    return [_upload(folder) for folder in order_uploads(completed_uploads(records_folder()))]


def records_upload(*, upload: str) -> Upload:
    """The upload whose id starts with ``upload``; a clear error when none or several do."""
    found = uploads_named(records_folder(), upload)
    if len(found) != 1:
        known = ", ".join(folder.name[:12] for folder in completed_uploads(records_folder()))
        why = "no upload" if not found else f"{len(found)} uploads"
        raise ValueError(f"{why} with an id starting {upload!r} (uploads: {known or 'none'})")
    return _upload(found[0])


def _upload(folder: Path) -> Upload:
    manifest = read_manifest(folder) or {}
    files = [str(f.get("name")) for f in manifest.get("files") or [] if isinstance(f, dict)]
    excluded = manifest.get("excluded")
    return Upload(
        id=folder.name,
        dataset=str(manifest.get("dataset", folder.parent.name)),
        files=files,
        options=dict(manifest.get("options") or {}),
        rows=dict(manifest.get("rows") or {}),
        loaded_at=str(manifest.get("loaded_at", "")),
        problems=stored_problems(manifest, "problems"),
        warnings=stored_problems(manifest, "warnings"),
        excluded=excluded if isinstance(excluded, dict) else None,
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
    engine: str = "duckdb",
) -> ComputeReport:
    """Compute every indicator that names a measure, for every month of the programme, and store
    the figures with their counts (a changed figure becomes a restatement, reason given).
    ``engine`` is ``duckdb`` or ``spark`` (``records.compute.ENGINES``): the same figures."""
    council = programme.council_code or programme.key
    indicators = {i.measure: i for i in programme.indicators.exclude(measure="")}
    periods = [Period.from_index(i) for i in _indexes(programme)]
    people = population or {(council, int(y)): n for y, n in programme.population.items()}
    root = records_folder()
    uploads = [f for f in find_upload_dirs(root) if published(f)] if root.exists() else []
    left_out = [_upload(folder) for folder in uploads]
    computed: list[str] = []
    missing: list[str] = []
    figures: list[Figure] = []
    with ExitStack() as stack:
        computing = (
            stack.enter_context(closing(open_engine(engine, uploads, councils={council})))
            if uploads
            else None
        )
        for measure, indicator in indicators.items():
            if progress:
                progress(measure)
            results = (
                computing.compute(periods=periods, population=people, measures=[measure])
                if computing
                else []
            )
            mine = [r for r in results if r.council == council]
            (computed if mine else missing).append(measure)
            note = _left_out_note(left_out, council, measure)
            figures += [
                Figure(indicator.key, str(r.period), r.value, r.numerator, r.denominator, note)
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


def _left_out_note(uploads: list[Upload], council: str, measure: str) -> str:
    """How many children (or workers) with problems were left out of the records a measure
    reads for the council: shown beside each figure computed from them."""
    tables = set(MEASURES[measure].tables)
    said = []
    for upload in uploads:
        entry = ((upload.excluded or {}).get("councils") or {}).get(council)
        if not isinstance(entry, dict) or not tables & set(entry.get("tables") or []):
            continue
        counts = [
            f"{entry[kind]} {one if entry[kind] == 1 else many}"
            for kind, one, many in (
                ("children", "child's", "children's"),
                ("workers", "worker's", "workers'"),
            )
            if entry.get(kind)
        ]
        counts = counts or ["some"]
        said.append(
            f"{' and '.join(counts)} records with problems left out of upload {upload.id[:12]} "
            f"(board records problems {upload.id[:12]})"
        )
    return "; ".join(said)


def _indexes(programme: Programme) -> range:
    first = Period.parse(programme.first_period)
    last = Period.parse(programme.last_period)
    return range(first.index, last.index + 1)
