"""Loading child-level records: read, check, pseudonymise, store, all or nothing.

The one entry point the CLI and the web upload call. By default nothing is stored unless every
file was read and every check passed; all problems are returned together, never raised. Asked to
keep problems (a working extract), the load stores the records without every child a problem
touches and keeps the problems with the upload (``kept``). The same files loaded twice with the
same options are recognised by their SHA-256 and add nothing; with other options they are
another upload, and the load says which upload had them before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa

from improvement_board.core.records.checks import check
from improvement_board.core.records.kept import Excluded, leave_out, untied
from improvement_board.core.records.problems import (
    RecordProblem,
    Where,
    problem_json,
    stored_problems,
    unique,
)
from improvement_board.core.records.pseudonymise import Pseudonymiser
from improvement_board.core.records.readers import READERS
from improvement_board.core.records.readers.base import Collection, FileReading
from improvement_board.core.records.schema import RECORD_KEYS, TABLES
from improvement_board.core.records.spec import load_spec
from improvement_board.core.records.store import (
    clean_stale,
    completed_uploads,
    file_sha256,
    read_manifest,
    stored_manifest,
    upload_folder,
    upload_id,
    write_upload,
)
from improvement_board.core.records.values import Value

DATASETS: tuple[str, ...] = tuple(READERS)
# The specs of each dataset (one per file format); an upload stores every table they fill.
DATASET_SPECS: dict[str, tuple[str, ...]] = {
    "cin-census": ("cin_census",),
    "ssda903": ("ssda903_csv", "ssda903_xml"),
    "annex-a": ("annex_a",),
    "workforce": ("workforce",),
    "plain": ("plain",),
}


@dataclass(frozen=True)
class Reading:
    """What a set of files holds, as rows still carrying the files' identifiers, and every
    problem found reading and checking them (for tests, dry runs and the load itself)."""

    dataset: str
    files: tuple[FileReading, ...]
    problems: tuple[RecordProblem, ...]

    def rows(self, table: str) -> list[dict[str, Value]]:
        """The rows of ``table`` across the files (the readers' own dicts: do not change them)."""
        return [row.values for f in self.files for row in f.rows.get(table, [])]

    def latest_rows(self, table: str) -> list[dict[str, Value]]:
        """The rows of ``table``, a record given by several files once: as the file with the
        latest period end gives it (the last such file given, on a tie), as later uploads
        restate earlier ones. A row missing part of its key is never merged with another."""
        ordered = sorted(self.files, key=lambda f: f.period_end or date.min)
        keys = RECORD_KEYS[table]
        latest: dict[object, dict[str, Value]] = {}
        for reading in ordered:
            for row in reading.rows.get(table, []):
                key = tuple(row.values.get(column) for column in keys)
                latest[key if None not in key else object()] = row.values
        return list(latest.values())

    def counts(self) -> dict[str, int]:
        tables = dataset_tables(self.dataset)
        return {table: sum(len(f.rows.get(table, [])) for f in self.files) for table in tables}

    def children(self) -> int:
        """Distinct children across every table (a child in two tables counts once)."""
        return len(
            {
                (row.values.get("council"), row.values.get("child_id"))
                for f in self.files
                for rows in f.rows.values()
                for row in rows
                if row.values.get("child_id") is not None
            }
        )

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(note for f in self.files for note in f.notes)

    @property
    def warnings(self) -> tuple[RecordProblem, ...]:
        return tuple(warning for f in self.files for warning in f.warnings)


@dataclass(frozen=True)
class LoadResult:
    """Rows per table, distinct children and problems; ``stored`` is the upload's folder when the
    records were written (or were already there), None after a dry run or a refusal.

    ``problems`` refused the load. ``kept`` are the problems of an upload stored with them
    (``keep_problems``), whose records ``excluded`` describes; ``warnings`` never refuse.
    """

    dataset: str
    upload: str
    rows: dict[str, int]
    children: int
    problems: tuple[RecordProblem, ...] = ()
    stored: Path | None = None
    already_loaded: bool = False
    notes: tuple[str, ...] = field(default=())
    warnings: tuple[RecordProblem, ...] = ()
    kept: tuple[RecordProblem, ...] = ()
    excluded: Excluded | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def dataset_tables(dataset: str) -> tuple[str, ...]:
    used = {table for name in DATASET_SPECS[dataset] for table in load_spec(name).tables()}
    return tuple(table for table in TABLES if table in used)


def read_dataset(
    dataset: str,
    paths: Sequence[Path],
    *,
    council: str | None = None,
    period_end: date | None = None,
    today: date | None = None,
) -> Reading:
    """Read and check ``paths`` as ``dataset``; never raises for anything in the files.

    ``council`` and ``period_end`` are what the caller knows (a file's own header wins where it
    states them); ``today`` bounds dates when no period is known (tests fix it).
    """
    _known(dataset)
    collection = Collection(council, period_end)
    files = tuple(READERS[dataset](Path(path), collection) for path in paths)
    problems = [problem for reading in files for problem in reading.problems]
    if not paths:
        problems.append(RecordProblem(Where("-"), "unrecognised-file", "no files were given"))
    problems += check(list(files), today or date.today())
    return Reading(dataset, files, tuple(unique(problems)))


def load_records(
    dataset: str,
    paths: Sequence[Path],
    *,
    store: Path,
    key: bytes,
    council: str | None = None,
    period_end: date | None = None,
    dry_run: bool = False,
    keep_problems: bool = False,
) -> LoadResult:
    """Read, check, pseudonymise and store ``paths``; problems are returned, never raised.

    Raises only for the caller's own mistakes: an unknown dataset, or a key shorter than 32 bytes.
    """
    _known(dataset)
    pseudonymiser = Pseudonymiser(key)
    hashes = _hashes(paths)
    options = load_options(council, period_end, keep_problems)
    upload = upload_id(dataset, hashes, options)
    manifest = stored_manifest(store, dataset, upload)
    if manifest is not None and len(hashes) == len(paths):
        return _already_loaded(dataset, upload, store, manifest)
    if not dry_run:
        clean_stale(store)
    reading = read_dataset(dataset, paths, council=council, period_end=period_end)
    earlier = tuple(_loaded_before(store, dataset, hashes, upload))
    result = LoadResult(
        dataset,
        upload,
        reading.counts(),
        reading.children(),
        reading.problems,
        notes=reading.notes + earlier,
        warnings=reading.warnings,
    )
    excluded = None
    if reading.problems and keep_problems and not untied(reading.files, reading.problems):
        files, excluded = leave_out(reading.files, reading.problems)
        reading = replace(reading, files=files)
        result = replace(
            result,
            rows=reading.counts(),
            children=reading.children(),
            problems=(),
            kept=result.problems,
            excluded=excluded,
        )
    if result.problems or dry_run:
        return result
    tables = build_tables(reading, pseudonymiser)
    manifest = _manifest(reading, upload, paths, hashes, options, result)
    folder = write_upload(store, dataset, upload, tables, manifest)
    merged = {t: reading.counts()[t] - tables[t].num_rows for t in tables}
    notes = result.notes + tuple(
        f"{table}: {count} record(s) given by more than one file stored once, as the latest "
        "file gives them"
        for table, count in merged.items()
        if count
    )
    return replace(result, stored=folder, notes=notes)


def load_options(council: str | None, period_end: date | None, keep: bool) -> dict[str, str]:
    """The options that make a load of the same files another upload."""
    return {
        "council": council or "",
        "period_end": period_end.isoformat() if period_end else "",
        "keep_problems": "yes" if keep else "",
    }


def build_tables(reading: Reading, pseudonymiser: Pseudonymiser) -> dict[str, pa.Table]:
    """The canonical tables, identifiers pseudonymised; only schema columns are ever taken."""
    tables = {}
    for table in dataset_tables(reading.dataset):
        schema = TABLES[table]
        rows = [
            {
                name: pseudonymiser.column(name, values.get("council"), values.get(name))
                for name in schema.names
            }
            for values in reading.latest_rows(table)
        ]
        tables[table] = pa.Table.from_pylist(rows, schema=schema)
    return tables


def _manifest(
    reading: Reading,
    upload: str,
    paths: Sequence[Path],
    hashes: list[str],
    options: dict[str, str],
    result: LoadResult,
) -> dict[str, object]:
    councils = sorted({str(r.get("council")) for t in reading.counts() for r in reading.rows(t)})
    ends = sorted({str(f.period_end) for f in reading.files if f.period_end is not None})
    return {
        "dataset": reading.dataset,
        "upload": upload,
        "files": [{"name": Path(p).name, "sha256": h} for p, h in zip(paths, hashes, strict=True)],
        "options": {name: value for name, value in options.items() if value},
        "councils": councils,
        "period_ends": ends,
        "rows": reading.counts(),
        "children": reading.children(),
        "problems": [problem_json(item) for item in result.kept],
        "excluded": result.excluded.as_json() if result.excluded else None,
        "warnings": [problem_json(item) for item in result.warnings],
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "format": 2,  # 2: pseudonyms are 64-bit integers (decision 7); 1: text
    }


def _already_loaded(
    dataset: str, upload: str, store: Path, manifest: dict[str, object]
) -> LoadResult:
    rows = manifest.get("rows")
    children = manifest.get("children")
    excluded = manifest.get("excluded")
    return LoadResult(
        dataset,
        upload,
        dict(rows) if isinstance(rows, dict) else {},
        children if isinstance(children, int) else 0,
        stored=upload_folder(store, dataset, upload),
        already_loaded=True,
        kept=stored_problems(manifest, "problems"),
        warnings=stored_problems(manifest, "warnings"),
        excluded=Excluded(**excluded) if isinstance(excluded, dict) else None,
    )


def _loaded_before(store: Path, dataset: str, hashes: list[str], upload: str) -> list[str]:
    """Uploads of the same files loaded with other options: both are kept, and said so."""
    found = []
    for folder in completed_uploads(store):
        manifest = read_manifest(folder)
        if manifest is None or folder.name == upload or manifest.get("dataset") != dataset:
            continue
        files = manifest.get("files") or []
        if sorted(str(f.get("sha256")) for f in files if isinstance(f, dict)) == sorted(hashes):
            given = manifest.get("options") or {}
            said = ", ".join(f"{k} {v}" for k, v in sorted(given.items())) or "no options"
            found.append(
                f"these files were loaded before with {said} (upload {folder.name[:12]}): "
                "that upload is kept; this load is another"
            )
    return found


def _hashes(paths: Sequence[Path]) -> list[str]:
    """The SHA-256 of each readable file (an unreadable one is reported by its reader)."""
    hashes = []
    for path in paths:
        try:
            hashes.append(file_sha256(Path(path)))
        except OSError:
            continue
    return hashes


def _known(dataset: str) -> None:
    if dataset not in READERS:
        raise ValueError(f"unknown dataset {dataset!r}: one of {', '.join(DATASETS)}")
