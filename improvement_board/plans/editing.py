"""Editing the action plan and the risk log in the app, held to the programme file's rules.

The programme's data with the item changed is checked by the core as a whole (see
programmes/editing.py), so an action, milestone or risk changed on a page is refused for
exactly what the same change in the programme file would be refused for. A new due date (a
re-dating) needs a reason, kept in the history with who made it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from improvement_board.plans.models import Action, EvidenceItem, Milestone, Risk, SuccessCriterion
from improvement_board.programmes.editing import Edit, apply_edit, position

REDATING_REASON = "Give the reason for the change: a new due date needs one the board can read"


def action_edit(
    *, action: Action, changes: Mapping[str, Any], reason: str, version: str, user: Any
) -> list[str]:
    """Change an action (title, owner, due date, recommendations, evidence items, notes); a new
    due date needs a reason. Returns the fields that changed."""
    key = action.key
    edit = Edit(
        row=action,
        label=f"The action “{action.title}”",
        locate=lambda data: ("actions", position(data["actions"], "key", key, key)),
        reasons={"due": REDATING_REASON},
    )
    return apply_edit(
        programme=action.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )


def milestone_edit(
    *, milestone: Milestone, changes: Mapping[str, Any], reason: str, version: str, user: Any
) -> list[str]:
    """Change a milestone of an action (title, due date, the indicator and value it is tied
    to); a new due date needs a reason. Returns the fields that changed."""
    action, key = milestone.action, milestone.key

    def locate(data: dict[str, Any]) -> tuple[Any, ...]:
        a = position(data["actions"], "key", action.key, action.key)
        label = f"{action.key}/{key}"
        return (
            "actions",
            a,
            "milestones",
            position(data["actions"][a]["milestones"], "key", key, label),
        )

    edit = Edit(
        row=milestone,
        label=f"The milestone “{milestone.title}”",
        locate=locate,
        columns={"indicator": "indicator_key"},
        reasons={"due": REDATING_REASON},
    )
    return apply_edit(
        programme=action.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )


def risk_edit(
    *, risk: Risk, changes: Mapping[str, Any], reason: str, version: str, user: Any
) -> list[str]:
    """Change a risk as the plan assessed it (title, cause, effect, owner, inherent scores,
    mitigation, proximity, review date, recommendations, notes). Returns the fields changed."""
    key = risk.key
    edit = Edit(
        row=risk,
        label=f"The risk “{risk.title}”",
        locate=lambda data: ("risks", position(data["risks"], "key", key, key)),
    )
    return apply_edit(
        programme=risk.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )


def evidence_item_edit(
    *, item: EvidenceItem, changes: Mapping[str, Any], reason: str, version: str, user: Any
) -> list[str]:
    """Change an evidence item (area, title, month due, whether due at every meeting, notes)."""
    number = item.number
    edit = Edit(
        row=item,
        label=f"Evidence item {number}",
        locate=lambda data: (
            "evidence_items",
            position(data["evidence_items"], "number", number, f"evidence item {number}"),
        ),
    )
    return apply_edit(
        programme=item.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )


def criterion_edit(
    *,
    criterion: SuccessCriterion,
    changes: Mapping[str, Any],
    reason: str,
    version: str,
    user: Any,
) -> list[str]:
    """Change a success criterion (its title and the evidence items that show it)."""
    number = criterion.number
    edit = Edit(
        row=criterion,
        label=f"Success criterion {number}",
        locate=lambda data: (
            "success_criteria",
            position(data["success_criteria"], "number", number, f"success criterion {number}"),
        ),
    )
    return apply_edit(
        programme=criterion.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )
