"""The record measures as a Spark job: pooled uploads in, every measurement out as Parquet.

Given to ``spark-submit`` by path, on a cluster or on one machine (docs/scale.md)::

    spark-submit --master yarn improvement_board/core/records/spark_job.py \\
        --uploads s3a://pool/records/2024-05-10 s3a://pool/records/2025-05-09 \\
        --first 2020-04 --last 2025-03 --population ons.csv \\
        --out s3a://pool/measurements/2025-05

Uploads are given oldest first (a later one restates an earlier one). The population is the
ONS mid-year file in DfE's layout, read on the driver. The output holds one row per measure,
council and month: ``measure``, ``council``, ``period``, ``numerator``, ``denominator`` and
``value``. Child-level rows never leave the cluster; only these counts do, unsuppressed, so
they are for the department's and the councils' own analysts, not for publication.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
from pyspark.sql import SparkSession

from improvement_board.core.periods import Period, period_range
from improvement_board.core.records.compute import read_population
from improvement_board.core.records.spark import SparkEngine


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--uploads", nargs="+", required=True, help="upload folders, oldest first")
    parser.add_argument("--first", required=True, help="first month, YYYY-MM")
    parser.add_argument("--last", required=True, help="last month, YYYY-MM")
    parser.add_argument("--population", type=Path, required=True, help="ONS mid-year file")
    parser.add_argument("--out", required=True, help="where the measurements go (Parquet)")
    parser.add_argument("--measures", help="comma-separated names (all by default)")
    parser.add_argument("--councils", help="comma-separated codes (all by default)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Compute and write the measurements; the number written."""
    options = parse(argv)
    spark = SparkSession.builder.appName("improvement-board measures").getOrCreate()
    periods = list(period_range(Period.parse(options.first), Period.parse(options.last)))
    councils = options.councils.split(",") if options.councils else None
    measures = options.measures.split(",") if options.measures else None
    with SparkEngine(options.uploads, councils=councils, spark=spark) as engine:
        results = engine.compute(
            periods=periods, population=read_population(options.population), measures=measures
        )
    columns = list(zip(*results, strict=True)) if results else [()] * 6
    measurements = pa.table(
        {
            "measure": pa.array(columns[0], pa.string()),
            "council": pa.array(columns[1], pa.string()),
            "period": pa.array([str(period) for period in columns[2]], pa.string()),
            "numerator": pa.array(columns[3], pa.float64()),
            "denominator": pa.array(columns[4], pa.float64()),
            "value": pa.array(columns[5], pa.float64()),
        }
    )
    # From Arrow, Spark decodes the rows in the JVM: no Python process on an executor.
    spark.createDataFrame(measurements).coalesce(1).write.mode("overwrite").parquet(options.out)
    return int(measurements.num_rows)


if __name__ == "__main__":
    sys.stdout.write(f"{main()} measurements written\n")
