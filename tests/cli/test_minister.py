"""``board report``: the Minister's report prepared, approved and issued by named people at the
console, with the same rules as the web app; the draft is still written as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from improvement_board.cli import app
from improvement_board.meetings.models import IssuedMinisterReport
from tests.meetings.signing import person

pytestmark = pytest.mark.django_db
runner = CliRunner()
QUARTER = ("--quarter-end", "2006-09", "--programme", "mini")


def board(*args: Any, user: str = "olly") -> tuple[int, str]:
    result = runner.invoke(app, ["--as", user, *map(str, args)], env={"COLUMNS": "300"})
    return result.exit_code, result.output


@pytest.fixture
def loaded(mini_programme_file: Path, settings: Any, tmp_path: Path) -> Path:
    settings.BOARD_HOME = tmp_path
    assert board("programme", "load", mini_programme_file)[0] == 0
    person("olly", "officer")
    for name in ("ann", "abe"):
        person(name, "approver")
    return tmp_path


def test_a_report_is_prepared_approved_and_issued_by_named_people(loaded: Path) -> None:
    code, said = board("report", *QUARTER, "--prepare", user="olly")
    assert code == 0, said
    assert "prepared for approval by olly" in said
    code, said = board("report", *QUARTER, "--approve", user="ann")
    assert code == 0 and "prepared by olly is approved by ann" in said
    code, said = board("report", *QUARTER, "--issue", user="ann")
    assert code == 0, said
    assert "Issued version 1 of the report for the quarter ending 2006-09" in said
    files = IssuedMinisterReport.objects.all()
    assert {(f.variant, f.kind) for f in files} == {
        ("internal", "html"),
        ("for-publication", "html"),
    }
    for file in files:
        assert f"{file.file}  sha256 {file.sha256}" in said
    code, said = board("report", *QUARTER, "--issued", user="rita")
    assert code == 0 and said.count("unchanged") == 2


def test_the_console_checks_roles_and_the_second_pair_of_eyes(loaded: Path) -> None:
    assert board("report", *QUARTER, "--prepare", user="ann")[0] == 0
    code, said = board("report", *QUARTER, "--approve", user="ann")
    assert code == 1
    assert "refused: ann prepared this report, so someone else must approve it" in said
    code, said = board("report", *QUARTER, "--issue", user="abe")
    assert code == 1 and "has not been approved" in said
    code, said = board("report", *QUARTER, "--approve", user="olly")
    assert code == 1 and "to approve a Minister's report needs the approver role" in said
    assert IssuedMinisterReport.objects.count() == 0


def test_one_step_at_a_time_and_never_outside_board_home(loaded: Path, tmp_path: Path) -> None:
    code, said = board("report", *QUARTER, "--prepare", "--approve")
    assert code == 1 and "choose one of" in said
    code, said = board("report", *QUARTER, "--issue", "--folder", tmp_path, user="ann")
    assert code == 1 and "kept under BOARD_HOME" in said


def test_the_draft_is_written_as_before(loaded: Path, tmp_path: Path) -> None:
    code, said = board("report", *QUARTER, "--folder", tmp_path / "out")
    assert code == 0, said
    assert (tmp_path / "out" / "minister-report-2006-09-internal.html").exists()
    assert IssuedMinisterReport.objects.count() == 0
