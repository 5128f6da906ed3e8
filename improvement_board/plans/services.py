"""Writes to the action plan and risk log; each change keeps who, when and why in its history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from improvement_board.audit import audited_save
from improvement_board.plans.models import (
    Action,
    ActionStatus,
    Escalation,
    EscalationKind,
    Evidence,
    Milestone,
    Risk,
    RiskReview,
)
from improvement_board.programmes.models import Programme


@transaction.atomic
def milestone_complete(
    *, milestone: Milestone, on: date, evidence: str, user: Any = None, link: str = ""
) -> Milestone:
    """Mark a milestone done on a date, with the evidence that shows it (required)."""
    if not evidence.strip():
        raise ValueError("a completed milestone needs evidence: say what shows it was achieved")
    milestone.completed_on = on
    audited_save(milestone, user=user, reason=f"completed on {on.isoformat()}")
    Evidence.objects.create(milestone=milestone, note=evidence, link=link, added_by=user)
    return milestone


@transaction.atomic
def risk_review(
    *,
    risk: Risk,
    on: date,
    likelihood: int,
    impact: int,
    note: str,
    next_review: date | None = None,
    user: Any = None,
) -> RiskReview:
    """Record a review: the residual scores now (after mitigation), what was decided, and when
    the risk is next to be reviewed (``next_review``, else the programme's review period on)."""
    for name, score in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= score <= 5:
            raise ValueError(f"{name} must be 1 to 5, not {score}")
    if not note.strip():
        raise ValueError("a review needs what it decided")
    following = next_review or on + timedelta(days=risk.programme.review_days)
    if following <= on:
        raise ValueError("the next review must be after this one")
    review = RiskReview.objects.create(
        risk=risk,
        reviewed_on=on,
        likelihood=likelihood,
        impact=impact,
        next_review=following,
        note=note,
        reviewer=user,
    )
    risk.residual_likelihood, risk.residual_impact = likelihood, impact
    risk.review_date = following
    audited_save(risk, user=user, reason=f"reviewed on {on.isoformat()}: {note}")
    return review


@transaction.atomic
def escalation_record(
    *,
    programme: Programme,
    kind: str,
    key: str,
    title: str,
    on: date,
    to: str,
    reason: str,
    user: Any = None,
) -> Escalation:
    """Record that an exception went beyond the board: to whom, when and why."""
    if kind not in EscalationKind.values:
        raise ValueError(f"kind must be one of {', '.join(EscalationKind.values)}, not {kind!r}")
    if not to.strip() or not reason.strip():
        raise ValueError("an escalation needs whom it went to and why")
    open_already = Escalation.objects.filter(
        programme=programme, kind=kind, key=key, resolved_on__isnull=True
    ).first()
    if open_already is not None:
        raise ValueError(
            f"{title} is already escalated (to {open_already.escalated_to} on "
            f"{open_already.escalated_on:%d %B %Y}): record its outcome first"
        )
    row = Escalation(
        programme=programme,
        kind=kind,
        key=key,
        title=title,
        escalated_on=on,
        escalated_to=to.strip(),
        reason=reason.strip(),
        raised_by=user,
    )
    audited_save(row, user=user, reason=reason.strip())
    return row


def escalation_resolve(
    *, escalation: Escalation, outcome: str, on: date | None, user: Any = None
) -> Escalation:
    """Record what came of an escalation; with a date it is resolved and leaves the exceptions."""
    if not outcome.strip():
        raise ValueError("say what came of the escalation")
    if on is not None and on < escalation.escalated_on:
        raise ValueError("an escalation cannot be resolved before it was raised")
    escalation.outcome, escalation.resolved_on = outcome.strip(), on
    reason = f"resolved on {on.isoformat()}" if on else "outcome recorded"
    audited_save(escalation, user=user, reason=f"{reason}: {outcome.strip()}")
    return escalation


def action_status_set(
    *, action: Action, status: str | None, reason: str, user: Any = None
) -> Action:
    """Set an action's status by hand, with the reason the board will read; ``None`` hands it
    back to its milestones."""
    if not reason.strip():
        raise ValueError("say why the status is set by hand (or handed back to the milestones)")
    if status is None:
        action.status_override, action.status_reason = False, ""
        audited_save(action, user=user, reason=f"status from its milestones again: {reason}")
        return action
    if status not in ActionStatus.values:
        raise ValueError(f"status must be one of {', '.join(ActionStatus.values)}, not {status!r}")
    action.status, action.status_override, action.status_reason = status, True, reason.strip()
    audited_save(action, user=user, reason=f"status set to {status}: {reason.strip()}")
    return action
