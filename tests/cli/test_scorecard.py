"""``board programme template`` and ``board programme load FILE.xlsx``: a programme kept as a
scorecard workbook is stored exactly as its programme file is, and a bad one stores nothing."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from improvement_board.core.programme import load_programme
from improvement_board.core.scorecard import scorecard_workbook
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.programmes.models import Programme
from tests.cli.test_programme_export import board, stored
from tests.core.test_scorecard import filled_template

pytestmark = pytest.mark.django_db


def test_the_template_is_written_as_a_workbook_to_fill_in(tmp_path: Path) -> None:
    written = tmp_path / "scorecard.xlsx"
    code, output = board("programme", "template", written)
    assert code == 0, output
    assert f"Scorecard template written: {written}" in output
    workbook = openpyxl.load_workbook(written)
    assert "Indicators" in workbook.sheetnames
    assert workbook["Indicators"].max_row == 1  # the headers, nothing else


def test_a_scorecard_of_the_seed_is_stored_exactly_as_the_seed_file_is(tmp_path: Path) -> None:
    assert board("programme", "load", SEED_PROGRAMME)[0] == 0
    from_the_file = stored()
    Programme.objects.all().delete()
    workbook = tmp_path / "herefordshire.xlsx"
    workbook.write_bytes(scorecard_workbook(load_programme(Path(SEED_PROGRAMME))))
    code, output = board("programme", "load", workbook)
    assert code == 0, output
    assert stored() == from_the_file


def test_the_template_filled_with_the_seeds_indicators_loads(tmp_path: Path) -> None:
    workbook = tmp_path / "indicators.xlsx"
    workbook.write_bytes(filled_template(tmp_path))
    code, output = board("programme", "load", workbook)
    assert code == 0, output
    assert Programme.objects.get().indicators.count() == 18


def test_a_scorecard_with_bad_cells_stores_nothing_and_names_each_cell(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(
        io.BytesIO(scorecard_workbook(load_programme(SEED_PROGRAMME)))
    )
    sheet = workbook["Indicators"]
    sheet["D3"] = "percentage"
    sheet["L4"] = "lots"
    bad = tmp_path / "bad.xlsx"
    workbook.save(bad)
    code, output = board("programme", "load", bad)
    assert code == 1
    assert "2 problem(s) found; nothing was stored" in output
    assert "bad.xlsx, sheet Indicators, row 3, column D (Unit): Input should be" in output
    assert "bad.xlsx, sheet Indicators, row 4, column L (Target): Input should be" in output
    assert Programme.objects.count() == 0


def test_a_scorecard_is_checked_for_what_is_not_smart(tmp_path: Path) -> None:
    workbook = tmp_path / "herefordshire.xlsx"
    workbook.write_bytes(scorecard_workbook(load_programme(Path(SEED_PROGRAMME))))
    code, from_the_workbook = board("programme", "check", workbook)
    assert code == 0
    assert from_the_workbook == board("programme", "check", SEED_PROGRAMME)[1]
