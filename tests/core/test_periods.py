"""Months, financial years, quarters and when figures of each frequency fall due."""

from __future__ import annotations

import pytest

from improvement_board.core.periods import Period, PeriodError, latest_due, period_range


def test_a_month_reads_and_writes_as_yyyy_mm() -> None:
    assert str(Period.parse("2006-11")) == "2006-11"
    assert Period.parse(" 2007-03 ") == Period(2007, 3)


@pytest.mark.parametrize("text", ["2006-13", "2006-1", "Nov 2006", "", "2006-00"])
def test_anything_else_is_an_error_that_says_what_was_expected(text: str) -> None:
    with pytest.raises(PeriodError, match="YYYY-MM"):
        Period.parse(text)


def test_the_financial_year_runs_april_to_march() -> None:
    assert Period(2006, 4).financial_year == "2006-07"
    assert Period(2007, 3).financial_year == "2006-07"
    assert Period(2007, 4).financial_year == "2007-08"
    assert [Period(2006, m).quarter for m in (4, 6, 7, 10, 12)] == [1, 1, 2, 3, 3]
    assert Period(2007, 1).quarter == 4


def test_shifting_crosses_year_ends() -> None:
    assert Period(2006, 11).shift(3) == Period(2007, 2)
    assert Period(2007, 1).shift(-1) == Period(2006, 12)
    assert Period(2006, 4).months_until(Period(2007, 3)) == 11
    assert len(list(period_range(Period(2006, 4), Period(2007, 3)))) == 12


def test_the_last_day_knows_leap_years() -> None:
    assert Period(2008, 2).last_day.day == 29
    assert Period(2007, 2).last_day.day == 28


@pytest.mark.parametrize(
    ("frequency", "month", "due"),
    [
        ("monthly", "2006-10", "2006-10"),
        ("quarterly", "2006-10", "2006-09"),
        ("quarterly", "2006-12", "2006-12"),
        ("quarterly", "2007-02", "2006-12"),
        ("annual", "2006-10", "2006-03"),
        ("annual", "2007-03", "2007-03"),
        ("annual", "2007-02", "2006-03"),
    ],
)
def test_a_figure_falls_due_at_the_end_of_its_quarter_or_year(
    frequency: str, month: str, due: str
) -> None:
    assert str(latest_due(frequency, Period.parse(month))) == due
