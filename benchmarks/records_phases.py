"""What benchmarks/records.py times: scans that set the floor, and the engines themselves.

Each function runs inside a fresh process (``records_timing.phase``) and imports what it needs.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from improvement_board.core.periods import Period, period_range
from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.synthetic import SyntheticSpec, synthetic_population

Counts = dict[tuple[str, str, str], tuple[float, float | None]]
SCAN_COLUMN = {
    "children": "birth_date", "referrals": "referral_date", "assessments": "start_date",
    "section47s": "start_date", "protection_plans": "start_date", "cin_plans": "start_date",
    "care_episodes": "start_date", "care_outcomes": "year_end", "care_leavers": "year_end",
    "workers": "census_date", "vacancies": "census_date",
}  # fmt: skip
_WORD = re.compile(r"[a-z_][a-z0-9_]*")


def periods_of(spec: SyntheticSpec) -> list[Period]:
    return list(period_range(Period(spec.first_year, 1), Period(spec.until.year, 12)))


def columns_read() -> dict[str, list[str]]:
    """Per table, the columns the measure definitions read: each column of the table named in a
    definition (step or measure) that names the table. Tables no definition reads are left out.
    A word is enough, so this may name a column that is not read, never miss one that is."""
    from improvement_board.core.records.measures import MEASURES, STEPS

    definitions = [set(_WORD.findall(d.sql.lower())) for d in [*MEASURES.values(), *STEPS.values()]]
    read: dict[str, list[str]] = {}
    for table, schema in TABLES.items():
        words = set().union(*(words for words in definitions if table in words))
        columns = [name for name in schema.names if name in words]
        if columns:
            read[table] = columns
    return read


def bare_scan(folder: Path) -> int:
    """count(*), min and max of a date column per table (DuckDB may answer from statistics)."""
    import duckdb

    con = duckdb.connect()
    rows = 0
    for table, column in SCAN_COLUMN.items():
        relation = con.read_parquet(str(folder / f"{table}.parquet"))
        found = relation.aggregate(f"count(*), min({column}), max({column})").fetchall()
        rows += found[0][0]
    return rows


def full_scan(folder: Path) -> int:
    """count(*) and the max of every column of every table (statistics answer many)."""
    import duckdb

    con = duckdb.connect()
    rows = 0
    for table, schema in TABLES.items():
        relation = con.read_parquet(str(folder / f"{table}.parquet"))
        maxima = ", ".join(f"max({name})" for name in schema.names)
        rows += relation.aggregate(f"count(*), {maxima}").fetchall()[0][0]
    return rows


def _read_every_value(folder: Path, columns: dict[str, list[str]]) -> int:
    """Per table, count(*) and an aggregate of each column given that Parquet statistics cannot
    answer (the length of text, a filtered max of the rest), so each of its values is read."""
    import duckdb

    con = duckdb.connect()
    rows = 0
    for table, names in columns.items():
        schema = TABLES[table]
        relation = con.read_parquet(str(folder / f"{table}.parquet"))
        reads = ", ".join(
            f"max(strlen({name}))"
            if str(schema.field(name).type) == "string"
            else f"max({name}) FILTER (WHERE {name} IS NOT NULL)"
            for name in names
        )
        rows += relation.aggregate(f"count(*), {reads}").fetchall()[0][0]
    return rows


def every_value(folder: Path) -> int:
    """Every value of every column of every table, read once."""
    return _read_every_value(folder, {table: schema.names for table, schema in TABLES.items()})


def measures_read(folder: Path) -> int:
    """Every value the measures read (``columns_read``), read once: the floor for any engine."""
    return _read_every_value(folder, columns_read())


def engine_measures(
    folder: Path, spec: SyntheticSpec, measures: list[str] | None
) -> tuple[list[Any], dict[str, float]]:
    """Every result as the DuckDB engine gives it (``MeasureResult``), and its profile."""
    from improvement_board.core.records.compute import MeasureEngine

    with MeasureEngine([folder]) as engine:
        results = engine.compute(
            periods=periods_of(spec), population=synthetic_population(spec), measures=measures
        )
        return results, engine.profile


def spark_measures(folder: Path, spec: SyntheticSpec, memory: str) -> tuple[Any, ...]:
    """All measures on local Spark: results, profile, and the seconds the session took to start
    (included in the phase's wall time, reported apart)."""
    from improvement_board.core.records.spark import SparkEngine, local_session

    started = time.perf_counter()
    spark = local_session(memory=memory)
    spark.range(1).count()  # the JVM, its first job and the Python side all up
    session = time.perf_counter() - started
    with SparkEngine([folder], spark=spark) as engine:
        results = engine.compute(periods=periods_of(spec), population=synthetic_population(spec))
        return results, engine.profile, session


def engine_each(folder: Path, spec: SyntheticSpec) -> dict[str, float]:
    """Seconds per measure, each computed alone by a fresh engine (reading what it needs)."""
    from improvement_board.core.records.compute import MeasureEngine
    from improvement_board.core.records.measures import MEASURES

    times = {}
    population = synthetic_population(spec)
    for name in MEASURES:
        started = time.perf_counter()
        with MeasureEngine([folder]) as engine:
            engine.compute(periods=periods_of(spec), population=population, measures=[name])
        times[name] = time.perf_counter() - started
    return times


def pandas_measures(folder: Path, spec: SyntheticSpec) -> Counts:
    from benchmarks.records_pandas import Baseline

    return Baseline(folder, periods_of(spec), synthetic_population(spec)).compute()


def counts_of(results: list[Any]) -> Counts:
    """Results in the baseline's form, for comparing (done after the clock)."""
    return {(r.measure, r.council, str(r.period)): (r.numerator, r.denominator) for r in results}


def counted(found: tuple[Any, ...]) -> tuple[Any, ...]:
    """An engine's (results, profile, …) with the results as counts (after the clock)."""
    return (counts_of(found[0]), *found[1:])
