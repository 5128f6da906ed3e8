"""'board records': a working extract stored with its problems, and the problems shown again."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from improvement_board.cli import app
from tests.shared import PEERS, require

pytestmark = pytest.mark.django_db
runner = CliRunner()


def board(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "300"})
    return result.exit_code, result.output


def extract_2019() -> list[str]:
    folder = require(PEERS / "ssda903_demand_model")
    return [str(folder / f"2019-{name}.csv") for name in ("header", "episodes", "uasc")]


def load(*options: str) -> tuple[int, str]:
    return board(
        "records", "load", "ssda903", *extract_2019(), "--council", "E06000019",
        "--period-end", "2020-03-31", *options,
    )  # fmt: skip


def test_an_extract_with_problems_is_refused_and_the_way_to_keep_them_named(
    tmp_path: Path, settings
) -> None:
    settings.BOARD_HOME = tmp_path

    code, output = load()

    assert code == 1
    assert "5 problem(s) found; nothing was stored" in output
    assert "--keep-problems" in output


def test_kept_problems_are_listed_on_load_and_again_by_upload(tmp_path: Path, settings) -> None:
    settings.BOARD_HOME = tmp_path

    code, output = load("--keep-problems")
    assert code == 0
    assert "5 problem(s) kept with the upload" in output
    upload = output.split("(upload ")[1][:12]

    code, listed = board("records", "uploads")
    assert code == 0 and upload in listed and "5 problem(s) kept" in listed

    code, shown = board("records", "problems", upload[:8])
    assert code == 0
    assert "5 problem(s); left out:" in shown
    assert shown.count("2019-episodes.csv, row") == 5


def test_asking_for_an_unknown_upload_says_so(tmp_path: Path, settings) -> None:
    settings.BOARD_HOME = tmp_path

    code, output = board("records", "problems", "ffff")

    assert code == 1 and "no upload with an id starting 'ffff'" in output
