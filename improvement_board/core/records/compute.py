"""Compute the registered measures over stored Parquet records with DuckDB.

Records arrive as upload folders, each holding ``<table>.parquet`` files in the canonical schemas.
A table found in several folders is read as one; where two uploads hold the same row (by the
table's key, such as a referral's id), the later folder wins, so a later return restates an
earlier one. Folders are in the order given (oldest first), or found under a root folder and
ordered by their manifests (``find_upload_dirs``).

Population is a plain mapping ``(council, year) -> children aged 0–17`` (``read_population``
reads the ONS mid-year file by new and old council codes; ``core.dfe.read_population`` gives
one by old code). A period uses the latest estimate for a 30 June on or before its
last day, falling back to the latest earlier year available.

Identifiers are stored as 64-bit pseudonyms made with their council (decisions 6 and 7), so
joins and windows compare integers; measures also see council codes as 64-bit hashes, so no
join, window or group compares strings. Council codes are named again in the results (two codes
sharing a hash is refused). Uploads stored before pseudonyms were integers hold them as text;
each is read as a 64-bit hash of itself with its council, which keeps those uploads' records
joined among themselves, but cannot join them to a child's records stored since, so records
stored both ways are refused together.
Tables stay views over the Parquet, so each query decodes only the columns it reads; work
several measures share is done once, in shared steps built before them. (Holding whole tables
in memory for the run was tried, and was slower once the steps shared the heavy joins.)
"""

from __future__ import annotations

import bisect
import csv
import json
import os
import re
import shutil
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Protocol

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from improvement_board.core.periods import Period
from improvement_board.core.records.measures import MEASURES, Measure, steps_for
from improvement_board.core.records.measures.registry import figure
from improvement_board.core.records.pseudonymise import IDENTIFIER_COLUMNS
from improvement_board.core.records.schema import RECORD_KEYS, TABLES
from improvement_board.core.workingdays import register_calendar

Population = Mapping[tuple[str, int], object]
"""Children aged 0–17 by (council, mid-year); a value that is not a number (such as a
suppressed cell from ``core.dfe.read_population``) counts as unknown."""

_CHILDREN_AGED = "Children aged 0 to 17 years"
_WORD = re.compile(r"[a-z_][a-z0-9_]*")
_INT64_MAX = 2**63 - 1
_SQL_TYPES = {
    "string": "VARCHAR",
    "date32[day]": "DATE",
    "bool": "BOOLEAN",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "double": "DOUBLE",
}


class MeasureResult(NamedTuple):
    """One measure for one council and month, with the counts its value comes from.

    A named tuple rather than a dataclass: a national run makes a hundred thousand of them,
    and a tuple is made in a third of the time.
    """

    measure: str
    council: str
    period: Period
    numerator: float
    denominator: float | None
    value: float | None


def find_upload_dirs(root: Path) -> list[Path]:
    """Every folder under root (root included) holding a canonical table, oldest first; never a
    hidden folder or one inside one (a records store stages uploads in ``.staging``).

    The records store names an upload folder by a hash, so order comes from its manifest:
    the latest period the upload covers, then when it was loaded; folders without a manifest
    come by path. ``order_uploads`` orders a store's published uploads the same way.
    """
    names = {f"{table}.parquet" for table in TABLES}
    found = {
        path.parent
        for path in root.rglob("*.parquet")
        if path.name in names
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    }
    return order_uploads(found)


def order_uploads(folders: Iterable[Path]) -> list[Path]:
    """Oldest first: by the latest period each covers, then when it was loaded, then path."""
    return sorted(folders, key=_upload_order)


def _upload_order(folder: Path) -> tuple[str, str, str]:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", "", str(folder)
    ends = [str(end) for end in manifest.get("period_ends") or []]
    return max(ends, default=""), str(manifest.get("loaded_at") or ""), str(folder)


def population_year(period: Period) -> int:
    """The mid-year (30 June) estimate in force on the period's last day."""
    return period.year if period.month >= 6 else period.year - 1


def read_population(path: Path) -> dict[tuple[str, int], int]:
    """Read the ONS mid-year file (DfE layout): local authorities' 0–17 population by year.

    Both the new code (E06000047) and the old three-digit code (840) are keys; suppressed or
    missing figures ("x", "") are left out.
    """
    population: dict[tuple[str, int], int] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["geographic_level"] != "Local authority" or row["age_group"] != _CHILDREN_AGED:
                continue
            if not row["population_estimate"].isdigit():
                continue
            for code in (row["new_la_code"], row["old_la_code"]):
                if code:
                    population[(code, int(row["time_period"]))] = int(row["population_estimate"])
    return population


def periods_table(periods: Iterable[Period]) -> pa.Table:
    ordered = sorted(set(periods))
    return pa.table(
        {
            "period": pa.array([str(p) for p in ordered], pa.string()),
            "position": pa.array(range(len(ordered)), pa.int32()),
            "month_index": pa.array([p.index for p in ordered], pa.int32()),
            "month_start": pa.array([p.first_day for p in ordered], pa.date32()),
            "month_end": pa.array([p.last_day for p in ordered], pa.date32()),
            "year_start": pa.array([p.shift(-11).first_day for p in ordered], pa.date32()),
            "population_year": pa.array([population_year(p) for p in ordered], pa.int32()),
        }
    )


def population_table(population: Population, years: Collection[int]) -> pa.Table:
    """For each council and year asked for: that year's figure, or the latest before it."""
    by_council: dict[str, list[tuple[int, int]]] = {}
    for (council, year), count in population.items():
        if isinstance(count, int | float) and not isinstance(count, bool):
            by_council.setdefault(council, []).append((year, round(count)))
    rows: list[tuple[str, int, int]] = []
    for council, known in by_council.items():
        known.sort()
        for year in years:
            at = bisect.bisect_right(known, (year, float("inf")))
            if at:
                rows.append((council, year, known[at - 1][1]))
    councils, wanted, counts = zip(*rows, strict=True) if rows else ((), (), ())
    return pa.table(
        {
            "council": pa.array(councils, pa.string()),
            "year": pa.array(wanted, pa.int32()),
            "population": pa.array(counts, pa.int64()),
        }
    )


class PseudonymKinds:
    """Which way the files read so far hold identifiers: records stored with text pseudonyms
    (before decision 7) cannot be computed with records stored since, whatever the engine."""

    def __init__(self) -> None:
        self._first: dict[bool, object] = {}  # the first file with text (True) or integers

    def check(self, text: bool, path: object) -> None:
        """Remember the file's kind, or refuse it beside a file of the other kind."""
        other = self._first.get(not text)
        if other is not None:
            old, new = (path, other) if text else (other, path)
            raise ValueError(
                f"records stored with text pseudonyms ({_folder(old)}) cannot be computed with "
                f"records stored since pseudonyms became integers ({_folder(new)}): one child's "
                "records would not join up. Load the older upload's files again, then remove "
                "its folder."
            )
        self._first.setdefault(text, path)


def _folder(path: object) -> str:
    """The upload folder of a file, given as a path or as a URI."""
    return str(path.parent) if isinstance(path, Path) else str(path).rsplit("/", 1)[0]


@contextmanager
def timed(profile: dict[str, float], label: str) -> Iterator[None]:
    """Add the seconds the block takes to the profile's entry for label."""
    started = time.perf_counter()
    try:
        yield
    finally:
        profile[label] = profile.get(label, 0.0) + time.perf_counter() - started


def tidy(count: float) -> float:
    """Counts stay whole numbers; sums of FTE lose their floating-point dust (6 places)."""
    return round(count, 6) if isinstance(count, float) else count


class MeasureEngine:
    """A DuckDB connection with the records, ready to compute any registered measure."""

    def __init__(
        self,
        upload_dirs: Sequence[Path],
        *,
        councils: Collection[str] | None = None,
        memory_limit: str = "4GB",
        threads: int | None = None,
    ) -> None:
        config: dict[str, str | bool | int | float | list[str]] = {
            "memory_limit": memory_limit,
            "preserve_insertion_order": False,
        }
        if threads:
            config["threads"] = threads
        self.con = duckdb.connect(config=config)
        self._named: set[str] = set()
        self._councils: dict[int, str] = {}
        self._kinds = PseudonymKinds()
        self.profile: dict[str, float] = {}
        started = time.perf_counter()
        self._where = ""
        self._load(list(upload_dirs), councils)
        self.profile["read: views over the Parquet"] = time.perf_counter() - started

    def __enter__(self) -> MeasureEngine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _load(self, upload_dirs: list[Path], councils: Collection[str] | None) -> None:
        if councils is not None:
            self.con.register("wanted_councils", pa.table({"council": sorted(councils)}))
            self._where = " WHERE council IN (SELECT council FROM wanted_councils)"
        for table, schema in TABLES.items():
            files = [
                d / f"{table}.parquet" for d in upload_dirs if (d / f"{table}.parquet").is_file()
            ]
            self._load_table(table, schema, files)

    def _load_table(self, table: str, schema: pa.Schema, files: list[Path]) -> None:
        columns = ", ".join(schema.names)
        if not files:
            self.con.register(f"raw_{table}", schema.empty_table())
        else:
            parts = [self._file_view(table, schema, path, n) for n, path in enumerate(files)]
            union = " UNION ALL ".join(f"SELECT * FROM {part}" for part in parts)
            latest = (
                f" QUALIFY row_number() OVER (PARTITION BY {', '.join(RECORD_KEYS[table])} "
                "ORDER BY upload DESC) = 1"
                if len(parts) > 1
                else ""
            )
            self.con.execute(
                f"CREATE OR REPLACE TEMP VIEW raw_{table} AS "
                f"SELECT {columns} FROM ({union}){latest}"
            )
        keyed = ", ".join(_keyed_column(name) for name in schema.names)
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT {keyed} FROM raw_{table}{self._where}"
        )

    def _file_view(self, table: str, schema: pa.Schema, path: Path, upload: int) -> str:
        """One upload's file as a view in the canonical columns, numbered by upload.

        Stored files never change, so one written before a column was added to the schema
        lacks it: the column reads as null. One written before pseudonyms were integers holds
        them as text: each is read as a 64-bit hash of itself with its council.
        """
        stored = pq.read_schema(path)
        columns = []
        for name in schema.names:
            if name not in stored.names:
                sql_type = _SQL_TYPES[str(schema.field(name).type)]
                columns.append(f"CAST(NULL AS {sql_type}) AS {name}")
            elif name in IDENTIFIER_COLUMNS:
                columns.append(self._identifier(name, stored.field(name).type, path))
            else:
                columns.append(name)
        view = f"file_{table}_{upload}"
        relation = self.con.read_parquet(str(path)).select(
            ", ".join(columns) + f", {upload} AS upload"
        )
        relation.create_view(view)
        return view

    def _identifier(self, name: str, stored: pa.DataType, path: Path) -> str:
        """An identifier column as the integer pseudonym; text ones (stored before decision 7)
        hashed with their council, and never mixed with integer ones."""
        text = pa.types.is_string(stored) or pa.types.is_large_string(stored)
        self._kinds.check(text, path)
        if not text:
            return name
        return (
            f"CASE WHEN {name} IS NULL THEN NULL "
            f"ELSE CAST(hash(council, {name}) & {_INT64_MAX} AS BIGINT) END AS {name}"
        )

    def compute(
        self,
        *,
        periods: Sequence[Period],
        population: Population,
        measures: Sequence[str] | None = None,
    ) -> list[MeasureResult]:
        """Every requested measure (all by default) for every council with records, per period."""
        unknown = sorted(set(measures or ()) - set(MEASURES))
        if unknown:
            raise ValueError(f"no such measure: {', '.join(unknown)} (see records.measures)")
        chosen = [MEASURES[name] for name in (measures or list(MEASURES))]
        if not periods:
            return []
        self._prepare(periods, population, chosen)
        named = {str(period): period for period in periods}
        results: list[MeasureResult] = []
        for measure in chosen:
            with timed(self.profile, f"measure {measure.name}"):
                results.extend(self._run(measure, named))
        return results

    def _prepare(
        self, periods: Sequence[Period], population: Population, chosen: list[Measure]
    ) -> None:
        with timed(self.profile, "periods, population, calendar, council codes"):
            self._register(periods, population, chosen)
        for step in steps_for(chosen):
            with timed(self.profile, f"step {step.name}"):
                self.con.execute(f"CREATE OR REPLACE TEMP TABLE {step.name} AS {step.sql}")

    def _register(
        self, periods: Sequence[Period], population: Population, chosen: list[Measure]
    ) -> None:
        frame = periods_table(periods)
        self.con.register("periods", frame)
        years = set(frame.column("population_year").to_pylist())
        self.con.register("population_given", population_table(population, years))
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE population AS "
            "SELECT hash(council) AS council, year, population FROM population_given"
        )
        first, last = min(periods), max(periods)
        register_calendar(self.con, first.year - 5, last.year + 1)
        steps = steps_for(chosen)
        for table in _tables_read([m.sql for m in chosen] + [s.sql for s in steps]):
            self._name_councils(table)
        keys, codes = zip(*self._councils.items(), strict=True) if self._councils else ((), ())
        self.con.register(
            "council_codes",
            pa.table(
                {"council": pa.array(keys, pa.uint64()), "code": pa.array(codes, pa.string())}
            ),
        )

    def _name_councils(self, table: str) -> None:
        """Remember the code behind each council hash in a table, to name councils in results.

        With the councils given, those are all the codes there can be.
        """
        if table in self._named or "*" in self._named:
            return
        source = "wanted_councils" if self._where else f"raw_{table}"
        found = self.con.execute(
            f"SELECT hash(council), council FROM (SELECT DISTINCT council FROM {source})"
        )
        for key, code in found.fetchall():
            if self._councils.setdefault(key, code) != code:
                raise RuntimeError(f"council codes {code} and {self._councils[key]} share a hash")
        self._named.add("*" if self._where else table)

    def _run(self, measure: Measure, periods: Mapping[str, Period]) -> list[MeasureResult]:
        """The measure's rows, councils named and in order (by code, then period)."""
        named = f"""
            SELECT k.code, m.period, m.numerator, m.denominator
            FROM ({measure.sql}) AS m
            JOIN council_codes AS k ON k.council = m.council
            ORDER BY k.code, m.period"""
        rows = self.con.execute(named, dict(measure.params)).fetchall()
        name, scale = measure.name, measure.scale
        return [
            MeasureResult(
                name,
                code,
                periods[period],
                tidy(numerator),
                None if denominator is None else tidy(denominator),
                figure(numerator, denominator, scale),
            )
            for code, period, numerator, denominator in rows
        ]


def _tables_read(queries: Sequence[str]) -> set[str]:
    """Each table the queries name (perhaps more than they read: a word is enough)."""
    words = set(_WORD.findall(" ".join(queries).lower()))
    return {table for table in TABLES if table in words}


def _keyed_column(name: str) -> str:
    """The council as a 64-bit hash; every other column (identifiers are already integer
    pseudonyms) as stored."""
    return "hash(council) AS council" if name == "council" else name


def compute_measures(
    sources: Path | Sequence[Path],
    *,
    periods: Sequence[Period],
    population: Population,
    measures: Sequence[str] | None = None,
    councils: Collection[str] | None = None,
) -> list[MeasureResult]:
    """Compute measures from a root folder of uploads, or from upload folders oldest first."""
    dirs = find_upload_dirs(sources) if isinstance(sources, Path) else list(sources)
    with MeasureEngine(dirs, councils=councils) as engine:
        return engine.compute(periods=periods, population=population, measures=measures)


ENGINES = ("duckdb", "spark")


class Engine(Protocol):
    """What computing measures asks of an engine (``MeasureEngine``, ``spark.SparkEngine``)."""

    profile: dict[str, float]

    def compute(
        self,
        *,
        periods: Sequence[Period],
        population: Population,
        measures: Sequence[str] | None = None,
    ) -> list[MeasureResult]: ...

    def close(self) -> None: ...


def open_engine(
    name: str, sources: Sequence[Path], *, councils: Collection[str] | None = None
) -> Engine:
    """An engine by name over the upload folders (oldest first): DuckDB, or Spark in local mode
    (the optional ``spark`` extra, with Java)."""
    if name == "duckdb":
        return MeasureEngine(sources, councils=councils)
    if name == "spark":
        if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
            raise ValueError("the spark engine needs Java 17 or later (apt-get install "
                             "openjdk-17-jre-headless), and PySpark")  # fmt: skip
        try:
            from improvement_board.core.records.spark import SparkEngine
        except ImportError:
            raise ValueError(
                "the spark engine needs PySpark: pip install 'improvement-board[spark]'"
            ) from None
        return SparkEngine(sources, councils=councils)
    raise ValueError(f"no such engine: {name} (one of {', '.join(ENGINES)})")
