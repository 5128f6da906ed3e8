"""Robustness figures for the child-level records: every reader fuzzed, and loads killed.

    python scripts/robustness/records.py                 # 1,000 cases per reader, 20 kills
    python scripts/robustness/records.py --cases 100 --kills 5

1. Hypothesis cases per reader (CIN census, SSDA903 CSV and XML, Annex A, workforce census,
   plain CSV): files built from the format's elements or columns with drawn values, real files
   from ../shared/data/peers cut short, overwritten or with bytes put in, and random bytes, each
   loaded into a fresh store with and without ``keep_problems``. Counted: unhandled exceptions
   (any exception escaping ``load_records``), broken rules (a refusal without its file, row or
   column; a sound load storing nothing; staging left behind) and partial loads (a refused load
   that stored something). The strategies and rules are the property tests'
   (tests/core/records/strategies.py).
2. SIGKILL trials: a census of a few thousand children is loaded in a child process and killed
   with SIGKILL: every other trial at a random moment between 30% and 110% of a whole load's
   duration (the time before is Python starting), the others in the staging window itself (the
   load stops there, every file written and not yet published, until it is killed). The store
   is then checked: no upload
   visible to compute may be incomplete (a partial load), compute must give what it gave before
   the kill (or, if the kill came after publishing, what a whole load gives), and loading again
   must succeed and remove what the killed load left in staging.

Prints the figures; exits 1 if any unhandled exception, broken rule or partial load was found.
Run from the repository with the development dependencies installed.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from improvement_board.core.periods import Period  # noqa: E402
from improvement_board.core.records.compute import compute_measures  # noqa: E402
from improvement_board.core.records.load import dataset_tables, load_records  # noqa: E402
from improvement_board.core.records.store import STAGING, completed_uploads  # noqa: E402
from improvement_board.core.records.synthetic import SyntheticSpec, simulate_council  # noqa: E402
from improvement_board.core.records.synthetic_formats import write_cin_census  # noqa: E402
from tests.core.records.strategies import READERS, File, files, load_once  # noqa: E402

KEY = b"robustness-key-of-thirty-two-byt"
LEA = "873"
PERIODS = [Period(2023, month) for month in (1, 2, 3)]
MEASURES = ["referrals_per_10k", "assessments_within_45_days", "rereferrals_within_12_months"]
LOAD = """
import sys, time
from pathlib import Path
from improvement_board.core.records import store
from improvement_board.core.records.load import load_records
if len(sys.argv) > 4:  # stop in the staging window: every file written, not yet published
    sealed = store._seal
    def seal_then_wait(folder):
        sealed(folder)
        Path(sys.argv[4]).write_text(str(folder))
        time.sleep(120)
    store._seal = seal_then_wait
load_records("cin-census", [Path(sys.argv[2])], store=Path(sys.argv[1]), key=sys.argv[3].encode())
"""


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def fuzz(reader: str, cases: int) -> Counter[str]:
    """Run ``cases`` hypothesis cases for one reader; count what happened."""
    counts: Counter[str] = Counter()

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(file=files(reader), keep=st.booleans())
    def case(file: File, keep: bool) -> None:
        counts["cases"] += 1
        try:
            outcome = load_once(reader, file, keep_problems=keep)
        except Exception as error:  # the figure this script exists to count
            counts["unhandled"] += 1
            say(f"  unhandled in {reader}: {type(error).__name__}: {error} ({file!r})")
            return
        counts["refused" if outcome.result.problems else "stored"] += 1
        if outcome.broken:
            counts["broken"] += 1
            say(f"  broken in {reader}: {outcome.broken[0]} ({file!r})")
        if "a refused load stored something" in outcome.broken:
            counts["partial"] += 1

    case()
    return counts


def kill_trials(trials: int, seed: int) -> Counter[str]:
    """Kill a records load at random moments; count partial loads and failed retries."""
    counts: Counter[str] = Counter()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        spec = SyntheticSpec(councils=1, first_year=2020, years=3, seed=seed, size=0.5)
        children = simulate_council(spec, 0).children
        small = write_cin_census(work / "small.xml", children[:200], year=2022, lea=LEA)
        big = write_cin_census(work / "big.xml", children, year=2023, lea=LEA)
        whole = _store_after(work / "whole", [small, big])
        duration = _timed_load(work / "timing", big)
        counts["census bytes"] = big.stat().st_size
        counts["load ms"] = round(duration * 1000)
        for trial in range(trials):
            store = work / f"trial-{trial}"
            before = _store_after(store, [small])
            staging_window = trial % 2 == 1
            marker = [str(work / f"staged-{trial}")] if staging_window else []
            process = subprocess.Popen(
                [sys.executable, "-c", LOAD, str(store), str(big), KEY.decode(), *marker],
                cwd=ROOT,
            )
            if staging_window:
                while not Path(marker[0]).exists() and process.poll() is None:
                    time.sleep(0.01)
                counts["killed in the staging window"] += 1
            else:
                time.sleep(rng.uniform(duration * 0.3, duration * 1.1))
            process.send_signal(signal.SIGKILL)
            process.wait()
            counts["trials"] += 1
            staged = list((store / STAGING).iterdir()) if (store / STAGING).exists() else []
            counts["staging left by the kill"] += bool(staged)
            if _partial(store):
                counts["partial loads"] += 1
            now = _figures(store)
            if now == before:
                counts["killed before publishing"] += 1
            elif now == whole:
                counts["killed after publishing"] += 1
            else:
                counts["compute affected"] += 1
            retry = load_records("cin-census", [big], store=store, key=KEY)
            left = list((store / STAGING).iterdir()) if (store / STAGING).exists() else []
            if retry.problems or _figures(store) != whole or left:
                counts["retries failed"] += 1
            else:
                counts["retries succeeded"] += 1
    return counts


def _store_after(store: Path, paths: list[Path]) -> list[tuple[str, str, float]]:
    for path in paths:
        result = load_records("cin-census", [path], store=store, key=KEY)
        assert not result.problems, result.problems
    return _figures(store)


def _timed_load(store: Path, path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", LOAD, str(store), str(path), KEY.decode()],
                   cwd=ROOT, check=True)  # fmt: skip
    return time.perf_counter() - start


def _figures(store: Path) -> list[tuple[str, str, float]]:
    uploads = completed_uploads(store)
    if not uploads:
        return []
    results = compute_measures(uploads, periods=PERIODS, population={(LEA, 2022): 20_000},
                               measures=MEASURES)  # fmt: skip
    return sorted((r.measure, str(r.period), r.numerator) for r in results)


def _partial(store: Path) -> bool:
    """An upload visible to compute without its manifest or with a table that cannot be read."""
    import pyarrow.parquet as pq

    for dataset in (d for d in store.iterdir() if d.is_dir() and not d.name.startswith(".")):
        for folder in (f for f in dataset.iterdir() if not f.name.startswith(".")):
            if not (folder / "manifest.json").is_file():
                return True
            for table in dataset_tables(dataset.name):
                try:
                    pq.read_table(folder / f"{table}.parquet")
                except OSError:
                    return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="hypothesis cases per reader")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILL trials")
    parser.add_argument("--seed", type=int, default=20_261_206)
    args = parser.parse_args()
    started = time.perf_counter()
    say(f"Records robustness: {args.cases:,} cases per reader, {args.kills} kill trials")
    totals: Counter[str] = Counter()
    say(f"{'reader':<13}{'cases':>7}{'stored':>8}{'refused':>9}{'unhandled':>11}"
          f"{'broken':>8}{'partial':>9}")  # fmt: skip
    for reader in READERS:
        counts = fuzz(reader, args.cases)
        totals += counts
        say(f"{reader:<13}{counts['cases']:>7,}{counts['stored']:>8,}{counts['refused']:>9,}"
              f"{counts['unhandled']:>11}{counts['broken']:>8}{counts['partial']:>9}")  # fmt: skip
    kills = kill_trials(args.kills, args.seed)
    say(f"\nSIGKILL during a records load (census of {kills['census bytes']:,} bytes, a whole "
          f"load {kills['load ms']:,} ms):")  # fmt: skip
    for name in ("trials", "killed in the staging window", "killed before publishing",
                 "killed after publishing", "staging left by the kill", "partial loads",
                 "compute affected", "retries succeeded", "retries failed"):  # fmt: skip
        say(f"  {name}: {kills[name]}")
    say(f"\n{time.perf_counter() - started:.0f} s")
    bad = totals["unhandled"] + totals["broken"] + totals["partial"]
    bad += kills["partial loads"] + kills["compute affected"] + kills["retries failed"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
