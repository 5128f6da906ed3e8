"""Writing packs: build from the store, render, and write under BOARD_HOME/packs.

``pack_write`` writes a draft for the meeting, rewritten each time. A pack goes to the board in
three steps, each by a named person: an officer prepares it (``pack_prepare``), an approver who
did not prepare it approves it (``pack_approve``), and an approver issues it (``pack_issue``),
which freezes it: the next version's files are written once under ``issued/``, never replaced,
and each file's SHA-256 is recorded with who issued it, when, and the approval it went out under.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import Refused, require_role
from improvement_board.audit import audited_save
from improvement_board.core.packs.build import build_pack
from improvement_board.core.packs.render import render_html, render_pdf
from improvement_board.core.periods import Period
from improvement_board.meetings.marking import pack_marking
from improvement_board.meetings.models import (
    IssuedPack,
    Meeting,
    PackSignOff,
    ReportItem,
    ReportStatus,
)
from improvement_board.meetings.selectors import pack_inputs, sign_off_current
from improvement_board.rendering.selectors import pdf_path


@dataclass(frozen=True)
class WrittenPack:
    html: Path
    pdf: Path | None


def pack_write(*, meeting: Meeting, folder: Path | None = None, pdf: bool = False) -> WrittenPack:
    """Build the meeting's pack and write it as HTML (and PDF when asked)."""
    html = pack_html(meeting=meeting)
    folder = folder or Path(settings.BOARD_HOME) / "packs" / meeting.programme.key
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"board-pack-{meeting.period}"
    html_path = write_atomic(folder / f"{stem}.html", html.encode("utf-8"))
    pdf_path = write_atomic(folder / f"{stem}.pdf", render_pdf(html)) if pdf else None
    return WrittenPack(html_path, pdf_path)


def pack_html(*, meeting: Meeting) -> str:
    """The meeting's pack as it stands now, as the HTML that would be issued."""
    period = Period.parse(meeting.period)
    return render_html(
        build_pack(pack_inputs(programme=meeting.programme, period=period, meeting=meeting)),
        marking=pack_marking(),
    )


def content_sha256(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def pack_prepare(*, meeting: Meeting, user: Any) -> PackSignOff:
    """Put the pack, as it stands now, forward for approval: its HTML's SHA-256 is recorded, and
    a later preparation takes the place of an earlier one (and of its approval)."""
    require_role(user, Role.OFFICER, "prepare a pack for approval", meeting.programme)
    digest = content_sha256(pack_html(meeting=meeting))  # built before any write is begun
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        return PackSignOff.objects.create(meeting=meeting, content_sha256=digest, prepared_by=user)


def pack_approve(*, meeting: Meeting, user: Any) -> PackSignOff:
    """Approve the prepared pack: by an approver who did not prepare it, and only while the pack
    is as it was prepared."""
    require_role(user, Role.APPROVER, "approve a pack", meeting.programme)
    sign_off = _prepared(meeting)
    if sign_off.approved_by_id is not None:
        raise Refused(
            f"{_who_when(sign_off.approved_by, sign_off.approved_at)} already approved it"
        )
    if sign_off.prepared_by_id == user.pk:
        raise Refused(
            f"{user.get_username()} prepared this pack, so someone else must approve it "
            "(a second pair of eyes)"
        )
    if content_sha256(pack_html(meeting=meeting)) != sign_off.content_sha256:
        raise Refused(
            f"the pack has changed since {_who_when(sign_off.prepared_by, sign_off.prepared_at)} "
            "prepared it: it must be prepared again before it is approved"
        )
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        if sign_off_current(meeting=meeting) != sign_off:
            raise Refused("the pack was prepared again meanwhile: approve the new preparation")
        updated = PackSignOff.objects.filter(pk=sign_off.pk, approved_by__isnull=True).update(
            approved_by=user, approved_at=timezone.now()
        )
        if not updated:
            raise Refused("someone else approved it meanwhile")
    sign_off.refresh_from_db()
    return sign_off


def pack_issue(*, meeting: Meeting, user: Any, pdf: bool = True) -> list[IssuedPack]:
    """Issue the meeting's approved pack to the board: the next version, written once.

    Refused unless an approver issues it, a second person approved it, and its HTML is still the
    one approved. The HTML and PDF are made first, outside any transaction, so the store's write
    lock is held only for the moment it takes to record them; the meeting row is then locked
    while the version is chosen (on PostgreSQL; SQLite lets one writer in at a time), and a
    version whose file name is taken, say by an issue that failed after writing, is passed over.
    Files are written once and never replaced, so two issues at once can never swap bytes; a file
    that cannot be written leaves no record.

    An issued pack goes to the board, with the counts behind its figures in full; what is
    published outside the council is the Minister's report marked for publication, which
    suppresses small numbers.
    """
    require_role(user, Role.APPROVER, "issue a pack", meeting.programme)
    sign_off = _prepared(meeting)
    if sign_off.approved_by_id is None:
        raise Refused(
            f"the pack {_who_when(sign_off.prepared_by, sign_off.prepared_at)} prepared has not "
            "been approved: an approver who did not prepare it must approve it first"
        )
    html = pack_html(meeting=meeting)
    if content_sha256(html) != sign_off.content_sha256:
        raise Refused(
            f"the pack has changed since {_who_when(sign_off.approved_by, sign_off.approved_at)} "
            "approved it: it must be prepared and approved again before it is issued"
        )
    contents = {"html": html.encode("utf-8")}
    if pdf:
        contents["pdf"] = _printed(html)
    return _record_issue(meeting=meeting, sign_off=sign_off, contents=contents, user=user)


def _printed(html: str) -> bytes:
    """The PDF of exactly this HTML: the one the background worker printed for the draft, when
    it has (the same content, so the same bytes to issue), else printed now. Either way before
    any transaction is begun, so no writer waits on the print."""
    printed = pdf_path(content_sha256(html))
    if printed.exists():
        try:
            return printed.read_bytes()
        except FileNotFoundError:  # forgotten meanwhile
            pass
    return render_pdf(html)


@transaction.atomic
def _record_issue(
    *, meeting: Meeting, sign_off: PackSignOff, contents: dict[str, bytes], user: Any
) -> list[IssuedPack]:
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    if sign_off_current(meeting=meeting) != sign_off:
        raise Refused("the approved pack was issued or prepared again meanwhile")
    version = (meeting.packs.aggregate(last=Max("version"))["last"] or 0) + 1
    home = Path(settings.BOARD_HOME)
    folder = home / "packs" / meeting.programme.key / "issued"
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
                    path=str(path.relative_to(home)),
                    sha256=hashlib.sha256(data).hexdigest(),
                    issued_by=user,
                    sign_off=sign_off,
                )
            )
    except BaseException:
        for path in written:  # not recorded: the transaction is rolled back
            path.unlink(missing_ok=True)
        raise
    return issued


def _prepared(meeting: Meeting) -> PackSignOff:
    sign_off = sign_off_current(meeting=meeting)
    if sign_off is None:
        raise Refused(
            f"the {Period.parse(meeting.period).label} pack has not been prepared for approval "
            "since it was last issued: an officer prepares it first"
        )
    return sign_off


def _who_when(user: Any, at: datetime | None) -> str:
    name = user.get_username() if user is not None else "someone"
    return f"{name} ({timezone.localtime(at):%d %b %Y %H:%M})" if at else name


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
    *,
    item: ReportItem,
    status: str,
    on: date | None = None,
    user: Any = None,
    reason: str = "",
) -> ReportItem:
    """Record whether a report due at a meeting came (received), was put off, or is late.

    Undoing a receipt, or re-dating one, corrects the record: it needs the reason the person
    gives, kept in the report's history."""
    if status not in ReportStatus.values:
        raise ValueError(f"status must be one of {', '.join(ReportStatus.values)}, not {status!r}")
    received_on = on if status == ReportStatus.RECEIVED else None
    why = reason.strip()
    correcting = item.status == ReportStatus.RECEIVED and (
        status != ReportStatus.RECEIVED or received_on != item.received_on
    )
    if correcting and not why:
        raise ValueError(
            "give a reason for the change: the report was recorded as received"
            + (f" on {item.received_on:%d %B %Y}" if item.received_on else "")
        )
    item.status = status
    item.received_on = received_on
    audited_save(item, user=user, reason=why or f"marked {status}")
    return item
