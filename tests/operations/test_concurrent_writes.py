"""Writes never fail for being concurrent: three officers save while a pack is issued, on a real
SQLite file (WAL, busy timeout) and, where DATABASE_URL names it, on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.operations.writers import NOTES, WRITERS

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _race(home: Path, database_url: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOARD_SQLITE"}}
    env.update(BOARD_HOME=str(home), BOARD_ENV="test")
    if database_url:
        env["DATABASE_URL"] = database_url
    result = subprocess.run(
        [sys.executable, "-m", "tests.operations.writers"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _holds(outcome: dict[str, object]) -> None:
    assert outcome["errors"] == []
    assert outcome["written"] == WRITERS * NOTES
    assert outcome["lost"] == []
    assert outcome["issued"] == 2  # the HTML and the PDF


def test_three_writers_while_a_pack_is_issued_on_sqlite(tmp_path: Path) -> None:
    _holds(_race(tmp_path / "home", None))


def test_three_writers_while_a_pack_is_issued_on_postgresql(
    tmp_path: Path, scratch_postgres: str
) -> None:
    _holds(_race(tmp_path / "home", scratch_postgres))
