"""A figure's period must fall on its indicator's cadence, and may be written the ways annual and
quarterly data is written: a financial year ``2024-25``, a day ``30/09/2024`` or ``2024-09-30``."""

from __future__ import annotations

from datetime import datetime

import pytest

from improvement_board.core.periods import Period
from improvement_board.core.returns import parse_return
from tests.core.returns.cadenced import LONG, PROGRAMME, only, read, workbook


def test_an_annual_figure_off_its_reference_month_names_the_month_expected() -> None:
    problem = only(f"{LONG}\nturnover,2024-03,14.2,,,\n")
    assert (problem.row, problem.column) == (2, "B (period)")
    assert problem.message == (
        "Social worker turnover is annual, as at 30 September: its figures are dated September, "
        "so March 2024 is not one of its periods"
    )


def test_a_quarterly_figure_off_a_quarters_end_names_the_quarters() -> None:
    problem = only(f"{LONG}\nvisits,2024-05,40,,,\n")
    assert problem.message == (
        "Visits in the quarter is quarterly, for quarters ending March, June, September or "
        "December, so May 2024 is not one of its periods"
    )


def test_a_wide_return_names_the_cell_of_a_figure_off_its_cadence() -> None:
    problem = only("PI,Apr-24,May-24,Jun-24\nvisits,,,40\nturnover,1,,\n")
    assert (problem.row, problem.column) == (3, "B (Apr-24)")
    assert "dated September" in problem.message


def test_figures_on_their_cadence_are_read() -> None:
    text = f"{LONG}\nturnover,2024-09,14.2,,,\nvisits,2024-06,40,,,\nreferrals,2024-05,180,,,\n"
    assert [r.period for r in read(text)] == [
        Period(2024, 9),
        Period(2024, 6),
        Period(2024, 5),
    ]


def test_a_financial_year_dates_an_annual_figure_to_its_31_march() -> None:
    (row,) = read(f"{LONG}\ncin-rate,2024-25,312.5,,,\n")
    assert row.period == Period(2025, 3)


def test_a_financial_year_that_is_also_a_month_is_the_year_for_annual_figures_only() -> None:
    text = f"{LONG}\ncin-rate,2024-04,1,,,\nreferrals,2024-04,2,,,\n"
    problem = only(text)
    assert "April 2024 is not one of its periods" in problem.message
    rows = read(f"{LONG}\ncin-rate,2023/24,1,,,\nreferrals,2024-04,2,,,\n")
    assert [r.period for r in rows] == [Period(2024, 3), Period(2024, 4)]


def test_a_financial_year_for_a_figure_of_another_cadence_says_what_to_write() -> None:
    problem = only(f"{LONG}\nturnover,2024-25,14,,,\n")
    assert (problem.row, problem.column) == (2, "B (period)")
    assert "'2024-25' is a financial year" in problem.message
    assert "such as 2024-09" in problem.message


@pytest.mark.parametrize("written", ["30/09/2024", "2024-09-30", "30 September 2024", "Sep-24"])
def test_a_day_dates_a_figure_by_the_month_it_falls_in(written: str) -> None:
    (row,) = read(f"{LONG}\nturnover,{written},14.2,,,\n")
    assert row.period == Period(2024, 9)


def test_a_date_cell_in_a_workbook_dates_an_annual_figure() -> None:
    data = workbook([["indicator", "period", "value"], ["turnover", datetime(2024, 9, 30), 14]])
    (row,) = parse_return(data, PROGRAMME, source="census.xlsx")
    assert row.period == Period(2024, 9)


def test_financial_years_may_head_the_columns_of_a_wide_return() -> None:
    rows = read("PI,2023-24,2024-25\ncin-rate,300,312\n")
    assert [(r.period, r.value) for r in rows] == [(Period(2024, 3), 300), (Period(2025, 3), 312)]


def test_a_financial_year_heading_is_refused_for_a_monthly_row_beneath_it() -> None:
    problem = only("PI,2023-24,2024-25\ncin-rate,300,312\nCH 141,,175\n")
    assert (problem.row, problem.column) == (3, "C (2024-25)")
    assert "is a financial year" in problem.message


@pytest.mark.parametrize("written", ["31/02/2024", "2024-13", "2024-26", "30 Febtember 2024"])
def test_what_is_no_period_is_refused_with_the_forms_expected(written: str) -> None:
    problem = only(f"{LONG}\nreferrals,{written},1,,,\n")
    assert "is not a month: expected such as 2006-04, Apr-06" in problem.message


def test_an_indicators_figures_are_read_from_its_baseline_before_the_first_period() -> None:
    """DfE's figure a plan starts from (as at 30 September 2022, before a programme from April
    2023) is the first of the series, so a return may give it."""
    (row,) = read(f"{LONG}\nturnover,30/09/2022,17.7,,,\n")
    assert row.period == Period(2022, 9)


def test_a_figure_before_its_indicators_baseline_is_outside_the_programme() -> None:
    problem = only(f"{LONG}\nturnover,2021-09,18,,,\n")
    assert problem.message == (
        "2021-09 is outside the programme, which runs from 2023-04 to 2026-03; figures from its "
        "baseline, 2022-09, are read"
    )


def test_a_month_before_the_first_period_is_outside_without_an_earlier_baseline() -> None:
    problem = only("PI,Sep-22,Apr-23\nturnover,17.7,\nCH 141,170,175\n")
    assert (problem.row, problem.column) == (3, "B (Sep-22)")
    assert problem.message == "2022-09 is outside the programme, which runs from 2023-04 to 2026-03"
