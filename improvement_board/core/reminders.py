"""What each person owes the board before its next meeting, and when they are reminded of it.

A programme names owners by post ("Head of Safeguarding"), not by person: a person answers for
the posts they hold. Before each meeting the board expects, from the owner of each thing:

- the **figure** of each of their indicators for the period the pack reads (the month before the
  meeting; an indicator with a quarterly or annual cadence only when a period of its cadence
  ends that month);
- **commentary** on each of their indicators that has a figure for that period;
- **evidence** of each milestone of their actions that falls due by the meeting;
- the **review** of each of their risks whose next review falls by the meeting;
- each **report** due from them at the meeting that has not been received.

Reminders go out on working days counted back from the meeting (``reminders:
working_days_before: [10, 3]`` in the programme file). A meeting with no date in the file is
taken to be held on the first of its month, as its pack judges lateness (so nothing is counted
on time that may be late), and the list says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from improvement_board.core.periods import Period
from improvement_board.core.workingdays import is_working_day

Kind = Literal["figure", "commentary", "evidence", "risk review", "report"]
KINDS: tuple[Kind, ...] = ("figure", "commentary", "evidence", "risk review", "report")
LONGEST_NOTICE = 60
"""Working days before a meeting a reminder may go out: about three months."""


@dataclass(frozen=True, slots=True)
class Due:
    """One thing a person owes the board before a meeting."""

    kind: Kind
    what: str
    """What is owed, in the board's words: "CH 141: figure for October 2006"."""
    owner: str
    """The post it is owed by, as the programme names it."""
    by: dt.date
    """The date it is owed by (the meeting, or a milestone's or review's own date if earlier)."""
    link: str = ""
    """Where to do it, for a page; empty where there is no page."""


def meeting_day(period: Period, day: dt.date | None) -> dt.date:
    """The day a meeting is held: its own date, else the first of its month (the day its pack
    judges lateness as at, and the dashboard counts from)."""
    return day if day is not None else period.first_day


def working_days_before(day: dt.date, days: int) -> dt.date:
    """The working day ``days`` working days before ``day`` (``day`` itself when 0)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    while days > 0:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def reminder_days(meeting: dt.date, schedule: Sequence[int]) -> list[dt.date]:
    """The days reminders go out for a meeting held on ``meeting``, earliest first."""
    return sorted({working_days_before(meeting, days) for days in schedule})


def holds_post(posts: Iterable[str], owner: str) -> bool:
    """Whether a person holding ``posts`` owns what ``owner`` names (case and spacing aside)."""
    wanted = _plain(owner)
    return bool(wanted) and any(_plain(post) == wanted for post in posts)


def in_order(items: Iterable[Due]) -> list[Due]:
    """Earliest date first; within a date, in the order the board reads them."""
    return sorted(items, key=lambda d: (d.by, KINDS.index(d.kind), d.what))


def reminder_text(*, person: str, meeting: str, held_on: dt.date, items: Sequence[Due]) -> str:
    """The body of a reminder e-mail: plain text, one line per thing owed."""
    lines = [
        f"Dear {person},",
        "",
        f"Before the board's {meeting} meeting on {_day(held_on)} the board expects from you:",
        "",
    ]
    lines += [f"- {item.what} (by {_day(item.by)})" for item in in_order(items)]
    lines += ["", "Sign in to the Improvement Board to see the list and do each one."]
    return "\n".join(lines)


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
