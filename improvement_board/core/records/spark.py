"""Compute the registered measures with Spark: the same definitions, for pooled national records.

The measure definitions are written once, in DuckDB's dialect (``measures.registry``), and
translated to Spark SQL by sqlglot (``spark_sql``), so the engines cannot drift apart: a test
compares their numerators and denominators exactly. Spark reads the same upload folders as
DuckDB, on a local disk or in object storage (``s3a://bucket/records/2024-05-10``), keeps the
later upload's row where two hold the same record, and builds the shared steps once, before
the measures that read them. A step is built as a local checkpoint (its rows, held by Spark,
with no plan behind them): a cached query would be planned again, whole, inside every query
that reads it, which cost a simple measure seconds where the checkpoint costs milliseconds.

Spark is an optional extra (``pip install 'improvement-board[spark]'``, with Java 17 or later).
``local_session`` starts Spark in local mode on this machine's cores; on a cluster, the job in
``records.spark_job`` is given to ``spark-submit`` (docs/scale.md).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import StringType

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import (
    MeasureResult,
    Population,
    PseudonymKinds,
    periods_table,
    population_table,
    tidy,
    timed,
)
from improvement_board.core.records.measures import MEASURES, Measure, steps_for
from improvement_board.core.records.measures.registry import figure
from improvement_board.core.records.pseudonymise import IDENTIFIER_COLUMNS
from improvement_board.core.records.schema import RECORD_KEYS, TABLES
from improvement_board.core.records.spark_sql import (
    SPARK_TYPES,
    bound,
    shared_parts,
    spark_sql,
    values_sql,
)
from improvement_board.core.workingdays import calendar_table


def local_session(
    *, cores: int | None = None, memory: str = "4g", settings: Mapping[str, str] | None = None
) -> SparkSession:
    """Spark in local mode (one JVM, a worker thread per core), set for records of one machine.

    Shuffles are split into a few partitions per core, not Spark's default 200, which suit a
    cluster; adaptive execution merges small ones further. The driver listens on the loopback
    address only: local mode needs no network.
    """

    threads = str(cores) if cores else "*"
    builder = (
        SparkSession.builder.master(f"local[{threads}]")
        .appName("improvement-board records")
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in (settings or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine:
    """A Spark session with the records, ready to compute any registered measure.

    Each engine has its own session over the shared Spark context (``newSession``), so its
    views and steps never meet another engine's. Sources are upload folders, oldest
    first: paths, or URIs Spark can read (``s3a://``, ``hdfs://``, ``file://``).
    """

    def __init__(
        self,
        sources: Sequence[Path | str],
        *,
        councils: Collection[str] | None = None,
        spark: SparkSession | None = None,
    ) -> None:
        self.spark = (spark or local_session()).newSession()
        self.profile: dict[str, float] = {}
        self._kinds = PseudonymKinds()
        self._cached: dict[str, DataFrame] = {}  # steps built, by name
        self._asked: tuple[object, ...] = ()  # the periods and population they were built for
        started = time.perf_counter()
        for table, schema in TABLES.items():
            self._load_table(table, schema, [str(source) for source in sources], councils)
        self.profile["read: views over the Parquet"] = time.perf_counter() - started

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Let the steps built go (Spark frees them); the Spark context stays for the next."""
        self._cached.clear()
        self._asked = ()

    def _load_table(
        self, table: str, schema: pa.Schema, sources: list[str], councils: Collection[str] | None
    ) -> None:

        parts = [
            frame
            for upload, source in enumerate(sources)
            if (frame := self._file(table, schema, f"{source.rstrip('/')}/{table}.parquet", upload))
            is not None
        ]
        if not parts:
            empty = ", ".join(f"{f.name} {SPARK_TYPES[str(f.type)]}" for f in schema)
            self.spark.createDataFrame([], empty).createOrReplaceTempView(table)
            return
        frame = parts[0]
        for part in parts[1:]:
            frame = frame.unionByName(part)
        if len(parts) > 1:
            latest = Window.partitionBy(*RECORD_KEYS[table]).orderBy(F.col("upload").desc())
            frame = frame.withColumn("_latest", F.row_number().over(latest)).where("_latest = 1")
        if councils is not None:
            frame = frame.where(F.col("council").isin(sorted(councils)))
        frame.select(*schema.names).createOrReplaceTempView(table)

    def _file(self, table: str, schema: pa.Schema, uri: str, upload: int) -> DataFrame | None:
        """One upload's file in the canonical columns, numbered by upload; None when the upload
        has no such table. As in the DuckDB engine, a column the file predates reads as null
        and text pseudonyms (stored before decision 7) are hashed with their council."""

        try:
            frame = self.spark.read.parquet(uri)
        except AnalysisException as error:
            if error.getCondition() == "PATH_NOT_FOUND":
                return None
            raise
        stored = {field.name: field.dataType for field in frame.schema.fields}
        columns = []
        for name in schema.names:
            if name not in stored:
                columns.append(F.lit(None).cast(SPARK_TYPES[str(schema.field(name).type)]))
            elif name in IDENTIFIER_COLUMNS:
                text = isinstance(stored[name], StringType)
                self._kinds.check(text, uri)
                keyed = F.when(F.col(name).isNull(), None).otherwise(F.xxhash64("council", name))
                columns.append(keyed if text else F.col(name))
            else:
                columns.append(F.col(name))
        named = [column.alias(name) for column, name in zip(columns, schema.names, strict=True)]
        return frame.select(*named, F.lit(upload).alias("upload"))

    def compute(
        self,
        *,
        periods: Sequence[Period],
        population: Population,
        measures: Sequence[str] | None = None,
    ) -> list[MeasureResult]:
        """Every requested measure (all by default) for every council with records, per period,
        ordered by council code, then period, as the DuckDB engine gives them. Steps built for
        an earlier call with the same periods and population are used again."""
        unknown = sorted(set(measures or ()) - set(MEASURES))
        if unknown:
            raise ValueError(f"no such measure: {', '.join(unknown)} (see records.measures)")
        chosen = [MEASURES[name] for name in (measures or list(MEASURES))]
        if not periods:
            return []
        asked = (tuple(sorted(set(periods))), tuple(sorted(population.items(), key=_by_key)))
        if asked != self._asked:  # steps built for other periods or population are stale
            self.close()
            with timed(self.profile, "periods, population, calendar"):
                self._register(periods, population)
            self._asked = asked
        for step in steps_for(chosen):
            if step.name in self._cached:
                continue
            with timed(self.profile, f"step {step.name}"):
                built = self._query(spark_sql(step.sql), step.name, {}).localCheckpoint()
                self._cached[step.name] = built
                built.createOrReplaceTempView(step.name)
        named = {str(period): period for period in periods}
        results: list[MeasureResult] = []
        for measure in chosen:
            with timed(self.profile, f"measure {measure.name}"):
                results.extend(self._run(measure, named))
        return results

    def _register(self, periods: Sequence[Period], population: Population) -> None:
        frame = periods_table(periods)
        years = set(frame.column("population_year").to_pylist())
        first, last = min(periods), max(periods)
        for name, table in (
            ("periods", frame),
            ("population", population_table(population, years)),
            ("working_calendar", calendar_table(first.year - 5, last.year + 1)),
        ):
            self.spark.sql(values_sql(table)).createOrReplaceTempView(name)

    def _query(self, sql: str, prefix: str, params: Mapping[str, object]) -> DataFrame:
        """The query, after building each part it reads more than once."""
        parts, query = shared_parts(sql, prefix)
        for name, part in parts:
            built = self.spark.sql(part, args=bound(part, params)).localCheckpoint()
            built.createOrReplaceTempView(name)
        return self.spark.sql(query, args=bound(query, params))

    def _run(self, measure: Measure, periods: Mapping[str, Period]) -> list[MeasureResult]:
        rows: list[Any] = self._query(
            spark_sql(measure.sql), measure.name, measure.params
        ).collect()
        rows.sort(key=lambda row: (row["council"], row["period"]))
        name, scale = measure.name, measure.scale
        return [
            MeasureResult(
                name,
                row["council"],
                periods[row["period"]],
                tidy(row["numerator"]),
                None if row["denominator"] is None else tidy(row["denominator"]),
                figure(row["numerator"], row["denominator"], scale),
            )
            for row in rows
        ]


def _by_key(item: tuple[tuple[str, int], object]) -> tuple[str, int]:
    return item[0]
