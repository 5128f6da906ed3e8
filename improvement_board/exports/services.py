"""Making an export: the one service the download links and ``board export`` both call.

A person may export what they may read (the reader role in the programme). The file is named for
what it holds and carries the protective marking in its name (``...-official-sensitive.xlsx``):
a CSV file has no room for it inside without breaking its header, and a workbook carries it on
every sheet as well. An export marked for publication is OFFICIAL and follows the Minister's
report's disclosure rules; one that may not be published says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from improvement_board.accounts.roles import require_role
from improvement_board.core.exports import Book, csv_bytes, xlsx_bytes
from improvement_board.core.periods import Period
from improvement_board.exports.catalogue import EXPORTS, Export, Scope
from improvement_board.exports.selectors import month_of, synthetic
from improvement_board.meetings.marking import marking_for
from improvement_board.meetings.selectors import meeting_get
from improvement_board.programmes.models import Programme
from improvement_board.programmes.selectors import indicator_find, programme_model

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExportRefused(ValueError):
    """An export that cannot be made as asked; the message says why and what to ask instead."""


@dataclass(frozen=True)
class ExportFile:
    name: str
    content_type: str
    data: bytes
    sheets: int


def export_of(what: str) -> Export:
    found = EXPORTS.get(what)
    if found is None:
        raise LookupError(f"there is no export {what!r}: choose one of {', '.join(EXPORTS)}")
    return found


def export_file(
    *,
    what: str,
    format: str,
    programme: Programme,
    user: Any,
    month: str | None = None,
    meeting: str | None = None,
    indicator: str | None = None,
    publish: bool = False,
    today: date | None = None,
) -> ExportFile:
    """The export ``what`` of the programme as a CSV or Excel file, for ``user`` to take away."""
    export = export_of(what)
    require_role(user, "reader", f"export the {export.title.lower()}", programme)
    _check(export, format, month=month, meeting=meeting, indicator=indicator, publish=publish)
    scope = Scope(
        programme=programme,
        model=programme_model(programme=programme),
        today=today or date.today(),
        publish=publish,
        month=month_of(programme, month),
        meeting=meeting_get(programme=programme, period=meeting) if meeting else None,
        indicator=indicator_find(programme=programme, text=indicator) if indicator else None,
    )
    sheets = export.build(scope)
    marking = marking_for(publish=publish)
    if format == "csv":
        data = csv_bytes(sheets[0])
    else:
        note = ""
        if synthetic(programme):
            note = f"Synthetic figures, generated for demonstration: not {programme.council}'s."
        book = Book(programme.name, _title(export, scope), marking, sheets, note)
        data = xlsx_bytes(book)
    name = _file_name(export, scope, marking, format)
    return ExportFile(name, CONTENT_TYPES[format], data, 1 if format == "csv" else len(sheets))


def _check(
    export: Export,
    format: str,
    *,
    month: str | None,
    meeting: str | None,
    indicator: str | None,
    publish: bool,
) -> None:
    """Refuse, saying why, what this export cannot be."""
    title = f"{export.name} export"
    if format not in CONTENT_TYPES:
        raise ExportRefused(f"an export is csv or xlsx, not {format!r}")
    if format == "csv" and not export.table:
        instead = "export it as xlsx"
        if export.parts:
            instead += f", or each of {', '.join(export.parts)} as CSV"
        raise ExportRefused(f"the {title} is several tables and a CSV file holds one: {instead}")
    if publish and not export.publishable:
        raise ExportRefused(f"the {title} is not marked for publication: {export.unpublished}")
    if month and not export.month:
        raise ExportRefused(f"the {title} is not of one month: leave out the month")
    if meeting and export.meeting == "no":
        raise ExportRefused(f"the {title} is not of one meeting: leave out the meeting")
    if not meeting and export.meeting == "required":
        raise ExportRefused(f"the {title} is a meeting's: name the meeting (YYYY-MM)")
    if indicator and not export.indicator:
        raise ExportRefused(f"the {title} is not of one indicator: leave out the indicator")


def _title(export: Export, scope: Scope) -> str:
    """What the file holds, in words: "figures of CH 141", "board pack data, November 2006"."""
    title = export.title.lower()
    if scope.indicator is not None:
        title += f" of {scope.indicator.code or scope.indicator.title}"
    if export.month:
        title += f", {scope.month.label}"
    if scope.meeting is not None:
        title += f", board meeting {Period.parse(scope.meeting.period).label}"
    if scope.publish:
        title += ", for publication"
    return title


def _file_name(export: Export, scope: Scope, marking: str, format: str) -> str:
    """Such as ``herefordshire-2006-figures-ch-141-official-sensitive.xlsx``."""
    parts = [scope.programme.key, export.name]
    if scope.indicator is not None:
        parts.append(scope.indicator.key)
    if export.month:
        parts.append(str(scope.month))
    if scope.meeting is not None:
        parts.append(scope.meeting.period)
    if scope.publish:
        parts.append("for-publication")
    parts.append(re.sub(r"[^a-z0-9]+", "-", marking.lower()).strip("-"))
    return "-".join(parts) + "." + format
