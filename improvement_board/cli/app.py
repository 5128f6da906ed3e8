"""The ``board`` command tree."""

from __future__ import annotations

import typer

from improvement_board.cli import benchmarks, measurements, packs, programme

app = typer.Typer(
    help="Improvement Board: run a children's services improvement programme.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(programme.app, name="programme")
app.add_typer(measurements.app, name="measurements")
app.add_typer(benchmarks.app, name="benchmarks")
app.command("pack")(packs.pack)
app.command("status")(packs.status)
app.command("demo")(packs.demo)
