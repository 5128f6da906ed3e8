"""The web benchmark runs the app under gunicorn with people signed in, and every request it makes
gets the answer a person would: no failed request, no wrong status, nothing about time."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.web import percentile

ROOT = Path(__file__).resolve().parents[2]
SUMMARY = re.compile(r"^web: p95 \d+ ms, (\d+) failures, \d+\.\d\d× baseline$")


def test_a_percentile_is_the_nearest_rank_so_it_is_a_time_that_was_measured() -> None:
    times = [float(n) for n in range(1, 101)]

    assert percentile(times, 0.5) == 50
    assert percentile(times, 0.95) == 95
    assert percentile(times, 0.99) == 99
    assert percentile([7.0, 3.0, 5.0], 0.95) == 7


@pytest.mark.slow
def test_the_quick_run_on_sqlite_makes_every_request_without_a_failure(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOARD_SQLITE"}}
    env["BOARD_HOME"] = str(tmp_path)  # the benchmark makes its own store; nothing lands here
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "web.py"), "--quick", "--database", "sqlite"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
        check=False,
    )

    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = SUMMARY.match(lines[-1])
    assert summary is not None, lines[-1]
    assert summary.group(1) == "0"
    assert "SQLite" in done.stdout
    assert re.search(r"^indicator page +\d+ ", done.stdout, re.MULTILINE)
    assert re.search(r"^baseline: sign-in page +\d+ ", done.stdout, re.MULTILINE)
