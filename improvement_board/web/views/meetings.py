"""Board meetings: the reports due and whether they came, and the pack to download."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from improvement_board.accounts.roles import Refused
from improvement_board.core.periods import Period
from improvement_board.meetings.models import Meeting, ReportStatus
from improvement_board.meetings.selectors import (
    issued_pack_check,
    issued_pack_read,
    issued_packs,
    meeting_get,
    sign_off_current,
)
from improvement_board.meetings.services import (
    pack_approve,
    pack_issue,
    pack_prepare,
    report_item_mark,
)
from improvement_board.programmes.models import Programme
from improvement_board.web import packs, queries
from improvement_board.web.forms import ReportMarkForm
from improvement_board.web.roles import has_role, role_required
from improvement_board.web.views.common import found, pdf_preparing, posted, programme_or_404

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
        "can_review": has_role(request.user, "approver", found_programme),
    }
    return render(request, "web/meetings.html", context)


@role_required("reader")
@require_safe
def meeting(request: HttpRequest, programme: str, period: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    found_meeting = found(meeting_get, programme=found_programme, period=period)
    return _meeting_page(request, found_programme, found_meeting)


def _meeting_page(
    request: HttpRequest,
    programme: Programme,
    meeting: Meeting,
    refusal: Refused | None = None,
) -> HttpResponse:
    """The meeting page; after a refused sign-off step, with the reason at the top (409)."""
    month = Period.parse(meeting.period)
    sign_off = sign_off_current(meeting=meeting)
    user = request.user
    approved = sign_off is not None and sign_off.approved_by_id is not None
    context = {
        "programme": programme,
        "section": "meetings",
        "meeting": meeting,
        "month": month,
        "reporting": month.shift(-1),
        "reports": _with_changes(list(meeting.reports.all()), meeting),
        "issued": [(pack, issued_pack_check(pack=pack)) for pack in issued_packs(meeting=meeting)],
        "can_write": has_role(user, "officer", programme),
        "can_edit": has_role(user, "admin", programme),
        "sign_off": sign_off,
        "can_prepare": has_role(user, "officer", programme),
        "can_approve": has_role(user, "approver", programme)
        and sign_off is not None
        and not approved
        and sign_off.prepared_by_id != user.pk,
        "can_issue": has_role(user, "approver", programme) and approved,
        "problems": [{"message": str(refusal)}] if refusal else [],
    }
    return render(request, "web/meeting.html", context, status=409 if refusal else 200)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _with_changes(reports: list[Any], meeting: Meeting) -> list[Any]:
    """Each report with its changes (who marked it, when and why), read in one query."""
    changes = queries.report_histories(meeting=meeting)
    for report in reports:
        report.changes = changes.get(report.pk, [])
    return reports


def _sign_off_step(
    request: HttpRequest, programme: str, period: str, step: Callable[[Meeting], str]
) -> HttpResponse:
    """Take one step towards the board; a refusal comes back on the meeting page, saying why."""
    found_programme = programme_or_404(programme)
    found_meeting = found(meeting_get, programme=found_programme, period=period)
    try:
        done = step(found_meeting)
    except Refused as refused:
        return _meeting_page(request, found_programme, found_meeting, refused)
    messages.success(request, done)
    return redirect("meeting", programme=found_programme.key, period=found_meeting.period)


@role_required("officer")
@require_http_methods(["POST"])
def pack_prepare_view(request: HttpRequest, programme: str, period: str) -> HttpResponse:
    """Put the pack, as it stands, forward for approval by someone else."""

    def step(meeting: Meeting) -> str:
        pack_prepare(meeting=meeting, user=request.user)
        return f"The {Period.parse(meeting.period).label} pack is prepared for approval."

    return _sign_off_step(request, programme, period, step)


@role_required("approver")
@require_http_methods(["POST"])
def pack_approve_view(request: HttpRequest, programme: str, period: str) -> HttpResponse:
    """Approve the prepared pack: not by the person who prepared it."""

    def step(meeting: Meeting) -> str:
        done = pack_approve(meeting=meeting, user=request.user)
        label = Period.parse(meeting.period).label
        return f"The {label} pack prepared by {done.prepared_by} is approved."

    return _sign_off_step(request, programme, period, step)


@role_required("approver")
@require_http_methods(["POST"])
def pack_issue_view(request: HttpRequest, programme: str, period: str) -> HttpResponse:
    """Issue the approved pack to the board: the next version, kept unchanged from then on."""

    def step(meeting: Meeting) -> str:
        files = pack_issue(meeting=meeting, user=request.user, pdf=True)
        label = Period.parse(meeting.period).label
        return f"Version {files[0].version} of the {label} pack is issued."

    return _sign_off_step(request, programme, period, step)


@role_required("reader")
@require_safe
def issued_download(
    request: HttpRequest, programme: str, period: str, version: int, kind: str
) -> HttpResponse:
    """An issued pack's file, served only while it has the bytes it was issued with."""
    found_meeting = found(meeting_get, programme=programme_or_404(programme), period=period)
    pack = found_meeting.packs.filter(version=version, kind=kind).first()
    if pack is None:
        raise Http404("no such issued pack")
    kept, data = issued_pack_read(pack=pack)
    if data is None:
        return HttpResponse(
            f"This issued file is {kept}: it is not served.",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    content_type = "application/pdf" if kind == "pdf" else "text/html; charset=utf-8"
    response = HttpResponse(data, content_type=content_type)
    name = f"board-pack-{found_meeting.period}-v{version}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Security-Policy"] = PACK_POLICY
    return response


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
        try:
            report_item_mark(
                item=item,
                status=status,
                on=form.cleaned_data["on"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValueError as error:
            form.add_error("reason", _sentence(str(error)))
        else:
            label = ReportStatus(status).label.lower()
            messages.success(request, f"“{item.title}” is marked {label}.")
            return redirect("meeting", programme=found_programme.key, period=found_meeting.period)
    context = {"programme": found_programme, "section": "meetings", "meeting": found_meeting}
    context.update(month=Period.parse(found_meeting.period), item=item, form=form)
    return render(request, "web/report_form.html", context)


@role_required("reader")
@require_safe
def pack_download(request: HttpRequest, programme: str, period: str, kind: str) -> HttpResponse:
    """The meeting's board pack as it stands now, as an HTML or PDF attachment. The PDF is
    printed by the background worker: until it is, the answer is a page saying it is being
    prepared, which asks again by itself."""
    found_programme = programme_or_404(programme)
    found_meeting = found(meeting_get, programme=found_programme, period=period)
    html = packs.pack_html(meeting=found_meeting)
    if kind == "pdf":
        requested = packs.pack_pdf(html=html)
        if requested.pdf is None:
            return _pack_preparing(request, found_programme, found_meeting, requested)
        response = HttpResponse(requested.pdf.read_bytes(), content_type="application/pdf")
    else:
        response = HttpResponse(html.encode("utf-8"), content_type="text/html; charset=utf-8")
    name = f"board-pack-{found_meeting.period}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Security-Policy"] = PACK_POLICY
    return response


def _pack_preparing(
    request: HttpRequest, programme: Programme, meeting: Meeting, requested: packs.Requested
) -> HttpResponse:
    month = Period.parse(meeting.period)
    urls = {
        "back_url": reverse("meeting", args=[programme.key, meeting.period]),
        "pdf_url": reverse("pack-pdf", args=[programme.key, meeting.period]),
        "html_url": reverse("pack-html", args=[programme.key, meeting.period]),
    }
    return pdf_preparing(
        request,
        requested,
        {"programme": programme, "section": "meetings", "what": "board pack",
         "caption": f"Board meeting, {month.label}", **urls},
    )  # fmt: skip
