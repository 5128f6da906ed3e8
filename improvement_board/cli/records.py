"""``board records``: load child-level records and compute measurements from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from improvement_board.cli.runtime import err, operator, out, reported, setup

app = typer.Typer(help="Child-level records in the statutory formats.", no_args_is_help=True)
ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]
DATASETS = "cin-census, ssda903, annex-a, workforce or plain"


@app.command("load")
def load(
    dataset: Annotated[str, typer.Argument(help=DATASETS)],
    files: Annotated[list[Path], typer.Argument(help="The upload's files.")],
    council: Annotated[str | None, typer.Option(help="Council code, where files lack it.")] = None,
    period_end: Annotated[
        str | None, typer.Option(help="Last day of the collection, YYYY-MM-DD.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check, store nothing.")] = False,
) -> None:
    """Read, check and pseudonymise records; store them as Parquet, all or nothing."""
    setup()
    from improvement_board.programmes.records import records_load

    with reported():
        end = date.fromisoformat(period_end) if period_end else None
        with Progress(transient=True, console=err) as progress:
            progress.add_task(f"Reading {len(files)} file(s)", total=None)
            result = records_load(
                dataset=dataset, paths=files, council=council, period_end=end, dry_run=dry_run
            )
    if result.problems:
        err.print(f"[bold red]{len(result.problems)} problem(s) found; nothing was stored:[/]")
        for problem in result.problems:
            err.print(f"  • {problem}", markup=False)
        raise typer.Exit(1)
    verb = "already loaded" if result.already_loaded else ("would store" if dry_run else "stored")
    out.print(f"{dataset}: {verb} {result.children:,} children")
    for table, count in sorted(result.rows.items()):
        out.print(f"  {table}: {count:,} rows")
    for note in result.notes:
        out.print(f"  note: {note}", markup=False)


@app.command("compute")
def compute(programme: ProgrammeKey = None) -> None:
    """Compute the programme's indicators that name a measure, month by month, and store them."""
    setup()
    from improvement_board.programmes.records import records_compute
    from improvement_board.programmes.selectors import programme_get

    with reported(), Progress(console=err, transient=True) as progress:
        found = programme_get(key=programme)
        task = progress.add_task("Computing", total=found.indicators.exclude(measure="").count())

        def step(measure: str) -> None:
            progress.update(task, advance=1, description=f"Computing {measure}")

        report = records_compute(programme=found, user=operator(), progress=step)
    stored = report.stored
    out.print(
        f"Computed {len(report.measures)} measure(s): {len(stored.new)} new figures, "
        f"{len(stored.restated)} restated, {stored.unchanged} unchanged"
    )
    if report.without_records:
        out.print(f"No records yet for: {', '.join(report.without_records)}")


@app.command("measures")
def measures() -> None:
    """The measures an indicator may name, with their definitions (docs/measures.md)."""
    from rich.markdown import Markdown

    from improvement_board.core.records.catalogue import catalogue_markdown

    out.print(Markdown(catalogue_markdown()))
