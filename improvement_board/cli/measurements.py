"""``board measurements``: load monthly returns and read a figure's history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import fail, operator, out, reported, setup

app = typer.Typer(help="Monthly figures: load returns, see versions.", no_args_is_help=True)
ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="Monthly return: CSV or XLSX, long or wide.")],
    programme: ProgrammeKey = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show, store nothing.")] = False,
    reason: Annotated[str, typer.Option(help="Why figures are restated.")] = "",
) -> None:
    """Check a monthly return and store it, all or nothing; restated figures keep old versions."""
    setup()
    from improvement_board.programmes.measurements import measurements_load
    from improvement_board.programmes.selectors import programme_get

    with reported():
        report = measurements_load(
            programme=programme_get(key=programme),
            path=file,
            user=operator(),
            reason=reason,
            dry_run=dry_run,
        )
    verb = "would store" if dry_run else "stored"
    out.print(
        f"{file.name}: {verb} {len(report.new)} new, {len(report.restated)} restated, "
        f"{len(report.noted)} with a new note, {report.unchanged} unchanged"
    )
    for line in report.restated:
        out.print(f"  restated: {line}", markup=False)
    for line in report.noted:
        out.print(f"  new note: {line}", markup=False)
    for line in report.marked:
        out.print(f"  marker, no value: {line}", markup=False)
    for line in report.ignored:
        out.print(f"  not read: {line}", markup=False)


@app.command("validate")
def validate(
    period: Annotated[str, typer.Option(help="The figures dated this month, YYYY-MM.")],
    indicator: Annotated[
        list[str] | None, typer.Option(help="Only this indicator (code or key); repeatable.")
    ] = None,
    programme: ProgrammeKey = None,
) -> None:
    """Validate draft figures as the acting approver (--as): a second person, who did not record
    them, signs a return's figures off."""
    setup()
    from improvement_board.programmes.selectors import indicator_find, programme_get
    from improvement_board.programmes.validation import drafts_of, measurements_validate

    with reported():
        found = programme_get(key=programme)
        drafts = drafts_of(programme=found, period=period)
        if indicator:
            keys = {indicator_find(programme=found, text=text).key for text in indicator}
            drafts = [m for m in drafts if m.indicator.key in keys]
        report = measurements_validate(programme=found, figures=drafts, user=operator())
    out.print(f"{len(report.validated)} figure(s) validated for {period}.")
    for line in report.refused:
        out.print(f"  not validated: {line}", markup=False)
    if report.refused:
        raise typer.Exit(1)


@app.command("history")
def history(
    code: Annotated[str, typer.Argument(help="Indicator code or key, e.g. 'CH 141'.")],
    period: Annotated[str, typer.Argument(help="Month, YYYY-MM.")],
    programme: ProgrammeKey = None,
) -> None:
    """Every version of one figure, with who, when and why."""
    setup()
    from improvement_board.programmes.selectors import (
        indicator_find,
        measurement_versions,
        programme_get,
    )

    with reported():
        indicator = indicator_find(programme=programme_get(key=programme), text=code)
        versions = measurement_versions(indicator=indicator, period=period)
    if not versions:
        fail(f"no figure for {indicator} in {period}")
    table = Table(title=f"{indicator}, {period}")
    for column in ("Revision", "Value", "Numerator", "Denominator", "When", "Who", "Source", "Why"):
        table.add_column(column)
    for v in versions:
        table.add_row(
            str(v.revision),
            _show(v.value),
            _show(v.numerator),
            _show(v.denominator),
            f"{v.history_date:%Y-%m-%d %H:%M}",
            str(v.history_user or "–"),
            v.source,
            v.history_change_reason or "",
        )
    out.print(table)


def _show(number: float | None) -> str:
    return "–" if number is None else f"{number:g}"
