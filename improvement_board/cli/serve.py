"""``board serve``: the web app on this machine, with the background worker beside it.

Without ``--workers`` it is Django's own server on 127.0.0.1, for trying the app out. With
``--workers N`` it is gunicorn with N worker processes, the way to run it for real on one machine
behind a TLS proxy (docs/deploy.md): the store is brought up to date and static files are
collected for WhiteNoise to serve.

Either way the background worker (``board worker``) that prints packs' PDFs is started as a child
process, unless ``--no-worker`` says one runs elsewhere. With ``--workers`` this process watches
both: a service manager's SIGTERM or SIGINT is passed to both and this process ends when they
have; if either stops by itself, the other is stopped too and this process ends with an error, so
the service manager restarts the pair.
"""

from __future__ import annotations

import signal
import subprocess  # nosec B404
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from improvement_board.cli.runtime import fail, setup

GUNICORN_CONF = Path(__file__).resolve().parents[1] / "web" / "gunicorn_conf.py"
APPLICATION = "improvement_board.web.wsgi:application"
STOP_SECONDS = 35  # gunicorn's graceful timeout (30 s) and a little more
# Trying the app out, a print under way is not waited for: it is asked for again next time.
TRY_OUT_STOP_SECONDS = 5


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


def worker_command() -> list[str]:
    """The command that runs the background worker (``board worker``) with this interpreter."""
    return [sys.executable, "-m", "improvement_board.cli", "worker"]


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
    background: Annotated[
        bool,
        typer.Option(
            "--worker/--no-worker",
            help="Start the background worker that prints packs' PDFs (the default); "
            "--no-worker when `board worker` runs as a service of its own.",
        ),
    ] = True,
) -> None:
    """Run the web app on this machine, and the background worker beside it."""
    setup()
    from django.conf import settings
    from django.core.management import call_command

    if workers is None and host != "127.0.0.1":
        fail("Django's own server listens on 127.0.0.1 only: use --workers to deploy")
    extra = [worker_command()] if background and settings.BOARD_TASKS != "immediate" else []
    if workers is None:
        with running(extra):
            call_command(
                "runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True
            )
        return
    if settings.STATIC_ROOT:  # production: WhiteNoise serves what is collected
        call_command("collectstatic", interactive=False, verbosity=0)
    code = supervise([gunicorn_command(host=host, port=port, workers=workers), *extra])
    if code:
        raise typer.Exit(code)


@contextmanager
def running(commands: Sequence[list[str]]) -> Iterator[None]:
    """Run ``commands`` as children while the block runs (here, Django's own server), and stop
    them after it, however it ends: SIGTERM ends the block as Ctrl+C does."""
    children = [_start(command) for command in commands]
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        _stop(children, grace=TRY_OUT_STOP_SECONDS)


def supervise(commands: Sequence[list[str]], *, poll_seconds: float = 0.5) -> int:
    """Run ``commands`` side by side until a signal says stop (passed to each; 0) or one of them
    stops by itself (the others are stopped; its exit code, or 1 if that was 0)."""
    children = [_start(command) for command in commands]
    stopping = False

    def forward(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(poll_seconds)
        if stopping:
            for child in children:
                _wait(child)
            return 0
        first = next(child for child in children if child.poll() is not None)
        code = first.returncode
    finally:
        _stop(children)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return code or 1


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    # Our own interpreter with a fixed argument list, never a shell.
    return subprocess.Popen(command)  # nosec B603


def _stop(children: Sequence[subprocess.Popen[bytes]], *, grace: float = STOP_SECONDS) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        _wait(child, grace=grace)


def _wait(child: subprocess.Popen[bytes], *, grace: float = STOP_SECONDS) -> None:
    try:
        child.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)
