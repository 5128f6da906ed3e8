"""Working days in England: Monday to Friday, less England & Wales bank holidays.

Timeliness indicators count working days from a start (a referral, an assessment's start) to an
end (its completion). The convention throughout the project is that **the start day is not
counted and the end day is**: a referral on Monday with an assessment completed on Tuesday took
one working day; completed the same day, zero. A completion on a Saturday counts the working days
up to the Friday before it.

Bank holidays come from the ``holidays`` package (UK, subdivision ENG) and include substitute
days: when Christmas Day falls on a Saturday, the following Monday and Tuesday are holidays.

The same calendar is offered to SQL as a small table (``working_calendar``: each day with the
running number of working days up to and including it), so a measure counts working days as the
difference of two numbers found by an ordinary equality join, which any SQL engine can run.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

import duckdb
import holidays
import pyarrow as pa

CALENDAR_TABLE = "working_calendar"


@lru_cache(maxsize=256)
def _holidays_in(year: int) -> tuple[date, ...]:
    """Bank holidays of one year that fall on a weekday (substitute days included)."""
    found = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return tuple(sorted(day for day in found if day.weekday() < 5))


def bank_holidays(first_year: int, last_year: int) -> list[date]:
    """Weekday bank holidays in England from 1 January first_year to 31 December last_year."""
    return [day for year in range(first_year, last_year + 1) for day in _holidays_in(year)]


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays_in(day.year)


def _weekdays_through(day: date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to and including day."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _holidays_through(day: date, since_year: int) -> int:
    """Weekday bank holidays from 1 January since_year up to and including day."""
    days = bank_holidays(since_year, day.year)
    return bisect.bisect_right(days, day)


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end (negative when end is before start)."""
    if end < start:
        return -working_days_between(end, start)
    weekdays = _weekdays_through(end) - _weekdays_through(start)
    holidays_between = _holidays_through(end, start.year) - _holidays_through(start, start.year)
    return weekdays - holidays_between


def add_working_days(start: date, days: int) -> date:
    """The day on which the given number of working days after start is reached (days ≥ 0)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def calendar_days(first_year: int, last_year: int) -> Iterator[tuple[date, int]]:
    """Every day of the years with the running count of working days up to and including it."""
    day, count = date(first_year, 1, 1), 0
    while day.year <= last_year:
        count += is_working_day(day)
        yield day, count
        day += timedelta(days=1)


def calendar_table(first_year: int, last_year: int) -> pa.Table:
    """The calendar as an Arrow table: ``day`` (date) and ``workday_number`` (int)."""
    days, numbers = zip(*calendar_days(first_year, last_year), strict=True)
    return pa.table(
        {
            "day": pa.array(days, pa.date32()),
            "workday_number": pa.array(numbers, pa.int32()),
        }
    )


def register_calendar(con: duckdb.DuckDBPyConnection, first_year: int, last_year: int) -> None:
    """Give a DuckDB connection the calendar table and a ``working_days(start, end)`` macro.

    Measures join the table directly (portable SQL); the macro is for people exploring records
    by hand. Both return NULL for a day outside the years registered.
    """
    con.register("_calendar_arrow", calendar_table(first_year, last_year))
    con.execute("CREATE OR REPLACE TEMP TABLE working_calendar AS SELECT * FROM _calendar_arrow")
    con.unregister("_calendar_arrow")
    con.execute(
        "CREATE OR REPLACE TEMP MACRO working_days(start_day, end_day) AS ("
        "(SELECT workday_number FROM working_calendar WHERE day = end_day) - "
        "(SELECT workday_number FROM working_calendar WHERE day = start_day))"
    )
