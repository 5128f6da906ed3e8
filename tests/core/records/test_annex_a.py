"""Annex A workbooks as councils really word them: headers and values matched tolerantly."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from improvement_board.core.records.load import read_dataset
from improvement_board.core.records.readers.annex_a import match_columns, normalise
from improvement_board.core.records.spec import load_spec
from tests.core.records.builders import COUNCIL

PERIOD_END = date(2024, 3, 31)


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_headers_match_ignoring_case_spaces_and_punctuation() -> None:
    assert normalise("  Referral NFA? ") == normalise("referral  nfa") == "referral nfa"
    assert normalise("Child’s Legal Status") == normalise("Child's legal status")


def test_a_close_wording_matches_but_a_different_column_does_not() -> None:
    fields = load_spec("annex_a").model.sources["list_7"].fields_for(2024)
    header = ["Child Unique ID", "Child Protection Plan Strat Date", "Latest Category of Abuse"]

    columns = match_columns(header, fields)

    assert columns == {"child_id": 0, "start_date": 1, "category": 2}


def test_a_council_wording_of_list_3_is_read(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "annex.xlsx",
        {
            "list 3 - referrals": [
                ["Annex A, List 3: referrals in the last six months"],
                [],
                [
                    "CHILD UNIQUE ID",
                    "gender",
                    "Date of birth",
                    "date of referral",
                    "Source of referral",
                    "Referral NFA",
                ],
                [1001, "Female", datetime(2015, 1, 2), datetime(2023, 9, 1), "q) 6: Police", "No"],
                [1002, "b) Male", "03/04/2016", "2023-09-02", "3A", "yes"],
            ],
        },
    )

    reading = read_dataset("annex-a", [path], council=COUNCIL, period_end=PERIOD_END)

    assert reading.problems == ()
    assert [
        (r["child_id"], r["source"], r["no_further_action"]) for r in reading.rows("referrals")
    ] == [
        ("1001", "6", False),
        ("1002", "3A", True),
    ]
    assert [(r["sex"], r["birth_date"]) for r in reading.rows("children")] == [
        ("female", date(2015, 1, 2)),
        ("male", date(2016, 4, 3)),
    ]


def test_a_list_missing_a_required_column_is_located_by_sheet_and_row(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "annex.xlsx",
        {"List 7": [["Child Unique ID", "Gender"], [1001, "Female"]]},
    )

    reading = read_dataset("annex-a", [path], council=COUNCIL, period_end=PERIOD_END)

    [problem] = reading.problems
    assert (problem.where.sheet, problem.where.row, problem.rule) == ("List 7", 1, "missing-column")
    assert problem.field == "Child Protection Plan Start Date"


def test_a_bad_value_is_located_by_sheet_row_and_header_as_the_file_spells_it(
    tmp_path: Path,
) -> None:
    path = workbook(
        tmp_path / "annex.xlsx",
        {"List 4": [["Child Unique ID", "Continuous assessment start date"], [1001, "31/31/2023"]]},
    )

    reading = read_dataset("annex-a", [path], council=COUNCIL, period_end=PERIOD_END)

    [problem] = reading.problems
    assert (problem.where.sheet, problem.where.row) == ("List 4", 2)
    assert (problem.field, problem.rule) == ("Continuous assessment start date", "date-format")


def test_a_workbook_without_any_list_is_unrecognised(tmp_path: Path) -> None:
    path = workbook(tmp_path / "annex.xlsx", {"Sheet1": [["a", "b"]]})

    reading = read_dataset("annex-a", [path], council=COUNCIL, period_end=PERIOD_END)

    assert [p.rule for p in reading.problems] == ["unrecognised-file"]


def test_a_child_in_several_lists_is_one_child_with_the_first_value_of_each_column(
    tmp_path: Path,
) -> None:
    path = workbook(
        tmp_path / "annex.xlsx",
        {
            "List 3": [
                ["Child Unique ID", "Gender", "Date of Referral"],
                [7, "", datetime(2023, 5, 1)],
            ],
            "List 5": [
                [
                    "Child Unique ID",
                    "Gender",
                    "Does the Child have a Disability",
                    "Strategy discussion initiating Section 47 Enquiry Start Date",
                ],
                [7, "a) Male", "a) Yes", datetime(2023, 5, 2)],
            ],
        },
    )

    reading = read_dataset("annex-a", [path], council=COUNCIL, period_end=PERIOD_END)

    assert reading.problems == ()
    assert [(r["child_id"], r["sex"], r["disabled"]) for r in reading.rows("children")] == [
        ("7", "male", True)
    ]


def test_lists_with_no_rows_are_an_empty_return_not_a_problem(tmp_path: Path) -> None:
    path = workbook(tmp_path / "annex.xlsx", {"List 3": [["Child Unique ID", "Date of Referral"]]})

    reading = read_dataset("annex-a", [path], council=COUNCIL, period_end=PERIOD_END)

    assert reading.problems == () and reading.counts()["referrals"] == 0
