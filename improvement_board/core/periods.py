"""Reporting periods: what a figure refers to, as the data has it.

A period is named by its reference month, written ``YYYY-MM`` everywhere (files, URLs, the store).
What the month means comes from the indicator's ``Cadence``: its frequency (monthly, quarterly,
annual), the month its figures are dated (31 March, 30 September, ...) and whether a figure counts
what happened over the period (referrals in the year to 31 March 2025) or what stood on its last
day (social workers in post as at 30 September 2024). Labels, comparisons with the trajectory,
trends, forecasts and charts follow the cadence, so an annual figure at 30 September is never
taken for a March one and a trend counts figures, not months.

English local government's financial year runs 1 April to 31 March, so ``2006-04`` is month 1 of
2006-07 and ``2007-03`` its last; quarter 3 of 2006-07 is October to December 2006. DfE's year
"2024-25" names a financial year and nothing else.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

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


Frequency = Literal["monthly", "quarterly", "annual"]
Reference = Literal["period", "as_at"]
"""period: a figure counts what happened over the period to its reference date (referrals in the
year to 31 March); as_at: what stood on that day (children on a plan at 31 March)."""

FREQUENCIES: Final[tuple[Frequency, ...]] = ("monthly", "quarterly", "annual")
REFERENCES: Final[tuple[Reference, ...]] = ("period", "as_at")
_STEP: Final[dict[Frequency, int]] = {"monthly": 1, "quarterly": 3, "annual": 12}
_NOUN: Final[dict[Frequency, tuple[str, str]]] = {
    "monthly": ("month", "months"),
    "quarterly": ("quarter", "quarters"),
    "annual": ("year", "years"),
}


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often an indicator has a figure, and the date each figure refers to.

    ``month`` is the month figures are dated: for an annual indicator the month of its reference
    date (3 for 31 March, 9 for 30 September); for a quarterly one any month a quarter ends in
    (3, 6, 9 or 12 all give quarters ending March, June, September and December). A monthly
    indicator has a figure every month whatever ``month`` says.
    """

    frequency: Frequency = "monthly"
    month: int = 3
    reference: Reference = "period"

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"a reference month must be 1 to 12, not {self.month}")

    @property
    def step(self) -> int:
        """Months from one figure to the next."""
        return _STEP[self.frequency]

    @property
    def noun(self) -> str:
        return _NOUN[self.frequency][0]

    @property
    def plural(self) -> str:
        return _NOUN[self.frequency][1]

    def holds(self, period: Period) -> bool:
        """Whether a figure of this cadence can be dated ``period``."""
        return (period.month - self.month) % self.step == 0

    def latest(self, period: Period) -> Period:
        """The latest period of this cadence at or before ``period``."""
        return period.shift(-((period.month - self.month) % self.step))

    def next(self, period: Period) -> Period:
        """The first period of this cadence after ``period``."""
        return self.latest(period).shift(self.step)

    def previous(self, period: Period) -> Period:
        """The period of this cadence before ``period`` (itself taken to its latest)."""
        return self.latest(period).shift(-self.step)

    def periods(self, first: Period, last: Period) -> list[Period]:
        """Every period of this cadence from ``first`` to ``last``, both included."""
        start = first if self.holds(first) else self.next(first)
        return [Period.from_index(i) for i in range(start.index, last.index + 1, self.step)]

    def expected(self) -> str:
        """Which months a figure may be dated, for messages: "September" or "June, September,
        December or March"."""
        if self.frequency == "monthly":
            return "any month"
        months = sorted({(self.month - 1 + k * self.step) % 12 + 1 for k in range(12 // self.step)})
        names = [calendar.month_name[m] for m in months]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    def label(self, period: Period) -> str:
        """The period as the board reads it: ``November 2006``, ``2024-25``, ``as at 30 September
        2024``, ``the year to 30 September 2025``, ``the quarter to 30 June 2025``."""
        if self.reference == "as_at":
            return f"as at {_day(period.last_day)}"
        return self.name(period)

    def name(self, period: Period) -> str:
        """The period as a noun, for "since ..." and "in ...": ``October 2006``, ``2023-24``,
        ``30 September 2024`` (a figure as at that day), ``the year to 30 September 2024``."""
        day = _day(period.last_day)
        if self.reference == "as_at":
            return day if self.frequency != "monthly" else period.label
        if self.frequency == "monthly":
            return period.label
        if self.frequency == "quarterly":
            return f"the quarter to {day}"
        if period.month == 3:
            return period.financial_year
        return f"the year to {day}"

    def short_label(self, period: Period) -> str:
        """A chart axis label: ``Nov 06``, ``2024-25``, ``Sep 2024``, ``Jun 25``."""
        if self.frequency == "annual":
            if self.reference == "period" and period.month == 3:
                return period.financial_year
            return f"{calendar.month_abbr[period.month]} {period.year}"
        return period.short_label

    def describe(self) -> str:
        """The cadence in words: ``monthly``, ``annual, as at 30 September``, ``annual, the year
        to 31 March (financial years)``, ``quarterly, quarters to March, June, ...``."""
        if self.frequency == "monthly":
            return "monthly, as at each month's end" if self.reference == "as_at" else "monthly"
        day = _day(Period(2001, self.month).last_day).removesuffix(" 2001")
        if self.frequency == "quarterly":
            which = "as at the end of" if self.reference == "as_at" else "for"
            return f"quarterly, {which} quarters ending {self.expected()}"
        if self.reference == "as_at":
            return f"annual, as at {day}"
        return f"annual, the year to {day}" + (" (financial years)" if self.month == 3 else "")


MONTHLY: Final = Cadence()


def _day(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def latest_due(frequency: Frequency, period: Period) -> Period:
    """The latest period at or before ``period`` for which a figure of this frequency falls due,
    with the default reference months (quarters to March, June, September and December; years to
    31 March). An indicator with its own reference month asks its ``Cadence``."""
    return Cadence(frequency).latest(period)
