"""Every change as a table: who, when, what changed and why, newest first.

The rows are the history each audited row keeps (improvement_board/history.py), across the
programme: its settings, indicators, figures, commentary, comparator figures, actions,
milestones, evidence, risks, escalations, recommendations, evidence items, success criteria,
meetings, reports received, and its members and their accounts
(never a password). For one indicator: the indicator, its figures, commentary and comparator
figures. History is never published: its earlier figures would give a suppressed one back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from improvement_board.accounts.models import User
from improvement_board.core.exports.model import Column, Sheet, Value
from improvement_board.exports.selectors import local
from improvement_board.history import changes_by_row
from improvement_board.meetings.models import Meeting, ReportItem
from improvement_board.plans.models import (
    Action,
    Escalation,
    Evidence,
    EvidenceItem,
    Milestone,
    Risk,
    SuccessCriterion,
)
from improvement_board.programmes.models import (
    Commentary,
    ComparatorValue,
    Indicator,
    Measurement,
    Membership,
    Programme,
    Recommendation,
)


@dataclass(frozen=True)
class Names:
    """What a history record's links name, read once for the programme."""

    indicators: dict[int, str]
    actions: dict[int, str]
    milestones: dict[int, str]
    meetings: dict[int, str]
    users: dict[int, str]

    @classmethod
    def of(cls, programme: Programme) -> Names:
        milestones = Milestone.objects.filter(action__programme=programme).select_related("action")
        return cls(
            indicators={i.pk: i.code or i.title for i in programme.indicators.all()},
            actions=dict(programme.actions.values_list("pk", "title")),
            milestones={m.pk: f"{m.action.title}: {m.title}" for m in milestones},
            meetings=dict(programme.meetings.values_list("pk", "period")),
            users=dict(User.objects.values_list("pk", "username")),
        )


Label = Callable[[Any, Names], str]


@dataclass(frozen=True)
class Source:
    """One kind of audited row: its history, how to find the programme's, how to name a row."""

    kind: str
    model: Any
    programme: Callable[[Programme], Q]
    label: Label
    indicator: str | None = None
    """The path from the row to its indicator, for the history of one indicator."""


def _evidence(record: Any, names: Names) -> str:
    of = names.milestones.get(record.milestone_id) or names.actions.get(record.action_id, "")
    return f"evidence for {of}"


SOURCES = (
    Source("Programme", Programme, lambda p: Q(id=p.pk), lambda r, n: r.name),
    Source(
        "Indicator",
        Indicator,
        lambda p: Q(programme=p),
        lambda r, n: r.code or r.title,
        indicator="id",
    ),
    Source(
        "Figure",
        Measurement,
        lambda p: Q(indicator__programme=p),
        lambda r, n: f"{n.indicators.get(r.indicator_id, '')} {r.period}",
        indicator="indicator",
    ),
    Source(
        "Commentary",
        Commentary,
        lambda p: Q(indicator__programme=p),
        lambda r, n: f"{n.indicators.get(r.indicator_id, '')} {r.period}",
        indicator="indicator",
    ),
    Source(
        "Comparator figure",
        ComparatorValue,
        lambda p: Q(indicator__programme=p),
        lambda r, n: f"{n.indicators.get(r.indicator_id, '')} {r.council} {r.period}",
        indicator="indicator",
    ),
    Source("Action", Action, lambda p: Q(programme=p), lambda r, n: r.title),
    Source(
        "Milestone",
        Milestone,
        lambda p: Q(action__programme=p),
        lambda r, n: n.milestones.get(r.id, r.title),
    ),
    Source(
        "Evidence",
        Evidence,
        lambda p: Q(milestone__action__programme=p) | Q(action__programme=p),
        _evidence,
    ),
    Source("Risk", Risk, lambda p: Q(programme=p), lambda r, n: r.title),
    Source("Escalation", Escalation, lambda p: Q(programme=p), lambda r, n: r.title),
    Source(
        "Recommendation",
        Recommendation,
        lambda p: Q(programme=p),
        lambda r, n: f"{r.number} {r.title}",
    ),
    Source(
        "Evidence item",
        EvidenceItem,
        lambda p: Q(programme=p),
        lambda r, n: f"{r.number}. {r.title}",
    ),
    Source(
        "Success criterion",
        SuccessCriterion,
        lambda p: Q(programme=p),
        lambda r, n: f"{r.number}. {r.title}",
    ),
    Source("Meeting", Meeting, lambda p: Q(programme=p), lambda r, n: f"{r.period} meeting"),
    Source(
        "Report",
        ReportItem,
        lambda p: Q(meeting__programme=p),
        lambda r, n: f"{r.title} ({n.meetings.get(r.meeting_id, '')} meeting)",
    ),
    Source(
        "Member",
        Membership,
        lambda p: Q(programme=p),
        lambda r, n: f"{n.users.get(r.user_id, '')} as {r.role}",
    ),
    Source(
        "User",
        User,
        lambda p: Q(id__in=p.memberships.values("user")),
        lambda r, n: r.username,
    ),
)


def history_sheet(*, programme: Programme, indicator: Indicator | None = None) -> Sheet:
    """Every change to the programme (or to one indicator and its figures), newest first."""
    names = Names.of(programme)
    found: list[tuple[datetime, tuple[Value, ...]]] = []
    for source in SOURCES:
        if indicator is not None and source.indicator is None:
            continue
        records = source.model.history.filter(source.programme(programme))
        if indicator is not None:
            records = records.filter(**{source.indicator or "id": indicator.pk})
        records = list(records.select_related("history_user").order_by("-history_date"))
        labels: dict[int, str] = {}
        for record in records:
            labels.setdefault(record.id, source.label(record, names))
        for row, changes in changes_by_row(records).items():
            for change in changes:
                cells = (
                    local(change.when),
                    change.who,
                    source.kind,
                    labels[row],
                    change.kind,
                    change.what,
                    change.why,
                )
                found.append((change.when, cells))
    found.sort(key=lambda entry: entry[0], reverse=True)
    columns = (
        Column("When", "datetime"),
        Column("Who"),
        Column("What"),
        Column("Item"),
        Column("Change"),
        Column("What changed"),
        Column("Why"),
    )
    title = "every change: who, when, what and why"
    if indicator is not None:
        title = f"every change to {indicator.code or indicator.title} and its figures"
    return Sheet("Changes", title, columns, tuple(cells for _, cells in found))
