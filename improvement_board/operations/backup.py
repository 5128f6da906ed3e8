"""``board backup`` and ``board restore``: the whole store in one file, and back.

A backup holds the database's own consistent snapshot (taken first), then the files under
BOARD_HOME that the database points at or that cannot be made again: issued and draft packs,
Minister's reports, uploads, pseudonymised record files and, outside production, the keys kept
in BOARD_HOME/secrets (without the pseudonym key, records loaded after a restore would not match
those loaded before). Caches and collected static files are left out; they are made again. A file
written after the snapshot may be in the archive without a row pointing at it, never the
reverse, because the snapshot comes first and packs and record files are written before their
rows and never changed.

The manifest gives every file's SHA-256 and every table's row count. A restore goes only into an
empty BOARD_HOME (and an empty database), checks every byte and every count before anything is
put in place, and leaves nothing behind when it refuses.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from improvement_board.operations.archive import DamagedArchive, Manifest, read_checked, writing
from improvement_board.operations.database import (
    DatabaseError,
    Postgres,
    postgres_restore,
    postgres_snapshot,
    sqlite_check,
    sqlite_rows,
    sqlite_snapshot,
)

FOLDERS = ("packs", "records", "reports", "uploads", "secrets")
SQLITE_ENTRY = "database/board.sqlite3"
POSTGRES_ENTRY = "database/board.pgdump"
HOME = "home"


class NotEmpty(ValueError):
    """A restore refused because its target already holds something."""


@dataclass(frozen=True)
class Outcome:
    """What a backup wrote or a restore put back."""

    archive: Path
    engine: str
    files: int
    rows: dict[str, int]


def backup(*, archive: Path, home: Path, source: Postgres | sqlite3.Connection) -> Outcome:
    """Write the store's backup to ``archive`` (a new file); ``source`` is a live sqlite3
    connection to the store, or the PostgreSQL database."""
    os.umask(0o077)
    archive = archive.resolve()
    with tempfile.TemporaryDirectory(prefix="board-backup-") as work, writing(archive) as out:
        if isinstance(source, Postgres):
            engine, entry, snapshot = "postgresql", POSTGRES_ENTRY, Path(work) / "board.pgdump"
            rows = postgres_snapshot(source, snapshot)
        else:
            engine, entry, snapshot = "sqlite", SQLITE_ENTRY, Path(work) / "board.sqlite3"
            rows = sqlite_snapshot(source, snapshot)
        out.add(entry, snapshot)
        for path in store_files(home):
            out.add(f"{HOME}/{path.relative_to(home).as_posix()}", path)
        created = datetime.now(UTC).isoformat(timespec="seconds")
        out.finish(Manifest(created, {"engine": engine, "file": entry}, rows))
        files = len(out.entries)
    return Outcome(archive, engine, files, rows)


def store_files(home: Path) -> list[Path]:
    """The files under BOARD_HOME a backup keeps, in a stable order: none that is hidden (a
    record upload still being written) or partial (a pack still being written)."""
    found = []
    for folder in FOLDERS:
        root = home / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(home)
            if any(p.startswith(".") for p in relative.parts) or path.name.endswith(".partial"):
                continue
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def restore(
    *, archive: Path, home: Path, sqlite: Path | None = None, postgres: Postgres | None = None
) -> Outcome:
    """Restore ``archive`` into the empty folder ``home`` and the empty database (``sqlite``,
    a file that must not exist yet, or ``postgres``); refuse, saying why, and change nothing
    when the target is not empty or the archive is damaged."""
    os.umask(0o077)
    home = home.resolve()
    _empty(home, sqlite)
    if not archive.is_file():
        raise FileNotFoundError(f"no backup at {archive}")
    made = not home.exists()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=home))
    try:
        manifest = read_checked(archive, staging)
        rows = _database(manifest, staging, sqlite, postgres)
        for child in sorted((staging / HOME).iterdir()) if (staging / HOME).exists() else []:
            child.rename(home / child.name)
        if sqlite is not None:
            sqlite.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            (staging / SQLITE_ENTRY).rename(sqlite)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if made:
            shutil.rmtree(home, ignore_errors=True)
        raise
    shutil.rmtree(staging)
    return Outcome(archive, str(manifest.database.get("engine")), len(manifest.entries), rows)


def _empty(home: Path, sqlite: Path | None) -> None:
    if home.exists() and not home.is_dir():
        raise NotEmpty(f"BOARD_HOME {home} is a file, not a folder")
    held = sorted(p.name for p in home.iterdir()) if home.is_dir() else []
    if held:
        shown = ", ".join(held[:5]) + (", …" if len(held) > 5 else "")
        raise NotEmpty(
            f"BOARD_HOME {home} is not empty (it holds {shown}): a restore goes only into an "
            "empty folder, so nothing there is overwritten"
        )
    if sqlite is not None and sqlite.exists():
        raise NotEmpty(f"the SQLite store {sqlite} already exists: a restore never replaces one")


def _database(
    manifest: Manifest, staging: Path, sqlite: Path | None, postgres: Postgres | None
) -> dict[str, int]:
    engine = manifest.database.get("engine")
    if engine == "sqlite":
        if sqlite is None:
            raise DatabaseError(
                "the archive holds a SQLite store but DATABASE_URL names PostgreSQL: "
                "unset DATABASE_URL to restore it as SQLite"
            )
        staged = staging / SQLITE_ENTRY
        sqlite_check(staged)
        rows = sqlite_rows(staged)
    elif engine == "postgresql":
        if postgres is None:
            raise DatabaseError(
                "the archive holds a PostgreSQL dump: set DATABASE_URL to an empty database"
            )
        rows = postgres_restore(postgres, staging / POSTGRES_ENTRY)
    else:
        raise DamagedArchive(f"its manifest names an unknown database engine {engine!r}")
    if rows != manifest.rows:
        differ = sorted(t for t in {*rows, *manifest.rows} if rows.get(t) != manifest.rows.get(t))
        raise DamagedArchive(f"the restored row counts differ from the manifest's in {differ}")
    return rows
