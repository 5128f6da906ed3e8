"""Benchmark: every record-based measure over a national-scale synthetic set, against baselines.

    python benchmarks/records.py            # 150 councils × 5 years, growth to 300 and 600
    python benchmarks/records.py --small    # 10 councils × 2 years, growth to 20 and 40
    python benchmarks/records.py --quick    # 3 councils × 1 year, one run of each phase (CI)

The synthetic records are generated once and kept under ``$BOARD_HOME/bench`` (or
``/tmp/improvement-board-bench``), outside the repository. Each run of a phase is a fresh
process (``records_timing``): its wall time, processor time and peak memory are its own.

- bare scan: ``count(*)``, ``min``/``max`` of a date column per table (answered from Parquet
  statistics, so hardly a read);
- full scan: ``count(*)`` and the ``max`` of every column (statistics answer many columns);
- every value read once: an aggregate of every column of every table that statistics cannot
  answer;
- every value the measures read: the same, over only the columns the definitions read
  (``records_phases.columns_read``): the floor for any engine, and the records target's
  baseline (at most 3× it);
- engine, all measures: ``MeasureEngine.compute`` for every measure and month, with its
  profile (seconds per step and per measure);
- engine / pandas, baseline measures: the measures ``records_pandas.Baseline`` covers, both
  ways, their counts compared (target: pandas at least 10× the engine's time per core, so
  processor time against processor time, pandas using one core);
- growth: the floor, DuckDB and local Spark at 1×, 2× and 4× the councils, Spark's counts
  compared with DuckDB's at each size.

Ends with a one-line summary. The engine's counts are checked against a checksum of those the
engine gave before (``EXPECTED``, per cached set), so a faster engine cannot change them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.records_phases import (
    Counts,
    bare_scan,
    counted,
    engine_each,
    engine_measures,
    every_value,
    full_scan,
    measures_read,
    pandas_measures,
    periods_of,
    spark_measures,
)
from benchmarks.records_timing import HEADER, Timed, phase
from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.synthetic import SyntheticSpec, generate_records

CACHE_VERSION = 2  # raise when the generator changes, so an old cached set is not reused
NATIONAL = SyntheticSpec(councils=150, first_year=2012, years=5, seed=2024)
SMALL = SyntheticSpec(councils=10, first_year=2012, years=2, seed=2024)
QUICK = SyntheticSpec(councils=3, first_year=2013, years=1, seed=2024)
# sha256 of every measure's counts (see checksum) as computed by the engine before it held tables
# in memory with integer keys. Version 2 of the set stores identifiers as integer pseudonyms
# (as a load does) in place of the simulated children's own text identifiers: the same records,
# so the same counts. The 300- and 600-council sets were first computed by the engine of
# commit 3ee5845. A generator that changes the records gets a new cache name, and no entry.
EXPECTED = {
    "records-v1-10c-2012-2y-seed2024":
        "d0cd516ade72ba73916931310044cf4ee5e1aed49f27f97c1aed765c45f0be25",
    "records-v1-150c-2012-5y-seed2024":
        "3e73e3dd09f74f590207ad86af57ce3a5c95deaba11510206ff225b95baae570",
    "records-v2-10c-2012-2y-seed2024":
        "d0cd516ade72ba73916931310044cf4ee5e1aed49f27f97c1aed765c45f0be25",
    "records-v2-150c-2012-5y-seed2024":
        "3e73e3dd09f74f590207ad86af57ce3a5c95deaba11510206ff225b95baae570",
    "records-v2-300c-2012-5y-seed2024":
        "089756be4dedfcafb01b8b0fa4d9313283b1f33c26a0e771e3d51ae712ca518b",
    "records-v2-600c-2012-5y-seed2024":
        "39eeb2742b8905474ea33efc34b57bc20a8986919345784331e0080e7aaeb79e",
}  # fmt: skip


def cache_folder(spec: SyntheticSpec) -> Path:
    home = os.environ.get("BOARD_HOME")
    root = Path(home) / "bench" if home else Path("/tmp/improvement-board-bench")
    councils = len(spec.codes)
    name = f"records-v{CACHE_VERSION}-{councils}c-{spec.first_year}-{spec.years}y-seed{spec.seed}"
    return root / (name if spec.size == 1.0 else f"{name}-size{spec.size}")


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


def median_profile(runs: list[Any]) -> dict[str, float]:
    """Each profile entry's median over the runs (an engine's result is (counts, profile, …))."""
    labels = runs[-1].result[1]
    return {label: statistics.median(run.result[1][label] for run in runs) for label in labels}


@dataclass
class Size:
    """One size of the growth: its records, the floor, and each engine on all measures."""

    factor: int
    folder: Path
    rows: int
    floor: Timed
    duckdb: Timed
    spark: Timed | None = None

    def spark_compute(self) -> float:
        """Spark's wall time less its session start (median over the runs)."""
        assert self.spark is not None
        return statistics.median(run.wall - run.result[2] for run in self.spark.runs)

    def spark_start(self) -> float:
        assert self.spark is not None
        return statistics.median(run.result[2] for run in self.spark.runs)


def print_profile(label: str, profile: dict[str, float], top: int) -> None:
    total = sum(profile.values())
    print(f"\n{label}: where the time goes (median of the runs; {total:.2f} s in all)")
    ranked = sorted(profile.items(), key=lambda item: -item[1])
    for name, seconds in ranked[:top]:
        print(f"  {name:<52} {seconds:7.2f} s {100 * seconds / total:5.1f} %")
    rest = ranked[top:]
    if rest:
        seconds = sum(s for _, s in rest)
        print(f"  {f'{len(rest)} others':<52} {seconds:7.2f} s {100 * seconds / total:5.1f} %")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--small", action="store_true", help="10 councils × 2 years")
    size.add_argument("--quick", action="store_true", help="3 councils × 1 year, one run each")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--detail", action="store_true", help="time each measure alone too")
    parser.add_argument("--repeat", type=int, help="runs of each phase (median); 3, quick 1")
    parser.add_argument("--growth", default="1,2,4", help="sizes, as multiples of the councils")
    parser.add_argument("--spark-repeat", type=int, default=1, help="runs of Spark per size")
    parser.add_argument("--no-spark", action="store_true", help="leave Spark out")
    parser.add_argument("--spark-memory", default="8g", help="the local Spark JVM's heap")
    options = parser.parse_args()
    options.repeat = options.repeat or (1 if options.quick else 3)
    return options


def main() -> None:
    options = parse()
    spec = QUICK if options.quick else SMALL if options.small else NATIONAL
    factors = sorted({1, *(int(f) for f in options.growth.split(","))})
    print(f"{date.today()}  {platform.node()}  {platform.processor() or platform.machine()}  "
          f"{os.cpu_count()} cores  Python {platform.python_version()}")  # fmt: skip
    folders = {}
    for factor in factors:
        grown = replace(spec, councils=len(spec.codes) * factor)
        folders[factor], generated = ensure_records(grown, options.workers)
        if generated is not None:
            rows = sum(count_rows(folders[factor]).values())
            speed = f"{rows / generated:,.0f} rows/s, {options.workers} worker processes"
            print(f"generated {folders[factor].name} in {generated:.1f} s ({speed})")
    folder = folders[1]
    rows = count_rows(folder)
    total = sum(rows.values())
    print(f"records: {folder} ({len(spec.codes)} councils, {len(periods_of(spec))} months)")
    print("  " + ", ".join(f"{t} {n:,}" for t, n in rows.items()) + f"; total {total:,} rows")

    from benchmarks.records_pandas import Baseline
    from improvement_board.core.records.measures import MEASURES

    subset = list(Baseline.MEASURES)
    n, load = options.repeat, os.getloadavg()[0]
    bare = Timed(n, bare_scan, folder)
    full = Timed(n, full_scan, folder)
    every = Timed(n, every_value, folder)
    floor = Timed(n, measures_read, folder)
    engine = Timed(n, engine_measures, folder, spec, None, then=counted)
    ours = Timed(n, engine_measures, folder, spec, subset, then=counted)
    theirs = Timed(n, pandas_measures, folder, spec)
    sizes = [Size(1, folder, total, floor, engine)]
    for factor in factors[1:]:
        grown = replace(spec, councils=len(spec.codes) * factor)
        there = folders[factor]
        sizes.append(Size(factor, there, sum(count_rows(there).values()),
                          Timed(n, measures_read, there),
                          Timed(n, engine_measures, there, grown, None, then=counted)))  # fmt: skip
    if not options.no_spark:
        for size in sizes:
            grown = replace(spec, councils=len(spec.codes) * size.factor)
            size.spark = Timed(options.spark_repeat, spark_measures, size.folder, grown,
                               options.spark_memory, then=counted)  # fmt: skip

    runs = f"{n} run{'s' if n > 1 else ''} of each phase"
    print(f"\n{runs}, median (and range); load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")  # fmt: skip
    print(HEADER)
    print(bare.line("bare scan: count, min, max", total))
    print(full.line("full scan: max of every column", total))
    print(every.line("every value read once", total))
    print(floor.line("every value the measures read", total))
    print(engine.line(f"engine, all {len(MEASURES)} measures", total))
    print(ours.line(f"engine, {len(subset)} baseline measures", total))
    print(theirs.line(f"pandas, {len(subset)} baseline measures", total))
    print_profile("engine, all measures", median_profile(engine.runs), 14)
    report_growth(sizes)
    wrong = verdict(folder, engine.result[0], ours.result[0], theirs.result, sizes)
    if options.detail:
        times = phase(engine_each, folder, spec).result
        print("\neach measure alone, with a fresh engine:")
        for name, seconds in sorted(times.items(), key=lambda item: -item[1]):
            print(f"  {name:<34} {seconds:6.2f} s")
    print(summary(engine, floor, ours, theirs, sizes))
    if wrong:
        sys.exit("the engines' results are not those expected: see above")


def report_growth(sizes: list[Size]) -> None:
    print("\ngrowth: all measures, by number of councils (wall, median)")
    print(f"{'size':>5} {'rows':>12} {'measures read':>14} {'DuckDB':>9} {'DuckDB/floor':>13} "
          f"{'Spark start':>12} {'Spark':>9} {'Spark/DuckDB':>13}")  # fmt: skip
    for size in sizes:
        spark = (
            f"{size.spark_start():10.2f} s {size.spark_compute():7.2f} s "
            f"{size.spark_compute() / size.duckdb.wall:12.2f}×"
            if size.spark
            else ""
        )
        ratio = size.duckdb.wall / size.floor.wall
        print(f"{size.factor:>4}× {size.rows:>12,} {size.floor.wall:12.2f} s "
              f"{size.duckdb.wall:7.2f} s {ratio:12.2f}× {spark}")  # fmt: skip
    if sizes[0].spark:
        print_profile("Spark, all measures at 1×", median_profile(sizes[0].spark.runs), 10)


def verdict(folder: Path, every: Counts, ours: Counts, theirs: Counts, sizes: list[Size]) -> bool:
    """Print whether the engine's counts are those recorded before, agree with pandas' and with
    Spark's at every size; true when any is wrong."""
    found, expected = checksum(every), EXPECTED.get(folder.name)
    same = "no record for this set" if expected is None else (
        "unchanged" if found == expected else "CHANGED")  # fmt: skip
    differ = mismatches(ours, theirs)
    print(f"\nresults: {len(every):,} measurements, checksum {found[:16]}… {same}; "
          f"engine vs pandas on {len(theirs):,}: {differ} differ")  # fmt: skip
    wrong = same == "CHANGED" or differ > 0
    for size in sizes:
        duckdb = size.duckdb.result[0]
        if size.factor > 1:
            found, expected = checksum(duckdb), EXPECTED.get(size.folder.name)
            if expected is not None and found != expected:
                print(f"  {size.factor}×: DuckDB's checksum CHANGED")
                wrong = True
        if size.spark:
            apart = mismatches(size.spark.result[0], duckdb)
            print(f"  {size.factor}×: Spark vs DuckDB on {len(duckdb):,} measurements: "
                  f"{apart} differ")  # fmt: skip
            wrong = wrong or apart > 0
    return wrong


def summary(engine: Timed, floor: Timed, ours: Timed, theirs: Timed, sizes: list[Size]) -> str:
    """The one line a reader takes away: the targets' ratios, and Spark's at each size."""
    line = (
        f"records: engine {engine.wall:.2f} s = {engine.wall / floor.wall:.2f}× every value the "
        f"measures read (goal ≤ 3×); pandas / engine {theirs.wall / ours.wall:.2f}× wall, "
        f"{theirs.cpu / ours.cpu:.2f}× per core (goal ≥ 10×)"
    )
    if sizes[0].spark:
        ratios = ", ".join(
            f"{s.spark_compute() / s.duckdb.wall:.2f}× at {s.factor}×" for s in sizes if s.spark
        )
        line += f"; Spark / DuckDB {ratios}"
    return line


if __name__ == "__main__":
    main()
