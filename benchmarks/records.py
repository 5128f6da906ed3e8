"""Benchmark: every record-based measure over a national-scale synthetic set, against baselines.

    python benchmarks/records.py            # 150 councils × 5 years (first run generates, ~minutes)
    python benchmarks/records.py --small    # 10 councils × 2 years, for a quick look

The synthetic records are generated once and kept under ``$BOARD_HOME/bench`` (or
``/tmp/improvement-board-bench``), outside the repository. Each phase runs in its own process so
its peak memory (peak resident set size, from ``getrusage``) is its own:

- bare scan: DuckDB's ``count(*)``, ``min``/``max`` of a date column per table (DuckDB answers
  much of this from Parquet statistics);
- full scan: ``count(*)`` and the ``max`` of every column of every table (DuckDB answers this
  from statistics for every table whose columns all have them, reading only the rest);
- every value: per table, an aggregate of every column that statistics cannot answer, so every
  value of every column is read once;
- engine, all measures: ``MeasureEngine.compute`` for every measure and every month;
- engine, baseline measures / pandas: the measures the pandas baseline covers
  (``records_pandas.Baseline.MEASURES``), both ways, with their counts compared.

Targets: the engine at least 10× faster than pandas on the same measures, all measures within
3× of the bare scan, peak memory under 4 GB. Libraries are imported before each phase's clock
starts; a phase's time includes reading the Parquet. Each phase runs ``--repeat`` times (each in
a fresh process) and the median wall time is reported, since the machine may be shared.

The engine's counts are also checked against a checksum of those the engine gave before it held
tables in memory (``EXPECTED``, per cached set), so a faster engine cannot quietly change them.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import platform
import resource
import statistics
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
CACHE_VERSION = 2  # raise when the generator changes, so an old cached set is not reused
NATIONAL = SyntheticSpec(councils=150, first_year=2012, years=5, seed=2024)
SMALL = SyntheticSpec(councils=10, first_year=2012, years=2, seed=2024)
# sha256 of every measure's counts (see checksum) as computed by the engine before it held tables
# in memory with integer keys. Version 2 of the set stores identifiers as integer pseudonyms
# (as a load does) in place of the simulated children's own text identifiers: the same records,
# so the same counts. A generator that changes the records gets a new cache name, and no entry.
EXPECTED = {
    "records-v1-10c-2012-2y-seed2024":
        "d0cd516ade72ba73916931310044cf4ee5e1aed49f27f97c1aed765c45f0be25",
    "records-v1-150c-2012-5y-seed2024":
        "3e73e3dd09f74f590207ad86af57ce3a5c95deaba11510206ff225b95baae570",
    "records-v2-10c-2012-2y-seed2024":
        "d0cd516ade72ba73916931310044cf4ee5e1aed49f27f97c1aed765c45f0be25",
    "records-v2-150c-2012-5y-seed2024":
        "3e73e3dd09f74f590207ad86af57ce3a5c95deaba11510206ff225b95baae570",
}  # fmt: skip
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


def _in_child(
    target: Callable[..., Any],
    args: tuple[Any, ...],
    queue: Any,
    then: Callable[[Any], Any] | None,
) -> None:
    # Libraries load before the clock starts, the same for every phase (pyarrow loads pandas
    # whenever pandas is installed, so every phase has it in memory; holidays loads a country's
    # module on first use).
    import duckdb  # noqa: F401
    import holidays.countries.united_kingdom  # noqa: F401
    import pandas  # noqa: F401

    import benchmarks.records_pandas  # noqa: F401
    import improvement_board.core.records.compute  # noqa: F401

    started = time.perf_counter()
    result = target(*args)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((result if then is None else then(result), wall, peak))


def phase(
    target: Callable[..., Any], *args: Any, then: Callable[[Any], Any] | None = None
) -> tuple[Any, float, float]:
    """Run target in a fresh process: its result (passed through then, after the clock stops),
    wall seconds and peak RSS in MB."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_in_child, args=(target, args, queue, then))
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


def every_value(folder: Path) -> int:
    """Per table, an aggregate of every column that statistics cannot answer: all values read."""
    import duckdb

    con = duckdb.connect()
    rows = 0
    for table, schema in TABLES.items():
        relation = con.read_parquet(str(folder / f"{table}.parquet"))
        reads = ", ".join(
            f"max(strlen({f.name}))"
            if str(f.type) == "string"
            else f"max({f.name}) FILTER (WHERE {f.name} IS NOT NULL)"
            for f in schema
        )
        rows += relation.aggregate(f"count(*), {reads}").fetchall()[0][0]
    return rows


def engine_measures(folder: Path, spec: SyntheticSpec, measures: list[str] | None) -> list[Any]:
    """Every result as the engine gives it (``MeasureResult``)."""
    from improvement_board.core.records.compute import MeasureEngine

    with MeasureEngine([folder]) as engine:
        return engine.compute(
            periods=periods_of(spec), population=synthetic_population(spec), measures=measures
        )


def counts_of(results: list[Any]) -> Counts:
    """The engine's results in the baseline's form, for comparing (done after the clock)."""
    return {(r.measure, r.council, str(r.period)): (r.numerator, r.denominator) for r in results}


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


def count_rows(folder: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {t: pq.read_metadata(folder / f"{t}.parquet").num_rows for t in TABLES}


def checksum(counts: Counts) -> str:
    """sha256 of every (measure, council, period, numerator, denominator), in order."""
    lines = sorted(f"{m}|{c}|{p}|{n!r}|{d!r}" for (m, c, p), (n, d) in counts.items())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def mismatches(ours: Counts, theirs: Counts) -> int:
    return sum(1 for key, counts in theirs.items() if ours.get(key) != counts) + len(
        set(ours) - set(theirs)
    )


class Timed:
    """One phase run several times: its last result, median and spread of wall time, peak RSS."""

    def __init__(
        self,
        repeat: int,
        target: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], Any] | None = None,
    ) -> None:
        runs = [phase(target, *args, then=then) for _ in range(repeat)]
        self.result = runs[-1][0]
        self.walls = [wall for _, wall, _ in runs]
        self.wall = statistics.median(self.walls)
        self.rss = max(rss for _, _, rss in runs)

    def line(self, label: str, rows: int) -> str:
        spread = f"{min(self.walls):.2f}–{max(self.walls):.2f}"
        return (
            f"{label:<34} {self.wall:8.2f} s  ({spread:>11} s) {self.rss:7.0f} MB "
            f"{rows / self.wall:14,.0f} rows/s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="10 councils × 2 years")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--detail", action="store_true", help="time each measure alone too")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each phase (median)")
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
    n, load = options.repeat, os.getloadavg()[0]
    bare = Timed(n, bare_scan, folder)
    full = Timed(n, full_scan, folder)
    every = Timed(n, every_value, folder)
    engine = Timed(n, engine_measures, folder, spec, None, then=counts_of)
    ours = Timed(n, engine_measures, folder, spec, subset, then=counts_of)
    theirs = Timed(n, pandas_measures, folder, spec)
    print(f"\n{n} runs of each phase, median (and range); load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")  # fmt: skip
    print(f"{'phase':<34} {'wall':>10}  {'range':>13} {'peak RSS':>10} {'throughput':>21}")
    print(bare.line("bare scan: count, min, max", total))
    print(full.line("full scan: max of every column", total))
    print(every.line("every value read once", total))
    print(engine.line(f"engine, all {len(MEASURES)} measures", total))
    print(ours.line(f"engine, {len(subset)} baseline measures", total))
    print(theirs.line(f"pandas, {len(subset)} baseline measures", total))
    wrong = verdict(folder, engine.result, ours.result, theirs.result)
    print(f"engine, all measures: {engine.wall / bare.wall:.1f}× the bare scan (target ≤ 3×), "
          f"{engine.wall / full.wall:.1f}× the full scan, {engine.wall / every.wall:.1f}× every "
          f"value read once")  # fmt: skip
    print(f"pandas / engine on the baseline measures: {theirs.wall / ours.wall:.1f}× "
          f"(target ≥ 10×); engine peak RSS {max(engine.rss, ours.rss):.0f} MB "
          f"(target < 4096 MB), pandas {theirs.rss:.0f} MB")  # fmt: skip
    if options.detail:
        times, _, _ = phase(engine_each, folder, spec)
        for name, seconds in sorted(times.items(), key=lambda item: -item[1]):
            print(f"  {name:<34} {seconds:6.2f} s")
    if wrong:
        sys.exit("the engine's results are not those expected: see above")


def verdict(folder: Path, every: Counts, ours: Counts, theirs: Counts) -> bool:
    """Print whether the engine's counts are those recorded before and agree with pandas';
    true when either is wrong."""
    found, expected = checksum(every), EXPECTED.get(folder.name)
    same = "no record for this set" if expected is None else (
        "unchanged" if found == expected else "CHANGED")  # fmt: skip
    differ = mismatches(ours, theirs)
    print(f"\nresults: {len(every):,} measurements, checksum {found[:16]}… {same}; "
          f"engine vs pandas on {len(theirs):,}: {differ} differ")  # fmt: skip
    return same == "CHANGED" or differ > 0


if __name__ == "__main__":
    main()
