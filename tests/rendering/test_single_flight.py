"""An edit followed by five simultaneous requests for the pack's PDF starts one print, not five,
and none in a request: on a real SQLite file and, where DATABASE_URL names it, on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.operations.conftest import scratch_postgres  # noqa: F401  (a fixture)
from tests.rendering.single_flight import PEOPLE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _five_at_once(home: Path, database_url: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOARD_SQLITE"}}
    env.update(
        BOARD_HOME=str(home),
        BOARD_ENV="test",
        BOARD_TASKS="database",
        BOARD_ALLOWED_HOSTS="testserver",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    result = subprocess.run(
        [sys.executable, "-m", "tests.rendering.single_flight"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _holds(outcome: dict[str, object]) -> None:
    assert outcome["first"] == [202, 200]  # asked for, printed by the worker, then served
    assert outcome["errors"] == []
    assert outcome["answers"] == [202] * PEOPLE  # each told it is being prepared
    assert outcome["printed_in_requests"] == 0
    assert outcome["queued"] == 1
    assert outcome["printed_after_edit"] == 1  # one print, not five
    assert outcome["renderings"] == 2  # the pack before the edit and after it
    assert outcome["after"] == 200
    assert outcome["prints_by"] == ["MainThread"]  # the worker's, never a request's


def test_an_edit_then_five_simultaneous_pdf_requests_start_one_print_on_sqlite(
    tmp_path: Path,
) -> None:
    _holds(_five_at_once(tmp_path / "home", None))


def test_an_edit_then_five_simultaneous_pdf_requests_start_one_print_on_postgresql(
    tmp_path: Path,
    scratch_postgres: str,  # noqa: F811
) -> None:
    _holds(_five_at_once(tmp_path / "home", scratch_postgres))
