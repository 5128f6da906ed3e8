"""``board serve``: the web app on this machine.

Without ``--workers`` it is Django's own server on 127.0.0.1, for trying the app out. With
``--workers N`` it is gunicorn with N worker processes, the way to run it for real on one machine
behind a TLS proxy (docs/deploy.md): the store is brought up to date, static files are collected
for WhiteNoise to serve, and gunicorn takes over this process (so a service manager's signals
reach it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from improvement_board.cli.runtime import fail, setup

GUNICORN_CONF = Path(__file__).resolve().parents[1] / "web" / "gunicorn_conf.py"
APPLICATION = "improvement_board.web.wsgi:application"


def gunicorn_command(*, host: str, port: int, workers: int) -> list[str]:
    """The command that runs the app under gunicorn with the project's config."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        str(GUNICORN_CONF),
        "--workers",
        str(workers),
        "--bind",
        f"{host}:{port}",
        APPLICATION,
    ]


def serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Run gunicorn with this many worker processes (a real deployment on one "
            "machine, behind a TLS proxy); without it, Django's server for trying the app out.",
            min=1,
        ),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (with --workers); the proxy's side.")
    ] = "127.0.0.1",
) -> None:
    """Run the web app on this machine."""
    setup()
    from django.core.management import call_command

    if workers is None:
        if host != "127.0.0.1":
            fail("Django's own server listens on 127.0.0.1 only: use --workers to deploy")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True)
        return
    from django.conf import settings

    if settings.STATIC_ROOT:  # production: WhiteNoise serves what is collected
        call_command("collectstatic", interactive=False, verbosity=0)
    command = gunicorn_command(host=host, port=port, workers=workers)
    # Our own interpreter with a fixed argument list: gunicorn takes over this process.
    os.execv(command[0], command)  # nosec B606
