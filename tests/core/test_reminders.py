"""Reminders: when they go out, and who owes what."""

from __future__ import annotations

import datetime as dt

import pytest

from improvement_board.core.periods import Period
from improvement_board.core.reminders import (
    Due,
    holds_post,
    in_order,
    meeting_day,
    reminder_days,
    reminder_text,
    working_days_before,
)


def test_a_meeting_without_a_date_is_taken_as_the_first_of_its_month_as_its_pack_is() -> None:
    assert meeting_day(Period(2006, 11), None) == dt.date(2006, 11, 1)
    assert meeting_day(Period(2007, 4), None) == dt.date(2007, 4, 1)


def test_a_meetings_own_date_stands() -> None:
    assert meeting_day(Period(2006, 11), dt.date(2006, 11, 14)) == dt.date(2006, 11, 14)


def test_working_days_are_counted_back_past_weekends_and_bank_holidays() -> None:
    assert working_days_before(dt.date(2006, 11, 30), 0) == dt.date(2006, 11, 30)
    assert working_days_before(dt.date(2006, 11, 30), 3) == dt.date(2006, 11, 27)
    assert working_days_before(dt.date(2006, 11, 30), 10) == dt.date(2006, 11, 16)
    # Easter 2007: Good Friday 6 April and Easter Monday 9 April are not working days.
    assert working_days_before(dt.date(2007, 4, 10), 1) == dt.date(2007, 4, 5)
    with pytest.raises(ValueError, match="zero or more"):
        working_days_before(dt.date(2006, 11, 30), -1)


def test_reminder_days_come_earliest_first_and_once_each() -> None:
    assert reminder_days(dt.date(2006, 11, 30), [3, 10, 3]) == [
        dt.date(2006, 11, 16),
        dt.date(2006, 11, 27),
    ]


def test_a_post_is_held_whatever_its_case_and_spacing() -> None:
    assert holds_post(["head of  safeguarding"], "Head of Safeguarding")
    assert not holds_post(["Head of Safeguarding"], "Head of Commissioning")
    assert not holds_post([""], "")


def test_what_is_due_comes_earliest_first_then_in_the_boards_order() -> None:
    late = Due("report", "report: B", "X", dt.date(2006, 11, 30))
    early = Due("risk review", "review: A", "X", dt.date(2006, 11, 1))
    figure = Due("figure", "CH 141: figure", "X", dt.date(2006, 11, 30))
    assert in_order([late, early, figure]) == [early, figure, late]


def test_the_reminder_lists_each_thing_owed_with_its_date() -> None:
    text = reminder_text(
        person="Ada",
        meeting="November 2006",
        held_on=dt.date(2006, 11, 30),
        items=[Due("figure", "CH 141: figure for October 2006", "X", dt.date(2006, 11, 30))],
    )
    assert "Dear Ada," in text
    assert "November 2006 meeting on 30 November 2006" in text
    assert "- CH 141: figure for October 2006 (by 30 November 2006)" in text
