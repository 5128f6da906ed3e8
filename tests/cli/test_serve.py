"""``board serve`` runs the web app with the background worker beside it, stops both together,
and stops the other when either stops by itself; ``board worker`` runs the worker alone."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from improvement_board.cli.serve import supervise, worker_command

pytestmark = pytest.mark.slow
PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> dict[int, str]:
    """Each child process of ``pid``, with its command line."""
    listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    found = {}
    for child in map(int, listed):
        with contextlib.suppress(FileNotFoundError):  # gone meanwhile
            line = Path(f"/proc/{child}/cmdline").read_bytes()
            found[child] = line.replace(b"\0", b" ").decode().strip()
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOARD_SQLITE"}}
    env.update(BOARD_HOME=str(home), **extra)
    return env


@pytest.fixture
def serving(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``board serve`` with the arguments the test names, once it listens."""
    args, env = request.param
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [PYTHON, "-m", "improvement_board.cli", "serve", "--port", str(port), *args],
            env=_env(tmp_path / "home", **env), stdout=output, stderr=output,
        )  # fmt: skip
    try:
        for _ in range(1500):  # a fresh store is migrated first: on a busy machine, minutes
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"board serve stopped: {log.read_text()}")
                time.sleep(0.2)
        else:
            pytest.fail(f"board serve never listened: {log.read_text()}")
        yield server
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


PRODUCTION = {
    "BOARD_ENV": "production",
    "BOARD_SECRET_KEY": "s" * 48,
    "BOARD_PSEUDONYM_KEY": "p" * 48,
    "BOARD_ALLOWED_HOSTS": "board.example.gov.uk",
}


@pytest.mark.parametrize(
    "serving",
    [([], {"BOARD_ENV": "development"}), (["--workers", "1"], PRODUCTION)],
    ids=["embedded", "gunicorn"],
    indirect=True,
)
def test_serve_starts_the_worker_beside_the_web_app_and_stops_both_on_sigterm(
    serving: subprocess.Popen[bytes],
) -> None:
    children = _children(serving.pid)
    workers = [
        pid for pid, line in children.items() if line.endswith("improvement_board.cli worker")
    ]
    assert len(workers) == 1, children
    serving.send_signal(signal.SIGTERM)
    assert serving.wait(timeout=60) == 0
    assert not any(_alive(pid) for pid in children)


def test_when_one_of_the_pair_stops_by_itself_the_other_is_stopped_and_it_is_an_error() -> None:
    stops = [PYTHON, "-c", "raise SystemExit(3)"]
    waits = [PYTHON, "-c", "import time; time.sleep(600)"]
    started = time.monotonic()
    assert supervise([waits, stops], poll_seconds=0.1) == 3
    assert time.monotonic() - started < 300  # the sleeper was stopped, not waited out


def test_a_pair_member_that_stops_cleanly_is_still_an_error_for_the_service_manager() -> None:
    assert supervise([[PYTHON, "-c", "pass"]], poll_seconds=0.1) == 1


def test_the_worker_runs_what_is_waiting_and_stops_with_batch(tmp_path: Path) -> None:
    result = subprocess.run(
        [*worker_command(), "--batch"], env=_env(tmp_path, BOARD_ENV="development"),
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "No more tasks to run" in result.stdout


def test_there_is_no_worker_to_run_when_tasks_are_done_as_they_are_asked(tmp_path: Path) -> None:
    result = subprocess.run(
        worker_command(), env=_env(tmp_path, BOARD_ENV="test", BOARD_TASKS="immediate"),
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "there is no worker to run" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
