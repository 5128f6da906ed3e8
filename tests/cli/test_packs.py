"""``board pack``: prepared, approved and issued by named people at the console, with the same
rules as the web app; ``board issued`` checks what was issued."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from improvement_board.cli import app
from improvement_board.demo import SEED_PROGRAMME
from tests.meetings.signing import person

pytestmark = pytest.mark.django_db
runner = CliRunner()


def board(*args: Any, user: str = "olly") -> tuple[int, str]:
    result = runner.invoke(app, ["--as", user, *map(str, args)], env={"COLUMNS": "300"})
    return result.exit_code, result.output


@pytest.fixture
def loaded(settings: Any, tmp_path: Path) -> Path:
    settings.BOARD_HOME = tmp_path
    assert board("programme", "load", SEED_PROGRAMME)[0] == 0
    for name, role in (("ann", "approver"), ("abe", "approver")):
        person(name, role)
    return tmp_path


def test_a_pack_is_prepared_approved_and_issued_by_named_people(loaded: Path) -> None:
    code, output = board("issued", "--meeting", "2006-11")
    assert code == 0 and "No pack has been issued" in output
    code, output = board("pack", "--meeting", "2006-11", "--prepare")
    assert code == 0 and "prepared for approval by olly" in output
    code, output = board("pack", "--meeting", "2006-11", "--approve", user="ann")
    assert code == 0 and "prepared by olly is approved by ann" in output
    code, output = board("pack", "--meeting", "2006-11", "--issue", user="abe")
    assert code == 0 and "Issued version 1 of the 2006-11 pack" in output
    [path] = (loaded / "packs").rglob("board-pack-2006-11-v1.html")
    code, output = board("issued", "--meeting", "2006-11")
    assert code == 0 and "unchanged" in output
    assert "abe" in output and "olly" in output and "ann" in output
    path.write_text("edited", encoding="utf-8")
    code, output = board("issued", "--meeting", "2006-11")
    assert code == 1 and "changed" in output


def test_the_console_checks_roles_and_the_second_pair_of_eyes(loaded: Path) -> None:
    code, output = board("pack", "--meeting", "2006-11", "--issue")
    assert code == 1
    assert "refused: olly is an officer: to issue a pack needs the approver role" in output
    board("pack", "--meeting", "2006-11", "--prepare", user="ann")
    code, output = board("pack", "--meeting", "2006-11", "--approve", user="ann")
    assert code == 1 and "ann prepared this pack, so someone else must approve it" in output
    code, output = board("pack", "--meeting", "2006-11", "--issue", user="ann")
    assert code == 1 and "has not been approved" in output
    assert not list((loaded / "packs").rglob("*-v1.html"))


def test_one_step_at_a_time_and_never_outside_board_home(loaded: Path, tmp_path: Path) -> None:
    code, output = board("pack", "--meeting", "2006-11", "--prepare", "--issue")
    assert code == 1 and "choose one of --prepare, --approve and --issue" in output
    code, output = board("pack", "--meeting", "2006-11", "--issue", "--folder", tmp_path)
    assert code == 1 and "leave out --folder" in output


@pytest.mark.slow
def test_the_demo_never_touches_a_real_stores_folders(tmp_path: Path) -> None:
    """``board demo`` and ``board --demo`` write only under BOARD_HOME/demo, even an issue."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BOARD_HOME=str(tmp_path), COLUMNS="300", BOARD_ENV="development")
    board_command = [sys.executable, "-m", "improvement_board.cli"]

    def run(*args: str, stdin: str = "") -> str:
        result = subprocess.run(
            [*board_command, *args],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run("demo")
    run("--demo", "--as", "olly", "pack", "--meeting", "2006-11", "--prepare")
    run(
        "--demo",
        "users",
        "add",
        "ann",
        "--role",
        "approver",
        "--password-stdin",
        stdin="Long-pass-2006!\n",
    )
    run("--demo", "--as", "ann", "pack", "--meeting", "2006-11", "--approve")
    issued = run("--demo", "--as", "ann", "pack", "--meeting", "2006-11", "--issue")
    assert str(tmp_path / "demo" / "packs") in issued
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]
    modes = {
        p.relative_to(tmp_path).as_posix(): p.stat().st_mode & 0o777
        for p in (tmp_path / "demo").rglob("*")
    }
    assert modes["demo/board.sqlite3"] == 0o600 and modes["demo/secrets"] == 0o700
    assert {m for m in modes.values()} <= {0o600, 0o700}
