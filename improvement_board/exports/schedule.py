"""The schedule as a table: every meeting and the reports due at it, received or not.

Marked for publication, the notes recorded against a report are printed only once reviewed
for publication.
"""

from __future__ import annotations

from improvement_board.core.disclosure import FreeText, published_text
from improvement_board.core.exports.model import Column, Sheet
from improvement_board.core.periods import Period
from improvement_board.exports.selectors import reviewed
from improvement_board.meetings.models import Meeting, ReportItem
from improvement_board.programmes.models import Programme


def schedule_sheet(*, programme: Programme, meeting: Meeting | None, publish: bool) -> Sheet:
    """The reports due at every meeting, or at ``meeting`` alone."""
    columns = (
        Column("Meeting"),
        Column("Meeting date", "date"),
        Column("Report"),
        Column("Key"),
        Column("Recommendations"),
        Column("Evidence item", "integer"),
        Column("Owner"),
        Column("Standing", "flag"),
        Column("Status"),
        Column("Received", "flag"),
        Column("Received on", "date"),
        Column("Notes"),
    )
    found = ReportItem.objects.filter(meeting__programme=programme).select_related("meeting")
    if meeting is not None:
        found = found.filter(meeting=meeting)
    rows = tuple(
        (
            Period.parse(r.meeting.period).label,
            r.meeting.date,
            r.title,
            r.key,
            ", ".join(r.recommendations),
            r.evidence_item,
            r.owner,
            r.standing,
            r.get_status_display(),
            r.status == "received",
            r.received_on,
            published_text(FreeText(r.notes, reviewed(r)), publish=publish),
        )
        for r in found.order_by("meeting__period", "standing", "position")
    )
    title = "reports due at each meeting"
    if meeting is not None:
        title = f"reports due at the board meeting, {Period.parse(meeting.period).label}"
    return Sheet("Reports due", title, columns, rows)
