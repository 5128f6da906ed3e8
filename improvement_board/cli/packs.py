"""``board pack``, ``board status`` and ``board demo``: what the board reads."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import board_home, operator, out, reported, setup

ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]


def pack(
    meeting: Annotated[str, typer.Option(help="Meeting month, YYYY-MM (e.g. 2006-11).")],
    programme: ProgrammeKey = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF.")] = False,
    folder: Annotated[Path | None, typer.Option(help="Where to write the pack.")] = None,
) -> None:
    """Write the board pack for a meeting as HTML (and PDF)."""
    setup()
    from improvement_board.meetings.selectors import meeting_get
    from improvement_board.meetings.services import pack_write
    from improvement_board.programmes.selectors import programme_get

    with reported():
        found = meeting_get(programme=programme_get(key=programme), period=meeting)
        written = pack_write(meeting=found, folder=folder, pdf=pdf)
    out.print(f"Pack written: {written.html}")
    if written.pdf:
        out.print(f"PDF written:  {written.pdf}")


def status(
    period: Annotated[str, typer.Option(help="Month to judge, YYYY-MM.")],
    programme: ProgrammeKey = None,
) -> None:
    """Each indicator's status, direction, forecast and SPC signal for a month, and exceptions."""
    setup()
    from improvement_board.programmes.selectors import programme_get
    from improvement_board.programmes.status import status_report

    with reported():
        report = status_report(programme=programme_get(key=programme), period=period)
    table = Table(title=f"{report.programme}: status for {report.period_label}")
    for column in ("Indicator", "Latest", "Planned", "Status", "Direction", "Forecast", "SPC"):
        table.add_column(column)
    for row in report.rows:
        table.add_row(*row)
    out.print(table)
    out.print(f"[bold]Exceptions ({len(report.exceptions)})[/]")
    for line in report.exceptions:
        out.print(f"  • {line}", markup=False)
    if report.synthetic:
        out.print("Figures are synthetic demonstration data.")


def demo(
    home: Annotated[
        Path | None, typer.Option(help="Folder for the demo (BOARD_HOME/demo).")
    ] = None,
) -> None:
    """Build a demo store of its own with the seed programme and synthetic figures; write the
    November 2006 board pack and print its path. A real store is never touched."""
    home = (home or board_home() / "demo").resolve()
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    setup(store=str(home / "board.sqlite3"))
    from improvement_board.demo import demo_run

    with reported():
        result = demo_run(home=home, user=operator())
    out.print("Demo store (synthetic figures, the seed programme):", str(result.store))
    out.print(
        f"Synthetic monthly return loaded: {result.monthly_return} ({result.figures} figures)"
    )
    out.print(f"Board pack for November 2006: {result.pack}")
    out.print("Explore it: board --demo status --period 2006-10 (or programme show, pack, ...)")
