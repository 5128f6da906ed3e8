"""Printing a pack's PDF off the request path, once per distinct content.

A request asks for the PDF of some HTML (``pdf_requested``). The PDF is named by the SHA-256 of
that HTML: if it is already printed the request gets the file; if not, the request keeps the HTML
beside where the PDF will go, and the first request for that content makes the one ``Rendering``
row (its key is unique) and queues the one task. Every other request, in this process or any
other, finds the row and is told the PDF is being prepared. A request never prints.

The worker (``render``) claims the row with one conditional update, queued to rendering, so at
most one process prints a key at a time even if the task were delivered twice; it prints, writes
the file beside and renames it into place, and marks the row done (or failed, with why).

A print that has been running longer than ``RENDER_STALE_SECONDS`` is taken to have died with
its worker, and one that failed is tried again after ``RENDER_RETRY_SECONDS``: the next request
puts it back in the queue, again by a conditional update, so that too happens once.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from improvement_board.core.packs.render import render_pdf
from improvement_board.rendering.models import Rendering, RenderStatus
from improvement_board.rendering.selectors import pdf_path, source_path

KEEP_SECONDS = 7 * 24 * 60 * 60


@dataclass(frozen=True)
class Requested:
    """What a request for a PDF found: the file, or the row of the print it waits for."""

    pdf: Path | None
    rendering: Rendering | None

    @property
    def failed(self) -> bool:
        return self.rendering is not None and self.rendering.status == RenderStatus.FAILED


def content_key(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def pdf_requested(*, html: str) -> Requested:
    """The PDF of ``html`` if it is printed; otherwise the print it waits for, queued by the
    first request to ask (and by no other)."""
    key = content_key(html)
    pdf = pdf_path(key)
    if pdf.exists():
        return Requested(pdf=pdf, rendering=None)
    source = source_path(key)
    if not source.exists():
        _write_replacing(source, html.encode("utf-8"))
    rendering, created = _row_for(key)
    if created or _requeued(rendering, pdf):
        _enqueue(rendering)
    if pdf.exists():  # printed between our first look and now
        return Requested(pdf=pdf, rendering=None)
    rendering.refresh_from_db()
    return Requested(pdf=None, rendering=rendering)


def _row_for(key: str) -> tuple[Rendering, bool]:
    """The key's row, made by whichever request gets there first."""
    found = Rendering.objects.filter(key=key).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return Rendering.objects.create(key=key, requested_at=timezone.now()), True
    except IntegrityError:  # another request made it meanwhile
        return Rendering.objects.get(key=key), False


def _requeued(rendering: Rendering, pdf: Path) -> bool:
    """Put back in the queue a print whose worker died, one that failed a while ago, or one
    marked done whose file has since gone; true only for the one request whose update won."""
    if not _due_again(rendering, pdf):
        return False  # the usual case: decided without writing
    # Conditional on the row as this request saw it, so that of several requests one moves it.
    moved = Rendering.objects.filter(
        pk=rendering.pk, status=rendering.status, requested_at=rendering.requested_at
    ).update(
        status=RenderStatus.QUEUED,
        requested_at=timezone.now(),
        started_at=None,
        finished_at=None,
        error="",
    )
    if moved:
        rendering.refresh_from_db()
    return bool(moved)


def _due_again(rendering: Rendering, pdf: Path) -> bool:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.RENDER_STALE_SECONDS)
    retry = now - timedelta(seconds=settings.RENDER_RETRY_SECONDS)
    if rendering.status == RenderStatus.QUEUED:
        return rendering.requested_at < stale
    if rendering.status == RenderStatus.RENDERING:
        return rendering.started_at is None or rendering.started_at < stale
    if rendering.status == RenderStatus.FAILED:
        return rendering.finished_at is None or rendering.finished_at < retry
    return not pdf.exists()


def _enqueue(rendering: Rendering) -> None:
    from improvement_board.rendering.tasks import render_pdf_task

    try:
        render_pdf_task.enqueue(key=rendering.key)
    except Exception as error:  # the queue cannot be reached: say so on the row, not a 500
        Rendering.objects.filter(pk=rendering.pk).update(
            status=RenderStatus.FAILED,
            finished_at=timezone.now(),
            error=f"could not be queued: {type(error).__name__}: {error}",
        )


def render(*, key: str) -> bool:
    """Print the PDF for ``key`` if this process wins the claim; true if it printed."""
    claimed = Rendering.objects.filter(key=key, status=RenderStatus.QUEUED).update(
        status=RenderStatus.RENDERING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False  # printed, being printed elsewhere, or asked for again since
    pdf = pdf_path(key)
    try:
        if not pdf.exists():
            html = source_path(key).read_text(encoding="utf-8")
            data = render_pdf(html)
            _write_replacing(pdf, data)
    except Exception as error:
        Rendering.objects.filter(key=key).update(
            status=RenderStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}",
        )
        raise
    Rendering.objects.filter(key=key).update(status=RenderStatus.DONE, finished_at=timezone.now())
    forget_old(pdf.parent)
    return True


def forget_old(folder: Path, *, keep_seconds: int = KEEP_SECONDS) -> None:
    """Remove printed files and sources not touched for a week, and their rows."""
    cutoff = time.time() - keep_seconds
    for old in [*folder.glob("*.pdf"), *folder.glob("*.html")]:
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    before = timezone.now() - timedelta(seconds=keep_seconds)
    Rendering.objects.filter(
        status__in=[RenderStatus.DONE, RenderStatus.FAILED], finished_at__lt=before
    ).delete()


def _write_replacing(path: Path, data: bytes) -> None:
    """Write beside under a name of this writer's own, then rename into place: a reader never
    sees half a file, and two writers of the same content never share a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
