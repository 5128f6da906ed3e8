"""The board command, run in-process against the test store (SQLite, or PostgreSQL in CI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from improvement_board.cli import app
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.programmes.models import Indicator, Measurement, Programme

pytestmark = pytest.mark.django_db
runner = CliRunner()


def board(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "300"})
    return result.exit_code, result.output


def test_programme_show_lists_the_eighteen_seed_indicators() -> None:
    assert board("programme", "load", SEED_PROGRAMME)[0] == 0
    code, output = board("programme", "show", "--json")
    assert code == 0
    shown = json.loads(output)
    assert len(shown["indicators"]) == 18
    assert {"CH 141", "CH 01", "SC 5037", "CF/C64"} <= {i["code"] for i in shown["indicators"]}
    code, table = board("programme", "show")
    assert code == 0 and "18 indicators" in table and "89.5% (19/20)" in table


def test_loading_the_seed_twice_reports_nothing_changed() -> None:
    board("programme", "load", SEED_PROGRAMME)
    code, output = board("programme", "load", SEED_PROGRAMME)
    assert code == 0
    assert "created 0, changed 0" in output


def test_a_malformed_programme_file_exits_non_zero_with_located_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = Path(SEED_PROGRAMME).read_text(encoding="utf-8")
    bad.write_text(text.replace("unit: percent", "unit: percentage", 1) + "colour: blue\n")
    code, output = board("programme", "load", bad)
    assert code == 1
    assert "problem(s) found; nothing was stored" in output
    assert "bad.yaml, row " in output and "column colour" in output
    assert Programme.objects.count() == 0


def test_a_malformed_return_exits_non_zero_and_stores_nothing(tmp_path: Path) -> None:
    board("programme", "load", SEED_PROGRAMME)
    bad = tmp_path / "october.csv"
    bad.write_text(
        "indicator,period,value,numerator,denominator,note\n"
        "CH 141,2006-10,200,717,35798,\nSC 5037,2006-10,150,,,\nXX 1,2006-10,3,,,\n",
        encoding="utf-8",
    )
    code, output = board("measurements", "load", bad)
    assert code == 1
    assert "2 problem(s) found" in output
    assert "row 3, column C (value)" in output and "row 4, column A (indicator)" in output
    assert Measurement.objects.count() == 0


def test_measurements_load_then_history_shows_each_version(tmp_path: Path) -> None:
    board("programme", "load", SEED_PROGRAMME)
    first = tmp_path / "first.csv"
    first.write_text("indicator,period,value\nCH 141,2006-10,200\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("indicator,period,value\nCH 141,2006-10,201\n", encoding="utf-8")
    assert board("measurements", "load", first)[0] == 0
    code, output = board("measurements", "load", second, "--reason", "late referrals")
    assert code == 0 and "1 restated" in output
    code, output = board("measurements", "history", "ch141", "2006-10")
    assert code == 0
    assert "late referrals" in output and "200" in output and "201" in output


def test_a_dry_run_changes_nothing(tmp_path: Path) -> None:
    board("programme", "load", SEED_PROGRAMME)
    path = tmp_path / "october.csv"
    path.write_text("indicator,period,value\nCH 141,2006-10,200\n", encoding="utf-8")
    code, output = board("measurements", "load", path, "--dry-run")
    assert code == 0 and "would store 1 new" in output
    assert Measurement.objects.count() == 0


def test_status_and_pack_for_a_meeting(tmp_path: Path) -> None:
    board("programme", "load", SEED_PROGRAMME)
    path = tmp_path / "october.csv"
    path.write_text("indicator,period,value\nCH 141,2006-10,160\n", encoding="utf-8")
    board("measurements", "load", path)
    code, output = board("status", "--period", "2006-10")
    assert code == 0
    assert "Red" in output and "Exceptions" in output
    code, output = board("pack", "--meeting", "2006-11", "--folder", tmp_path, "--pdf")
    assert code == 0
    html = (tmp_path / "board-pack-2006-11.html").read_text(encoding="utf-8")
    assert html.count('class="indicator"') == Indicator.objects.count() == 18
    assert (tmp_path / "board-pack-2006-11.pdf").read_bytes().startswith(b"%PDF")


def test_an_unknown_meeting_is_a_clear_error() -> None:
    board("programme", "load", SEED_PROGRAMME)
    code, output = board("pack", "--meeting", "2008-01")
    assert code == 1
    assert "no meeting in 2008-01" in output
