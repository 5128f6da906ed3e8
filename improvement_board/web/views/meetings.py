"""Board meetings: the reports due and whether they came, and the pack to download."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from improvement_board.core.periods import Period
from improvement_board.meetings.models import ReportStatus
from improvement_board.meetings.selectors import meeting_get
from improvement_board.meetings.services import report_item_mark
from improvement_board.web import packs, queries
from improvement_board.web.forms import ReportMarkForm
from improvement_board.web.roles import has_role, role_required
from improvement_board.web.views.common import found, posted, programme_or_404

# The pack is a self-contained file whose styles are inline; it runs no script and loads nothing.
PACK_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


@role_required("reader")
@require_safe
def meeting_list(request: HttpRequest, programme: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    context = {
        "programme": found_programme,
        "section": "meetings",
        "meetings": queries.meetings_of(programme=found_programme),
    }
    return render(request, "web/meetings.html", context)


@role_required("reader")
@require_safe
def meeting(request: HttpRequest, programme: str, period: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    found_meeting = found(meeting_get, programme=found_programme, period=period)
    month = Period.parse(found_meeting.period)
    context = {
        "programme": found_programme,
        "section": "meetings",
        "meeting": found_meeting,
        "month": month,
        "reporting": month.shift(-1),
        "reports": list(found_meeting.reports.all()),
        "can_write": has_role(request.user, "officer"),
    }
    return render(request, "web/meeting.html", context)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def report_mark(request: HttpRequest, programme: str, period: str, report: str) -> HttpResponse:
    """Record whether a report due at the meeting came, was deferred, or is late."""
    found_programme = programme_or_404(programme)
    found_meeting = found(meeting_get, programme=found_programme, period=period)
    item = found(queries.report_item_get, meeting=found_meeting, key=report)
    initial = {"status": item.status, "on": item.received_on or found_meeting.date}
    form = ReportMarkForm(posted(request), initial=initial)
    if form.is_valid():
        status = form.cleaned_data["status"]
        report_item_mark(item=item, status=status, on=form.cleaned_data["on"], user=request.user)
        label = ReportStatus(status).label.lower()
        messages.success(request, f"“{item.title}” is marked {label}.")
        return redirect("meeting", programme=found_programme.key, period=found_meeting.period)
    context = {"programme": found_programme, "section": "meetings", "meeting": found_meeting}
    context.update(month=Period.parse(found_meeting.period), item=item, form=form)
    return render(request, "web/report_form.html", context)


@role_required("reader")
@require_safe
def pack_download(request: HttpRequest, programme: str, period: str, kind: str) -> HttpResponse:
    """The meeting's board pack as it stands now, as an HTML or PDF attachment."""
    found_meeting = found(meeting_get, programme=programme_or_404(programme), period=period)
    html = packs.pack_html(meeting=found_meeting)
    if kind == "pdf":
        response = HttpResponse(packs.pack_pdf(html=html), content_type="application/pdf")
    else:
        response = HttpResponse(html.encode("utf-8"), content_type="text/html; charset=utf-8")
    name = f"board-pack-{found_meeting.period}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Security-Policy"] = PACK_POLICY
    return response
