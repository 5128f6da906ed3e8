"""Robustness figures for monthly returns and the programme file: fuzzed, bounded, and killed.

    python scripts/robustness/inputs.py                  # 1,000 cases per importer, 20 kills
    python scripts/robustness/inputs.py --cases 100 --kills 5

1. Hypothesis cases per importer: monthly returns as a long CSV, a wide CSV and a workbook
   (tests/core/returns/strategies.py), and mutated programme files (tests/core/programme_files.py),
   each loaded into a store (SQLite, in a transaction rolled back after it). Counted: unhandled
   exceptions (any exception but ProblemsFound escaping the load), broken rules (a refusal not
   naming the file, or a row or column the file does not have; a figure accepted against the
   rules) and partial loads (a refused load that changed the store).
2. Adversarial shapes, each read in a process of its own: wall time and peak memory (the
   process's own peak resident set, VmHWM, the interpreter included) for a YAML alias bomb, nesting
   100,000 levels deep, `last_period: 9999-12`, a megabyte name, the largest files allowed and
   one byte over, the year's wide return with `Apri-06`, a million-character cell, a workbook
   that would unzip to 250 MB. And the programme reader's memory (tracemalloc) against file size.
3. SIGKILL trials: `board measurements load` of a return of several thousand figures is run in
   a child process and killed with SIGKILL: every other trial at a random moment between 30% and
   110% of a whole load's duration (the time before is Python and Django starting), the others
   inside the write transaction itself (the load stops there once a random number of figures are
   written, until it is killed). The store is then checked: SQLite's integrity check, and the
   return's figures and their history either all there or none (anything between is a partial
   load); loading again must succeed and leave every figure once.

Prints the figures; exits 1 if any unhandled exception, broken rule or partial load was found.
Run from the repository with the development dependencies installed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BOARD = Path(sys.executable).parent / "board"

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.core.programme_files import Written, programme_files  # noqa: E402
from tests.core.programme_files import refusal_broken as programme_refusal_broken  # noqa: E402
from tests.core.returns.cadenced import FIXTURE  # noqa: E402
from tests.core.returns.strategies import (  # noqa: E402
    SHAPES,
    Drawn,
    accepted_broken,
    refusal_broken,
    returns,
)


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# --- 1. fuzzing through the store ----------------------------------------------------------


def start_store(folder: Path) -> None:
    """Django on a SQLite store of this run's own, never the operator's."""
    os.environ["BOARD_HOME"] = str(folder / "home")
    os.environ["BOARD_ENV"] = "test"
    from improvement_board.cli.runtime import setup

    setup(store=str(folder / "fuzz.sqlite3"))


def state() -> tuple[int, ...]:
    from improvement_board.programmes.models import Indicator, Measurement, Programme

    return (
        Programme.objects.count(),
        Indicator.objects.count(),
        Measurement.objects.count(),
        Measurement.history.count(),
    )


def run_cases(cases: int, strategy: Any, case: Callable[[Any, Counter[str]], None]) -> Counter[str]:
    counts: Counter[str] = Counter()

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(drawn=strategy)
    def each(drawn: Any) -> None:
        counts["cases"] += 1
        try:
            case(drawn, counts)
        except Exception as error:  # the figure this script exists to count
            counts["unhandled"] += 1
            say(f"  unhandled: {type(error).__name__}: {error} ({drawn!r})"[:600])

    each()
    return counts


def return_case(folder: Path) -> Callable[[Drawn, Counter[str]], None]:
    from django.db import transaction

    from improvement_board.core.problems import ProblemsFound
    from improvement_board.core.returns import parse_return_file
    from improvement_board.programmes.measurements import measurements_load
    from improvement_board.programmes.models import Programme

    programme = Programme.objects.get(key="cadenced")

    def case(drawn: Drawn, counts: Counter[str]) -> None:
        path = folder / drawn.name
        path.write_bytes(drawn.data)
        with transaction.atomic():
            before = state()
            try:
                report = measurements_load(programme=programme, path=path, user=None)
            except ProblemsFound as found:
                counts["refused"] += 1
                broken = refusal_broken(found.problems, drawn)
                if state() != before:
                    counts["partial"] += 1
                    broken.append("a refused load changed the store")
            else:
                counts["stored"] += 1
                counts["figures"] += len(report.new)
                counts["markers"] += len(report.marked)
                counts["named as not read"] += len(report.ignored)
                read = parse_return_file(drawn.data, programme_core(), source=drawn.name)
                broken = accepted_broken(read, drawn)
            transaction.set_rollback(True)
        if broken:
            counts["broken"] += 1
            say(f"  broken: {broken[0]} ({drawn!r})"[:600])

    return case


def programme_core() -> Any:
    from improvement_board.core.programme import load_programme

    return load_programme(FIXTURE)


def programme_case(folder: Path) -> Callable[[Written, Counter[str]], None]:
    from django.db import transaction

    from improvement_board.core.problems import ProblemsFound
    from improvement_board.programmes.services import programme_load

    def case(written: Written, counts: Counter[str]) -> None:
        path = folder / written.name
        path.write_text(written.text, encoding="utf-8", errors="surrogatepass")
        broken: list[str] = []
        with transaction.atomic():
            before = state()
            try:
                programme_load(path=path)
            except ProblemsFound as found:
                counts["refused"] += 1
                as_loaded = Written(written.text, str(path))  # problems name the path given
                broken = programme_refusal_broken(found.problems, as_loaded)
                if state() != before:
                    counts["partial"] += 1
                    broken.append("a refused load changed the store")
            else:
                counts["stored"] += 1
            transaction.set_rollback(True)
        if broken:
            counts["broken"] += 1
            say(f"  broken: {broken[0]} ({written!r})"[:600])

    return case


def fuzz(cases: int, folder: Path) -> dict[str, Counter[str]]:
    start_store(folder)
    from improvement_board.programmes.services import programme_load

    programme_load(path=FIXTURE)
    work = folder / "cases"
    work.mkdir()
    results = {}
    for shape in SHAPES:
        results[f"return, {shape}"] = run_cases(cases, returns(shape), return_case(work))
    results["programme file"] = run_cases(cases, programme_files(), programme_case(work))
    return results


# --- 2. adversarial shapes, bounded --------------------------------------------------------

PEAK = """
def peak():  # this process's own peak (VmHWM: ru_maxrss would count the parent's, kept by exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
"""
READ_PROGRAMME = (
    PEAK
    + """
import sys
from pathlib import Path
from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import load_programme
try:
    load_programme(Path(sys.argv[1]))
    print("accepted")
except ProblemsFound as found:
    print("refused: " + str(found.problems[0])[:160])
print(peak())
"""
)
READ_RETURN = (
    PEAK
    + """
import sys
from pathlib import Path
from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import load_programme
from improvement_board.core.returns import read_return
try:
    rows = read_return(Path(sys.argv[1]), load_programme(Path(sys.argv[2])))
    print(f"accepted: {len(rows)} figures")
except ProblemsFound as found:
    print(f"refused ({len(found.problems)}): " + str(found.problems[0])[:160])
print(peak())
"""
)


def measured(code: str, *args: Path) -> tuple[float, int, str]:
    """Wall seconds, peak resident kilobytes and the outcome printed, for one child."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().split("\n")
    if done.returncode or len(lines) < 2:
        return seconds, 0, f"exit status {done.returncode}: {done.stderr.strip()[-300:]}"
    return seconds, int(lines[-1]), lines[0]


def shapes(folder: Path) -> list[tuple[str, str, int, float, int, str]]:
    mini = FIXTURE.parent / "mini-programme.yaml"
    seed = ROOT / "improvement_board" / "data" / "herefordshire-2006.yaml"
    base = mini.read_text(encoding="utf-8")
    files: list[tuple[str, str, Path, Path | None]] = []

    def programme(name: str, text: str) -> None:
        path = folder / f"{len(files)}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(("programme", name, path, None))

    def monthly(name: str, data: bytes, suffix: str = ".csv", against: Path = mini) -> None:
        path = folder / f"{len(files)}{suffix}"
        path.write_bytes(data)
        files.append(("return", name, path, against))

    programme("the seed programme (valid), for comparison", seed.read_text(encoding="utf-8"))
    bomb = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    bomb += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    programme("nested aliases, 9 levels (9^9 strings expanded)", "\n".join(bomb) + "\n")
    programme("nesting 100,000 levels deep", "notes: " + "[" * 100_000 + "]" * 100_000 + "\n")
    programme("last_period: 9999-12", base.replace("last_period: 2007-03", "last_period: 9999-12"))
    name = "name: Mini improvement programme (test)"
    programme("a name of 1 MB", base.replace(name, "name: " + "x" * 2**20))
    programme("2 MB of risks (valid YAML)", _risks(base, 2 * 1024 * 1024 - 4096))
    programme("one byte over 2 MB", base + "#" * (2 * 1024 * 1024 + 1 - len(base.encode())))
    monthly(
        "a small long return (valid), for comparison",
        b"indicator,period,value\nCH 141,2006-04,175\n",
    )
    monthly(
        "the year's wide return with Apri-06 (168 figures)", _wide_year(), against=_fourteen(folder)
    )
    many = _big_programme(folder, 84)
    monthly("10,000 rows, the most allowed (valid)", _big_return(84, 9_999), against=many)
    monthly("10,001 rows", _big_return(84, 10_000), against=many)
    monthly(
        "a cell of a million characters",
        b"indicator,period,value\nCH 141,2006-04," + b"9" * 10**6 + b"\n",
    )
    monthly("500 columns by 200 rows", _wide_block(200, 499))
    monthly("a workbook that would unzip to 250 MB", _zip_bomb(250), ".xlsx")
    results = []
    for kind, label, path, against in files:
        code = READ_PROGRAMME if against is None else READ_RETURN
        args = (path,) if against is None else (path, against)
        seconds, peak, said = measured(code, *args)
        results.append((kind, label, path.stat().st_size, seconds, peak, said))
    return results


def _risks(base: str, size: int) -> str:
    """The mini programme, whose last section is its risks, with risks added to ``size``."""
    lines, n = [base.rstrip("\n")], 0
    total = len(base)
    while total < size:
        line = f"  - {{key: risk-{n}, title: Risk number {n} of many, likelihood: 2, impact: 3}}"
        lines.append(line)
        total += len(line) + 1
        n += 1
    return "\n".join(lines) + "\n"


def _fourteen(folder: Path) -> Path:
    path = folder / "fourteen.yaml"
    indicators = "\n".join(
        f"  - {{key: pi-{n}, title: Indicator {n}, unit: count, polarity: higher, "
        "target: {value: 10}}"
        for n in range(1, 15)
    )
    path.write_text(
        "programme:\n  key: fourteen\n  name: Fourteen indicators\n  council: Demoshire\n"
        "  baseline_date: 2006-03-31\n  target_date: 2007-03-31\n  first_period: 2006-04\n"
        "  last_period: 2007-03\n  population: {2006: 36000}\nindicators:\n" + indicators + "\n",
        encoding="utf-8",
    )
    return path


def _wide_year() -> bytes:
    months = ["Apri-06", "May-06", "Jun-06", "Jul-06", "Aug-06", "Sep-06", "Oct-06", "Nov-06"]
    months += ["Dec-06", "Jan-07", "Feb-07", "Mar-07"]
    rows = [",".join(["PI", *months])]
    rows += [",".join([f"pi-{n}", *(str(n + m) for m in range(12))]) for n in range(1, 15)]
    return ("\n".join(rows) + "\n").encode()


def _wide_block(rows: int, columns: int) -> bytes:
    header = ",".join(["PI", *(f"Desc {c}" for c in range(columns - 12)), "Apr-06", "May-06"])
    header += "," + ",".join(["Jun-06", "Jul-06", "Aug-06", "Sep-06", "Oct-06", "Nov-06"])
    header += "," + ",".join(["Dec-06", "Jan-07", "Feb-07", "Mar-07"])
    body = [
        ",".join(["CH 141", *("text" for _ in range(columns - 12)), *("175" for _ in range(12))])
    ]
    body += [",".join(["Safeguarding", *("" for _ in range(columns))]) for _ in range(rows - 1)]
    return ("\n".join([header, *body]) + "\n").encode()


def _zip_bomb(megabytes: int) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"\0" * 2**20
            for _ in range(megabytes):
                sheet.write(block)
    return data.getvalue()


def programme_memory(folder: Path) -> list[tuple[int, float]]:
    """Peak memory of reading a valid programme file, against its size (tracemalloc)."""
    from improvement_board.core.problems import ProblemsFound
    from improvement_board.core.programme import parse_programme

    base = (FIXTURE.parent / "mini-programme.yaml").read_text(encoding="utf-8")
    sizes = []
    for kilobytes in (256, 512, 1024, 2000):
        text = _risks(base, kilobytes * 1024)
        tracemalloc.start()
        with contextlib.suppress(ProblemsFound):
            parse_programme(text, source="risks.yaml")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        sizes.append((len(text.encode()), peak / 2**20))
    return sizes


# --- 3. SIGKILL during a return load -------------------------------------------------------


HELD = """
import sys, time
from pathlib import Path
from improvement_board.programmes import measurements
record, stop, marker = measurements.measurement_record, int(sys.argv[1]), Path(sys.argv[2])
written = 0
def counted(**given):
    global written
    change = record(**given)
    written += 1
    if written == stop:  # inside the load's transaction: figures written, none committed
        marker.write_text(str(written))
        time.sleep(120)
    return change
measurements.measurement_record = counted
from improvement_board.cli import main
sys.argv = ["board", "measurements", "load", sys.argv[3]]
main()
"""


def kill_trials(trials: int, seed: int, folder: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    rng = random.Random(seed)
    programme = _big_programme(folder, 80)
    figures = folder / "ten-years.csv"
    figures.write_bytes(_big_return(80))
    empty = folder / "empty.sqlite3"
    code, output = _board(empty, "programme", "load", programme)
    assert code == 0, output
    whole = folder / "whole.sqlite3"
    shutil.copy(empty, whole)
    started = time.perf_counter()
    code, output = _board(whole, "measurements", "load", figures)
    duration = time.perf_counter() - started
    assert code == 0, output
    expected = _counted(whole)
    counts["figures"] = expected[0]
    counts["load ms"] = round(duration * 1000)
    for trial in range(trials):
        store = folder / f"trial-{trial}.sqlite3"
        shutil.copy(empty, store)
        held = trial % 2 == 1
        marker = folder / f"written-{trial}"
        command = [str(BOARD), "measurements", "load", str(figures)]
        if held:  # killed inside the write transaction, a random number of figures written
            stop = rng.randint(1, expected[0] - 1)
            command = [sys.executable, "-c", HELD, str(stop), str(marker), str(figures)]
        child = subprocess.Popen(
            command,
            cwd=ROOT,
            env=_env(store),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if held:
            while not marker.exists() and child.poll() is None:
                time.sleep(0.01)
            counts["killed inside the write transaction"] += 1
        else:
            time.sleep(rng.uniform(duration * 0.3, duration * 1.1))
        child.send_signal(signal.SIGKILL)
        child.wait()
        counts["trials"] += 1
        now = _counted(store)
        if not _intact(store):
            counts["integrity failures"] += 1
        if now == (0, 0):
            counts["killed before the commit"] += 1
        elif now == expected:
            counts["killed after the commit"] += 1
        else:
            counts["partial loads"] += 1
        code, _ = _board(store, "measurements", "load", figures)
        if code == 0 and _counted(store) == expected:
            counts["retries succeeded"] += 1
        else:
            counts["retries failed"] += 1
    return counts


def _big_programme(folder: Path, indicators: int) -> Path:
    """A programme of many monthly counts over ten years."""
    written = "\n".join(
        f"  - {{key: pi-{n}, title: Indicator {n}, unit: count, polarity: higher, "
        "target: {value: 10}}"
        for n in range(1, indicators + 1)
    )
    path = folder / f"programme-{indicators}.yaml"
    path.write_text(
        f"programme:\n  key: many\n  name: {indicators} indicators over ten years\n"
        "  council: Demoshire\n  baseline_date: 2016-03-31\n  target_date: 2026-03-31\n"
        "  first_period: 2016-04\n  last_period: 2026-03\n  population: {2016: 36000}\n"
        "indicators:\n" + written + "\n",
        encoding="utf-8",
    )
    return path


def _big_return(indicators: int, rows: int | None = None) -> bytes:
    """Every month of ten years for each indicator, one row each (the first ``rows``)."""
    months = [f"{2016 + (3 + m) // 12}-{(3 + m) % 12 + 1:02d}" for m in range(120)]
    lines = ["indicator,period,value"]
    lines += [
        f"pi-{n},{month},{(n * 7 + m) % 90}"
        for n in range(1, indicators + 1)
        for m, month in enumerate(months)
    ]
    return ("\n".join(lines[: None if rows is None else rows + 1]) + "\n").encode()


def _env(store: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"BOARD_SQLITE": str(store), "BOARD_HOME": str(store.parent / "home")}
    return env | {"BOARD_ENV": "test", "BOARD_USER": "robustness"}


def _board(store: Path, *args: object) -> tuple[int, str]:
    done = subprocess.run(
        [str(BOARD), *map(str, args)], env=_env(store), capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout + done.stderr


def _counted(store: Path) -> tuple[int, int]:
    """The figures stored and their history rows."""
    with sqlite3.connect(store) as db:
        figures = db.execute("SELECT count(*) FROM programmes_measurement").fetchone()[0]
        history = db.execute("SELECT count(*) FROM programmes_historicalmeasurement").fetchone()[0]
    return figures, history


def _intact(store: Path) -> bool:
    with sqlite3.connect(store) as db:
        return bool(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


# --- the figures ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="hypothesis cases per importer")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILL trials")
    parser.add_argument("--seed", type=int, default=20_261_206)
    args = parser.parse_args()
    started = time.perf_counter()
    say(f"Inputs robustness: {args.cases:,} cases per importer, {args.kills} kill trials")
    bad = 0
    with tempfile.TemporaryDirectory(prefix="board-inputs-") as temporary:
        folder = Path(temporary)
        say(f"\n{'importer':<20}{'cases':>7}{'stored':>8}{'refused':>9}{'unhandled':>11}"
            f"{'broken':>8}{'partial':>9}")  # fmt: skip
        for importer, counts in fuzz(args.cases, _mkdir(folder / "fuzz")).items():
            say(f"{importer:<20}{counts['cases']:>7,}{counts['stored']:>8,}"
                f"{counts['refused']:>9,}{counts['unhandled']:>11}{counts['broken']:>8}"
                f"{counts['partial']:>9}")  # fmt: skip
            if counts["figures"]:
                say(f"{'':<20}figures stored {counts['figures']:,}, of them markers "
                    f"{counts['markers']:,}; columns or sheets named as not read "
                    f"{counts['named as not read']:,}")  # fmt: skip
            bad += counts["unhandled"] + counts["broken"] + counts["partial"]
        _mkdir(folder / "shapes")
        say("\nAdversarial shapes (each in a process of its own; peak memory includes Python):")
        say(f"{'':<11}{'shape':<52}{'bytes':>11}{'seconds':>9}{'peak MB':>9}  outcome")
        for kind, label, size, seconds, peak, said in shapes(folder / "shapes"):
            say(f"{kind:<11}{label:<52}{size:>11,}{seconds:>9.2f}{peak / 1024:>9.0f}  {said}")
            bad += said.startswith("exit status")
        say("\nReading a valid programme file: peak memory against its size (tracemalloc)")
        for size, peak in programme_memory(folder / "shapes"):
            megabytes = size / 2**20
            ratio = peak / megabytes
            say(f"  {megabytes:5.2f} MB file: {peak:6.1f} MB at peak, {ratio:5.1f} per MB")
        kills = kill_trials(args.kills, args.seed, _mkdir(folder / "kills"))
        say(f"\nSIGKILL during `board measurements load` ({kills['figures']:,} figures; a whole "
            f"load, Python starting included, {kills['load ms']:,} ms):")  # fmt: skip
        for name in ("trials", "killed inside the write transaction",
                     "killed before the commit", "killed after the commit",
                     "partial loads", "integrity failures", "retries succeeded",
                     "retries failed"):  # fmt: skip
            say(f"  {name}: {kills[name]}")
        bad += kills["partial loads"] + kills["integrity failures"] + kills["retries failed"]
    say(f"\n{time.perf_counter() - started:.0f} s")
    return 1 if bad else 0


def _mkdir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


if __name__ == "__main__":
    sys.exit(main())
