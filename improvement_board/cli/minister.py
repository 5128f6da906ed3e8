"""``board report``: the three-monthly report to the Minister."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from improvement_board.cli.runtime import out, reported, setup

ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]


def report(
    quarter_end: Annotated[
        str,
        typer.Option(
            "--quarter-end", help="Last month of the quarter, YYYY-MM (e.g. 2006-12 for Q3)."
        ),
    ],
    programme: ProgrammeKey = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF.")] = False,
    publish: Annotated[
        bool,
        typer.Option(
            "--publish",
            help="Mark for publication: small numbers and what is worked out from them shown "
            "as c (DfE), free text only once reviewed for publication.",
        ),
    ] = False,
    folder: Annotated[Path | None, typer.Option(help="Where to write the report.")] = None,
) -> None:
    """Write the report to the Minister for a quarter as HTML (and PDF), from the same figures
    and judgement as the pack for the meeting after the quarter."""
    setup()
    from improvement_board.meetings.minister import minister_report_write
    from improvement_board.programmes.selectors import programme_get

    with reported():
        written = minister_report_write(
            programme=programme_get(key=programme),
            quarter_end=quarter_end,
            folder=folder,
            pdf=pdf,
            publish=publish,
        )
    marking = "marked for publication" if publish else "internal, not for publication"
    out.print(f"Report written ({marking}): {written.html}")
    if written.pdf:
        out.print(f"PDF written: {written.pdf}")
