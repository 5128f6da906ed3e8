"""Downloads of the tables the pages show, and a page listing every one.

A person may export what they may read: each view needs the reader role in the programme. The
file is made by the same service ``board export`` calls (improvement_board/exports/services.py).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from improvement_board.core.periods import Period
from improvement_board.exports.catalogue import EXPORTS
from improvement_board.exports.services import ExportRefused, export_file
from improvement_board.web import queries
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import month_or_404, programme_or_404


@role_required("reader")
@require_safe
def export_download(request: HttpRequest, programme: str, what: str, fmt: str) -> HttpResponse:
    """One export as an attachment; ``?month=``, ``?meeting=``, ``?indicator=`` narrow it and
    ``?publish=1`` marks it for publication. What cannot be made as asked is answered 400 with
    the reason."""
    found_programme = programme_or_404(programme)
    asked = request.GET
    try:
        made = export_file(
            what=what,
            format=fmt,
            programme=found_programme,
            user=request.user,
            month=asked.get("month") or None,
            meeting=asked.get("meeting") or None,
            indicator=asked.get("indicator") or None,
            publish=asked.get("publish") == "1",
        )
    except LookupError as error:
        raise Http404(str(error)) from None
    except ExportRefused as refused:
        return HttpResponse(
            f"This export cannot be made: {refused}.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(made.data, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.name}"'
    response["Cache-Control"] = "no-store"
    return response


@role_required("reader")
@require_safe
def exports(request: HttpRequest, programme: str) -> HttpResponse:
    """Every export of the programme, internal and (where it may be) for publication."""
    found_programme = programme_or_404(programme)
    month = month_or_404(found_programme, request.GET.get("month"))
    meetings = [
        (m.period, Period.parse(m.period)) for m in queries.meetings_of(programme=found_programme)
    ]
    context = {
        "programme": found_programme,
        "section": "overview",
        "month": month,
        "exports": [e for e in EXPORTS.values() if e.meeting != "required"],
        "pack": EXPORTS["pack"],
        "meetings": meetings,
    }
    return render(request, "web/exports.html", context)
