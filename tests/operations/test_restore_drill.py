"""The restore drill: a store in use (programme, figures, records, a pack issued after sign-off)
is backed up with ``board backup``, restored with ``board restore`` into an empty BOARD_HOME in
another folder, and comes back with the same row counts, the same ``board status`` and every
issued pack's SHA-256 — on SQLite, and on PostgreSQL when DATABASE_URL names it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from typer.testing import CliRunner

from improvement_board.cli import app
from improvement_board.core.demo import demo_csv, demo_figures
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.core.records.synthetic import SyntheticSpec, simulate_council
from improvement_board.core.records.synthetic_formats import write_council_returns
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.meetings.models import IssuedPack, Meeting
from improvement_board.meetings.services import pack_issue
from improvement_board.operations.database import Postgres, sqlite_rows
from improvement_board.programmes.measurements import measurements_load
from improvement_board.programmes.records import records_load
from improvement_board.programmes.services import programme_load
from tests.meetings.signing import approved

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
STATUS = ["status", "--period", "2006-10"]


@pytest.fixture
def store(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store as a council would have it in November 2006, in a BOARD_HOME of its own."""
    monkeypatch.setattr("improvement_board.meetings.services.render_pdf", lambda html: b"%PDF-x")
    home = tmp_path / "home"
    settings.BOARD_HOME = home
    programme, _ = programme_load(path=SEED_PROGRAMME)
    figures = [
        f for f in demo_figures(load_programme(SEED_PROGRAMME)) if f.period <= Period(2006, 10)
    ]
    monthly = tmp_path / "return.csv"
    monthly.write_text(demo_csv(figures), encoding="utf-8")
    measurements_load(programme=programme, path=monthly, user=None)
    spec = SyntheticSpec(councils=1, first_year=2021, years=2, seed=3, size=0.05)
    returns = write_council_returns(tmp_path / "returns", simulate_council(spec, 0).children,
                                    year=2022, lea="999")  # fmt: skip
    [census] = [p for p in returns if p.suffix == ".xml"]
    assert records_load(dataset="cin-census", paths=[census]).stored is not None
    meeting = Meeting.objects.get(programme=programme, period="2006-11")
    pack_issue(meeting=meeting, user=approved(meeting), pdf=True)
    return home


def _board(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return result.output


def _board_on(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "improvement_board.cli", *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _live_rows() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _environment(home: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOARD_SQLITE"}}
    env.update(BOARD_HOME=str(home), BOARD_ENV="test", COLUMNS="300")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _drill(store: Path, tmp_path: Path, database_url: str | None) -> dict[str, int]:
    """Back up, restore elsewhere, and check the restored store against the live one; the
    restored row counts."""
    archive = tmp_path / "board-backup.tgz"
    assert "each with its SHA-256" in _board("backup", str(archive))
    status_before = _board(*STATUS)
    rows_before = _live_rows()
    packs = list(IssuedPack.objects.values_list("path", "sha256"))
    assert len(packs) == 2

    restored = tmp_path / "elsewhere" / "home"
    env = _environment(restored, database_url)
    said = _board_on(env, "restore", str(archive))
    assert "each matching its SHA-256" in said
    if database_url is None:
        rows_after = sqlite_rows(restored / "board.sqlite3")
    else:
        from improvement_board.operations.database import _connected, _postgres_rows

        with _connected(Postgres.from_url(database_url)) as db, db.cursor() as cursor:
            rows_after = _postgres_rows(cursor)
    assert rows_after == rows_before
    for path, sha256 in packs:
        assert hashlib.sha256((restored / path).read_bytes()).hexdigest() == sha256
    assert _board_on(env, *STATUS) == status_before
    issued = _board_on(env, "issued", "--meeting", "2006-11")
    assert issued.count("unchanged") == 2 and "missing" not in issued  # and it exited 0
    assert list((restored / "records").rglob("*.parquet"))
    return rows_after


def test_the_restore_drill_on_sqlite(store: Path, tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("this run's store is PostgreSQL: its drill is the one below")
    rows = _drill(store, tmp_path, None)
    assert rows["meetings_issuedpack"] == 2 and rows["programmes_measurement"] > 0


def test_the_restore_drill_on_postgresql(store: Path, tmp_path: Path, scratch_postgres: str):
    if connection.vendor != "postgresql":
        pytest.skip("this run's store is SQLite: its drill is the one above")
    rows = _drill(store, tmp_path, scratch_postgres)
    assert rows["meetings_issuedpack"] == 2 and rows["programmes_measurement"] > 0


def test_a_restore_into_a_store_in_use_is_refused_and_changes_nothing(
    store: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "board-backup.tgz"
    _board("backup", str(archive))
    env = _environment(store, None)
    before = sorted(p.relative_to(store) for p in store.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "improvement_board.cli", "restore", str(archive)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "refused: BOARD_HOME" in result.stderr and "is not empty" in result.stderr
    assert "nothing was restored" in result.stderr
    assert sorted(p.relative_to(store) for p in store.rglob("*")) == before
