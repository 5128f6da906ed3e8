"""Running one benchmark phase in a fresh process: its wall time, processor time and peak memory.

A fresh process per run, so each run's peak resident set size is its own and nothing one phase
left in memory helps the next. Libraries are imported before the clock starts. Processor time
and peak memory count the process and every process it started that is still running when the
phase ends (Spark's JVM and its Python workers), read from ``/proc``.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from queue import Empty
from typing import Any, NamedTuple

_TICKS = os.sysconf("SC_CLK_TCK")


class Run(NamedTuple):
    result: Any
    wall: float  # seconds
    cpu: float  # processor seconds, all the phase's processes
    rss: float  # MB: the process's peak, plus the peaks of those it started


def _descendants(pid: int) -> list[int]:
    """Every running process below pid (its children, theirs, …)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cpu_of(pid: int) -> float:
    """Processor seconds a running process has used (user and system)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _peak_of(pid: int) -> float:
    """A running process's peak resident set size in MB (VmHWM)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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

    before = _own_cpu()
    started = time.perf_counter()
    result = target(*args)
    wall = time.perf_counter() - started
    others = _descendants(os.getpid())
    cpu = _own_cpu() - before + sum(_cpu_of(pid) for pid in others)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak += sum(_peak_of(pid) for pid in others)
    queue.put(Run(result if then is None else then(result), wall, cpu, peak))


def phase(target: Callable[..., Any], *args: Any, then: Callable[[Any], Any] | None = None) -> Run:
    """Run target in a fresh process: its result (passed through then, after the clock stops),
    wall seconds, processor seconds and peak RSS."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_in_child, args=(target, args, queue, then))
    process.start()
    while True:
        try:
            run: Run = queue.get(timeout=1)
            break
        except Empty:
            if not process.is_alive():
                raise RuntimeError(f"{target.__name__} failed (exit {process.exitcode})") from None
    process.join()
    return run


class Timed:
    """One phase run several times: its last result, the median and spread of wall time, the
    median processor time, the largest peak RSS."""

    def __init__(
        self,
        repeat: int,
        target: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], Any] | None = None,
    ) -> None:
        self.runs = [phase(target, *args, then=then) for _ in range(repeat)]
        self.result = self.runs[-1].result
        self.walls = [run.wall for run in self.runs]
        self.wall = statistics.median(self.walls)
        self.cpu = statistics.median(run.cpu for run in self.runs)
        self.rss = max(run.rss for run in self.runs)

    def line(self, label: str, rows: int) -> str:
        spread = f"{min(self.walls):.2f}–{max(self.walls):.2f}"
        return (
            f"{label:<38} {self.wall:8.2f} s  ({spread:>11} s) {self.cpu:8.2f} s "
            f"{self.rss:7.0f} MB {rows / self.wall:13,.0f} rows/s"
        )


HEADER = (
    f"{'phase':<38} {'wall':>10}  {'range':>13} {'processor':>10} {'peak RSS':>10} "
    f"{'throughput':>20}"
)
