"""The database's own consistent snapshot, its row counts, and putting it back.

SQLite: the online backup API copies the live database page by page while the app keeps
running (in WAL mode readers and writers go on); the counts are taken from the copy, so they are
the copy's. PostgreSQL: a repeatable-read transaction exports its snapshot, the rows are counted
in it, and ``pg_dump --snapshot`` dumps exactly that snapshot; ``pg_restore`` puts it into an
empty database. The password travels in the environment (PGPASSWORD), never on a command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse


class DatabaseError(ValueError):
    """A database that cannot be backed up or restored as asked; the message says why."""


@dataclass(frozen=True)
class Postgres:
    """Where a PostgreSQL database is, as libpq takes it; the password kept apart."""

    name: str
    user: str = ""
    host: str = ""
    port: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Postgres:
        return cls(
            name=str(settings["NAME"]),
            user=str(settings.get("USER") or ""),
            host=str(settings.get("HOST") or ""),
            port=str(settings.get("PORT") or ""),
            password=str(settings.get("PASSWORD") or ""),
        )

    @classmethod
    def from_url(cls, url: str) -> Postgres:
        """DATABASE_URL, read as the settings read it: postgres://user:password@host:port/name."""
        parts = urlparse(url)
        if parts.scheme not in {"postgres", "postgresql"}:
            raise DatabaseError(f"DATABASE_URL must start postgres://, not {parts.scheme}://")
        return cls(
            name=parts.path.lstrip("/"),
            user=unquote(parts.username or ""),
            host=parts.hostname or "",
            port=str(parts.port or ""),
            password=unquote(parts.password or ""),
        )

    def conninfo(self) -> str:
        parts = {"dbname": self.name, "user": self.user, "host": self.host, "port": self.port}
        return " ".join(f"{k}={_quoted(v)}" for k, v in parts.items() if v)

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


# SQLite -------------------------------------------------------------------------------------


def sqlite_snapshot(source: sqlite3.Connection, target: Path) -> dict[str, int]:
    """Copy the database behind ``source`` to ``target`` with the online backup API; the copy's
    row counts per table."""
    with closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    return sqlite_rows(target)


def sqlite_rows(path: Path) -> dict[str, int]:
    """Rows in each table of a SQLite file (its own tables, not SQLite's)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {}
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            # A table name SQLite itself listed, quoted as an identifier.
            counts[table] = db.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # nosec B608
        return counts


def sqlite_check(path: Path) -> None:
    """Refuse a SQLite file that fails SQLite's own integrity check."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            result = db.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise DatabaseError(f"the database in the archive is not SQLite ({error})") from None
    if result != "ok":
        raise DatabaseError(f"the database in the archive fails SQLite's check: {result}")


# PostgreSQL ---------------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError(
            f"{name} is not installed: it comes with the PostgreSQL client "
            "(Debian: apt-get install postgresql-client)"
        )
    return found


@contextmanager
def _connected(where: Postgres) -> Iterator[Any]:
    import psycopg

    try:
        connection = psycopg.connect(where.conninfo(), password=where.password or None)
    except psycopg.Error as error:
        raise DatabaseError(
            f"cannot connect to PostgreSQL database {where.name}: {error}"
        ) from None
    with connection:
        yield connection


def postgres_snapshot(where: Postgres, target: Path) -> dict[str, int]:
    """Dump the database as one snapshot (custom format) to ``target``; its row counts, counted
    in that same snapshot."""
    dump = _tool("pg_dump")
    with _connected(where) as connection:
        connection.autocommit = False
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            rows = _postgres_rows(cursor)
            command = [dump, "--format=custom", "--no-owner", "--no-privileges",
                       f"--snapshot={snapshot}", f"--file={target}",
                       f"--dbname={where.conninfo()}"]  # fmt: skip
            _run(command, where, "pg_dump")
        connection.rollback()
    return rows


def postgres_restore(where: Postgres, dump: Path) -> dict[str, int]:
    """Restore a dump into ``where``, which must hold no tables; its row counts afterwards."""
    restore = _tool("pg_restore")
    with _connected(where) as connection, connection.cursor() as cursor:
        found = _postgres_rows(cursor)
    if found:
        raise DatabaseError(
            f"PostgreSQL database {where.name} is not empty ({len(found)} tables): "
            "restore only into an empty database"
        )
    command = [restore, "--no-owner", "--no-privileges", "--exit-on-error",
               "--single-transaction", f"--dbname={where.conninfo()}", str(dump)]  # fmt: skip
    _run(command, where, "pg_restore")
    with _connected(where) as connection, connection.cursor() as cursor:
        return _postgres_rows(cursor)


def _postgres_rows(cursor: Any) -> dict[str, int]:
    from psycopg import sql

    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def _run(command: list[str], where: Postgres, name: str) -> None:
    # pg_dump or pg_restore with a fixed argument list, no shell.
    result = subprocess.run(  # nosec B603
        command, env=where.environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DatabaseError(f"{name} failed: {result.stderr.strip() or result.returncode}")
