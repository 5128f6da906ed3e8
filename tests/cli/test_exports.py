"""``board export``: the same files as the download links, from the console, as a named user."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from improvement_board.accounts.models import User
from improvement_board.cli import app
from improvement_board.core.demo import demo_csv, demo_figures
from improvement_board.core.programme import load_programme
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
    figures = tmp_path / "october.csv"
    figures.write_text(demo_csv(demo_figures(load_programme(Path(SEED_PROGRAMME)))))
    assert board("measurements", "load", figures)[0] == 0
    return tmp_path


def test_a_meetings_pack_data_is_written_as_one_workbook(loaded: Path) -> None:
    out = loaded / "pack.xlsx"
    code, output = board("export", "pack", "--meeting", "2006-11", "-o", out)
    assert code == 0, output
    assert f"Written (9 sheets, internal, not for publication): {out}" in output
    workbook = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert workbook.sheetnames[0] == "Summary" and workbook.sheetnames[-1] == "Return"


def test_a_table_is_written_as_csv_under_its_own_name(
    loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(loaded)
    code, output = board("export", "figures", "--format", "csv", "--indicator", "CH 141")
    assert code == 0, output
    written = loaded / "herefordshire-2006-figures-ch-141-official-sensitive.csv"
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Key,Code,Indicator,Unit,Period")
    assert len(lines) == 1 + 12 and all(",CH 141," in line for line in lines[1:])


def test_marked_for_publication_the_file_says_so(loaded: Path) -> None:
    out = loaded / "figures.csv"
    code, output = board("export", "figures", "--format", "csv", "--publish", "-o", out)
    assert code == 0 and "marked for publication" in output
    assert "Withheld pending review for publication." in out.read_text(encoding="utf-8")


def test_what_cannot_be_exported_is_refused_with_the_reason(loaded: Path) -> None:
    code, output = board("export", "plan", "--format", "csv")
    assert code == 1 and "each of actions, milestones, evidence as CSV" in output
    code, output = board("export", "pack")
    assert code == 1 and "name the meeting" in output
    code, output = board("export", "everything")
    assert code == 1 and "there is no export 'everything'" in output


def test_only_a_member_of_the_programme_may_export_it(loaded: Path) -> None:
    code, output = board("export", "figures", user="stranger")
    assert code == 1 and "refused: only a named person may export the figures" in output
    User.objects.create(username="outsider", role="reader")
    code, output = board("export", "figures", user="outsider")
    assert code == 1 and "outsider is not a member of the programme herefordshire-2006" in output
    person("visitor", "reader", programme=None)
    code, output = board(
        "export", "risks", "--format", "csv", "-o", loaded / "r.csv", user="visitor"
    )
    assert code == 0, output
