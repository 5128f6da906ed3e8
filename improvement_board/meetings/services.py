"""Writing packs: build from the store, render, and write under BOARD_HOME/packs.

This writes a draft for the meeting, rewritten each time; a published pack is frozen separately
(PublishedPack keeps its SHA-256) and never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from improvement_board.audit import audited_save
from improvement_board.core.packs.build import build_pack
from improvement_board.core.packs.render import render_html, render_pdf
from improvement_board.core.periods import Period
from improvement_board.meetings.models import Meeting, ReportItem, ReportStatus
from improvement_board.meetings.selectors import pack_inputs


@dataclass(frozen=True)
class WrittenPack:
    html: Path
    pdf: Path | None


def pack_write(*, meeting: Meeting, folder: Path | None = None, pdf: bool = False) -> WrittenPack:
    """Build the meeting's pack and write it as HTML (and PDF when asked)."""
    period = Period.parse(meeting.period)
    pack = build_pack(pack_inputs(programme=meeting.programme, period=period, meeting=meeting))
    html = render_html(pack)
    folder = folder or Path(settings.BOARD_HOME) / "packs" / meeting.programme.key
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"board-pack-{meeting.period}"
    html_path = write_atomic(folder / f"{stem}.html", html.encode("utf-8"))
    pdf_path = write_atomic(folder / f"{stem}.pdf", render_pdf(html)) if pdf else None
    return WrittenPack(html_path, pdf_path)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write beside, then rename: a reader never sees half a pack."""
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_bytes(data)
    partial.replace(path)
    return path


def report_item_mark(
    *, item: ReportItem, status: str, on: date | None = None, user: Any = None
) -> ReportItem:
    """Record whether a report due at a meeting came (received), was put off, or is late."""
    if status not in ReportStatus.values:
        raise ValueError(f"status must be one of {', '.join(ReportStatus.values)}, not {status!r}")
    item.status = status
    item.received_on = on if status == ReportStatus.RECEIVED else None
    audited_save(item, user=user, reason=f"marked {status}")
    return item
