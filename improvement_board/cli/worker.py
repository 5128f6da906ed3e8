"""``board worker``: the background worker, which prints packs' PDFs as they are asked for.

``board serve`` starts one beside the web app; run it on its own when the web app is run some
other way (docs/deploy.md). Without a worker nothing is printed: the pack's page says the PDF is
being prepared until one runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

from improvement_board.cli.runtime import fail, setup


def worker(
    batch: Annotated[
        bool, typer.Option("--batch", help="Run the tasks waiting now, then stop.")
    ] = False,
) -> None:
    """Run the background worker: it prints packs' PDFs as they are asked for."""
    setup()
    from improvement_board.rendering.worker import NoWorker, run_worker

    try:
        run_worker(batch=batch)
    except NoWorker as error:
        fail(str(error))
