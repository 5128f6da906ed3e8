"""The scorecard template: an Excel workbook a programme manager fills in with a programme's
indicators, plan, schedule and risks, and loads with ``board programme load FILE.xlsx``.

Only the programme's administrator (its manager) is offered it, since only a manager loads a
programme. The workbook is made by the core (core/scorecard.py), as ``board programme template``
makes it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from improvement_board.core.scorecard import scorecard_workbook
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import programme_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required("admin")
@require_safe
def scorecard_template(request: HttpRequest, programme: str) -> HttpResponse:
    """The empty scorecard template, as an attachment."""
    programme_or_404(programme)
    response = HttpResponse(scorecard_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="scorecard-template.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
