"""The dashboard's rules: what is due by the next meeting, and what changed since the last."""

from __future__ import annotations

import datetime as dt

from improvement_board.core.dashboard import (
    FigureChange,
    ReportDue,
    commentary_changes,
    figure_changes,
    milestones_due,
    reports_due,
    review_due_on,
    risk_reviews_due,
)
from improvement_board.core.exceptions import MilestoneDue, RiskEntry
from improvement_board.core.periods import Period

MEETING = dt.date(2006, 11, 1)
MONTH_END = dt.date(2006, 10, 31)


def test_milestones_due_by_the_meeting_soonest_first_and_not_once_completed() -> None:
    milestones = [
        MilestoneDue("a", "Later", dt.date(2006, 12, 1)),
        MilestoneDue("b", "On the day", MEETING, owner="Head"),
        MilestoneDue("c", "Late", dt.date(2006, 9, 30)),
        MilestoneDue("d", "Done", dt.date(2006, 9, 1), completed=dt.date(2006, 9, 1)),
    ]
    due = milestones_due(milestones, by=MEETING, overdue_before=MONTH_END)
    assert [(d.title, d.overdue, d.owner) for d in due] == [
        ("Late", True, ""),
        ("On the day", False, "Head"),
    ]
    assert due[0].due_text == "30 September 2006"


def test_a_review_falls_due_on_its_date_or_review_days_after_the_last_if_sooner() -> None:
    dated = RiskEntry("a", "A", 3, 3, review_date=dt.date(2006, 12, 1))
    reviewed = RiskEntry("b", "B", 3, 3, last_reviewed=dt.date(2006, 10, 1))
    both = RiskEntry(
        "c", "C", 3, 3, review_date=dt.date(2006, 10, 20), last_reviewed=dt.date(2006, 10, 1)
    )
    assert review_due_on(dated, 35) == dt.date(2006, 12, 1)
    assert review_due_on(reviewed, 35) == dt.date(2006, 11, 5)
    assert review_due_on(both, 35) == dt.date(2006, 10, 20)
    assert review_due_on(RiskEntry("d", "D", 1, 1), 35) is None


def test_risk_reviews_due_by_the_meeting_and_one_never_looked_at_is_overdue() -> None:
    risks = [
        RiskEntry("a", "Not yet", 3, 3, review_date=dt.date(2006, 12, 1)),
        RiskEntry("b", "Past", 3, 3, review_date=dt.date(2006, 9, 30), owner="Director"),
        RiskEntry("c", "Never", 3, 3),
    ]
    due = risk_reviews_due(risks, by=MEETING, overdue_before=MONTH_END, review_days=35)
    assert [(d.title, d.overdue, d.due) for d in due] == [
        ("Never", True, None),
        ("Past", True, dt.date(2006, 9, 30)),
    ]
    assert due[0].note == "no review recorded and no review date set"


def test_reports_received_are_not_due() -> None:
    reports = [ReportDue("a", "A", "", "due"), ReportDue("b", "B", "", "received")]
    assert [r.key for r in reports_due(reports)] == ["a"]


def test_figure_changes_say_which_periods_are_new_and_which_restated_per_indicator() -> None:
    changes = [
        FigureChange("CH 141", Period(2006, 9), 1),
        FigureChange("CH 141", Period(2006, 10), 1),
        FigureChange("CH 141", Period(2006, 8), 2),
        FigureChange("CH 143", Period(2006, 10), 1),
        FigureChange("CH 143", Period(2006, 10), 1),
    ]
    lines = [(c.subject, c.detail) for c in figure_changes(changes)]
    assert lines == [
        ("CH 141", "new figures for September 2006, October 2006; restated August 2006"),
        ("CH 143", "new figures for October 2006"),
    ]


def test_a_long_run_of_months_is_shortened_to_its_ends() -> None:
    changes = [FigureChange("CH 141", Period(2006, m), 1) for m in range(4, 11)]
    (line,) = figure_changes(changes)
    assert line.detail == "new figures for April to October 2006 (7 months)"


def test_commentary_changes_name_the_months_commented() -> None:
    lines = commentary_changes([("CH 141", Period(2006, 10)), ("CH 141", Period(2006, 10))])
    assert [(c.subject, c.detail) for c in lines] == [("CH 141", "commentary for October 2006")]
