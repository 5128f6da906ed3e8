"""When comparator figures became public: a pack frozen for a meeting may only use what had been
published by that meeting.

DfE publishes each of its children's social care datasets once a year: children in need and
children looked after each autumn for the year to 31 March; the social work workforce each
February for the census at 30 September before. ``RELEASES`` records the release dates found in
the department's own announcements (docs/benchmarks.md gives each source). Where a date is not
recorded, the dataset's usual release month stands in, taken at its last day so that a figure is
never used before it could have been read (``Release.known`` is then false and the pack says so).

A comparator file from elsewhere may give each figure's publication date; where it gives none,
the figure counts as published nine months after its reference date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Final

from improvement_board.core.dfe_measures import Dataset
from improvement_board.core.periods import Period

UNDATED_LAG_MONTHS: Final = 9
"""A figure whose source gives no publication date is taken as published this many months after
its reference date (the end of that month): later than any of DfE's own releases."""

RELEASES: Final[dict[Dataset, dict[int, dt.date]]] = {
    "cin": {
        2014: dt.date(2014, 10, 29),
        2015: dt.date(2015, 10, 22),
        2018: dt.date(2018, 10, 25),
        2019: dt.date(2019, 10, 31),
        2020: dt.date(2020, 11, 26),
        2021: dt.date(2021, 10, 28),
        2022: dt.date(2022, 10, 27),
        2023: dt.date(2023, 10, 26),
        2024: dt.date(2024, 10, 31),
        2025: dt.date(2025, 10, 30),
    },
    "cla": {
        2015: dt.date(2015, 10, 1),
        2020: dt.date(2020, 12, 10),
        2021: dt.date(2021, 11, 18),
        2022: dt.date(2022, 11, 17),
        2023: dt.date(2023, 11, 16),
        2024: dt.date(2024, 11, 14),
        2025: dt.date(2025, 11, 20),
    },
    "csww": {
        2017: dt.date(2018, 2, 15),
        2019: dt.date(2020, 2, 27),
        2020: dt.date(2021, 2, 25),
        2021: dt.date(2022, 2, 24),
        2022: dt.date(2023, 2, 23),
        2023: dt.date(2024, 2, 29),
        2024: dt.date(2025, 2, 27),
        2025: dt.date(2026, 3, 19),
    },
}
"""DfE's release date of each reporting year, by dataset: the first publication, as the
department's own release pages and their record of them give it (docs/benchmarks.md)."""

BY: Final[dict[Dataset, dict[int, dt.date]]] = {
    "cla": {
        2014: dt.date(2014, 10, 1),
        2016: dt.date(2016, 9, 30),
        2017: dt.date(2017, 9, 30),
        2018: dt.date(2018, 11, 22),
    },
}
"""Releases known only to have happened by a day (reported by then): that day stands in."""

USUAL_MONTH: Final[dict[Dataset, tuple[int, int]]] = {
    "cin": (0, 11),
    "cla": (0, 12),
    "csww": (1, 3),
}
"""The latest month DfE has released each dataset in, as (years after the reporting year, month):
children in need by November, children looked after by December, the workforce by March."""


@dataclass(frozen=True, slots=True)
class Release:
    """When a figure became public; ``known`` false where the date is the documented default."""

    day: dt.date
    known: bool

    @property
    def text(self) -> str:
        if self.known:
            return f"published {self.day.day} {self.day:%B %Y}"
        return f"published by {self.day.day} {self.day:%B %Y} (exact release date not recorded)"


def release(dataset: Dataset, year: int) -> Release:
    """The release of DfE's reporting year ``year`` of a dataset."""
    found = RELEASES[dataset].get(year)
    if found is not None:
        return Release(found, True)
    bound = BY.get(dataset, {}).get(year)
    if bound is not None:
        return Release(bound, False)
    later, month = USUAL_MONTH[dataset]
    last = calendar.monthrange(year + later, month)[1]
    return Release(dt.date(year + later, month, last), False)


def undated(period: Period) -> Release:
    """The stand-in release of a figure whose source gives no publication date."""
    return Release(period.shift(UNDATED_LAG_MONTHS).last_day, False)
