"""The report to the Minister for a quarter: the quarters and where each report stands, a
quarter's draft (internal, or marked for publication) with its sign-off and issued versions, and
the success criteria the report rests on, with their evidence."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from improvement_board.accounts.roles import Refused
from improvement_board.core.periods import Period
from improvement_board.meetings.marking import marking_for
from improvement_board.meetings.minister import (
    PUBLICATION,
    VARIANTS,
    minister_issued,
    minister_issued_read,
    minister_quarter_known,
    minister_quarter_states,
    minister_report_approve,
    minister_report_build,
    minister_report_html,
    minister_report_issue,
    minister_report_prepare,
    minister_sign_off_current,
    success_criteria_read,
)
from improvement_board.programmes.models import Programme
from improvement_board.web import packs
from improvement_board.web.roles import has_role, role_required
from improvement_board.web.views.common import (
    found,
    month_or_404,
    pdf_preparing,
    programme_or_404,
)
from improvement_board.web.views.meetings import PACK_POLICY

VARIANT_NAMES = dict(VARIANTS)


def _quarter(programme: Programme, quarter: str) -> Period:
    return found(minister_quarter_known, programme=programme, quarter_end=quarter)


def _variant(variant: str) -> bool:
    """Whether the variant named in a URL is the one marked for publication (404 if neither)."""
    if variant not in VARIANT_NAMES:
        raise Http404("no such variant of the report")
    return VARIANT_NAMES[variant]


@role_required("reader")
@require_safe
def minister_reports(request: HttpRequest, programme: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    context = {
        "programme": found_programme,
        "section": "minister",
        "quarters": minister_quarter_states(programme=found_programme),
    }
    return render(request, "web/minister/reports.html", context)


@role_required("reader")
@require_safe
def minister_report(request: HttpRequest, programme: str, quarter: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    return _report_page(request, found_programme, _quarter(found_programme, quarter))


def _report_page(
    request: HttpRequest, programme: Programme, quarter: Period, refusal: Refused | None = None
) -> HttpResponse:
    """A quarter's report page; after a refused sign-off step, with the reason at the top (409).
    ``?variant=for-publication`` shows the variant marked for publication."""
    publish = request.GET.get("variant") == PUBLICATION.value
    report = minister_report_build(programme=programme, quarter_end=str(quarter), publish=publish)
    sign_off = minister_sign_off_current(programme=programme, quarter_end=str(quarter))
    user = request.user
    approved = sign_off is not None and sign_off.approved_by_id is not None
    issued = minister_issued(programme=programme, quarter_end=str(quarter))
    context = {
        "programme": programme,
        "section": "minister",
        "quarter": quarter,
        "report": report,
        "publish": publish,
        "variant": PUBLICATION.value if publish else "internal",
        "marking": marking_for(publish=publish),
        "sign_off": sign_off,
        "issued": [(file, minister_issued_read(report=file)[0]) for file in issued],
        "can_prepare": has_role(user, "officer", programme),
        "can_approve": has_role(user, "approver", programme)
        and sign_off is not None
        and not approved
        and sign_off.prepared_by_id != user.pk,
        "can_issue": has_role(user, "approver", programme) and approved,
        "problems": [{"message": str(refusal)}] if refusal else [],
    }
    return render(request, "web/minister/report.html", context, status=409 if refusal else 200)


def _sign_off_step(
    request: HttpRequest, programme: str, quarter: str, step: Callable[[Programme, str], str]
) -> HttpResponse:
    """Take one step towards the Minister; a refusal comes back on the report page, saying why."""
    found_programme = programme_or_404(programme)
    end = _quarter(found_programme, quarter)
    try:
        done = step(found_programme, str(end))
    except Refused as refused:
        return _report_page(request, found_programme, end, refused)
    messages.success(request, done)
    return redirect("minister-report", programme=found_programme.key, quarter=str(end))


@role_required("officer")
@require_http_methods(["POST"])
def minister_prepare(request: HttpRequest, programme: str, quarter: str) -> HttpResponse:
    """Put the report, both variants as they stand, forward for approval by someone else."""

    def step(found_programme: Programme, end: str) -> str:
        minister_report_prepare(programme=found_programme, quarter_end=end, user=request.user)
        return (
            f"The report for the quarter ending {Period.parse(end).label} is prepared for approval."
        )

    return _sign_off_step(request, programme, quarter, step)


@role_required("approver")
@require_http_methods(["POST"])
def minister_approve(request: HttpRequest, programme: str, quarter: str) -> HttpResponse:
    """Approve the prepared report: not by the person who prepared it."""

    def step(found_programme: Programme, end: str) -> str:
        done = minister_report_approve(
            programme=found_programme, quarter_end=end, user=request.user
        )
        return (
            f"The report for the quarter ending {Period.parse(end).label} prepared by "
            f"{done.prepared_by} is approved."
        )

    return _sign_off_step(request, programme, quarter, step)


@role_required("approver")
@require_http_methods(["POST"])
def minister_issue(request: HttpRequest, programme: str, quarter: str) -> HttpResponse:
    """Issue the approved report: both variants, the next version, kept unchanged from then on."""

    def step(found_programme: Programme, end: str) -> str:
        files = minister_report_issue(
            programme=found_programme, quarter_end=end, user=request.user, pdf=True
        )
        return (
            f"Version {files[0].version} of the report for the quarter ending "
            f"{Period.parse(end).label} is issued."
        )

    return _sign_off_step(request, programme, quarter, step)


@role_required("reader")
@require_safe
def minister_draft(
    request: HttpRequest, programme: str, quarter: str, variant: str, kind: str
) -> HttpResponse:
    """The report as it stands now: HTML to read in the browser, or a PDF to download."""
    found_programme = programme_or_404(programme)
    end = _quarter(found_programme, quarter)
    html = minister_report_html(
        programme=found_programme, quarter_end=str(end), publish=_variant(variant)
    )
    name = f"minister-report-{end}-{variant}-draft.{kind}"
    if kind == "pdf":
        requested = packs.pack_pdf(html=html)
        if requested.pdf is None:
            args = [found_programme.key, str(end), variant]
            return pdf_preparing(
                request,
                requested,
                {
                    "programme": found_programme,
                    "section": "minister",
                    "what": "report to the Minister",
                    "caption": f"Quarter to {end.last_day:%d %B %Y}",
                    "back_url": reverse("minister-report", args=args[:2]),
                    "pdf_url": reverse("minister-draft-pdf", args=args),
                    "html_url": reverse("minister-draft-html", args=args),
                },
            )
        response = HttpResponse(requested.pdf.read_bytes(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        response = HttpResponse(html.encode("utf-8"), content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Content-Security-Policy"] = PACK_POLICY
    return response


@role_required("reader")
@require_safe
def minister_issued_download(
    request: HttpRequest, programme: str, quarter: str, version: int, variant: str, kind: str
) -> HttpResponse:
    """An issued report's file, served only while it has the bytes it was issued with."""
    found_programme = programme_or_404(programme)
    end = _quarter(found_programme, quarter)
    _variant(variant)
    file = next(
        (
            f
            for f in minister_issued(programme=found_programme, quarter_end=str(end))
            if (f.version, f.variant, f.kind) == (version, variant, kind)
        ),
        None,
    )
    if file is None:
        raise Http404("no such issued report")
    kept, data = minister_issued_read(report=file)
    if data is None:
        return HttpResponse(
            f"This issued file is {kept}: it is not served.",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    content_type = "application/pdf" if kind == "pdf" else "text/html; charset=utf-8"
    response = HttpResponse(data, content_type=content_type)
    name = f"minister-report-{end}-v{version}-{variant}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Security-Policy"] = PACK_POLICY
    return response


@role_required("reader")
@require_safe
def success_criteria(request: HttpRequest, programme: str) -> HttpResponse:
    """Each success criterion: its SMART check, its evidence with reports and review for
    publication, and the indicators linked to it with their latest status."""
    found_programme = programme_or_404(programme)
    month = month_or_404(found_programme, request.GET.get("month"))
    context = {
        "programme": found_programme,
        "section": "minister",
        "month": month,
        "read": success_criteria_read(programme=found_programme, month=month),
    }
    return render(request, "web/minister/criteria.html", context)
