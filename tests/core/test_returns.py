"""Reading monthly returns as councils keep them: CSV or Excel, long or wide.

A good return becomes checked rows, each knowing the cell it came from; a bad one gives every
problem at once, each with the row and column the officer sees in Excel. No input of any kind
makes the reader fail with anything but ProblemsFound.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from improvement_board.core.periods import Period
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import Programme
from improvement_board.core.returns import (
    MAX_BYTES,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    ReturnRow,
    parse_return,
    read_return,
    tolerance,
)

APRIL = Period(2006, 4)
MAY = Period(2006, 5)
JUNE = Period(2006, 6)
LONG_HEADER = "indicator,period,value,numerator,denominator,note"
DOC = Path(__file__).resolve().parents[2] / "docs" / "monthly-returns.md"


def indicator(key: str, title: str, unit: str, code: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": key,
        "title": title,
        "unit": unit,
        "polarity": "higher",
        "baseline": {"value": 1},
        "target": {"value": 2},
    }
    if code:
        data["code"] = code
    return data


PROGRAMME = Programme.model_validate(
    {
        "programme": {
            "key": "demo-2006",
            "name": "Demo improvement programme",
            "council": "Demoshire",
            "baseline_date": "2006-03-31",
            "target_date": "2007-03-31",
            "first_period": "2006-04",
            "last_period": "2007-03",
            "population": {2006: 36000},
        },
        "indicators": [
            indicator("ch-141", "Referrals per 10,000 children", "rate_per_10000", "CH 141"),
            indicator("ch-143", "% referrals leading to initial assessment", "percent", "CH 143"),
            indicator("cf-c64", "Core assessments within 35 days", "percent", "CF/C64"),
            indicator("short-breaks", "Short breaks", "count"),
            indicator("budget", "Children's services budget", "money"),
        ],
    }
)


def csv_return(
    tmp_path: Path, *lines: str, name: str = "return.csv", encoding: str = "utf-8"
) -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def xlsx_return(
    tmp_path: Path, rows: list[list[Any]], name: str = "return.xlsx", sheet: str = "Sheet1"
) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def problems_in(path: Path) -> list[Problem]:
    with pytest.raises(ProblemsFound) as raised:
        read_return(path, PROGRAMME)
    return raised.value.problems


def only_problem(path: Path) -> Problem:
    problems = problems_in(path)
    assert len(problems) == 1, problems
    return problems[0]


def figures(rows: list[ReturnRow]) -> dict[tuple[str, Period], float | None]:
    return {(row.indicator, row.period): row.value for row in rows}


# --- the long layout ---------------------------------------------------------------------------


def test_a_long_return_gives_each_row_with_its_counts_note_and_cell(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path,
        LONG_HEADER,
        "ch-141,2006-04,175,633,36171,Annualised",
        "CH 143,2006-04,95,19,20,",
    )
    rows = read_return(path, PROGRAMME)
    assert rows == [
        ReturnRow("ch-141", APRIL, 175, 633, 36171, "Annualised", str(path), 2, "C (value)"),
        ReturnRow("ch-143", APRIL, 95, 19, 20, None, str(path), 3, "C (value)"),
    ]


def test_long_headers_are_read_without_regard_to_case_or_spaces(tmp_path: Path) -> None:
    path = csv_return(tmp_path, " Indicator ,PERIOD,Val ue,Note", "ch-141,2006-04,175,fine")
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.note) == (175, "fine")


def test_numerator_denominator_and_note_columns_are_optional(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", "short-breaks,2006-04,63")
    assert figures(read_return(path, PROGRAMME)) == {("short-breaks", APRIL): 63}


def test_a_value_given_only_as_counts_is_derived_for_its_unit(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path,
        "indicator,period,numerator,denominator",
        "ch-143,2006-04,19,20",
        "ch-141,2006-04,633,36171",
    )
    rows = figures(read_return(path, PROGRAMME))
    assert rows[("ch-143", APRIL)] == pytest.approx(95.0)
    assert rows[("ch-141", APRIL)] == pytest.approx(175.0, abs=0.01)


@pytest.mark.parametrize(
    "written",
    [
        "cf-c64",
        "CF-C64",
        "CF/C64",
        "cf c64",
        "CF/ C64",
        "cf/c64",
        "Core assessments within 35 days",
    ],
)
def test_an_indicator_is_named_by_key_code_or_title(tmp_path: Path, written: str) -> None:
    path = csv_return(tmp_path, "indicator,period,value", f'"{written}",2006-04,80')
    assert [row.indicator for row in read_return(path, PROGRAMME)] == ["cf-c64"]


def test_title_and_unit_columns_are_passed_over(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path, "indicator,title,unit,period,value", "ch-141,Referrals,rate,2006-04,5"
    )
    assert figures(read_return(path, PROGRAMME)) == {("ch-141", APRIL): 5}


def test_an_unknown_column_is_refused_so_nothing_silently_vanishes(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value,nots", "ch-141,2006-04,5,see report")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (1, "D (nots)")
    assert "is not a column of a return" in problem.message


def test_a_long_header_without_a_period_column_says_so(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,month,value", "ch-141,2006-04,5")
    messages = [p.message for p in problems_in(path)]
    assert any("has no period column" in m for m in messages)


def test_a_figure_in_a_column_without_a_header_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value,", "ch-141,2006-04,5,7")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (2, "D")


def test_a_row_shifted_by_an_unquoted_comma_is_reported_not_misread(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Title,Apr-06,May-06", "CH 141,Referrals per 10,000,175,")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (2, None)
    assert "has 5 cells but the header has 4" in problem.message


def test_a_row_with_only_a_note_records_no_figure_with_its_note(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-141,2006-04,,,,System migration: no data")
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.note) == (None, "System migration: no data")


def test_semicolons_are_read_as_the_delimiter_when_the_header_uses_them(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator;period;value", "ch-141;2006-04;175")
    assert figures(read_return(path, PROGRAMME)) == {("ch-141", APRIL): 175}


# --- the wide layout ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "2006-04",
        "2006-4",
        "Apr-06",
        "Apr 06",
        "Apr-2006",
        "apr 06",
        "April 2006",
        "April 06",
        "04/2006",
        "4/2006",
        "01/04/2006",
        "30/04/2006",
        "2006-04-30",
    ],
)
def test_each_month_heading_councils_write_means_that_month(tmp_path: Path, header: str) -> None:
    path = csv_return(tmp_path, f"PI,{header}", "CH 141,175")
    (row,) = read_return(path, PROGRAMME)
    assert (row.period, row.value, row.column) == (APRIL, 175, f"B ({header})")


def test_sept_is_september_as_councils_often_write_it(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Sept 06", "CH 141,175")
    assert [row.period for row in read_return(path, PROGRAMME)] == [Period(2006, 9)]


def test_a_british_date_heading_is_read_day_first(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,05/04/2006,31/05/2006", "CH 141,175,180")
    assert figures(read_return(path, PROGRAMME)) == {("ch-141", APRIL): 175, ("ch-141", MAY): 180}


@pytest.mark.parametrize(
    ("written", "value"),
    [("1,234", 1234), ("£2,690,000", 2690000), ("2.69E+06", 2690000), ("181.2", 181.2)],
)
def test_numbers_are_read_as_excel_writes_them(tmp_path: Path, written: str, value: float) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", f'budget,"{written}"')
    assert figures(read_return(path, PROGRAMME)) == {("budget", APRIL): value}


def test_a_wide_return_reads_numbers_percentages_and_counts(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path,
        "PI,Title,Apr-06,May-06,Jun-06",
        "CH 141,Referrals per 10000,175,181.2,",
        "CH 143,% to initial assessment,19/20,85%,89.5% (17/19)",
    )
    rows = {(row.indicator, row.period): row for row in read_return(path, PROGRAMME)}
    assert set(rows) == {
        ("ch-141", APRIL),
        ("ch-141", MAY),
        ("ch-143", APRIL),
        ("ch-143", MAY),
        ("ch-143", JUNE),
    }
    assert (rows[("ch-143", APRIL)].value, rows[("ch-143", APRIL)].numerator) == (95.0, 19)
    assert rows[("ch-143", MAY)].value == 85
    assert (rows[("ch-143", JUNE)].value, rows[("ch-143", JUNE)].denominator) == (89.5, 19)
    assert (rows[("ch-141", MAY)].row, rows[("ch-141", MAY)].column) == (2, "D (May-06)")


def test_blank_and_dash_cells_give_no_figure(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06,May-06,Jun-06", "CH 141,,-,–")
    path.write_text(path.read_text(encoding="utf-8") + "CH 143,,,50\n", encoding="utf-8")
    assert figures(read_return(path, PROGRAMME)) == {("ch-143", JUNE): 50}


def test_rows_without_figures_are_headings_and_are_passed_over(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", "Safeguarding,", "CH 141,175", "Workforce,")
    assert figures(read_return(path, PROGRAMME)) == {("ch-141", APRIL): 175}


def test_title_rows_above_the_header_are_passed_over(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "Demoshire monthly return,", ",", "PI,Apr-06", "CH 141,175")
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.row) == (175, 4)


def test_a_title_row_holding_a_month_does_not_hide_the_real_header(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "Return for,April 2006,", "PI,Apr-06,May-06", "CH 141,175,180")
    assert figures(read_return(path, PROGRAMME)) == {("ch-141", APRIL): 175, ("ch-141", MAY): 180}


def test_a_sheet_that_starts_in_column_b_is_read_from_there(tmp_path: Path) -> None:
    path = xlsx_return(
        tmp_path, [[None, "PI", "Title", "Apr-06"], [None, "CH 141", "Referrals", 175]]
    )
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.column) == (175, "D (Apr-06)")


def test_a_note_column_after_the_months_is_reported_not_read_as_long(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "Indicator,Apr-06,Note", "CH 141,175,rising")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (1, "C (Note)")


def test_counts_rows_named_after_their_indicator_give_its_counts(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path,
        "PI,Apr-06,May-06",
        "CF/C64,,80",
        "CF/C64 numerator,19,16",
        "CF/C64 denominator,20,20",
    )
    rows = {row.period: row for row in read_return(path, PROGRAMME)}
    assert (rows[APRIL].value, rows[APRIL].numerator, rows[APRIL].denominator) == (95.0, 19, 20)
    assert (rows[MAY].value, rows[MAY].numerator) == (80, 16)


def test_bare_numerator_and_denominator_rows_belong_to_the_indicator_above(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path, "PI,Apr-06", "CH 143,", "Numerator,19", "Denominator,20", "CH 141,175"
    )
    rows = figures(read_return(path, PROGRAMME))
    assert rows == {("ch-143", APRIL): 95.0, ("ch-141", APRIL): 175}


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [("CH 143 - Numerator", "CH 143 - Denominator"), ("ch-143 (numerator)", "CH143: denominator")],
)
def test_counts_rows_may_be_labelled_as_councils_label_them(
    tmp_path: Path, numerator: str, denominator: str
) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", f"{numerator},19", f"{denominator},20")
    assert figures(read_return(path, PROGRAMME)) == {("ch-143", APRIL): 95.0}


def test_a_value_and_its_counts_may_share_a_cell(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", "CH 143,89.5 (17/19)")
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.numerator, row.denominator) == (89.5, 17, 19)


def test_a_bare_numerator_row_with_no_indicator_above_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", "Numerator,19", "CH 141,175")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (2, "A (PI)")
    assert "not under an indicator's row" in problem.message


def test_a_wide_heading_that_is_not_a_month_after_the_months_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06,Target", "CH 141,175,220")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (1, "C (Target)")
    assert "is not a month" in problem.message


def test_a_month_heading_outside_the_programme_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Mar-06,Apr-06", "CH 141,170,175")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (1, "B (Mar-06)")
    assert "outside the programme, which runs from 2006-04 to 2007-03" in problem.message


def test_a_month_heading_given_twice_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06,April 2006", "CH 141,175,176")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (1, "C (April 2006)")


def test_figures_without_an_indicator_are_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", ",175")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (2, "A (PI)")


def test_the_documented_examples_read_as_documented(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    long_example = text.split("```\nindicator,period")[1].split("```")[0]
    long = csv_return(tmp_path, "indicator,period" + long_example.rstrip(), name="long.csv")
    long_rows = figures(read_return(long, PROGRAMME))
    assert long_rows[("ch-143", APRIL)] == 95.0
    assert long_rows[("ch-143", MAY)] is None
    assert len(long_rows) == 6
    table = text.split("## Layout 2")[1].split("- **Column A")[0]
    lines = [line.strip().strip("|") for line in table.splitlines() if line.startswith("| ")]
    cells = [[cell.strip().strip("*") for cell in line.split("|")] for line in lines]
    written = io.StringIO()
    csv.writer(written).writerows(cells)
    wide = csv_return(tmp_path, written.getvalue().strip(), name="wide.csv")
    wide_rows = figures(read_return(wide, PROGRAMME))
    assert wide_rows[("cf-c64", APRIL)] == 95.0
    assert wide_rows[("cf-c64", MAY)] == 80
    assert wide_rows[("ch-143", JUNE)] == 89.5
    assert len(wide_rows) == 9


# --- Excel workbooks ---------------------------------------------------------------------------


def test_a_long_workbook_is_read_like_a_long_csv(tmp_path: Path) -> None:
    path = xlsx_return(
        tmp_path,
        [
            ["Indicator", "Period", "Value", "Numerator", "Denominator", "Note"],
            ["CH 143", "2006-04", None, 19, 20, None],
            ["ch-141", datetime(2006, 5, 1), 175.5, None, None, "annualised"],
        ],
    )
    rows = read_return(path, PROGRAMME)
    assert figures(rows) == {("ch-143", APRIL): 95.0, ("ch-141", MAY): 175.5}
    assert rows[1].file == f'{path}, sheet "Sheet1"'
    assert (rows[1].row, rows[1].column, rows[1].note) == (3, "C (Value)", "annualised")


def test_a_wide_workbook_reads_real_excel_dates_as_months(tmp_path: Path) -> None:
    path = xlsx_return(
        tmp_path,
        [
            ["PI", "Title", datetime(2006, 4, 1), datetime(2006, 5, 31), "Jun-06"],
            ["CH 141", "Referrals", 175, 181, None],
            ["CH 143", "Initial assessments", "19/20", 0.85, "-"],
        ],
    )
    rows = figures(read_return(path, PROGRAMME))
    assert rows == {
        ("ch-141", APRIL): 175,
        ("ch-141", MAY): 181,
        ("ch-143", APRIL): 95.0,
        ("ch-143", MAY): 0.85,
    }


def test_a_cell_formatted_as_a_percentage_is_read_as_the_percentage_shown(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["PI", "Apr-06", "May-06"])
    sheet.append(["CH 143", 0.895, 0.9])
    sheet["B2"].number_format = "0.0%"
    path = tmp_path / "percent.xlsx"
    workbook.save(path)
    rows = figures(read_return(path, PROGRAMME))
    assert rows[("ch-143", APRIL)] == pytest.approx(89.5)
    assert rows[("ch-143", MAY)] == 0.9


def test_a_sheet_named_return_is_read_before_the_first_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.append(["Notes for the board"])
    data = workbook.create_sheet("Data")
    data.append(["PI", "Apr-06"])
    data.append(["CH 141", 1])
    chosen = workbook.create_sheet("Return")
    chosen.append(["PI", "Apr-06"])
    chosen.append(["CH 141", 175])
    path = tmp_path / "sheets.xlsx"
    workbook.save(path)
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.file) == (175, f'{path}, sheet "Return"')


def test_a_sheet_named_data_is_read_when_there_is_no_return_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    assert workbook.active is not None
    workbook.active.append(["Notes for the board"])
    data = workbook.create_sheet("DATA")
    data.append(["PI", "Apr-06"])
    data.append(["CH 141", 175])
    path = tmp_path / "sheets.xlsx"
    workbook.save(path)
    assert figures(read_return(path, PROGRAMME)) == {("ch-141", APRIL): 175}


def test_problems_in_a_workbook_name_the_sheet_row_and_column_letter(tmp_path: Path) -> None:
    path = xlsx_return(
        tmp_path, [["PI", "Apr-06", "May-06"], ["CH 141", 175, "n/a"]], sheet="Return"
    )
    problem = only_problem(path)
    assert (problem.file, problem.row, problem.column) == (
        f'{path}, sheet "Return"',
        2,
        "C (May-06)",
    )


def test_an_excel_error_value_is_named_as_one(tmp_path: Path) -> None:
    path = xlsx_return(tmp_path, [["PI", "Apr-06"], ["CH 143", "#DIV/0!"]])
    assert "is an Excel error" in only_problem(path).message


def test_workbooks_are_parsed_with_defused_xml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


# --- what files are accepted -------------------------------------------------------------------


def test_the_type_is_decided_by_content_so_a_workbook_named_csv_is_read(tmp_path: Path) -> None:
    workbook = xlsx_return(tmp_path, [["PI", "Apr-06"], ["CH 141", 175]])
    renamed = workbook.rename(tmp_path / "return.csv")
    assert figures(read_return(renamed, PROGRAMME)) == {("ch-141", APRIL): 175}


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", "CH 141,175", name="return.xlsx")
    assert "is named .xlsx but is not an Excel workbook" in only_problem(path).message


def test_an_old_xls_or_protected_workbook_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "return.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert "save it unprotected as an Excel workbook (.xlsx)" in only_problem(path).message


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "return.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "is a zip file but not an Excel workbook" in only_problem(path).message


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_unzipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *args, **kwargs: opened.append(args))
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            block = bytes(1024 * 1024)
            for _ in range(MAX_UNZIPPED_BYTES // len(block) + 1):
                entry.write(block)
    assert path.stat().st_size < MAX_BYTES
    problem = only_problem(path)
    assert (problem.file, problem.row) == (str(path), None)
    assert "would unzip to" in problem.message
    assert opened == []


def test_a_zip_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(MAX_ZIP_ENTRIES):
            archive.writestr(f"xl/media/{number}.bin", b"")
    assert "holds 1,001 files" in only_problem(path).message


def test_a_damaged_workbook_is_refused_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not xml")
        archive.writestr("xl/workbook.xml", "<not xml")
    assert "cannot be read as an Excel workbook" in only_problem(path).message


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert "a return may be at most 20,971,520" in only_problem(path).message


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nowhere.csv")
    assert problem.message.startswith("cannot be read")


def test_the_name_shown_in_problems_can_be_the_uploaded_file_name(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", "CH 141,lots", name="upload-1234.tmp")
    with pytest.raises(ProblemsFound) as raised:
        read_return(path, PROGRAMME, source="April return.csv")
    assert raised.value.problems[0].file == "April return.csv"


def test_a_return_held_in_memory_is_read_the_same_way() -> None:
    rows = parse_return(b"PI,Apr-06\nCH 141,175\n", PROGRAMME, source="upload.csv")
    assert (rows[0].file, rows[0].value) == ("upload.csv", 175)


# --- encodings ---------------------------------------------------------------------------------


def test_utf8_with_a_byte_order_mark_reads_the_header(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-141,2006-04,175,,,Référé", encoding="utf-8-sig")
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.note) == (175, "Référé")


def test_windows_1252_as_excel_writes_it_is_read(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path,
        LONG_HEADER,
        "budget,2006-04,2690000,,,£2.69M – council’s figure",
        encoding="cp1252",
    )
    (row,) = read_return(path, PROGRAMME)
    assert row.note == "£2.69M – council’s figure"


def test_text_in_no_known_encoding_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "return.csv"
    path.write_bytes(b"PI,Apr-06\r\nCH 141,175\r\nCH 143,5\x81\r\n")
    problem = only_problem(path)
    assert problem.row == 3
    assert "not UTF-8 or Windows-1252 text" in problem.message


def test_utf16_text_is_refused_with_what_to_save_instead(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI\tApr-06", "CH 141\t175", encoding="utf-16")
    assert "UTF-16" in only_problem(path).message


# --- the checks --------------------------------------------------------------------------------


def test_an_unknown_indicator_is_answered_with_the_close_matches(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", "CH 14l,2006-04,5")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (2, "A (indicator)")
    assert "'CH 14l' is not an indicator of this programme; did you mean CH 14" in problem.message
    assert "CH 141 (ch-141)" in problem.message


def test_an_unknown_indicator_with_nothing_close_says_what_is_expected(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", "zzzzzz,2006-04,5")
    assert "expected an indicator's key, code or title" in only_problem(path).message


def test_a_period_that_is_not_a_month_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", "ch-141,2006 Q1,5")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (2, "B (period)")
    assert "is not a month: expected such as 2006-04, Apr-06" in problem.message


def test_a_period_outside_the_programme_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", "ch-141,2007-04,5")
    assert "2007-04 is outside the programme" in only_problem(path).message


@pytest.mark.parametrize("column", ["value", "numerator", "denominator"])
def test_text_where_a_number_belongs_is_reported_at_its_cell(tmp_path: Path, column: str) -> None:
    cells = {"value": "", "numerator": "19", "denominator": "20"} | {column: "about 20"}
    path = csv_return(
        tmp_path,
        "indicator,period,value,numerator,denominator",
        f"ch-143,2006-04,{cells['value']},{cells['numerator']},{cells['denominator']}",
    )
    problem = only_problem(path)
    assert problem.column is not None and problem.column.endswith(f"({column})")
    assert "text where a number belongs" in problem.message


@pytest.mark.parametrize("value", ["100.1", "-1", "120%"])
def test_a_percentage_outside_0_to_100_is_reported(tmp_path: Path, value: str) -> None:
    path = csv_return(tmp_path, "indicator,period,value", f"ch-143,2006-04,{value}")
    assert "a percentage must be between 0 and 100" in only_problem(path).message


@pytest.mark.parametrize("value", ["0", "100", "100%"])
def test_percentages_at_the_ends_of_the_range_are_accepted(tmp_path: Path, value: str) -> None:
    path = csv_return(tmp_path, "indicator,period,value", f"ch-143,2006-04,{value}")
    assert len(read_return(path, PROGRAMME)) == 1


def test_a_negative_count_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-143,2006-04,,-1,20,", "short-breaks,2006-04,-3,,,")
    problems = problems_in(path)
    assert [(p.row, p.column) for p in problems] == [(2, "D (numerator)"), (3, "C (value)")]
    assert all("cannot be negative" in p.message for p in problems)


def test_a_numerator_over_its_denominator_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-143,2006-04,,21,20,")
    problem = only_problem(path)
    assert problem.column == "D (numerator)"
    assert "the numerator 21 is more than the denominator 20" in problem.message


def test_a_value_that_disagrees_with_its_own_counts_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-143,2006-04,89.3,17,19,")
    problem = only_problem(path)
    assert problem.column == "C (value)"
    assert "does not agree with its counts 17/19, which give 89.47" in problem.message


@pytest.mark.parametrize("value", ["89.5", "89.47", "89.4", "89", "90", "89.5%"])
def test_a_value_rounded_from_its_counts_agrees_with_them(tmp_path: Path, value: str) -> None:
    path = csv_return(tmp_path, LONG_HEADER, f"ch-143,2006-04,{value},17,19,")
    assert len(read_return(path, PROGRAMME)) == 1


def test_the_rounding_allowed_depends_on_the_decimals_given() -> None:
    assert tolerance(0) == pytest.approx(0.55)
    assert tolerance(1) == pytest.approx(0.1)
    assert tolerance(2) == pytest.approx(0.055)


def test_the_same_indicator_and_month_twice_is_reported_in_the_long_layout(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", "ch-141,2006-04,5", "CH 141,Apr-06,6")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (3, "B (period)")
    assert "given twice (also row 2)" in problem.message


def test_the_same_indicator_and_month_twice_is_reported_in_the_wide_layout(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06,May-06", "CH 141,5,", "ch-141,,6", "CH 141,7,")
    problem = only_problem(path)
    assert (problem.row, problem.column) == (4, "B (Apr-06)")
    assert "given twice (also row 2)" in problem.message


def test_a_percent_sign_on_a_figure_that_is_not_a_percentage_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", "short-breaks,2006-04,5%")
    assert "has a % sign, but Short breaks is a count" in only_problem(path).message


def test_counts_for_a_count_or_money_are_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", "short-breaks,19/20", "budget,1/2")
    messages = [p.message for p in problems_in(path)]
    assert len(messages) == 2
    assert all("has no numerator or denominator" in m for m in messages)


def test_counts_given_in_the_cell_and_in_their_own_columns_are_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-143,2006-04,19/20,19,20,")
    assert "give them once" in only_problem(path).message


def test_a_numerator_without_a_denominator_or_value_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-143,2006-04,,19,,")
    problem = only_problem(path)
    assert (problem.column, problem.message.split(",")[0]) == (
        "D (numerator)",
        "has no value and no denominator",
    )


def test_a_value_beside_only_its_numerator_keeps_both(tmp_path: Path) -> None:
    path = csv_return(tmp_path, LONG_HEADER, "ch-141,2006-04,175,633,,")
    (row,) = read_return(path, PROGRAMME)
    assert (row.value, row.numerator, row.denominator) == (175, 633, None)


def test_none_out_of_none_gives_no_figure_and_some_out_of_none_is_reported(tmp_path: Path) -> None:
    empty = csv_return(tmp_path, LONG_HEADER, "ch-143,2006-04,,0,0,", name="empty.csv")
    (row,) = read_return(empty, PROGRAMME)
    assert (row.value, row.numerator, row.denominator) == (None, 0, 0)
    broken = csv_return(tmp_path, LONG_HEADER, "ch-141,2006-04,,5,0,", name="broken.csv")
    assert "the denominator is 0" in only_problem(broken).message


# --- files that are not returns ----------------------------------------------------------------


def test_an_empty_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert only_problem(path).message.startswith("is empty")


def test_a_file_of_empty_cells_is_reported_as_empty(tmp_path: Path) -> None:
    path = csv_return(tmp_path, ",,,", ",,,")
    assert only_problem(path).message.startswith("is empty")


def test_a_file_without_a_header_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "ch-141,2006-04,175")
    problem = only_problem(path)
    assert problem.row == 1
    assert problem.message.startswith("has no header row")


def test_a_header_with_no_figures_below_it_is_reported(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06,May-06", "CH 141,,")
    assert only_problem(path).message == "has no figures below its header"


def test_a_file_with_too_many_rows_is_refused(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", *["Heading,"] * MAX_ROWS)
    assert only_problem(path).row == MAX_ROWS + 1


def test_a_stray_quote_mark_is_reported_at_its_line(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "indicator,period,value", 'ch-141,2006-04,"5"x')
    problem = only_problem(path)
    assert (problem.row, "stray quote mark" in problem.message) == (2, True)


# --- every problem at once ---------------------------------------------------------------------


def test_a_file_with_several_problems_gives_all_of_them_in_row_order(tmp_path: Path) -> None:
    path = csv_return(
        tmp_path,
        LONG_HEADER,
        "ch-141,2006-04,175,633,36171,",
        "CH 14l,2006-05,5,,,",
        "ch-143,2006-13,abc,21,20,",
        "ch-143,2006-05,110,,,",
        "ch-141,2006-04,176,,,",
        "short-breaks,2006-04,-2,,,",
    )
    found = [(p.file, p.row, p.column) for p in problems_in(path)]
    assert found == [
        (str(path), 3, "A (indicator)"),
        (str(path), 4, "B (period)"),
        (str(path), 4, "C (value)"),
        (str(path), 4, "D (numerator)"),
        (str(path), 5, "C (value)"),
        (str(path), 6, "B (period)"),
        (str(path), 7, "C (value)"),
    ]


def test_a_bad_cell_does_not_hide_the_other_problems_in_its_row(tmp_path: Path) -> None:
    rows = ["ch-143,2008-01,abc,21,20,", "ch-143,2006-04,lots,19,,"]
    path = csv_return(tmp_path, LONG_HEADER, *rows)
    found = [(p.row, p.column) for p in problems_in(path)]
    assert found == [(2, "B (period)"), (2, "C (value)"), (2, "D (numerator)"), (3, "C (value)")]


def test_a_wide_workbook_with_several_problems_gives_all_of_them(tmp_path: Path) -> None:
    path = xlsx_return(
        tmp_path,
        [
            ["PI", "Title", "Apr-06", "May-06", "Jun-06"],
            ["CH 141", "Referrals", 175, "lots", None],
            ["CH 999", "Unknown", 1, None, None],
            ["CH 143", "Initial assessments", "21/20", 101, "85%"],
            ["short-breaks", "Short breaks", -1, None, None],
        ],
    )
    found = [(p.row, p.column) for p in problems_in(path)]
    assert found == [
        (2, "D (May-06)"),
        (3, "A (PI)"),
        (4, "C (Apr-06)"),
        (4, "D (May-06)"),
        (5, "C (Apr-06)"),
    ]


def test_a_return_row_makes_problems_located_at_its_cell(tmp_path: Path) -> None:
    path = csv_return(tmp_path, "PI,Apr-06", "CH 141,175")
    (row,) = read_return(path, PROGRAMME)
    assert row.problem("is far from trajectory") == Problem(
        str(path), 2, "B (Apr-06)", "is far from trajectory"
    )


# --- no input escapes as anything but ProblemsFound --------------------------------------------


def read_or_problems(data: bytes, source: str) -> list[ReturnRow] | list[Problem]:
    try:
        return parse_return(data, PROGRAMME, source=source)
    except ProblemsFound as found:
        assert found.problems, "ProblemsFound always carries at least one problem"
        return found.problems


@given(data=st.binary(max_size=2000), name=st.sampled_from(["r.csv", "r.xlsx", "r.txt", "r"]))
def test_arbitrary_bytes_give_rows_or_problems(data: bytes, name: str) -> None:
    read_or_problems(data, name)


TOKENS = st.sampled_from(
    [
        "",
        " ",
        "indicator",
        "period",
        "value",
        "numerator",
        "denominator",
        "note",
        "title",
        "PI",
        "ch-141",
        "CH 143",
        "CF/C64",
        "Short breaks",
        "budget",
        "Numerator",
        "denominator",
        "CH 143 numerator",
        "2006-04",
        "Apr-06",
        "April 2006",
        "04/2006",
        "31/05/2006",
        "2007-04",
        "13/2006",
        "175",
        "-1",
        "19/20",
        "21/20",
        "0/0",
        "5/0",
        "89.5%",
        "89.5% (17/19)",
        "1e400",
        "nan",
        "inf",
        "1,234.5",
        "£2.69",
        "-",
        "–",
        "#DIV/0!",
        "abc",
        '"',
        "\u00a0",
        "()",
        "(1/2)",
    ]
)
CELLS = st.one_of(TOKENS, st.text(max_size=12))


@given(
    rows=st.lists(st.lists(CELLS, max_size=7), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_random_csv_text_gives_rows_or_problems(rows: list[list[str]], delimiter: str) -> None:
    text = "\n".join(delimiter.join(row) for row in rows)
    read_or_problems(text.encode("utf-8", "surrogatepass"), "r.csv")


FITTING = {
    "CH 141": ["", "-", "175", "12.5", "633/36171"],
    "ch-143": ["", "-", "95", "19/20", "50%", "0/0", "89.5% (17/19)"],
    "CF/C64": ["", "100", "0", "4/5", "80.0%"],
    "short-breaks": ["", "63", "0"],
    "budget": ["", "2690000", '"£2,830,000"'],
}
UNFITTING = ["21/20", "abc", "-4", "101%", "5/0", "95 (1/2)", "19/20"]
MONTHS = ["2006-04", "May-06", "June 2006", "07/2006", "Mar-07"]
UNITS = {indicator.key: indicator.unit for indicator in PROGRAMME.indicators}


@st.composite
def returns(draw: st.DrawFn) -> str:
    """A return of either layout whose cells mostly fit their indicator, one in 20 not."""

    def figure(name: str) -> str:
        if draw(st.integers(0, 19)) == 19:
            return draw(st.sampled_from(UNFITTING))
        return draw(st.sampled_from(FITTING[name]))

    names = draw(st.lists(st.sampled_from(list(FITTING)), min_size=1, max_size=5, unique=True))
    if draw(st.booleans()):
        months = [draw(st.sampled_from(MONTHS)) for _ in names]
        long = [
            f"{name},{month},{figure(name)},," for name, month in zip(names, months, strict=True)
        ]
        return "\n".join([LONG_HEADER, *long])
    wide = [",".join([name, *(figure(name) for _ in range(3))]) for name in names]
    return "\n".join(["PI,Apr-06,May-06,Jun-06", *wide])


@given(text=returns())
def test_rows_that_are_accepted_obey_their_units_rules(text: str) -> None:
    for row in read_or_problems(text.encode(), "r.csv"):
        if isinstance(row, ReturnRow):
            assert APRIL <= row.period <= Period(2007, 3)
            assert all(count is None or count >= 0 for count in (row.numerator, row.denominator))
            if UNITS[row.indicator] == "percent":
                assert row.value is None or 0 <= row.value <= 100
                assert (
                    row.numerator is None
                    or row.denominator is None
                    or row.numerator <= row.denominator
                )


WORKBOOK_CELLS = st.one_of(
    TOKENS,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(WORKBOOK_CELLS, max_size=6), max_size=6))
def test_random_workbook_cells_give_rows_or_problems(rows: list[list[Any]]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append([_writable(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    read_or_problems(buffer.getvalue(), "r.xlsx")


def _writable(cell: Any) -> Any:
    """openpyxl refuses control characters in text, as Excel would never write them."""
    if isinstance(cell, str):
        return "".join(ch for ch in cell if ch.isprintable()) or None
    return cell


@settings(max_examples=40, deadline=None)
@given(
    entries=st.dictionaries(
        st.sampled_from(
            [
                "xl/workbook.xml",
                "[Content_Types].xml",
                "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml",
                "x",
            ]
        ),
        st.binary(max_size=200),
        max_size=5,
    )
)
def test_random_zip_archives_give_rows_or_problems(entries: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    read_or_problems(buffer.getvalue(), "r.xlsx")
