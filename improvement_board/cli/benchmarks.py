"""``board benchmarks``: comparator figures and groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import fail, operator, out, reported, setup

app = typer.Typer(
    help="Comparators: load figures, compute them from DfE files, build groups.",
    no_args_is_help=True,
)
ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]


@app.command("load")
def load(
    file: Annotated[
        Path,
        typer.Argument(
            help="Comparator CSV: council_code, council_name, indicator, value, and year or "
            "reference_date; published optional."
        ),
    ],
    programme: ProgrammeKey = None,
) -> None:
    """Store comparator figures from a plain file, all or nothing."""
    setup()
    from improvement_board.programmes.comparators import comparators_load
    from improvement_board.programmes.selectors import programme_get

    with reported():
        report = comparators_load(
            programme=programme_get(key=programme), path=file, user=operator()
        )
    out.print(
        f"{file.name}: {report.new} new, {report.changed} changed, {report.unchanged} unchanged"
    )


@app.command("dfe")
def from_dfe(
    folder: Annotated[Path, typer.Argument(help="Folder of DfE's published statistics files.")],
    indicator: Annotated[str, typer.Option(help="The programme's indicator (code or key).")],
    measure: Annotated[str, typer.Option(help="A DfE measure (see `board benchmarks measures`).")],
    programme: ProgrammeKey = None,
) -> None:
    """Store every council's, region's and England's figure of a DfE measure, every year, with
    its release date; a group given by DfE's neighbour model is read from the same folder."""
    setup()
    from improvement_board.programmes.comparators import comparators_from_dfe
    from improvement_board.programmes.selectors import programme_get

    with reported():
        report = comparators_from_dfe(
            programme=programme_get(key=programme),
            folder=folder,
            indicator=indicator,
            measure=measure,
            user=operator(),
        )
    out.print(
        f"{measure}: {report.new} new, {report.changed} changed, {report.unchanged} unchanged"
    )


@app.command("measures")
def measures() -> None:
    """DfE's measures that `board benchmarks dfe` reads: unit, polarity, dating, precision."""
    from improvement_board.core.dfe_measures import DATASETS, MEASURES

    table = Table(title="DfE measures")
    for column in ("Measure", "Title", "Unit", "Polarity", "Dated", "Places", "Source"):
        table.add_column(column)
    for m in MEASURES.values():
        table.add_row(
            m.key,
            m.title,
            m.unit,
            m.polarity,
            m.cadence.describe(),
            str(m.decimals),
            ("own calculation from " if m.own_calculation else "") + DATASETS[m.dataset],
        )
    out.print(table)


@app.command("show")
def show(
    indicator: Annotated[str, typer.Option(help="The programme's indicator (code or key).")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Read as a meeting on this day would (YYYY-MM-DD); today."),
    ] = None,
    programme: ProgrammeKey = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The indicator's benchmark as a meeting on a day could read it, and the ten years before."""
    setup()
    import datetime as dt

    from improvement_board.core.packs.comparisons import (
        benchmark_rows,
        benchmark_text,
        comparison_record,
    )
    from improvement_board.programmes.comparators import comparison_get
    from improvement_board.programmes.selectors import programme_get

    with reported():
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
        found = comparison_get(programme=programme_get(key=programme), text=indicator, as_of=day)
    if found is None:
        fail(f"no comparator figures for {indicator} had been published by {day}")
    if as_json:
        out.print(json.dumps(comparison_record(found), indent=2), markup=False)
        return
    out.print(benchmark_text(found), markup=False)
    table = Table(title=found.title)
    for column in ("Period", found.latest.council_name, "Change", "Neighbours' average",
                   "Region", "England", "Band"):  # fmt: skip
        table.add_column(column)
    for row in benchmark_rows(found):
        table.add_row(
            row.label, row.council, row.change, row.average, row.region, row.england, row.band
        )
    out.print(table)


@app.command("neighbours")
def neighbours(
    file: Annotated[Path, typer.Argument(help="DfE statistical neighbour file (2021 or 2025).")],
    council: Annotated[str, typer.Option(help="The council's DfE number, e.g. 884.")],
    size: Annotated[int, typer.Option(help="How many neighbours, 1 to 10.")] = 10,
    label: Annotated[str, typer.Option(help="The model's name, e.g. 2021.")] = "DfE",
) -> None:
    """Print the programme file's ``comparators`` section for a council's statistical neighbours."""
    from improvement_board.core.benchmarks import neighbour_group
    from improvement_board.core.dfe import read_neighbours

    with reported():
        group = neighbour_group(read_neighbours(file), council, size=size, label=label)
    members = ", ".join(f'"{m}"' for m in group.members)
    out.print(
        f'  comparators:\n    council: "{council}"\n    label: {group.name}\n'
        f"    members: [{members}]",
        markup=False,
    )
