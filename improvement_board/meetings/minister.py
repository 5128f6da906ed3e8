"""Writing the three-monthly report to the Minister from the store.

The report for a quarter is gathered exactly as the pack for the month after the quarter is
(``pack_inputs`` for that month), so the report and that pack read the same figures, plan,
schedule and risks. Its free text (commentary, evidence notes, report notes, risk mitigations) is
gathered again with whether a person reviewed it for publication. Internal and published versions
are written to different files, each with its protective marking, so one is never mistaken for
the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from improvement_board.core.disclosure import FreeText
from improvement_board.core.packs.minister import build_minister_report
from improvement_board.core.packs.minister_texts import Commentary, MinisterTexts
from improvement_board.core.packs.render import render_pdf
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from improvement_board.meetings.marking import marking_for
from improvement_board.meetings.models import ReportItem
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.meetings.services import WrittenPack, write_atomic
from improvement_board.plans.models import Evidence, Risk
from improvement_board.programmes.models import Commentary as CommentaryRow
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
    texts = minister_texts(programme=programme, reporting=end)
    report = build_minister_report(inputs, end, publish=publish, texts=texts)
    html = render_minister_html(report, marking=marking_for(publish=publish))
    folder = folder or Path(settings.BOARD_HOME) / "reports" / programme.key
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"minister-report-{end}-{'for-publication' if publish else 'internal'}"
    html_path = write_atomic(folder / f"{stem}.html", html.encode("utf-8"))
    pdf_path = write_atomic(folder / f"{stem}.pdf", render_pdf(html)) if pdf else None
    return WrittenPack(html_path, pdf_path)


def _reviewed(row: Any) -> bool:
    """Whether a person marked the row reviewed for publication (not reviewed where the store
    keeps no such mark)."""
    return bool(getattr(row, "reviewed_for_publication", False))


def minister_texts(*, programme: Programme, reporting: Period) -> MinisterTexts:
    """Every free text the report may carry, each with whether it was reviewed for publication."""
    commentary = CommentaryRow.objects.filter(
        indicator__programme=programme, period=str(reporting)
    ).select_related("indicator")
    evidence: dict[str, list[FreeText]] = {}
    rows = Evidence.objects.filter(milestone__action__programme=programme).select_related(
        "milestone__action"
    )
    for row in rows.order_by("pk"):
        if row.milestone is None:
            continue
        key = f"{row.milestone.action.key}/{row.milestone.key}"
        evidence.setdefault(key, []).append(FreeText(row.note, _reviewed(row)))
    notes: dict[str, dict[str, FreeText]] = {}
    items = ReportItem.objects.filter(meeting__programme=programme).select_related("meeting")
    for item in items:
        notes.setdefault(item.meeting.period, {})[item.key] = FreeText(item.notes, _reviewed(item))
    return MinisterTexts(
        commentary={
            c.indicator.key: Commentary(c.analysis, c.action, _reviewed(c)) for c in commentary
        },
        evidence={key: tuple(found) for key, found in evidence.items()},
        report_notes=notes,
        mitigations={
            r.key: FreeText(r.mitigation, _reviewed(r))
            for r in Risk.objects.filter(programme=programme)
        },
    )
