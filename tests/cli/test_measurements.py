"""``board measurements load`` prints what the load did, with the figures given as DfE's markers
and everything the file holds that was not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from improvement_board.cli import app
from improvement_board.programmes.models import Measurement

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini-programme.yaml"


def board(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "300"})
    return result.exit_code, result.output


def test_a_load_names_markers_and_what_it_did_not_read(tmp_path: Path) -> None:
    assert board("programme", "load", FIXTURE)[0] == 0
    path = tmp_path / "october.csv"
    path.write_text("PI,Title,Oct-06\nCH 141,Referrals,200.3\nleavers,Care leavers,c\n")
    code, output = board("measurements", "load", path)
    assert code == 0
    assert "october.csv: stored 2 new" in output
    assert "marker, no value: SC 5037: Care leavers at 19 in suitable accommodation 2006-10: c" in (
        output
    )
    assert "not read: column B (Title): a description, not read" in output
    assert Measurement.objects.get(indicator__key="leavers").marker == "c"


def test_a_mistyped_month_heading_exits_non_zero_naming_it(tmp_path: Path) -> None:
    assert board("programme", "load", FIXTURE)[0] == 0
    path = tmp_path / "october.csv"
    path.write_text("PI,Octo-06,Nov-06\nCH 141,200.3,201\n")
    code, output = board("measurements", "load", path)
    assert code == 1
    assert "october.csv, row 1, column B (Octo-06): 'Octo-06' is not a month" in output
    assert Measurement.objects.count() == 0
