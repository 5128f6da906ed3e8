"""Benchmark: every record-based measure over a national-scale synthetic set, against baselines.

    python benchmarks/records.py            # 150 councils × 5 years (first run generates, ~minutes)
    python benchmarks/records.py --small    # 10 councils × 2 years, for a quick look

The synthetic records are generated once and kept under ``$BOARD_HOME/bench`` (or
``/tmp/improvement-board-bench``), outside the repository. Each phase runs in its own process so
its peak memory (peak resident set size, from ``getrusage``) is its own:

- bare scan: DuckDB's ``count(*)``, ``min``/``max`` of a date column per table (DuckDB answers
  much of this from Parquet statistics), and a full scan reading every column of every table;
- engine, all measures: ``MeasureEngine.compute`` for every measure and every month;
- engine, baseline measures / pandas: the measures the pandas baseline covers
  (``records_pandas.Baseline.MEASURES``), both ways, with their counts compared.

Targets: the engine at least 10× faster than pandas on the same measures, all measures within
3× of the bare scan, peak memory under 4 GB. Libraries are imported before each phase's clock
starts; a phase's time includes reading the Parquet.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from queue import Empty
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from improvement_board.core.periods import Period, period_range
from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.synthetic import (
    SyntheticSpec,
    generate_records,
    synthetic_population,
)

Counts = dict[tuple[str, str, str], tuple[float, float | None]]
CACHE_VERSION = 1  # raise when the generator changes, so an old cached set is not reused
NATIONAL = SyntheticSpec(councils=150, first_year=2012, years=5, seed=2024)
SMALL = SyntheticSpec(councils=10, first_year=2012, years=2, seed=2024)
SCAN_COLUMN = {
    "children": "birth_date", "referrals": "referral_date", "assessments": "start_date",
    "section47s": "start_date", "protection_plans": "start_date", "cin_plans": "start_date",
    "care_episodes": "start_date", "care_outcomes": "year_end", "care_leavers": "year_end",
    "workers": "census_date", "vacancies": "census_date",
}  # fmt: skip


def cache_folder(spec: SyntheticSpec) -> Path:
    home = os.environ.get("BOARD_HOME")
    root = Path(home) / "bench" if home else Path("/tmp/improvement-board-bench")
    councils = len(spec.codes)
    name = f"records-v{CACHE_VERSION}-{councils}c-{spec.first_year}-{spec.years}y-seed{spec.seed}"
    return root / name


def ensure_records(spec: SyntheticSpec, workers: int) -> tuple[Path, float | None]:
    """The cached set, generating it first if needed (and saying how long that took)."""
    folder = cache_folder(spec)
    done = folder / "complete"
    if done.exists():
        return folder, None
    started = time.perf_counter()
    generate_records(folder, spec, workers=workers)
    done.write_text(date.today().isoformat())
    return folder, time.perf_counter() - started


def periods_of(spec: SyntheticSpec) -> list[Period]:
    return list(period_range(Period(spec.first_year, 1), Period(spec.until.year, 12)))


def _in_child(target: Callable[..., Any], args: tuple[Any, ...], queue: Any) -> None:
    # Libraries load before the clock starts, the same for every phase (pyarrow loads pandas
    # whenever pandas is installed, so every phase has it in memory).
    import duckdb  # noqa: F401
    import pandas  # noqa: F401

    import benchmarks.records_pandas  # noqa: F401
    import improvement_board.core.records.compute  # noqa: F401

    started = time.perf_counter()
    result = target(*args)
    wall = time.perf_counter() - started
    queue.put((result, wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def phase(target: Callable[..., Any], *args: Any) -> tuple[Any, float, float]:
    """Run target in a fresh process: its result, wall seconds and peak RSS in MB."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_in_child, args=(target, args, queue))
    process.start()
    while True:
        try:
            result = queue.get(timeout=1)
            break
        except Empty:
            if not process.is_alive():
                raise RuntimeError(f"{target.__name__} failed (exit {process.exitcode})") from None
    process.join()
    return result  # type: ignore[no-any-return]


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
    """count(*) and the max of every column of every table: each value is read once."""
    import duckdb

    con = duckdb.connect()
    rows = 0
    for table, schema in TABLES.items():
        relation = con.read_parquet(str(folder / f"{table}.parquet"))
        maxima = ", ".join(f"max({name})" for name in schema.names)
        rows += relation.aggregate(f"count(*), {maxima}").fetchall()[0][0]
    return rows


def engine_measures(folder: Path, spec: SyntheticSpec, measures: list[str] | None) -> Counts:
    from improvement_board.core.records.compute import MeasureEngine

    with MeasureEngine([folder]) as engine:
        found = engine.compute(
            periods=periods_of(spec), population=synthetic_population(spec), measures=measures
        )
    return {(r.measure, r.council, str(r.period)): (r.numerator, r.denominator) for r in found}


def engine_each(folder: Path, spec: SyntheticSpec) -> dict[str, float]:
    """Seconds per measure, each computed alone (its shared steps included)."""
    from improvement_board.core.records.compute import MeasureEngine
    from improvement_board.core.records.measures import MEASURES

    times = {}
    with MeasureEngine([folder]) as engine:
        population = synthetic_population(spec)
        for name in MEASURES:
            started = time.perf_counter()
            engine.compute(periods=periods_of(spec), population=population, measures=[name])
            times[name] = time.perf_counter() - started
    return times


def pandas_measures(folder: Path, spec: SyntheticSpec) -> Counts:
    from benchmarks.records_pandas import Baseline

    return Baseline(folder, periods_of(spec), synthetic_population(spec)).compute()


def count_rows(folder: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {t: pq.read_metadata(folder / f"{t}.parquet").num_rows for t in TABLES}


def mismatches(ours: Counts, theirs: Counts) -> int:
    return sum(1 for key, counts in theirs.items() if ours.get(key) != counts) + len(
        set(ours) - set(theirs)
    )


def report(label: str, wall: float, rss: float, rows: int, against: float | None = None) -> None:
    ratio = "" if against is None else f"{wall / against:8.1f}×"
    print(f"{label:<34} {wall:9.2f} s {rss:9.0f} MB {rows / wall:14,.0f} rows/s {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="10 councils × 2 years")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--detail", action="store_true", help="time each measure alone too")
    options = parser.parse_args()
    spec = SMALL if options.small else NATIONAL
    folder, generated = ensure_records(spec, options.workers)
    rows = count_rows(folder)
    total = sum(rows.values())
    print(f"{date.today()}  {platform.node()}  {platform.processor() or platform.machine()}  "
          f"{os.cpu_count()} cores  Python {platform.python_version()}")  # fmt: skip
    print(f"records: {folder} ({len(spec.codes)} councils, {len(periods_of(spec))} months)")
    print("  " + ", ".join(f"{t} {n:,}" for t, n in rows.items()) + f"; total {total:,} rows")
    if generated is not None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"generated in {generated:.1f} s ({total / generated:,.0f} rows/s) with "
              f"{options.workers} worker processes; peak RSS {own:.0f} MB (writer), "
              f"{workers:.0f} MB (largest worker)")  # fmt: skip
    from benchmarks.records_pandas import Baseline
    from improvement_board.core.records.measures import MEASURES

    subset = list(Baseline.MEASURES)
    _, scan, scan_rss = phase(bare_scan, folder)
    _, full, full_rss = phase(full_scan, folder)
    every, wall, rss = phase(engine_measures, folder, spec, None)
    ours, ours_wall, ours_rss = phase(engine_measures, folder, spec, subset)
    theirs, pandas_wall, pandas_rss = phase(pandas_measures, folder, spec)
    print(f"\n{'phase':<34} {'wall':>11} {'peak RSS':>12} {'throughput':>21} {'ratio':>9}")
    report("bare scan: count, min, max", scan, scan_rss, total)
    report("full scan: every column", full, full_rss, total)
    report(f"engine, all {len(MEASURES)} measures", wall, rss, total, full)
    report(f"engine, {len(subset)} baseline measures", ours_wall, ours_rss, total)
    report(f"pandas, {len(subset)} baseline measures", pandas_wall, pandas_rss, total, ours_wall)
    print(f"\nresults: {len(every):,} measurements; engine vs pandas on {len(theirs):,}: "
          f"{mismatches(ours, theirs)} differ")  # fmt: skip
    print(f"engine / bare scan {wall / scan:.1f}×, / full scan {wall / full:.1f}× (target ≤ 3×); "
          f"pandas / engine {pandas_wall / ours_wall:.1f}× (target ≥ 10×); "
          f"engine peak RSS {max(rss, ours_rss):.0f} MB (target < 4096 MB)")  # fmt: skip
    if options.detail:
        times, _, _ = phase(engine_each, folder, spec)
        for name, seconds in sorted(times.items(), key=lambda item: -item[1]):
            print(f"  {name:<34} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
