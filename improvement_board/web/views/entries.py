"""What officers enter: one month's figure, commentary, and whole monthly returns."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from improvement_board.core.periods import Period
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.programmes.measurements import (
    CHANGED_SINCE,
    Figure,
    MeasurementsReport,
    classify,
    measurements_apply,
    measurements_load,
)
from improvement_board.programmes.models import Indicator, Measurement, Programme
from improvement_board.programmes.selectors import programme_model
from improvement_board.programmes.services import (
    CommentaryChanged,
    CommentaryNeedsReason,
    commentary_save,
    commentary_token,
)
from improvement_board.web import queries, uploads
from improvement_board.web.forms import CommentaryForm, ConfirmForm, FigureForm, ReturnUploadForm
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import (
    indicator_or_404,
    month_or_404,
    posted,
    programme_or_404,
)

WEB_SOURCE = "web form"


def _month_page(programme: str, indicator: str, period: str) -> tuple[Programme, Indicator, Period]:
    """The programme, indicator and month a figure or commentary page names, or a 404."""
    found_programme = programme_or_404(programme)
    found_indicator = indicator_or_404(found_programme, indicator)
    month = month_or_404(found_programme, period)
    return found_programme, found_indicator, month


def _indicator_url(indicator: Indicator, month: Period) -> str:
    url = reverse("indicator", args=[indicator.programme.key, indicator.key])
    return f"{url}?month={month}"


@role_required("officer")
@require_http_methods(["GET", "POST"])
def figure_record(
    request: HttpRequest, programme: str, indicator: str, period: str
) -> HttpResponse:
    """Record or restate one month's figure; a change to a stored figure needs a reason."""
    found_programme, found_indicator, month = _month_page(programme, indicator, period)
    current = queries.measurement_current(indicator=found_indicator, period=month)
    form = FigureForm(
        posted(request),
        initial={**_figure_initial(current), "revision": current.revision if current else 0},
        model=programme_model(programme=found_programme),
        indicator=found_indicator.key,
        period=month,
    )
    if form.is_valid() and _record(request, form, found_programme, current):
        return redirect(_indicator_url(found_indicator, month))
    context = {"programme": found_programme, "section": "overview", "indicator": found_indicator}
    context.update(month=month, current=current, form=form)
    return render(request, "web/figure_form.html", context)


def _figure_initial(current: Measurement | None) -> dict[str, str]:
    """The stored figure as an officer would type it (2720000, not 2.72e+06)."""
    if current is None:
        return {}
    numbers = {"value": current.value, "numerator": current.numerator}
    numbers["denominator"] = current.denominator
    shown = {name: "" if n is None else f"{n:.12g}" for name, n in numbers.items()}
    return {**shown, "note": current.note}


def _record(
    request: HttpRequest, form: FigureForm, programme: Programme, current: Measurement | None
) -> bool:
    """Store the form's figure; False (with the form's errors set) if it cannot be stored."""
    figure, reason = form.cleaned_data["figure"], form.cleaned_data["reason"].strip()
    change = classify(current, figure)
    if change == "restated" and not reason:
        form.add_error("reason", "Enter the reason for changing the figure already recorded")
        return False
    opened = form.cleaned_data["revision"]
    try:
        report = measurements_apply(
            programme=programme,
            figures=[figure],
            places=[("the form", None)],
            source=WEB_SOURCE,
            user=request.user,
            reason=reason,
            opened=None if opened is None else {(figure.indicator, figure.period): opened},
        )
    except ProblemsFound as problems:
        for problem in problems.problems:
            form.add_error(None, problem.message)
            if problem.column == CHANGED_SINCE:  # shown the figure now: a second save restates it
                _now_seen(form, programme, figure)
        return False
    messages.success(request, _figure_message(report, form.period))
    return True


def _now_seen(form: FigureForm, programme: Programme, figure: Figure) -> None:
    indicator = programme.indicators.get(key=figure.indicator)
    latest = queries.measurement_current(indicator=indicator, period=Period.parse(figure.period))
    form.data = {**form.data, "revision": str(latest.revision if latest else 0)}


def _figure_message(report: MeasurementsReport, month: Period) -> str:
    if report.new:
        return f"The {month.label} figure is recorded."
    if report.restated:
        return f"The {month.label} figure is changed; the earlier version is kept."
    if report.noted:
        return f"The note on the {month.label} figure is changed; the earlier wording is kept."
    return f"The {month.label} figure was already recorded as entered: nothing changed."


@role_required("officer")
@require_http_methods(["GET", "POST"])
def commentary_edit(
    request: HttpRequest, programme: str, indicator: str, period: str
) -> HttpResponse:
    """The month's analysis and corrective action; earlier wording is kept in history."""
    found_programme, found_indicator, month = _month_page(programme, indicator, period)
    saved = queries.commentary_get(indicator=found_indicator, period=month)
    initial = {"analysis": saved.analysis, "action": saved.action} if saved else {}
    form = CommentaryForm(posted(request), initial={**initial, "seen": commentary_token(saved)})
    context = {"programme": found_programme, "section": "overview", "indicator": found_indicator}
    context.update(
        month=month, form=form, saved_before=bool(saved and (saved.analysis or saved.action))
    )
    if form.is_valid():
        try:
            commentary_save(
                indicator=found_indicator,
                period=str(month),
                analysis=form.cleaned_data["analysis"].strip(),
                action=form.cleaned_data["action"].strip(),
                user=request.user,
                seen=form.cleaned_data["seen"] or None,
                reason=form.cleaned_data["reason"],
            )
        except CommentaryChanged as changed:
            context.update(
                form=_changed_form(request, changed), theirs=changed.current, saved_before=True
            )
            return render(request, "web/commentary_form.html", context, status=409)
        except CommentaryNeedsReason as needed:
            form.add_error("reason", str(needed)[:1].upper() + str(needed)[1:])
            return render(request, "web/commentary_form.html", context)
        messages.success(request, f"The commentary for {month.label} is saved.")
        return redirect(_indicator_url(found_indicator, month))
    return render(request, "web/commentary_form.html", context)


def _changed_form(request: HttpRequest, changed: CommentaryChanged) -> CommentaryForm:
    """The person's own words back in the form, now answering the wording saved meanwhile: a
    second save replaces it, on purpose."""
    data = request.POST.copy()
    data["seen"] = commentary_token(changed.current)
    form = CommentaryForm(data)
    form.is_valid()
    form.add_error(
        None,
        "Someone else saved this commentary after you opened it. Their words are shown "
        "below and yours are still in the boxes: save again to replace theirs with yours.",
    )
    return form


@csrf_exempt  # checked by csrf_protect below, once the size cap is in front of the parser
@role_required("officer")
@require_http_methods(["GET", "POST"])
def return_upload(request: HttpRequest, programme: str) -> HttpResponse:
    """Upload a monthly return: checked as a dry run, then shown for the officer to confirm."""
    uploads.cap_uploads(request)
    return _return_upload(request, programme)


@csrf_protect
def _return_upload(request: HttpRequest, programme: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    if request.method != "POST":
        return _upload_page(request, found_programme, ReturnUploadForm())
    form = ReturnUploadForm(request.POST, request.FILES, too_large=uploads.too_large(request))
    if not form.is_valid():
        return _upload_page(request, found_programme, form)
    pending = uploads.pending_save(
        request, form.cleaned_data["file"], reason=form.cleaned_data["reason"].strip()
    )
    try:
        report = _load(request, found_programme, pending, dry_run=True)
    except ProblemsFound as found_problems:
        uploads.pending_discard(request, pending.token)
        return _upload_page(request, found_programme, form, found_problems.problems, pending.name)
    context = {"programme": found_programme, "section": "overview", "report": report}
    context.update(pending=pending, form=ConfirmForm(initial={"token": pending.token}))
    return render(request, "web/return_preview.html", context)


def _load(
    request: HttpRequest, programme: Programme, pending: uploads.Pending, *, dry_run: bool
) -> MeasurementsReport:
    return measurements_load(
        programme=programme,
        path=pending.path,
        user=request.user,
        reason=pending.reason,
        dry_run=dry_run,
        source=pending.name,
    )


def _upload_page(
    request: HttpRequest,
    programme: Programme,
    form: ReturnUploadForm,
    problems: list[Problem] | None = None,
    name: str = "",
) -> HttpResponse:
    """The upload form, with every problem the file had (each with its row and column)."""
    context = {"programme": programme, "section": "overview", "form": form, "problems": problems}
    if name:
        context["summary_lead"] = (
            f"{name} cannot be loaded and nothing was stored. "
            "Correct every problem listed and upload the file again."
        )
    return render(request, "web/return_upload.html", context)


@role_required("officer")
@require_POST
def return_confirm(request: HttpRequest, programme: str) -> HttpResponse:
    """Load the upload checked a moment ago, all or nothing."""
    found_programme = programme_or_404(programme)
    form = ConfirmForm(request.POST)
    token = form.cleaned_data["token"] if form.is_valid() else ""
    try:
        pending = uploads.pending_get(request, token)
        report = _load(request, found_programme, pending, dry_run=False)
    except LookupError as gone:
        expired = Problem("", None, None, str(gone).capitalize())
        return _upload_page(request, found_programme, ReturnUploadForm(), [expired])
    except ProblemsFound as found_problems:
        uploads.pending_discard(request, token)
        problems, name = found_problems.problems, pending.name
        return _upload_page(request, found_programme, ReturnUploadForm(), problems, name)
    uploads.pending_discard(request, token)
    messages.success(
        request,
        f"{pending.name}: stored {len(report.new)} new, {len(report.restated)} changed, "
        f"{len(report.noted)} with a new note and {report.unchanged} unchanged figures.",
    )
    return redirect("overview", programme=found_programme.key)
