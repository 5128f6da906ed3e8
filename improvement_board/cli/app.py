"""The ``board`` command tree."""

from __future__ import annotations

from typing import Annotated

import typer

from improvement_board.cli import (
    benchmarks,
    exports,
    measurements,
    minister,
    operations,
    packs,
    programme,
    records,
    reminders,
    serve,
    tokens,
    users,
    worker,
)
from improvement_board.cli.runtime import act_as, use_demo_store

app = typer.Typer(
    help="Improvement Board: run a children's services improvement programme.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def options(
    demo: Annotated[
        bool, typer.Option("--demo", help="Act on the demo's own store (made by `board demo`).")
    ] = False,
    acting: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="USER",
            help="Act as this user, whose role is checked as the web app checks it "
            "(default: BOARD_USER, else the login name).",
        ),
    ] = None,
) -> None:
    """Improvement Board: run a children's services improvement programme."""
    if demo:
        use_demo_store()
    if acting:
        act_as(acting)


app.add_typer(programme.app, name="programme")
app.add_typer(measurements.app, name="measurements")
app.add_typer(benchmarks.app, name="benchmarks")
app.add_typer(records.app, name="records")
app.add_typer(users.app, name="users")
app.add_typer(tokens.app, name="tokens")
app.command("serve")(serve.serve)
app.command("worker")(worker.worker)
app.command("backup")(operations.backup)
app.command("restore")(operations.restore)
app.command("pack")(packs.pack)
app.command("issued")(packs.issued)
app.command("status")(packs.status)
app.command("report")(minister.report)
app.command("export")(exports.export)
app.command("demo")(packs.demo)
app.command("due")(reminders.due)
app.command("remind")(reminders.remind)
