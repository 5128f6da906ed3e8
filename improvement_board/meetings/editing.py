"""Editing the schedule in the app: a meeting's date and notes, and the reports due at it, held
to the programme file's rules (the core checks the whole programme with the item changed; see
programmes/editing.py). A meeting moved to another date needs a reason, kept in its history.

A standing report recurs at every meeting from one programme-wide entry, so it is changed in the
programme file, not at one meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from improvement_board.meetings.models import Meeting, ReportItem
from improvement_board.programmes.editing import Edit, apply_edit, position

MOVED_REASON = "Give the reason for the change: a meeting moved to another date needs one"


def meeting_edit(
    *, meeting: Meeting, changes: Mapping[str, Any], reason: str, version: str, user: Any
) -> list[str]:
    """Change a meeting's date (with a reason) or notes. Returns the fields that changed."""
    period = meeting.period
    edit = Edit(
        row=meeting,
        label=f"The meeting of {period}",
        locate=lambda data: ("meetings", position(data["meetings"], "period", period, period)),
        reasons={"date": MOVED_REASON},
    )
    return apply_edit(
        programme=meeting.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )


def report_edit(
    *, report: ReportItem, changes: Mapping[str, Any], reason: str, version: str, user: Any
) -> list[str]:
    """Change a report due at one meeting (title, owner, recommendations, evidence item,
    notes). A standing report is refused: it is changed once, in the programme file."""
    if report.standing:
        raise LookupError(
            f"“{report.title}” is a standing report, due at every meeting: change it in the "
            "programme file (standing_reports)"
        )
    meeting, key = report.meeting, report.key

    def locate(data: dict[str, Any]) -> tuple[Any, ...]:
        m = position(data["meetings"], "period", meeting.period, meeting.period)
        reports = data["meetings"][m]["reports"]
        return ("meetings", m, "reports", position(reports, "key", key, f"{meeting.period}/{key}"))

    edit = Edit(row=report, label=f"The report “{report.title}”", locate=locate)
    return apply_edit(
        programme=meeting.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )
