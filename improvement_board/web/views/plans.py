"""The action plan with its milestones and evidence, and the risk log with its reviews."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from improvement_board.plans.services import milestone_complete, risk_review
from improvement_board.web import queries
from improvement_board.web.forms import MilestoneCompleteForm, RiskReviewForm
from improvement_board.web.roles import has_role, role_required
from improvement_board.web.views.common import found, posted, programme_or_404


@role_required("reader")
@require_safe
def plan(request: HttpRequest, programme: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    context = {
        "programme": found_programme,
        "section": "plan",
        "actions": queries.action_plan(programme=found_programme),
        "today": date.today(),
        "can_write": has_role(request.user, "officer"),
    }
    return render(request, "web/plan.html", context)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def milestone_done(
    request: HttpRequest, programme: str, action: str, milestone: str
) -> HttpResponse:
    """Mark a milestone complete with the evidence that shows it."""
    found_programme = programme_or_404(programme)
    found_milestone = found(
        queries.milestone_get, programme=found_programme, action=action, milestone=milestone
    )
    initial = {"on": found_milestone.completed_on}
    form = MilestoneCompleteForm(posted(request), initial=initial)
    if form.is_valid():
        milestone_complete(
            milestone=found_milestone,
            on=form.cleaned_data["on"],
            evidence=form.cleaned_data["evidence"].strip(),
            link=form.cleaned_data["link"],
            user=request.user,
        )
        messages.success(request, f"“{found_milestone.title}” is complete, with its evidence.")
        return redirect("plan", programme=found_programme.key)
    context = {"programme": found_programme, "section": "plan"}
    context.update(milestone=found_milestone, form=form)
    return render(request, "web/milestone_form.html", context)


@role_required("reader")
@require_safe
def risks(request: HttpRequest, programme: str) -> HttpResponse:
    found_programme = programme_or_404(programme)
    context = {
        "programme": found_programme,
        "section": "risks",
        "risks": queries.risk_log(programme=found_programme),
        "can_write": has_role(request.user, "officer"),
    }
    return render(request, "web/risks.html", context)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def risk_review_add(request: HttpRequest, programme: str, risk: str) -> HttpResponse:
    """Record a review of a risk: its scores now and what was decided."""
    found_programme = programme_or_404(programme)
    found_risk = found(queries.risk_get, programme=found_programme, key=risk)
    initial = {"likelihood": found_risk.likelihood, "impact": found_risk.impact}
    form = RiskReviewForm(posted(request), initial=initial)
    if form.is_valid():
        risk_review(
            risk=found_risk,
            on=form.cleaned_data["on"],
            likelihood=form.cleaned_data["likelihood"],
            impact=form.cleaned_data["impact"],
            note=form.cleaned_data["note"].strip(),
            user=request.user,
        )
        messages.success(request, f"The review of “{found_risk.title}” is recorded.")
        return redirect("risks", programme=found_programme.key)
    context = {"programme": found_programme, "section": "risks", "risk": found_risk, "form": form}
    return render(request, "web/risk_review_form.html", context)
