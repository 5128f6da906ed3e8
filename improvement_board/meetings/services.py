"""Writing packs: build from the store, render, and write under BOARD_HOME/packs.

``pack_write`` writes a draft for the meeting, rewritten each time. ``pack_issue`` freezes the
pack as it goes to the board: the next version's files are written once under ``issued/``, never
replaced, and each file's SHA-256 is recorded with who issued it and when.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from improvement_board.audit import audited_save
from improvement_board.core.packs.build import build_pack
from improvement_board.core.packs.render import render_html, render_pdf
from improvement_board.core.periods import Period
from improvement_board.meetings.marking import pack_marking
from improvement_board.meetings.models import IssuedPack, Meeting, ReportItem, ReportStatus
from improvement_board.meetings.selectors import pack_inputs


@dataclass(frozen=True)
class WrittenPack:
    html: Path
    pdf: Path | None


def pack_write(*, meeting: Meeting, folder: Path | None = None, pdf: bool = False) -> WrittenPack:
    """Build the meeting's pack and write it as HTML (and PDF when asked)."""
    period = Period.parse(meeting.period)
    pack = build_pack(pack_inputs(programme=meeting.programme, period=period, meeting=meeting))
    html = render_html(pack, marking=pack_marking())
    folder = folder or Path(settings.BOARD_HOME) / "packs" / meeting.programme.key
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"board-pack-{meeting.period}"
    html_path = write_atomic(folder / f"{stem}.html", html.encode("utf-8"))
    pdf_path = write_atomic(folder / f"{stem}.pdf", render_pdf(html)) if pdf else None
    return WrittenPack(html_path, pdf_path)


@transaction.atomic
def pack_issue(*, meeting: Meeting, user: Any = None, pdf: bool = True) -> list[IssuedPack]:
    """Issue the meeting's pack to the board as it stands: the next version, written once.

    The meeting row is locked while the version is chosen (on PostgreSQL; SQLite lets one writer
    in at a time), and a version whose file name is taken, say by an issue that failed after
    writing, is passed over. Files are written once and never replaced, so two issues at once
    can never swap bytes; a file that cannot be written leaves no record.

    An issued pack goes to the board, with the counts behind its figures in full; what is
    published outside the council is the Minister's report marked for publication, which
    suppresses small numbers.
    """
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    version = (meeting.packs.aggregate(last=Max("version"))["last"] or 0) + 1
    period = Period.parse(meeting.period)
    inputs = pack_inputs(programme=meeting.programme, period=period, meeting=meeting)
    html = render_html(build_pack(inputs), marking=pack_marking())
    contents = {"html": html.encode("utf-8")}
    if pdf:
        contents["pdf"] = render_pdf(html)
    folder = Path(settings.BOARD_HOME) / "packs" / meeting.programme.key / "issued"
    folder.mkdir(parents=True, exist_ok=True)
    while any(_named(folder, meeting, version, kind).exists() for kind in contents):
        version += 1  # files left by an issue that never committed: never reused
    issued: list[IssuedPack] = []
    written: list[Path] = []
    try:
        for kind, data in contents.items():
            path = write_once(_named(folder, meeting, version, kind), data)
            written.append(path)
            issued.append(
                IssuedPack.objects.create(
                    meeting=meeting,
                    version=version,
                    kind=kind,
                    path=str(path),
                    sha256=hashlib.sha256(data).hexdigest(),
                    issued_by=user,
                )
            )
    except BaseException:
        for path in written:  # not recorded: the transaction is rolled back
            path.unlink(missing_ok=True)
        raise
    return issued


def _named(folder: Path, meeting: Meeting, version: int, kind: str) -> Path:
    return folder / f"board-pack-{meeting.period}-v{version}.{kind}"


def write_once(path: Path, data: bytes) -> Path:
    """Write a file that must never be replaced: refused (FileExistsError) if it exists, and,
    like ``write_atomic``, never seen half written. The partial file's name is its own, so two
    writers never share one."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    partial = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.link(partial, path)
    finally:
        partial.unlink()
    return path


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
