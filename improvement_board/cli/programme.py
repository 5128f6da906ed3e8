"""``board programme``: load, show and check the programme file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import fail, operator, out, reported, setup
from improvement_board.core.units import format_counts, format_value

app = typer.Typer(help="The programme: indicators, plan, schedule and risks.", no_args_is_help=True)
ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]


@app.command("load")
def load(
    file: Annotated[
        Path, typer.Argument(help="Programme file (YAML), or a scorecard workbook (.xlsx).")
    ],
) -> None:
    """Validate a programme file or scorecard workbook and store it; the same file twice
    changes nothing."""
    setup()
    from improvement_board.programmes.services import programme_load

    with reported():
        programme, report = programme_load(path=file, user=operator())
    out.print(f"Programme [bold]{programme.key}[/]: {programme.name}")
    out.print(
        f"  created {len(report.created)}, changed {len(report.changed)}, "
        f"unchanged {report.unchanged}"
    )
    for line in report.changed:
        out.print(f"  changed: {line}", markup=False)
    for line in report.not_in_file:
        out.print(f"  kept, no longer in the file: {line}", markup=False)


@app.command("show")
def show(
    programme: ProgrammeKey = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the indicator register: code, title, baseline, target, unit, recommendations."""
    setup()
    from improvement_board.programmes.selectors import programme_get, programme_model

    with reported():
        model = programme_model(programme=programme_get(key=programme))
    if as_json:
        out.print_json(json.dumps(model.model_dump(mode="json")))
        return
    table = Table(title=f"{model.programme.name}: {len(model.indicators)} indicators")
    for column in ("Code", "Indicator", "Unit", "Baseline", "Target", "Recs"):
        table.add_column(column)
    for item in model.indicators:
        baseline = item.baseline.text or format_value(item.baseline.value, item.unit)
        counts = format_counts(item.baseline.numerator, item.baseline.denominator)
        table.add_row(
            item.code or "–",
            item.title,
            item.unit,
            f"{baseline} ({counts})" if counts and not item.baseline.text else baseline,
            item.target_text,
            ", ".join(item.recommendations),
        )
    out.print(table)


@app.command("export")
def export(
    file: Annotated[
        Path | None, typer.Argument(help="File to write (YAML); without it, printed.")
    ] = None,
    programme: ProgrammeKey = None,
) -> None:
    """Write the programme as stored, with every edit made in the app, as a programme file:
    loading it gives the same programme. Acts as --as USER, who must be able to read it."""
    setup()
    from improvement_board.core.programme_export import programme_yaml
    from improvement_board.programmes.selectors import programme_file_model, programme_get

    with reported():
        found = programme_get(key=programme)
        text = programme_yaml(programme_file_model(programme=found, user=operator(create=False)))
    if file is None:
        typer.echo(text, nl=False)
        return
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {file}: {error.strerror or type(error).__name__}")
    out.print(f"Programme {found.key} written: {file}", markup=False)


@app.command("template")
def template(
    file: Annotated[Path, typer.Argument(help="Workbook to write (.xlsx).")],
) -> None:
    """Write the scorecard template: an Excel workbook to fill in with a programme's
    indicators, plan, schedule and risks, then load with `board programme load FILE.xlsx`."""
    from improvement_board.core.scorecard import scorecard_workbook

    try:
        file.write_bytes(scorecard_workbook())
    except OSError as error:
        fail(f"cannot write {file}: {error.strerror or type(error).__name__}")
    out.print(f"Scorecard template written: {file}", markup=False)


@app.command("check")
def check(
    file: Annotated[
        Path, typer.Argument(help="Programme file (YAML), or a scorecard workbook (.xlsx).")
    ],
) -> None:
    """List every objective, action or indicator that is not SMART: what each one lacks."""
    from improvement_board.core.scorecard import load_programme_file
    from improvement_board.core.smart import check_plan

    with reported():
        findings = check_plan(load_programme_file(file))
    for finding in findings:
        out.print(f"  • {finding}", markup=False)
    out.print(f"{len(findings)} finding(s).")
