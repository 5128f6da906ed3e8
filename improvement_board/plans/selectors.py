"""Reads of the action plan and the risk log, as the core's plain inputs."""

from __future__ import annotations

from datetime import date

from improvement_board.core.actions import ActionStatus, action_status
from improvement_board.core.exceptions import Escalation as EscalationNote
from improvement_board.plans.models import Action, Escalation
from improvement_board.programmes.models import Programme


def escalations_open(*, programme: Programme, on: date) -> list[EscalationNote]:
    """Escalations raised by ``on`` and not resolved by then, as the exception report reads them."""
    rows = Escalation.objects.filter(programme=programme, escalated_on__lte=on).exclude(
        resolved_on__lte=on
    )
    return [
        EscalationNote(row.kind, row.key, row.escalated_on, row.escalated_to, row.outcome)  # type: ignore[arg-type]
        for row in rows
    ]


def action_status_of(*, action: Action, as_at: date) -> ActionStatus:
    """The status the board reads: from the milestones (prefetched), unless set by hand."""
    return action_status(
        action.status,  # type: ignore[arg-type]
        [m.completed_on for m in action.milestones.all()],
        as_at=as_at,
        override=action.status_reason if action.status_override else None,
    )
