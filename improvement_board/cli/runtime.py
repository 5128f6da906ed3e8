"""Starting Django for a console command, and showing problems the same way everywhere."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from improvement_board.core.problems import ProblemsFound

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)
_ready = False


def setup(*, store: str | None = None) -> None:
    """Start Django once, bringing the store's tables up to date (the embedded default needs no
    separate migrate step). ``store`` points at a SQLite file of its own, as the demo's is."""
    global _ready
    from django.apps import apps

    if _ready or apps.ready:  # already running inside Django (the tests, the web app)
        _ready = True
        return
    if store is not None:
        os.environ.pop("DATABASE_URL", None)
        os.environ["BOARD_SQLITE"] = store
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    _ready = True


def board_home() -> Path:
    return Path(os.environ.get("BOARD_HOME", "board-data")).resolve()


def use_demo_store() -> None:
    """Point this command at BOARD_HOME/demo's SQLite store, never a real one."""
    store = board_home() / "demo" / "board.sqlite3"
    if not store.exists():
        fail("there is no demo store yet: run `board demo` first")
    os.environ.pop("DATABASE_URL", None)
    os.environ["BOARD_SQLITE"] = str(store)


def operator() -> Any:
    """The user this command acts as: BOARD_USER, or the login name."""
    from improvement_board.accounts.services import operator_get_or_create

    return operator_get_or_create(username=os.environ.get("BOARD_USER") or getpass.getuser())


def fail(message: str) -> NoReturn:
    err.print(f"[bold red]Error:[/] {message}")
    raise typer.Exit(1)


@contextmanager
def reported() -> Iterator[None]:
    """Turn the project's own errors into a message and exit code 1, never a traceback."""
    try:
        yield
    except ProblemsFound as found:
        err.print(f"[bold red]{len(found.problems)} problem(s) found; nothing was stored:[/]")
        for problem in found.problems:
            err.print(f"  • {problem}", markup=False)
        raise typer.Exit(1) from None
    except (LookupError, FileNotFoundError, ValueError) as error:
        fail(str(error))
