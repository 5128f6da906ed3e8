"""``board report``: the three-monthly report to the Minister, written as a draft, or taken to
the Minister as a pack is taken to the board: prepared by one person, approved by another, then
issued (both variants, written once under BOARD_HOME, each file's SHA-256 recorded)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import fail, operator, out, reported, setup

if TYPE_CHECKING:
    from improvement_board.programmes.models import Programme

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
    prepare: Annotated[
        bool,
        typer.Option(
            "--prepare",
            help="Put the report, both variants as they stand, forward for approval (an officer "
            "or above).",
        ),
    ] = False,
    approve: Annotated[
        bool,
        typer.Option(
            "--approve",
            help="Approve the prepared report (an approver who did not prepare it).",
        ),
    ] = False,
    issue: Annotated[
        bool,
        typer.Option(
            "--issue",
            help="Issue the approved report (an approver): the next version of both variants, "
            "written once under BOARD_HOME and never replaced, each file's SHA-256 recorded "
            "(with --pdf, the PDFs too).",
        ),
    ] = False,
    issued: Annotated[
        bool,
        typer.Option(
            "--issued",
            help="List the quarter's issued files, each checked against its SHA-256.",
        ),
    ] = False,
) -> None:
    """Write the report to the Minister for a quarter as HTML (and PDF), from the same figures
    and judgement as the pack for the meeting after the quarter; or take it to the Minister:
    prepared by one person, approved by another, then issued. Acts as --as USER."""
    setup()
    from improvement_board.meetings import minister
    from improvement_board.programmes.selectors import programme_get

    steps = prepare + approve + issue + issued
    if steps > 1:
        fail("choose one of --prepare, --approve, --issue and --issued")
    if steps and (folder is not None or publish):
        fail(
            "a report taken to the Minister is kept under BOARD_HOME in both variants: "
            "leave out --folder and --publish"
        )
    with reported():
        found = programme_get(key=programme)
        if prepare:
            done = minister.minister_report_prepare(
                programme=found, quarter_end=quarter_end, user=operator()
            )
            out.print(
                f"The report for the quarter ending {quarter_end} is prepared for approval by "
                f"{done.prepared_by}:"
            )
            out.print(f"  content sha256 {done.content_sha256}", markup=False)
            return
        if approve:
            done = minister.minister_report_approve(
                programme=found, quarter_end=quarter_end, user=operator()
            )
            out.print(
                f"The report for the quarter ending {quarter_end} prepared by {done.prepared_by} "
                f"is approved by {done.approved_by}."
            )
            return
        if issue:
            files = minister.minister_report_issue(
                programme=found, quarter_end=quarter_end, user=operator(), pdf=pdf
            )
            out.print(
                f"Issued version {files[0].version} of the report for the quarter ending "
                f"{quarter_end}:"
            )
            for file in files:
                out.print(f"  {file.file}  sha256 {file.sha256}", markup=False)
            return
        if issued:
            _issued(found, quarter_end)
            return
        written = minister.minister_report_write(
            programme=found, quarter_end=quarter_end, folder=folder, pdf=pdf, publish=publish
        )
    marking = "marked for publication" if publish else "internal, not for publication"
    out.print(f"Report written ({marking}): {written.html}")
    if written.pdf:
        out.print(f"PDF written: {written.pdf}")


def _issued(programme: Programme, quarter_end: str) -> None:
    from improvement_board.meetings.minister import (
        minister_issued,
        minister_issued_read,
        minister_quarter,
    )

    minister_quarter(programme=programme, quarter_end=quarter_end)
    files = minister_issued(programme=programme, quarter_end=quarter_end)
    if not files:
        out.print(f"No report has been issued for the quarter ending {quarter_end}.")
        return
    table = Table(title=f"Issued reports for the quarter ending {quarter_end}")
    for column in ("Version", "Variant", "Kind", "Issued", "By", "Prepared", "Approved", "Now"):
        table.add_column(column)
    changed = False
    for file in files:
        now = minister_issued_read(report=file)[0]
        changed = changed or now != "unchanged"
        approved = file.sign_off.approved_by
        table.add_row(
            str(file.version),
            file.variant,
            file.kind,
            f"{file.issued_at:%Y-%m-%d %H:%M}",
            file.issued_by.username if file.issued_by else "–",
            file.sign_off.prepared_by.username,
            approved.username if approved else "–",
            now,
        )
    out.print(table)
    if changed:
        fail("an issued file is missing or no longer has the bytes it was issued with")
