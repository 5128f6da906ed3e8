"""``board export``: a table or the pack's data as a CSV file or an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from improvement_board.cli.runtime import fail, operator, out, reported, setup

WHATS = (
    "indicators, figures, comparators, plan (xlsx), actions, milestones, evidence, "
    "risk-log (xlsx), risks, reviews, escalations, schedule, history, pack (xlsx)"
)


def export(
    what: Annotated[str, typer.Argument(help=f"What to export: {WHATS}.")],
    file_format: Annotated[
        str, typer.Option("--format", help="csv (one table) or xlsx (a workbook).")
    ] = "xlsx",
    programme: Annotated[str | None, typer.Option("--programme", help="Programme key.")] = None,
    meeting: Annotated[
        str | None,
        typer.Option(help="Meeting month, YYYY-MM: the pack's (required) or the schedule's."),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            help="Month, YYYY-MM, of the indicator register or comparison (default: the "
            "latest with figures)."
        ),
    ] = None,
    indicator: Annotated[
        str | None,
        typer.Option(help="One indicator's figures, comparison or changes (key or code)."),
    ] = None,
    publish: Annotated[
        bool,
        typer.Option(
            "--publish",
            help="Mark for publication: small numbers and what is worked out from them shown "
            "as c (DfE), free text only once reviewed for publication.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="File to write (default: the export's own name, here)."
        ),
    ] = None,
) -> None:
    """Write a table the pages show, or a meeting's whole pack, as CSV or Excel. Acts as
    --as USER, who must be able to read the programme."""
    setup()
    from improvement_board.exports.services import export_file
    from improvement_board.programmes.selectors import programme_get

    user = operator(create=False)
    with reported():  # an export refused as asked is a ValueError, said as it is
        made = export_file(
            what=what,
            format=file_format,
            programme=programme_get(key=programme),
            user=user,
            month=month,
            meeting=meeting,
            indicator=indicator,
            publish=publish,
        )
    path = output or Path(made.name)
    try:
        path.write_bytes(made.data)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or type(error).__name__}")
    sheets = "1 table" if made.sheets == 1 else f"{made.sheets} sheets"
    marked = "marked for publication" if publish else "internal, not for publication"
    out.print(f"Written ({sheets}, {marked}): {path}", markup=False)
