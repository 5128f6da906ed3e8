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
    keep_problems: Annotated[
        bool,
        typer.Option(
            "--keep-problems",
            help="A working extract: store it without the records of every child a problem "
            "touches, and keep the problems with the upload (board records problems UPLOAD).",
        ),
    ] = False,
) -> None:
    """Read, check and pseudonymise records; store them as Parquet, all or nothing."""
    setup()
    from improvement_board.programmes.records import records_load

    with reported():
        end = date.fromisoformat(period_end) if period_end else None
        with Progress(transient=True, console=err) as progress:
            progress.add_task(f"Reading {len(files)} file(s)", total=None)
            result = records_load(
                dataset=dataset,
                paths=files,
                council=council,
                period_end=end,
                dry_run=dry_run,
                keep_problems=keep_problems,
            )
    if result.problems:
        err.print(f"[bold red]{len(result.problems)} problem(s) found; nothing was stored:[/]")
        for problem in result.problems:
            err.print(f"  • {problem}", markup=False)
        if not keep_problems and not dry_run:
            err.print("A working extract can be stored with its problems: --keep-problems.")
        raise typer.Exit(1)
    verb = "already loaded" if result.already_loaded else ("would store" if dry_run else "stored")
    out.print(f"{dataset}: {verb} {result.children:,} children (upload {result.upload[:12]})")
    for table, count in sorted(result.rows.items()):
        out.print(f"  {table}: {count:,} rows")
    if result.kept:
        excluded = result.excluded
        left = f"{excluded.children:,} children" if excluded else "their records"
        if excluded and excluded.workers:
            left += f" and {excluded.workers:,} workers"
        out.print(
            f"[bold yellow]{len(result.kept)} problem(s) kept with the upload; the records of "
            f"{left} they touch were left out:[/]"
        )
        for problem in result.kept:
            out.print(f"  • {problem}", markup=False)
    for warning in result.warnings:
        out.print(f"  warning: {warning}", markup=False)
    for note in result.notes:
        out.print(f"  note: {note}", markup=False)


@app.command("uploads")
def uploads() -> None:
    """The uploads in the records store, oldest first, with the problems each keeps."""
    setup()
    from improvement_board.programmes.records import records_uploads

    found = records_uploads()
    if not found:
        out.print("No records loaded.")
    for upload in found:
        given = ", ".join(f"{k} {v}" for k, v in sorted(upload.options.items()))
        kept = f"; {len(upload.problems)} problem(s) kept" if upload.problems else ""
        out.print(
            f"{upload.id[:12]}  {upload.dataset}  {', '.join(upload.files)}"
            f"{f' ({given})' if given else ''}  loaded {upload.loaded_at}{kept}",
            markup=False,
        )


@app.command("problems")
def problems(
    upload: Annotated[str, typer.Argument(help="The upload's id, or its first characters.")],
) -> None:
    """The problems an upload was stored with, and the records left out because of them."""
    setup()
    from improvement_board.programmes.records import records_upload

    with reported():
        found = records_upload(upload=upload)
    out.print(f"Upload {found.id[:12]} ({found.dataset}: {', '.join(found.files)})", markup=False)
    if not found.problems:
        out.print("Stored with no problems.")
    else:
        excluded = found.excluded or {}
        out.print(
            f"{len(found.problems)} problem(s); left out: {excluded.get('children', 0):,} "
            f"children, {excluded.get('workers', 0):,} workers "
            f"({', '.join(f'{t} {n:,}' for t, n in sorted((excluded.get('rows') or {}).items()))})"
        )
        for problem in found.problems:
            out.print(f"  • {problem}", markup=False)
    for warning in found.warnings:
        out.print(f"  warning: {warning}", markup=False)


@app.command("compute")
def compute(
    programme: ProgrammeKey = None,
    engine: Annotated[
        str,
        typer.Option(
            help="duckdb, or spark (local mode; needs the [spark] extra and Java 17): "
            "the same definitions, the same figures.",
        ),
    ] = "duckdb",
) -> None:
    """Compute the programme's indicators that name a measure, month by month, and store them."""
    setup()
    from improvement_board.programmes.records import records_compute
    from improvement_board.programmes.selectors import programme_get

    with reported(), Progress(console=err, transient=True) as progress:
        found = programme_get(key=programme)
        task = progress.add_task("Computing", total=found.indicators.exclude(measure="").count())

        def step(measure: str) -> None:
            progress.update(task, advance=1, description=f"Computing {measure}")

        report = records_compute(programme=found, user=operator(), progress=step, engine=engine)
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
