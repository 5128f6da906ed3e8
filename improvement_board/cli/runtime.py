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

from improvement_board.accounts.refusals import Refused
from improvement_board.core.problems import ProblemsFound

# Everything the console writes (the store, packs, uploads, backups) is its user's alone.
os.umask(0o077)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)
_ready = False


def setup(*, store: str | None = None) -> None:
    """Start Django once, bringing the store's tables up to date (the embedded default needs no
    separate migrate step). ``store`` points at a SQLite file of its own, as the demo's is, and
    makes its folder BOARD_HOME, so nothing is written to a real store's folders."""
    global _ready
    from django.apps import apps

    if _ready or apps.ready:  # already running inside Django (the tests, the web app)
        _ready = True
        return
    if store is not None:
        use_home(Path(store).parent, store=Path(store))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    try:
        django.setup()
    except ImproperlyConfigured as error:  # settings fail closed: say why, start nothing
        fail(str(error))
    call_command("migrate", verbosity=0, interactive=False)
    _ready = True


def board_home() -> Path:
    return Path(os.environ.get("BOARD_HOME", "board-data")).resolve()


def use_demo_store() -> None:
    """Point this command at BOARD_HOME/demo, never a real store: the demo's own SQLite file and
    its own folders (packs, uploads, records, secrets), as ``board demo`` made them."""
    home = board_home() / "demo"
    store = home / "board.sqlite3"
    if not store.exists():
        fail("there is no demo store yet: run `board demo` first")
    use_home(home, store=store)


def use_home(home: Path, *, store: Path) -> None:
    """Make ``home`` this command's BOARD_HOME, with its own SQLite ``store``."""
    os.environ.pop("DATABASE_URL", None)
    os.environ["BOARD_HOME"] = str(home)
    os.environ["BOARD_SQLITE"] = str(store)


def act_as(username: str) -> None:
    """Make ``username`` the person this command acts as (``--as``)."""
    os.environ["BOARD_USER"] = username


def operator(*, create: bool = True) -> Any:
    """The user this command acts as: ``--as``, else BOARD_USER, else the login name. A name not
    yet known is added as an officer who cannot sign in to the web app (or, with ``create``
    false, is None: no one); a deactivated one is refused."""
    from improvement_board.accounts.services import operator_get_or_create

    username = os.environ.get("BOARD_USER") or getpass.getuser()
    with reported():
        if not create:
            from improvement_board.accounts.models import User

            found = User.objects.filter(username=username).first()
            if found is None:
                return None
        return operator_get_or_create(username=username)


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
    except Refused as refused:
        fail(f"refused: {refused}")
    except (LookupError, FileNotFoundError, ValueError) as error:
        fail(str(error))
