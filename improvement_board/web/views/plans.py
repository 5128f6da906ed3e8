"""The action plan with its milestones and evidence, and the risk log with its reviews."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from improvement_board.history import Change
from improvement_board.plans.selectors import action_status_of
from improvement_board.plans.services import (
    action_status_set,
    escalation_record,
    escalation_resolve,
    milestone_complete,
    risk_review,
)
from improvement_board.web import queries
from improvement_board.web.forms import (
    ActionStatusForm,
    EscalationForm,
    EscalationOutcomeForm,
    MilestoneCompleteForm,
    RiskReviewForm,
)
from improvement_board.web.roles import has_role, role_required
from improvement_board.web.views.common import found, posted, programme_or_404


@role_required("reader")
@require_safe
def plan(request: HttpRequest, programme: str) -> HttpResponse:
    """The actions, each with the status its milestones give (or a person set, with why), its
    milestones and evidence, and every change made to them."""
    found_programme = programme_or_404(programme)
    today = date.today()
    histories = queries.action_histories(programme=found_programme)
    actions = [
        {
            "action": a,
            "status": action_status_of(action=a, as_at=today),
            "changes": _merged(
                histories["actions"].get(a.pk, []),
                *(histories["milestones"].get(m.pk, []) for m in a.milestones.all()),
            ),
        }
        for a in queries.action_plan(programme=found_programme)
    ]
    context = {
        "programme": found_programme,
        "section": "plan",
        "actions": actions,
        "today": today,
        "can_write": has_role(request.user, "officer", found_programme),
        "can_edit": has_role(request.user, "admin", found_programme),
    }
    return render(request, "web/plan.html", context)


def _merged(*changes: list[Change]) -> list[Change]:
    return sorted((c for group in changes for c in group), key=lambda c: c.when, reverse=True)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def action_status(request: HttpRequest, programme: str, action: str) -> HttpResponse:
    """Set an action's status by hand with a reason, or hand it back to its milestones."""
    found_programme = programme_or_404(programme)
    found_action = found(queries.action_get, programme=found_programme, key=action)
    current = action_status_of(action=found_action, as_at=date.today())
    initial = {"status": found_action.status if found_action.status_override else "milestones"}
    form = ActionStatusForm(posted(request), initial=initial)
    if form.is_valid():
        chosen = form.cleaned_data["status"]
        action_status_set(
            action=found_action,
            status=None if chosen == "milestones" else chosen,
            reason=form.cleaned_data["reason"],
            user=request.user,
        )
        messages.success(request, f"The status of “{found_action.title}” is recorded.")
        return redirect("plan", programme=found_programme.key)
    context = {"programme": found_programme, "section": "plan", "action": found_action}
    context.update(form=form, current=current)
    return render(request, "web/action_status_form.html", context)


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
    """The risk log: inherent and residual scores, reviews, next review, and every change."""
    found_programme = programme_or_404(programme)
    histories = queries.risk_histories(programme=found_programme)
    context = {
        "programme": found_programme,
        "section": "risks",
        "risks": [
            (r, histories.get(r.pk, [])) for r in queries.risk_log(programme=found_programme)
        ],
        "can_write": has_role(request.user, "officer", found_programme),
        "can_edit": has_role(request.user, "admin", found_programme),
    }
    return render(request, "web/risks.html", context)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def risk_review_add(request: HttpRequest, programme: str, risk: str) -> HttpResponse:
    """Record a review of a risk: its scores now and what was decided."""
    found_programme = programme_or_404(programme)
    found_risk = found(queries.risk_get, programme=found_programme, key=risk)
    initial = {
        "likelihood": found_risk.residual_likelihood or found_risk.likelihood,
        "impact": found_risk.residual_impact or found_risk.impact,
    }
    form = RiskReviewForm(posted(request), initial=initial)
    if form.is_valid():
        risk_review(
            risk=found_risk,
            on=form.cleaned_data["on"],
            likelihood=form.cleaned_data["likelihood"],
            impact=form.cleaned_data["impact"],
            note=form.cleaned_data["note"].strip(),
            next_review=form.cleaned_data["next_review"],
            user=request.user,
        )
        messages.success(request, f"The review of “{found_risk.title}” is recorded.")
        return redirect("risks", programme=found_programme.key)
    context = {"programme": found_programme, "section": "risks", "risk": found_risk, "form": form}
    return render(request, "web/risk_review_form.html", context)


@role_required("reader")
@require_safe
def escalations(request: HttpRequest, programme: str) -> HttpResponse:
    """Exceptions escalated beyond the board: open ones first, with what came of each."""
    found_programme = programme_or_404(programme)
    context = {
        "programme": found_programme,
        "section": "risks",
        "escalations": queries.escalations_of(programme=found_programme),
        "can_write": has_role(request.user, "officer", found_programme),
    }
    return render(request, "web/escalations.html", context)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def escalation_add(request: HttpRequest, programme: str) -> HttpResponse:
    """Record that one of today's exceptions was escalated: to whom, when, why."""
    found_programme = programme_or_404(programme)
    items = {
        f"{i.kind}:{i.key}": i
        for i in queries.exceptions_now(programme=found_programme, on=date.today())
    }
    choices = [(k, f"{i.title}: {'; '.join(i.reasons)}") for k, i in items.items()]
    form = EscalationForm(posted(request), choices=choices, initial={"on": date.today()})
    if form.is_valid():
        item = items[form.cleaned_data["exception"]]
        try:
            escalation_record(
                programme=found_programme,
                kind=item.kind,
                key=item.key,
                title=item.title,
                on=form.cleaned_data["on"],
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValueError as error:
            form.add_error("exception", str(error))
        else:
            messages.success(request, f"The escalation of “{item.title}” is recorded.")
            return redirect("escalations", programme=found_programme.key)
    context = {"programme": found_programme, "section": "risks", "form": form}
    return render(request, "web/escalation_form.html", context)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def escalation_outcome(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Record what came of an escalation, and when it was resolved."""
    found_programme = programme_or_404(programme)
    escalation = found(queries.escalation_get, programme=found_programme, pk=pk)
    initial = {"outcome": escalation.outcome, "resolved_on": escalation.resolved_on}
    form = EscalationOutcomeForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            escalation_resolve(
                escalation=escalation,
                outcome=form.cleaned_data["outcome"],
                on=form.cleaned_data["resolved_on"],
                user=request.user,
            )
        except ValueError as error:
            form.add_error("resolved_on", str(error))
        else:
            messages.success(request, f"The outcome for “{escalation.title}” is recorded.")
            return redirect("escalations", programme=found_programme.key)
    context = {"programme": found_programme, "section": "risks", "form": form}
    context["escalation"] = escalation
    return render(request, "web/escalation_outcome_form.html", context)
