"""The embedded store's durability settings, and the plan check on the console."""

from __future__ import annotations

from django.db import connection
from typer.testing import CliRunner

from improvement_board.cli import app


def test_sqlite_runs_in_wal_mode_with_full_synchronous_writes(tmp_path, django_db_blocker) -> None:
    """A store file opened with the project's settings: WAL journal, FULL sync, immediate locks."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from improvement_board.web.settings import SQLITE_OPTIONS

    wrapper = DatabaseWrapper(
        {
            **connection.settings_dict,
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "store.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
        }
    )
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
    wrapper.close()
    assert SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"


def test_programme_check_lists_what_the_seed_plan_lacks() -> None:
    from improvement_board.demo import SEED_PROGRAMME

    result = CliRunner().invoke(app, ["programme", "check", str(SEED_PROGRAMME)])
    assert result.exit_code == 0, result.output
    assert "finding(s)." in result.output
    assert "Demonstration of effective risk management" in result.output
