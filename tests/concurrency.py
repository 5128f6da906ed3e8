"""Running saves at the same moment, each on a connection of its own, in a store that commits.

On SQLite the test store lives in memory with a shared cache, where a second writer is refused
at once ("database table is locked") instead of waiting its turn as it does in a store file: so
a race there would test the test store, not the app. ``store_file`` copies the test store to a
file for one test and points every connection at it, with the project's own SQLite options
(WAL, a busy timeout, immediate transactions); on PostgreSQL it changes nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.db import connection, connections


@contextmanager
def store_file(folder: Path) -> Iterator[None]:
    """While it is open, the SQLite test store is a file, as it is where the app runs."""
    if connection.vendor != "sqlite":
        yield
        return
    memory = connections["default"]
    memory.ensure_connection()
    path = folder / "store.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.connection.backup(copy)
    copy.close()
    kept = connections.settings["default"]
    connections.settings["default"] = {**kept, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = kept
        connections["default"] = memory


def race(saves: list[Callable[[], object]]) -> list[object]:
    """Run the saves at once, one thread (and connection) each; what each returned, or the
    error it raised."""
    outcomes: list[object] = [None] * len(saves)
    start = threading.Barrier(len(saves))

    def run(number: int) -> None:
        try:
            start.wait(timeout=10)
            outcomes[number] = saves[number]()
        except Exception as error:  # every outcome is reported, none hidden
            outcomes[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(saves))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def hold_first_writes(monkeypatch: pytest.MonkeyPatch, module: ModuleType, parties: int) -> None:
    """Each thread's first ``audited_save`` in ``module`` waits (a second at most) until
    ``parties`` threads have reached theirs, so every saver has read the store before any
    writes: the race at its closest. Where the store takes writers one at a time (SQLite)
    the wait simply runs out."""
    gate = threading.Barrier(parties, timeout=1)
    waited = threading.local()
    real = module.audited_save

    def audited_save(row: Any, **kwargs: Any) -> None:
        if not getattr(waited, "done", False):
            waited.done = True
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
        real(row, **kwargs)

    monkeypatch.setattr(module, "audited_save", audited_save)
