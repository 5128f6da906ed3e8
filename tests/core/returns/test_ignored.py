"""Nothing in a return is dropped without a word: a heading that looks like a month but is not one
is a problem naming it, and every other column (or sheet) the load does not read is named."""

from __future__ import annotations

import calendar

import pytest

from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import Programme
from improvement_board.core.returns import parse_return
from tests.core.returns.cadenced import LONG, PROGRAMME, ignored, only, read, workbook


def fourteen_indicators() -> Programme:
    indicators = [
        {
            "key": f"pi-{n}",
            "title": f"Indicator {n}",
            "unit": "count",
            "polarity": "higher",
            "target": {"value": 10},
        }
        for n in range(1, 15)
    ]
    return Programme.model_validate(
        {
            "programme": {
                "key": "fourteen",
                "name": "Fourteen indicators",
                "council": "Demoshire",
                "baseline_date": "2006-03-31",
                "target_date": "2007-03-31",
                "first_period": "2006-04",
                "last_period": "2007-03",
                "population": {2006: 36000},
            },
            "indicators": indicators,
        }
    )


def test_a_wide_return_whose_first_month_is_mistyped_is_refused_not_stored_without_april() -> None:
    """The year's return of 168 figures with ``Apri-06`` for ``Apr-06``: before, April's column
    was taken for a description and 156 figures were stored with no word about the other 12."""
    months = ["Apri-06"] + [
        f"{calendar.month_abbr[(3 + m) % 12 + 1]}-{6 if m < 9 else 7:02d}" for m in range(1, 12)
    ]
    rows = [",".join(["PI", *months])]
    rows += [",".join([f"pi-{n}", *(str(n + m) for m in range(12))]) for n in range(1, 15)]
    text = "\n".join(rows) + "\n"
    with pytest.raises(ProblemsFound) as raised:
        parse_return(text.encode(), fourteen_indicators(), source="year.csv")
    (problem,) = raised.value.problems
    assert (problem.file, problem.row, problem.column) == ("year.csv", 1, "B (Apri-06)")
    assert problem.message.startswith("'Apri-06' is not a month: expected such as 2006-04, Apr-06")


@pytest.mark.parametrize("heading", ["Apri-06", "2006-00", "13/2006", "Sepr 2006", "٢٠٢٤-٠٤"])
def test_a_description_heading_that_looks_like_a_month_is_a_problem(heading: str) -> None:
    problem = only(f"PI,Title,{heading},May-24\nCH 141,Referrals,1,175\n")
    assert (problem.row, problem.column) == (1, f"C ({heading})")
    assert "never passed over as a description" in problem.message


@pytest.mark.parametrize("heading", ["Title", "Owner", "Unit", "Target 2025", "Notes", "PI 06"])
def test_a_description_heading_is_passed_over_and_named(heading: str) -> None:
    text = f"PI,{heading},May-24\nCH 141,words,175\n"
    assert ignored(text) == [f"column B ({heading}): a description, not read"]
    assert [r.value for r in read(text)] == [175]


def test_an_unheaded_description_column_holding_text_is_named() -> None:
    assert ignored("PI,,May-24\nCH 141,Referrals,175\n") == ["column B: a description, not read"]


def test_an_empty_column_before_the_months_is_not_named() -> None:
    assert ignored("PI,,May-24\nCH 141,,175\n") == []


def test_the_long_layouts_title_and_unit_columns_are_named_as_not_read() -> None:
    text = "indicator,title,unit,period,value\nCH 141,Referrals,per 10000,2024-04,175\n"
    assert ignored(text) == [
        "column B (title): a title column is not read",
        "column C (unit): a unit column is not read",
    ]


def test_a_workbooks_other_sheets_are_named_as_not_read() -> None:
    from improvement_board.core.returns import parse_return_file

    data = workbook([[*LONG.split(",")], ["CH 141", "2024-04", 175]], sheets=("Guidance",))
    read_file = parse_return_file(data, PROGRAMME, source="april.xlsx")
    assert read_file.ignored == ['sheet "Guidance": only one sheet of a workbook is read']


def test_a_return_read_whole_names_nothing_when_everything_is_read() -> None:
    assert ignored(f"{LONG}\nCH 141,2024-04,175,,,\n") == []
