"""``board backup`` and ``board restore``: thin wrappers over improvement_board.operations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from improvement_board.cli.runtime import board_home, err, fail, out, setup


def backup(
    archive: Annotated[Path, typer.Argument(help="The backup file to write (a new file).")],
) -> None:
    """Back up the store while the app runs: the database's own consistent snapshot, then the
    packs, reports, uploads, record files and keys under BOARD_HOME, with a manifest giving every
    file's SHA-256 and every table's row count. The file is as sensitive as the store."""
    setup()
    from django.conf import settings
    from django.db import connection

    from improvement_board.operations.backup import backup as write_backup
    from improvement_board.operations.database import DatabaseError, Postgres

    source: Postgres | sqlite3.Connection
    if connection.vendor == "postgresql":
        source = Postgres.from_settings(connection.settings_dict)
    else:
        connection.ensure_connection()
        source = connection.connection
    try:
        done = write_backup(archive=archive, home=Path(settings.BOARD_HOME), source=source)
    except (FileExistsError, DatabaseError) as error:
        fail(str(error))
    total = sum(done.rows.values())
    tables, files = len(done.rows), done.files - 1
    out.print(
        f"Backed up to {done.archive}: the {done.engine} database ({total} rows in {tables} "
        f"tables) and {files} files, each with its SHA-256."
    )


def restore(
    archive: Annotated[Path, typer.Argument(help="A file written by `board backup`.")],
) -> None:
    """Restore a backup into an empty BOARD_HOME (and, with DATABASE_URL, an empty PostgreSQL
    database). Every file's SHA-256 and every table's row count are checked first; a non-empty
    target or a damaged archive is refused, saying why, and nothing is changed."""
    from improvement_board.operations.archive import DamagedArchive
    from improvement_board.operations.backup import NotEmpty
    from improvement_board.operations.backup import restore as put_back
    from improvement_board.operations.database import DatabaseError, Postgres

    home = board_home()
    url = os.environ.get("DATABASE_URL", "")
    try:
        if url:
            done = put_back(archive=archive, home=home, postgres=Postgres.from_url(url))
        else:
            sqlite = Path(os.environ.get("BOARD_SQLITE", home / "board.sqlite3")).resolve()
            done = put_back(archive=archive, home=home, sqlite=sqlite)
    except DamagedArchive as error:
        fail(f"refused: the archive is damaged: {error}; nothing was restored")
    except (NotEmpty, DatabaseError, FileNotFoundError) as error:
        fail(f"refused: {error}; nothing was restored")
    total = sum(done.rows.values())
    tables, files = len(done.rows), done.files - 1
    out.print(
        f"Restored {done.archive} into {home}: the {done.engine} database ({total} rows in "
        f"{tables} tables, as the manifest counts them) and {files} files, each matching its "
        "SHA-256."
    )
    err.print("Next: `board status` (it brings the tables up to this version's migrations).")
