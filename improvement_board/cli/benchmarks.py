"""``board benchmarks``: comparator figures and groups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from improvement_board.cli.runtime import operator, out, reported, setup

app = typer.Typer(
    help="Comparators: load figures, compute them from DfE files, build groups.",
    no_args_is_help=True,
)
ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]


@app.command("load")
def load(
    file: Annotated[
        Path,
        typer.Argument(help="Comparator CSV: council_code, council_name, year, indicator, value."),
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
    measure: Annotated[
        str,
        typer.Option(
            help="referrals_per_10k, children_in_need_per_10k, "
            "protection_plans_per_10k, looked_after_per_10k"
        ),
    ],
    programme: ProgrammeKey = None,
) -> None:
    """Compute every council's rate from DfE's published counts and ONS populations; store it."""
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
