"""Working days in England: weekends and England & Wales bank holidays do not count."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.workingdays import (
    add_working_days,
    bank_holidays,
    calendar_days,
    is_working_day,
    register_calendar,
    working_days_between,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


def test_the_start_day_is_not_counted_and_the_end_day_is() -> None:
    assert working_days_between(date(2024, 6, 3), date(2024, 6, 3)) == 0  # Monday, same day
    assert working_days_between(date(2024, 6, 3), date(2024, 6, 4)) == 1  # Monday to Tuesday


def test_weekends_do_not_count() -> None:
    assert working_days_between(date(2024, 6, 7), date(2024, 6, 10)) == 1  # Friday to Monday
    assert working_days_between(date(2024, 6, 8), date(2024, 6, 9)) == 0  # Saturday to Sunday
    assert working_days_between(date(2024, 6, 7), date(2024, 6, 8)) == 0  # Friday to Saturday


def test_christmas_on_a_weekend_moves_both_holidays_to_the_next_weekdays() -> None:
    # 2021: Christmas Saturday, Boxing Day Sunday; Monday 27 and Tuesday 28 are substitutes.
    assert date(2021, 12, 27) in bank_holidays(2021, 2021)
    assert date(2021, 12, 28) in bank_holidays(2021, 2021)
    # Friday 24th to Wednesday 29th: only the Wednesday counts.
    assert working_days_between(date(2021, 12, 24), date(2021, 12, 29)) == 1


def test_christmas_on_a_sunday_gives_a_substitute_tuesday() -> None:
    # 2022: Boxing Day Monday 26, Christmas substitute Tuesday 27.
    assert working_days_between(date(2022, 12, 23), date(2022, 12, 28)) == 1


def test_christmas_on_weekdays_is_two_holidays() -> None:
    # 2023: Monday 25 and Tuesday 26. Friday 22nd to Wednesday 27th: only the Wednesday.
    assert working_days_between(date(2023, 12, 22), date(2023, 12, 27)) == 1


def test_easter_friday_and_monday_do_not_count() -> None:
    # Easter 2024: Good Friday 29 March, Easter Monday 1 April.
    assert working_days_between(date(2024, 3, 28), date(2024, 4, 2)) == 1
    assert not is_working_day(date(2024, 3, 29))
    assert not is_working_day(date(2024, 4, 1))


def test_leap_day_is_a_working_day_when_it_falls_on_a_weekday() -> None:
    # Wednesday 28 February to Friday 1 March 2024 passes Thursday 29 February: two days.
    assert working_days_between(date(2024, 2, 28), date(2024, 3, 1)) == 2
    # Tuesday 28 February to Wednesday 1 March 2023: one day.
    assert working_days_between(date(2023, 2, 28), date(2023, 3, 1)) == 1


def test_one_off_bank_holidays_are_included() -> None:
    assert date(2022, 9, 19) in bank_holidays(2022, 2022)  # state funeral
    assert date(2022, 6, 3) in bank_holidays(2022, 2022)  # platinum jubilee


def test_an_end_before_the_start_counts_backwards() -> None:
    assert working_days_between(date(2024, 6, 10), date(2024, 6, 7)) == -1


def test_adding_working_days_skips_holidays() -> None:
    # Seven working days after Thursday 21 December 2023: 22, 27, 28, 29 December, 2, 3, 4 Jan.
    assert add_working_days(date(2023, 12, 21), 7) == date(2024, 1, 4)
    assert add_working_days(date(2023, 12, 21), 0) == date(2023, 12, 21)


@given(days, st.integers(min_value=0, max_value=400))
def test_counting_agrees_with_walking_day_by_day(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    walked = sum(is_working_day(start + timedelta(days=n)) for n in range(1, span + 1))
    assert working_days_between(start, end) == walked


@given(days, st.integers(min_value=0, max_value=60))
def test_adding_then_counting_gives_the_days_added(start: date, count: int) -> None:
    assert working_days_between(start, add_working_days(start, count)) == count


def test_the_calendar_numbers_working_days_cumulatively() -> None:
    numbers = dict(calendar_days(2024, 2024))
    assert numbers[date(2024, 1, 1)] == 0  # New Year's Day
    assert numbers[date(2024, 1, 2)] == 1
    assert numbers[date(2024, 12, 31)] - numbers[date(2024, 1, 1)] == working_days_between(
        date(2024, 1, 1), date(2024, 12, 31)
    )


def test_duckdb_counts_working_days_the_same_way() -> None:
    con = duckdb.connect()
    register_calendar(con, 2021, 2024)
    pairs = [
        (date(2021, 12, 24), date(2021, 12, 29)),
        (date(2024, 3, 28), date(2024, 4, 2)),
        (date(2024, 2, 28), date(2024, 3, 1)),
        (date(2022, 1, 1), date(2024, 12, 31)),
    ]
    for start, end in pairs:
        found = con.execute("SELECT working_days($start, $end)", {"start": start, "end": end})
        assert found.fetchone() == (working_days_between(start, end),)


def test_duckdb_gives_null_outside_the_registered_years() -> None:
    con = duckdb.connect()
    register_calendar(con, 2024, 2024)
    found = con.execute("SELECT working_days(DATE '2019-01-02', DATE '2024-01-02')").fetchone()
    assert found == (None,)
