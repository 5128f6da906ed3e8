"""Reporting periods: a month is the unit the board reads; quarters and financial years derive.

A period is written ``YYYY-MM`` everywhere (files, URLs, the store). English local government's
financial year runs 1 April to 31 March, so ``2006-04`` is month 1 of 2006-07 and ``2007-03`` its
last; quarter 3 of 2006-07 is October to December 2006.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    """A text that is not a ``YYYY-MM`` month."""


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """One calendar month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"month must be 1 to 12, not {self.month}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYY-MM``; anything else is an error that says what was expected."""
        match = _PATTERN.match(text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise PeriodError(f"{text!r} is not a month written YYYY-MM (such as 2006-11)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def index(self) -> int:
        """Months since year 0: differences of indexes count months."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 12, index % 12 + 1)

    def shift(self, months: int) -> Period:
        return Period.from_index(self.index + months)

    def months_until(self, other: Period) -> int:
        return other.index - self.index

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def financial_year(self) -> str:
        """Such as ``2006-07`` for any month from April 2006 to March 2007."""
        start = self.year if self.month >= 4 else self.year - 1
        return f"{start}-{(start + 1) % 100:02d}"

    @property
    def quarter(self) -> int:
        """Financial quarter 1-4 (Q1 is April to June)."""
        return ((self.month - 4) % 12) // 3 + 1

    @property
    def label(self) -> str:
        """Such as ``November 2006``, for people."""
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def short_label(self) -> str:
        return f"{calendar.month_abbr[self.month]} {self.year % 100:02d}"


def period_range(first: Period, last: Period) -> Iterator[Period]:
    """Every month from first to last, both included."""
    for index in range(first.index, last.index + 1):
        yield Period.from_index(index)


def latest_due(frequency: str, period: Period) -> Period:
    """The latest period at or before ``period`` for which a figure of this frequency falls due:
    quarterly figures belong to a quarter's last month (June, September, December, March),
    annual figures to March, the end of the financial year."""
    if frequency == "quarterly":
        return period.shift(-(period.month % 3))
    if frequency == "annual":
        return period.shift(-((period.month - 3) % 12))
    return period
