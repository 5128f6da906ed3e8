"""Pages where the programme manager (the programme's admin) changes the programme itself: its
indicators, action plan, risks, meetings and the rest. Each page only turns the form into the
programme file's fields and shows what the service found; the rules are the core's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from improvement_board.history import Change, changes_of
from improvement_board.meetings.editing import meeting_edit, report_edit
from improvement_board.meetings.selectors import meeting_get
from improvement_board.plans.editing import (
    action_edit,
    criterion_edit,
    evidence_item_edit,
    milestone_edit,
    risk_edit,
)
from improvement_board.plans.models import EvidenceItem, SuccessCriterion
from improvement_board.programmes.editing import (
    ChangedSinceOpened,
    EditRefused,
    indicator_edit,
    recommendation_edit,
    version_of,
)
from improvement_board.programmes.models import Programme, Recommendation
from improvement_board.web import queries
from improvement_board.web.editing_forms import (
    ActionForm,
    CriterionForm,
    EditForm,
    EvidenceItemForm,
    IndicatorForm,
    MeetingForm,
    MilestoneForm,
    RecommendationForm,
    ReportForm,
    RiskForm,
)
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import found, indicator_or_404, posted, programme_or_404

Save = Callable[[dict[str, Any], str, str], list[str]]


def saved(request: HttpRequest, form: EditForm, save: Save, what: str) -> bool:
    """Whether the form's changes were saved; otherwise the form carries every problem."""
    if not form.is_valid():
        return False
    try:
        changed = save(form.changes(), form.cleaned_data["reason"], form.cleaned_data["version"])
    except EditRefused as refused:
        form.show(refused.problems)
        return False
    except ChangedSinceOpened as changed_since:
        form.add_error(None, str(changed_since))
        return False
    if changed:
        messages.success(request, f"Your changes to {what} are saved.")
    else:
        messages.info(request, f"Nothing was changed in {what}.")
    return True


@role_required("admin")
@require_http_methods(["GET", "POST"])
def indicator_change(request: HttpRequest, programme: str, indicator: str) -> HttpResponse:
    """Change an indicator: its name, owner, baseline, target or band, tolerance, milestones."""
    found_programme = programme_or_404(programme)
    row = indicator_or_404(found_programme, indicator)
    form = IndicatorForm(posted(request), initial=IndicatorForm.initial_of(row, version_of(row)))

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return indicator_edit(
            indicator=row, changes=changes, reason=reason, version=version, user=request.user
        )

    if saved(request, form, save, f"the indicator “{row}”"):
        return redirect("indicator", programme=found_programme.key, indicator=row.key)
    context = {
        "programme": found_programme,
        "section": "overview",
        "indicator": row,
        "form": form,
        "changes": changes_of(row),
    }
    return render(request, "web/edit/indicator.html", context)


def _item_page(
    request: HttpRequest,
    programme: Programme,
    form: EditForm,
    *,
    section: str,
    caption: str,
    heading: str,
    lead: str,
    back: str,
    what: str,
    changes: list[Change],
) -> HttpResponse:
    context = {
        "programme": programme,
        "section": section,
        "form": form,
        "caption": caption,
        "heading": heading,
        "lead": lead,
        "back_url": back,
        "post_url": request.path,
        "what": what,
        "changes": changes,
    }
    return render(request, "web/edit/item.html", context)


@role_required("admin")
@require_http_methods(["GET", "POST"])
def action_change(request: HttpRequest, programme: str, action: str) -> HttpResponse:
    """Change an action of the plan: title, owner, due date, recommendations, evidence items."""
    found_programme = programme_or_404(programme)
    row = found(queries.action_get, programme=found_programme, key=action)
    form = ActionForm(posted(request), initial=ActionForm.initial_of(row, version_of(row)))

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return action_edit(
            action=row, changes=changes, reason=reason, version=version, user=request.user
        )

    if saved(request, form, save, f"the action “{row.title}”"):
        return redirect("plan", programme=found_programme.key)
    return _item_page(
        request,
        found_programme,
        form,
        section="plan",
        caption="Change an action",
        heading=row.title,
        lead="The action is held to the same rules as in the programme file. "
        "A new due date needs a reason.",
        back=reverse("plan", args=[found_programme.key]),
        what="this action",
        changes=changes_of(row),
    )


@role_required("admin")
@require_http_methods(["GET", "POST"])
def milestone_change(
    request: HttpRequest, programme: str, action: str, milestone: str
) -> HttpResponse:
    """Change a milestone: its title, due date (re-dated with a reason), indicator and value."""
    found_programme = programme_or_404(programme)
    row = found(
        queries.milestone_get, programme=found_programme, action=action, milestone=milestone
    )
    indicators = [(i.key, str(i)) for i in found_programme.indicators.all()]
    form = MilestoneForm(
        posted(request),
        initial=MilestoneForm.initial_of(row, version_of(row)),
        indicators=indicators,
    )

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return milestone_edit(
            milestone=row, changes=changes, reason=reason, version=version, user=request.user
        )

    if saved(request, form, save, f"the milestone “{row.title}”"):
        return redirect("plan", programme=found_programme.key)
    return _item_page(
        request,
        found_programme,
        form,
        section="plan",
        caption=f"Change a milestone of “{row.action.title}”"[:300],
        heading=row.title,
        lead="The milestone is held to the same rules as in the programme file. "
        "A new due date needs a reason.",
        back=reverse("plan", args=[found_programme.key]),
        what="this milestone",
        changes=changes_of(row),
    )


@role_required("admin")
@require_http_methods(["GET", "POST"])
def risk_change(request: HttpRequest, programme: str, risk: str) -> HttpResponse:
    """Change a risk as the plan assessed it (its reviews are recorded on a page of their own)."""
    found_programme = programme_or_404(programme)
    row = found(queries.risk_get, programme=found_programme, key=risk)
    form = RiskForm(posted(request), initial=RiskForm.initial_of(row, version_of(row)))

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return risk_edit(
            risk=row, changes=changes, reason=reason, version=version, user=request.user
        )

    if saved(request, form, save, f"the risk “{row.title}”"):
        return redirect("risks", programme=found_programme.key)
    return _item_page(
        request,
        found_programme,
        form,
        section="risks",
        caption="Change a risk",
        heading=row.title,
        lead="The risk is held to the same rules as in the programme file; its scores here are "
        "before mitigation (a review records them after).",
        back=reverse("risks", args=[found_programme.key]),
        what="this risk",
        changes=changes_of(row),
    )


@role_required("admin")
@require_http_methods(["GET", "POST"])
def meeting_change(request: HttpRequest, programme: str, period: str) -> HttpResponse:
    """Change a meeting's date (moved with a reason) or notes."""
    found_programme = programme_or_404(programme)
    row = found(meeting_get, programme=found_programme, period=period)
    form = MeetingForm(posted(request), initial=MeetingForm.initial_of(row, version_of(row)))

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return meeting_edit(
            meeting=row, changes=changes, reason=reason, version=version, user=request.user
        )

    back = reverse("meeting", args=[found_programme.key, row.period])
    if saved(request, form, save, "the meeting"):
        return redirect(back)
    return _item_page(
        request,
        found_programme,
        form,
        section="meetings",
        caption="Change a meeting",
        heading=f"The board meeting for {row.period}",
        lead="The meeting is held to the same rules as in the programme file. "
        "A new date needs a reason.",
        back=back,
        what="this meeting",
        changes=changes_of(row),
    )


@role_required("admin")
@require_http_methods(["GET", "POST"])
def report_change(request: HttpRequest, programme: str, period: str, report: str) -> HttpResponse:
    """Change a report due at a meeting (a standing report is changed in the programme file)."""
    found_programme = programme_or_404(programme)
    meeting = found(meeting_get, programme=found_programme, period=period)
    row = found(queries.report_item_get, meeting=meeting, key=report)
    if row.standing:
        raise Http404("a standing report is changed in the programme file")
    form = ReportForm(posted(request), initial=ReportForm.initial_of(row, version_of(row)))

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return report_edit(
            report=row, changes=changes, reason=reason, version=version, user=request.user
        )

    back = reverse("meeting", args=[found_programme.key, meeting.period])
    if saved(request, form, save, "the report"):
        return redirect(back)
    return _item_page(
        request,
        found_programme,
        form,
        section="meetings",
        caption=f"Change a report due at the meeting for {meeting.period}",
        heading=row.title,
        lead="The report is held to the same rules as in the programme file.",
        back=back,
        what="this report",
        changes=changes_of(row),
    )


@role_required("admin")
@require_safe
def programme_parts(request: HttpRequest, programme: str) -> HttpResponse:
    """The parts of the programme that no other page changes: its recommendations, success
    criteria and evidence items, each with a link to change it."""
    found_programme = programme_or_404(programme)
    context = {
        "programme": found_programme,
        "section": "plan",
        "recommendations": found_programme.recs.order_by("id"),
        "criteria": found_programme.criteria.all(),
        "evidence": found_programme.evidence.all(),
    }
    return render(request, "web/edit/parts.html", context)


def _part(lookup: Any, **where: Any) -> Any:
    row = lookup.filter(**where).first()
    if row is None:
        raise Http404("no such part of the programme")
    return row


@role_required("admin")
@require_http_methods(["GET", "POST"])
def recommendation_change(request: HttpRequest, programme: str, number: str) -> HttpResponse:
    """Change a recommendation's title."""
    found_programme = programme_or_404(programme)
    row = _part(Recommendation.objects, programme=found_programme, number=number)
    form = RecommendationForm(
        posted(request), initial=RecommendationForm.initial_of(row, version_of(row))
    )

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return recommendation_edit(
            recommendation=row, changes=changes, reason=reason, version=version, user=request.user
        )

    back = reverse("programme-parts", args=[found_programme.key])
    if saved(request, form, save, f"recommendation {row.number}"):
        return redirect(back)
    return _item_page(
        request,
        found_programme,
        form,
        section="plan",
        caption=f"Change recommendation {row.number}",
        heading=row.title,
        lead="Its number stays: indicators, actions, risks and reports cite it.",
        back=back,
        what="this recommendation",
        changes=changes_of(row),
    )


@role_required("admin")
@require_http_methods(["GET", "POST"])
def evidence_item_change(request: HttpRequest, programme: str, number: int) -> HttpResponse:
    """Change an evidence item: area, title, month due, whether due at every meeting, notes."""
    found_programme = programme_or_404(programme)
    row = _part(EvidenceItem.objects, programme=found_programme, number=number)
    form = EvidenceItemForm(
        posted(request), initial=EvidenceItemForm.initial_of(row, version_of(row))
    )

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return evidence_item_edit(
            item=row, changes=changes, reason=reason, version=version, user=request.user
        )

    back = reverse("programme-parts", args=[found_programme.key])
    if saved(request, form, save, f"evidence item {row.number}"):
        return redirect(back)
    return _item_page(
        request,
        found_programme,
        form,
        section="plan",
        caption=f"Change evidence item {row.number}",
        heading=row.title,
        lead="The evidence item is held to the same rules as in the programme file.",
        back=back,
        what="this evidence item",
        changes=changes_of(row),
    )


@role_required("admin")
@require_http_methods(["GET", "POST"])
def criterion_change(request: HttpRequest, programme: str, number: int) -> HttpResponse:
    """Change a success criterion: its title and the evidence items that show it."""
    found_programme = programme_or_404(programme)
    row = _part(SuccessCriterion.objects, programme=found_programme, number=number)
    form = CriterionForm(posted(request), initial=CriterionForm.initial_of(row, version_of(row)))

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return criterion_edit(
            criterion=row, changes=changes, reason=reason, version=version, user=request.user
        )

    back = reverse("programme-parts", args=[found_programme.key])
    if saved(request, form, save, f"success criterion {row.number}"):
        return redirect(back)
    return _item_page(
        request,
        found_programme,
        form,
        section="plan",
        caption=f"Change success criterion {row.number}",
        heading=row.title,
        lead="The success criterion is held to the same rules as in the programme file.",
        back=back,
        what="this success criterion",
        changes=changes_of(row),
    )
