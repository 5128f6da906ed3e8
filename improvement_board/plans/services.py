"""Writes to the action plan and risk log; each change keeps who, when and why in its history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from improvement_board.audit import audited_save
from improvement_board.plans.models import Evidence, Milestone, Risk, RiskReview


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
    *, risk: Risk, on: date, likelihood: int, impact: int, note: str, user: Any = None
) -> RiskReview:
    """Record a review: the scores now, what was decided; the risk takes the new scores."""
    for name, score in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= score <= 5:
            raise ValueError(f"{name} must be 1 to 5, not {score}")
    review = RiskReview.objects.create(
        risk=risk, reviewed_on=on, likelihood=likelihood, impact=impact, note=note, reviewer=user
    )
    risk.likelihood, risk.impact = likelihood, impact
    audited_save(risk, user=user, reason=f"reviewed on {on.isoformat()}: {note}")
    return review
