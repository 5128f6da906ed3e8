"""Writing the three-monthly report to the Minister from the store.

The report for a quarter is gathered exactly as the pack for the meeting after the quarter is
(``pack_inputs`` for that month), so the report and that pack read the same figures, plan,
schedule and risks. Internal and published versions are written to different files, so one is
never mistaken for the other.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from improvement_board.core.packs.minister import build_minister_report
from improvement_board.core.packs.render import render_pdf
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.meetings.services import WrittenPack, write_atomic
from improvement_board.programmes.models import Programme


def minister_report_write(
    *,
    programme: Programme,
    quarter_end: str,
    folder: Path | None = None,
    pdf: bool = False,
    publish: bool = False,
) -> WrittenPack:
    """Build the report for the quarter ending ``quarter_end`` and write it as HTML (and PDF)."""
    end = Period.parse(quarter_end)
    meeting_period = end.shift(1)
    meeting = programme.meetings.filter(period=str(meeting_period)).first()
    inputs = pack_inputs(programme=programme, period=meeting_period, meeting=meeting, charts=True)
    html = render_minister_html(build_minister_report(inputs, end, publish=publish))
    folder = folder or Path(settings.BOARD_HOME) / "reports" / programme.key
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"minister-report-{end}-{'for-publication' if publish else 'internal'}"
    html_path = write_atomic(folder / f"{stem}.html", html.encode("utf-8"))
    pdf_path = write_atomic(folder / f"{stem}.pdf", render_pdf(html)) if pdf else None
    return WrittenPack(html_path, pdf_path)
