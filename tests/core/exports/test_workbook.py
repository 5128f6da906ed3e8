"""A book as an Excel workbook: titled and marked on every sheet, the header frozen, figures
formatted in their units, dates as dates, and no cell a formula."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from improvement_board.core.exports import Book, Column, Quantity, Sheet, xlsx_bytes
from improvement_board.core.exports.workbook import HEADER_ROW, MONEY_FORMAT, number_format

FIGURES = Sheet(
    "Figures",
    "every figure",
    (Column("Indicator"), Column("Value", "number"), Column("Period ends", "date")),
    (
        ("CH 143", Quantity(89.5, "percent", 1), date(2006, 10, 31)),
        ("CH 141", Quantity(175.0, "rate", 1), date(2006, 10, 31)),
        ("Spend", Quantity(1_234_000, "money", 2), date(2007, 3, 31)),
        ("CAFs", Quantity(20, "count", 0), date(2006, 10, 31)),
        ("=1+1", None, None),
    ),
)
REVIEWS = Sheet(
    "Reviews",
    "reviews of the risk log",
    (Column("Reviewed", "datetime"), Column("Score", "integer"), Column("Decided")),
    ((datetime(2006, 10, 24, 9, 30), 16, "@SUM(A1)"),),
    note="Score is likelihood × impact.",
)
BOOK = Book(
    "Herefordshire improvement programme",
    "figures",
    "OFFICIAL-SENSITIVE",
    (FIGURES, REVIEWS),
    note="Synthetic figures.",
)


@pytest.fixture(scope="module")
def workbook() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(BOOK)))


def test_every_sheet_names_the_programme_and_what_it_is_and_carries_the_marking(
    workbook: openpyxl.Workbook,
) -> None:
    assert workbook.sheetnames == ["Figures", "Reviews"]
    for ws, sheet in zip(workbook.worksheets, BOOK.sheets, strict=True):
        assert ws["A1"].value == f"Herefordshire improvement programme: {sheet.title}"
        assert ws["A2"].value == "OFFICIAL-SENSITIVE"
        assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"
        assert ws.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert workbook["Reviews"]["A3"].value == "Synthetic figures. Score is likelihood × impact."
    assert workbook.properties.keywords == "OFFICIAL-SENSITIVE"


def test_the_header_row_is_frozen_filtered_and_repeated_on_printed_pages(
    workbook: openpyxl.Workbook,
) -> None:
    ws = workbook["Figures"]
    assert [c.value for c in ws[HEADER_ROW]] == ["Indicator", "Value", "Period ends"]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:C{HEADER_ROW + len(FIGURES.rows)}"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_columns_are_as_wide_as_what_they_hold(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Reviews"]
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABC"}
    assert widths["A"] >= len("Reviewed") and widths["C"] >= len("'@SUM(A1)")
    assert all(width <= 62 for width in widths.values())


def test_figures_are_numbers_formatted_in_their_unit(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Figures"]
    percent, rate, money, count = (ws.cell(row, 2) for row in range(5, 9))
    assert (percent.value, percent.number_format) == (pytest.approx(0.895), "0.0%")
    assert (rate.value, rate.number_format) == (175.0, "#,##0.0")
    assert (money.value, money.number_format) == (1_234_000, MONEY_FORMAT)
    assert (count.value, count.number_format) == (20, "#,##0")
    assert number_format("integer") == "0"


def test_dates_and_times_are_excel_dates(workbook: openpyxl.Workbook) -> None:
    day = workbook["Figures"]["C5"]
    assert day.is_date and day.value == datetime(2006, 10, 31)
    moment = workbook["Reviews"]["A5"]
    assert moment.is_date and moment.value == datetime(2006, 10, 24, 9, 30)


def test_no_cell_is_a_formula(workbook: openpyxl.Workbook) -> None:
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert workbook["Figures"]["A9"].value == "'=1+1"
    assert workbook["Reviews"]["C5"].value == "'@SUM(A1)"


def test_a_time_with_a_time_zone_is_refused() -> None:
    from datetime import UTC

    sheet = Sheet("Times", "times", (Column("When", "datetime"),), ((datetime.now(UTC),),))
    with pytest.raises(ValueError, match="local times"):
        xlsx_bytes(Book("P", "times", "OFFICIAL", (sheet,)))


def test_a_sheet_name_excel_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="sheet name"):
        Sheet("Figures/Return", "x", (Column("A"),), ())
    with pytest.raises(ValueError, match="2 cells for 1 columns"):
        Sheet("Figures", "x", (Column("A"),), (("a", "b"),))
