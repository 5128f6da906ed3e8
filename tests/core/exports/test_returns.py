"""The figures sheet laid out as a monthly return is read back by the returns loader as the
figures it was written from."""

from __future__ import annotations

from dataclasses import replace

import pytest

from improvement_board.core.exports import Book, xlsx_bytes
from improvement_board.core.exports.figures import StoredFigure, figures_sheet
from improvement_board.core.exports.returns import RETURN_SHEET, return_sheet
from improvement_board.core.markers import Marker
from improvement_board.core.periods import Period
from improvement_board.core.returns import parse_return
from tests.core.exports.figures import PROGRAMME, stored

FIRST = Period.parse(PROGRAMME.programme.first_period)
LAST = Period.parse(PROGRAMME.programme.last_period)


def _workbook(figures: list[StoredFigure]) -> bytes:
    sheets = (
        figures_sheet(figures, publish=False),
        return_sheet(figures, first=FIRST, last=LAST),
    )
    return xlsx_bytes(Book(PROGRAMME.programme.name, "figures", "OFFICIAL-SENSITIVE", sheets))


def _key(f: StoredFigure) -> tuple[object, ...]:
    return (f.indicator.key, f.period, f.value, f.numerator, f.denominator, f.note or None)


def test_the_demo_figures_come_back_from_the_workbook_exactly() -> None:
    figures = stored()
    rows = parse_return(_workbook(figures), PROGRAMME, source="figures.xlsx")
    assert len(rows) == len(figures) == 168
    read = [(r.indicator, r.period, r.value, r.numerator, r.denominator, r.note) for r in rows]
    assert read == [_key(f) for f in figures]
    assert {r.file for r in rows} == {f'figures.xlsx, sheet "{RETURN_SHEET}"'}


def test_a_figure_worked_out_from_counts_comes_back_to_the_last_digit() -> None:
    exact = 100 * 19 / 21
    figures = [replace(stored()[0], value=None, numerator=None, denominator=None)]
    sc = PROGRAMME.indicator("sc-5037")
    figures.append(StoredFigure(sc, Period(2006, 10), exact, 19, 21))
    rows = parse_return(_workbook(figures), PROGRAMME, source="figures.xlsx")
    assert [r.value for r in rows] == [None, exact]


def test_figures_a_return_cannot_carry_are_left_out_and_counted() -> None:
    figures = stored()[:3]
    figures[0] = replace(figures[0], value=None, marker=Marker("u"))
    figures[1] = replace(figures[1], period=FIRST.shift(-1))
    sheet = return_sheet(figures, first=FIRST, last=LAST)
    assert len(sheet.rows) == 1
    assert "1 given as a DfE marker" in sheet.note
    assert "1 dated outside the programme's months" in sheet.note


def test_a_note_that_starts_like_a_formula_comes_back_with_its_apostrophe() -> None:
    figures = [replace(stored()[0], note="-12 on September: data cleansed")]
    [row] = parse_return(_workbook(figures), PROGRAMME, source="figures.xlsx")
    assert row.note == "'-12 on September: data cleansed"


@pytest.mark.parametrize("column", ["indicator", "period", "value", "note"])
def test_the_return_sheet_has_the_long_layouts_columns(column: str) -> None:
    sheet = return_sheet(stored(), first=FIRST, last=LAST)
    assert column in sheet.headings
    assert sheet.headings[:6] == (
        "indicator",
        "period",
        "value",
        "numerator",
        "denominator",
        "note",
    )
