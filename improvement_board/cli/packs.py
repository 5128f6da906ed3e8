"""``board pack``, ``board status`` and ``board demo``: what the board reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import board_home, fail, operator, out, reported, setup

ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]


def pack(
    meeting: Annotated[str, typer.Option(help="Meeting month, YYYY-MM (e.g. 2006-11).")],
    programme: ProgrammeKey = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF.")] = False,
    folder: Annotated[Path | None, typer.Option(help="Where to write the pack.")] = None,
    prepare: Annotated[
        bool,
        typer.Option(
            "--prepare",
            help="Put the pack as it stands forward for approval (an officer or above).",
        ),
    ] = False,
    approve: Annotated[
        bool,
        typer.Option(
            "--approve",
            help="Approve the prepared pack (an approver who did not prepare it).",
        ),
    ] = False,
    issue: Annotated[
        bool,
        typer.Option(
            "--issue",
            help="Issue the approved pack to the board (an approver): the next version, written "
            "once under BOARD_HOME and never replaced, with each file's SHA-256 recorded.",
        ),
    ] = False,
) -> None:
    """Write the board pack for a meeting as HTML (and PDF), or take it towards the board:
    prepared by one person, approved by another, then issued. Acts as --as USER."""
    setup()
    from improvement_board.meetings.selectors import meeting_get
    from improvement_board.meetings.services import (
        pack_approve,
        pack_issue,
        pack_prepare,
        pack_write,
    )
    from improvement_board.programmes.selectors import programme_get

    if prepare + approve + issue > 1:
        fail("choose one of --prepare, --approve and --issue")
    if (prepare or approve or issue) and folder is not None:
        fail("a pack taken to the board is kept under BOARD_HOME: leave out --folder")
    with reported():
        found = meeting_get(programme=programme_get(key=programme), period=meeting)
        if prepare:
            done = pack_prepare(meeting=found, user=operator())
            out.print(f"The {meeting} pack is prepared for approval by {done.prepared_by}:")
            out.print(f"  content sha256 {done.content_sha256}", markup=False)
            return
        if approve:
            done = pack_approve(meeting=found, user=operator())
            out.print(
                f"The {meeting} pack prepared by {done.prepared_by} "
                f"is approved by {done.approved_by}."
            )
            return
        if issue:
            files = pack_issue(meeting=found, user=operator(), pdf=pdf)
        else:
            written = pack_write(meeting=found, folder=folder, pdf=pdf)
    if issue:
        out.print(f"Issued version {files[0].version} of the {meeting} pack:")
        for file in files:
            out.print(f"  {file.file}  sha256 {file.sha256}", markup=False)
        return
    out.print(f"Pack written: {written.html}")
    if written.pdf:
        out.print(f"PDF written:  {written.pdf}")


def issued(
    meeting: Annotated[str, typer.Option(help="Meeting month, YYYY-MM (e.g. 2006-11).")],
    programme: ProgrammeKey = None,
) -> None:
    """The meeting's issued packs, each checked against the SHA-256 it was issued with."""
    setup()
    from improvement_board.meetings.selectors import (
        issued_pack_check,
        issued_packs,
        meeting_get,
    )
    from improvement_board.programmes.selectors import programme_get

    with reported():
        found = meeting_get(programme=programme_get(key=programme), period=meeting)
        files = issued_packs(meeting=found)
        table = Table(title=f"Issued packs for the {meeting} meeting")
        for column in ("Version", "Kind", "Issued", "By", "Prepared", "Approved", "SHA-256", "Now"):
            table.add_column(column)
        changed = False
        for file in files:
            now = issued_pack_check(pack=file)
            changed = changed or now != "unchanged"
            table.add_row(
                str(file.version),
                file.kind,
                f"{file.issued_at:%Y-%m-%d %H:%M}",
                file.issued_by.username if file.issued_by else "–",
                file.sign_off.prepared_by.username if file.sign_off else "–",
                file.sign_off.approved_by.username
                if file.sign_off and file.sign_off.approved_by
                else "–",
                file.sha256[:16] + "…",
                now,
            )
    if not files:
        out.print(f"No pack has been issued for the {meeting} meeting.")
        return
    out.print(table)
    if changed:
        fail("an issued file is missing or no longer has the bytes it was issued with")


def status(
    period: Annotated[str, typer.Option(help="Month to judge, YYYY-MM.")],
    programme: ProgrammeKey = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Each indicator's status, direction, forecast, SPC signal and comparison with other
    councils for a month, and the exceptions."""
    setup()
    from improvement_board.programmes.selectors import programme_get
    from improvement_board.programmes.status import status_report

    with reported():
        report = status_report(programme=programme_get(key=programme), period=period)
    if as_json:
        out.print(json.dumps(report.record(), indent=2), markup=False)
        return
    table = Table(title=f"{report.programme}: status for {report.period_label}")
    columns = ("Indicator", "Latest", "Planned", "Status", "Direction", "Forecast", "SPC")
    for column in (*columns, "Compared with other councils"):
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
