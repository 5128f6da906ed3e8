"""The measures on Spark give exactly the numerators and denominators DuckDB gives.

One definition per measure, run by both engines: DuckDB as written, Spark after sqlglot
translates it. Marked ``spark`` (select with ``-m spark``); one local Spark session serves
every test here, on small data, so the whole module takes seconds once Spark has started.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from improvement_board.core.periods import Period, period_range
from improvement_board.core.records.compute import (
    MeasureEngine,
    MeasureResult,
    Population,
)
from improvement_board.core.records.measures import MEASURES
from improvement_board.core.records.synthetic import SyntheticSpec, generate_records, write_tables
from tests.core.records.test_compute import referral, text_pseudonym_referrals

pytestmark = pytest.mark.spark

if not (os.environ.get("JAVA_HOME") or shutil.which("java")) and not os.environ.get("CI"):
    pytest.skip(
        "Spark needs Java 17 (apt-get install openjdk-17-jre-headless); CI always has it",
        allow_module_level=True,
    )

from pyspark.sql import SparkSession  # noqa: E402  (after the check that Java is there)

from improvement_board.core.records import spark_job  # noqa: E402
from improvement_board.core.records.spark import SparkEngine, local_session  # noqa: E402


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    session = local_session(cores=2, memory="1g")
    yield session
    session.stop()


def both(
    spark: SparkSession,
    sources: Sequence[Path],
    *,
    periods: Sequence[Period],
    population: Population,
    measures: Sequence[str] | None = None,
    councils: Sequence[str] | None = None,
) -> tuple[list[MeasureResult], list[MeasureResult]]:
    """The same measures by DuckDB and by Spark."""
    asked = {"periods": periods, "population": population, "measures": measures}
    with MeasureEngine(sources, councils=councils) as duckdb:
        first = duckdb.compute(**asked)  # type: ignore[arg-type]
    with SparkEngine(sources, councils=councils, spark=spark) as engine:
        second = engine.compute(**asked)  # type: ignore[arg-type]
    return first, second


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Population]:
    folder = tmp_path_factory.mktemp("synthetic")
    spec = SyntheticSpec(councils=2, first_year=2013, years=2, seed=7, size=0.3)
    return folder, generate_records(folder, spec).population


def test_every_measure_on_spark_gives_duckdbs_counts_on_synthetic_councils(
    spark: SparkSession, synthetic: tuple[Path, Population]
) -> None:
    folder, population = synthetic
    periods = list(period_range(Period(2013, 1), Period(2014, 12)))
    duckdb, spark_results = both(spark, [folder], periods=periods, population=population)
    assert {r.measure for r in duckdb} == set(MEASURES)
    assert spark_results == duckdb
    assert sum(r.numerator for r in spark_results) > 0


def test_spark_asked_again_for_other_periods_gives_what_a_fresh_engine_gives(
    spark: SparkSession, synthetic: tuple[Path, Population]
) -> None:
    folder, population = synthetic
    measures = ["looked_after_per_10k", "placement_stability_moves", "retention"]
    with SparkEngine([folder], spark=spark) as engine:
        engine.compute(periods=[Period(2013, 3)], population=population, measures=measures)
        again = engine.compute(
            periods=[Period(2014, 3), Period(2014, 9)], population=population, measures=measures
        )
    with MeasureEngine([folder]) as duckdb:
        fresh = duckdb.compute(
            periods=[Period(2014, 3), Period(2014, 9)], population=population, measures=measures
        )
    assert again == fresh
    assert {str(r.period) for r in again} == {"2014-03", "2014-09"}


def test_a_later_upload_restates_an_earlier_one_on_spark_too(
    spark: SparkSession, tmp_path: Path
) -> None:
    write_tables(tmp_path / "2024-04-10", {"referrals": [
        referral("Z1", "r1", date(2024, 3, 5)),
        referral("Z1", "r2", date(2024, 3, 6)),
    ]})  # fmt: skip
    write_tables(tmp_path / "2024-05-10", {"referrals": [
        referral("Z1", "r1", date(2024, 4, 2)),  # corrected into April
        referral("Z1", "r2", date(2024, 3, 6)),
    ]})  # fmt: skip
    duckdb, spark_results = both(
        spark,
        [tmp_path / "2024-04-10", tmp_path / "2024-05-10"],
        periods=[Period(2024, 3), Period(2024, 4)],
        population={("Z1", 2023): 10_000},
        measures=["rereferrals_within_12_months", "referrals_per_10k"],
    )
    assert spark_results == duckdb
    assert [r.denominator for r in spark_results[:2]] == [1, 1]


def test_councils_asked_for_and_tables_never_uploaded_are_treated_alike(
    spark: SparkSession, tmp_path: Path
) -> None:
    write_tables(tmp_path, {"referrals": [
        referral("Z1", "a", date(2024, 3, 5)),
        referral("Z2", "b", date(2024, 3, 6)),
    ]})  # fmt: skip
    duckdb, spark_results = both(
        spark,
        [tmp_path],
        periods=[Period(2024, 3)],
        population={("Z1", 2023): 10_000, ("Z2", 2023): 10_000},
        measures=["referrals_per_10k", "looked_after_per_10k", "turnover"],
        councils=["Z2"],
    )
    assert spark_results == duckdb
    assert [(r.measure, r.council, r.numerator) for r in spark_results] == [
        ("referrals_per_10k", "Z2", 1)
    ]


def test_an_upload_with_text_pseudonyms_joins_its_own_records_on_spark(
    spark: SparkSession, tmp_path: Path
) -> None:
    text_pseudonym_referrals(tmp_path / "old", [
        ("Z1", "a", "1", date(2023, 9, 1)),
        ("Z1", "a", "2", date(2024, 3, 1)),  # the same child again: a re-referral
        ("Z2", "a", "3", date(2024, 3, 2)),  # another council's child, first referral
    ])  # fmt: skip
    duckdb, spark_results = both(
        spark,
        [tmp_path / "old"],
        periods=[Period(2024, 3)],
        population={},
        measures=["rereferrals_within_12_months"],
    )
    assert spark_results == duckdb
    assert [(r.council, r.numerator) for r in spark_results] == [("Z1", 1), ("Z2", 0)]


def test_spark_refuses_text_and_integer_pseudonyms_together(
    spark: SparkSession, tmp_path: Path
) -> None:
    text_pseudonym_referrals(tmp_path / "old", [("Z1", "a", "1", date(2023, 9, 1))])
    write_tables(tmp_path / "new", {"referrals": [referral("Z1", "a", date(2024, 3, 1))]})
    with pytest.raises(ValueError, match=r"text pseudonyms \(.*old\).*Load the older upload"):
        SparkEngine([tmp_path / "old", tmp_path / "new"], spark=spark)


def test_the_spark_job_writes_every_measurement_duckdb_gives_as_parquet(
    spark: SparkSession, synthetic: tuple[Path, Population], tmp_path: Path
) -> None:
    folder, population = synthetic
    ons = tmp_path / "ons.csv"
    ons.write_text(
        "time_period,geographic_level,old_la_code,new_la_code,age_group,population_estimate\n"
        + "".join(
            f"{year},Local authority,,{council},Children aged 0 to 17 years,{count}\n"
            for (council, year), count in population.items()
        )
    )
    measures = ["referrals_per_10k", "rereferrals_within_12_months", "turnover"]
    written = spark_job.main([
        "--uploads", str(folder), "--first", "2014-01", "--last", "2014-06",
        "--population", str(ons), "--out", str(tmp_path / "out"),
        "--measures", ",".join(measures),
    ])  # fmt: skip
    with MeasureEngine([folder]) as duckdb:
        expected = duckdb.compute(
            periods=list(period_range(Period(2014, 1), Period(2014, 6))),
            population=population,
            measures=measures,
        )
    found = pq.read_table(tmp_path / "out").to_pylist()
    assert written == len(found) == len(expected) > 0
    assert sorted(
        (row["measure"], row["council"], row["period"], row["numerator"], row["denominator"])
        for row in found
    ) == sorted((r.measure, r.council, str(r.period), r.numerator, r.denominator) for r in expected)
