"""The board pack as a download: built from the store as it stands, rendered on request.

A PDF takes seconds to print, so each one is kept under BOARD_HOME/cache/packs by the SHA-256 of
the HTML it was printed from: the same pack is printed once, and any change to the figures,
commentary, plan or schedule changes the HTML and so prints afresh. These are drafts; a
published pack is frozen separately and never comes from here.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from django.conf import settings

from improvement_board.core.packs.render import render_html, render_pdf
from improvement_board.meetings.marking import pack_marking
from improvement_board.meetings.models import Meeting
from improvement_board.web import queries

KEEP_SECONDS = 7 * 24 * 60 * 60


def pack_html(*, meeting: Meeting) -> str:
    return render_html(queries.meeting_pack(meeting=meeting), marking=pack_marking())


def pack_pdf(*, html: str) -> bytes:
    """The PDF of a pack's HTML, printed once per distinct pack."""
    folder = Path(settings.BOARD_HOME) / "cache" / "packs"
    path = folder / f"{hashlib.sha256(html.encode('utf-8')).hexdigest()}.pdf"
    if path.exists():
        return path.read_bytes()
    data = render_pdf(html)
    folder.mkdir(parents=True, exist_ok=True)
    _forget_old(folder)
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(path)
    return data


def _forget_old(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for old in folder.glob("*.pdf"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
