"""The action plan as tables: the actions with the status their milestones give, the milestones
with theirs, and the evidence recorded for each.

Statuses are the ones the plan page and the pack show: an action's from its milestones unless a
person set it with a reason (``action_status_of``), a milestone's as the pack words it
(``milestone_line``). Marked for publication, the words people wrote (notes, the reason a status
was set by hand, evidence and its link) are printed only once reviewed for publication, and who
added evidence is left out.
"""

from __future__ import annotations

from datetime import date

from improvement_board.core.disclosure import FreeText, published_text
from improvement_board.core.exports.model import Column, Sheet, Value
from improvement_board.core.packs.build import MilestoneState, milestone_line
from improvement_board.exports.selectors import local, reviewed, username
from improvement_board.plans.models import Action, Evidence, Milestone
from improvement_board.plans.selectors import action_status_of
from improvement_board.programmes.models import Programme


def _text(row: object, text: str, publish: bool) -> str:
    return published_text(FreeText(text, reviewed(row)), publish=publish)


def actions_sheet(*, programme: Programme, today: date, publish: bool) -> Sheet:
    columns = (
        Column("Key"),
        Column("Action"),
        Column("Recommendations"),
        Column("Owner"),
        Column("Due", "date"),
        Column("Status"),
        Column("Status from"),
        Column("Completed", "date"),
        Column("Milestones", "integer"),
        Column("Milestones done", "integer"),
        Column("Evidence items"),
        Column("Notes"),
    )
    rows = []
    for action in programme.actions.prefetch_related("milestones"):
        status = action_status_of(action=action, as_at=today)
        basis = status.basis
        if publish and action.status_override:
            basis = "set by hand: " + _text(action, action.status_reason, publish)
        milestones = list(action.milestones.all())
        rows.append(
            (
                action.key,
                action.title,
                ", ".join(action.recommendations),
                action.owner,
                action.due,
                status.word,
                basis,
                action.completed_on,
                len(milestones),
                sum(m.completed_on is not None and m.completed_on <= today for m in milestones),
                ", ".join(str(n) for n in action.evidence_items),
                _text(action, action.notes, publish),
            )
        )
    return Sheet("Actions", f"actions, as at {today:%d %B %Y}", columns, tuple(rows))


def milestones_sheet(*, programme: Programme, today: date, publish: bool) -> Sheet:
    columns = (
        Column("Action key"),
        Column("Action"),
        Column("Key"),
        Column("Milestone"),
        Column("Owner"),
        Column("Due", "date"),
        Column("Completed", "date"),
        Column("Status"),
        Column("Met by indicator"),
        Column("Threshold", "number", 1),
        Column("Evidence", "integer"),
    )
    rows = Milestone.objects.filter(action__programme=programme).select_related("action")
    found: list[tuple[Value, ...]] = []
    for m in rows.prefetch_related("evidence").order_by("action__position", "due", "key"):
        evidence = list(m.evidence.all())
        state = MilestoneState(
            key=f"{m.action.key}/{m.key}",
            action=m.action.title,
            title=m.title,
            owner=m.action.owner,
            due=m.due,
            completed_on=m.completed_on,
            evidence=tuple(e.note for e in evidence),
        )
        found.append(
            (
                m.action.key,
                m.action.title,
                m.key,
                m.title,
                m.action.owner,
                m.due,
                m.completed_on,
                milestone_line(state, today).status,
                m.indicator_key,
                m.value if m.indicator_key else None,
                len(evidence),
            )
        )
    return Sheet("Milestones", f"milestones, as at {today:%d %B %Y}", columns, tuple(found))


def evidence_sheet(*, programme: Programme, publish: bool) -> Sheet:
    columns: tuple[Column, ...] = (
        Column("Action"),
        Column("Milestone"),
        Column("Evidence"),
        Column("Link"),
        Column("Added", "datetime"),
    )
    if not publish:
        columns = (*columns, Column("Added by"))
    rows = (
        Evidence.objects.filter(milestone__action__programme=programme)
        | Evidence.objects.filter(action__programme=programme)
    ).select_related("milestone__action", "action", "added_by")
    found: list[tuple[Value, ...]] = []
    for e in rows.order_by("added_at", "pk"):
        action: Action | None = e.action or (e.milestone.action if e.milestone else None)
        cells: tuple[Value, ...] = (
            action.title if action else "",
            e.milestone.title if e.milestone else "",
            _text(e, e.note, publish),
            _text(e, e.link, publish),
            local(e.added_at),
        )
        found.append(cells if publish else (*cells, username(e.added_by)))
    note = "Marked for publication: evidence not yet reviewed for publication is withheld."
    return Sheet(
        "Evidence",
        "evidence recorded for actions and milestones",
        columns,
        tuple(found),
        note if publish else "",
    )
