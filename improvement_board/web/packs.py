"""The board pack as a download: built from the store as it stands.

The HTML is built in the request (it is quick). The PDF takes seconds to print, so it is never
printed in a request: the rendering app asks the background worker for it, once per distinct
HTML (any change to the figures, commentary, plan or schedule changes the HTML, and so the PDF
asked for), and a request gets the printed file or is told it is being prepared. These are
drafts; an issued pack is frozen separately and never comes from here.
"""

from __future__ import annotations

from improvement_board.core.packs.render import render_html
from improvement_board.meetings.marking import pack_marking
from improvement_board.meetings.models import Meeting
from improvement_board.rendering.services import Requested, pdf_requested

__all__ = ["REFRESH_SECONDS", "RETRY_AFTER_FAILED", "Requested", "pack_html", "pack_pdf"]
from improvement_board.web import queries

# How often the "being prepared" page asks again, in seconds. It is sent as the HTTP Refresh
# header, not a <meta> refresh, and the page offers to stop it (WCAG 2.2.1; decision 0009).
REFRESH_SECONDS = 5
# How long to wait before asking again for a PDF whose printing failed.
RETRY_AFTER_FAILED = 5 * 60


def pack_html(*, meeting: Meeting) -> str:
    return render_html(queries.meeting_pack(meeting=meeting), marking=pack_marking())


def pack_pdf(*, html: str) -> Requested:
    """The printed PDF of a pack's HTML, or the print it waits for."""
    return pdf_requested(html=html)
