"""What the API's reads return, gathered from the store as plain data in a few queries each.

Nothing here judges: an action's status comes from the plans selectors (``action_status_of``),
statuses and exceptions from the pack build (api/statuses.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Prefetch

from improvement_board.api.auth import role_held
from improvement_board.api.models import Token
from improvement_board.api.statuses import marker_record
from improvement_board.core.markers import stored_marker
from improvement_board.meetings.models import IssuedPack
from improvement_board.plans.models import Evidence, Milestone, RiskReview
from improvement_board.plans.selectors import action_status_of
from improvement_board.programmes.members import programmes_visible
from improvement_board.programmes.models import Indicator, Measurement, Programme


def _name(user: Any) -> str:
    return user.get_username() if user is not None else ""


def programme_record(programme: Programme, token: Token) -> dict[str, Any]:
    return {
        "key": programme.key,
        "name": programme.name,
        "council": programme.council,
        "council_code": programme.council_code,
        "role": role_held(token, programme) or "",
        "baseline_date": programme.baseline_date,
        "target_date": programme.target_date,
        "first_period": programme.first_period,
        "last_period": programme.last_period,
        "synthetic": programme.synthetic,
    }


def programmes_of(token: Token) -> list[dict[str, Any]]:
    """The programmes the token's holder belongs to (every one, for an administrator)."""
    return [programme_record(p, token) for p in programmes_visible(user=token.user)]


def indicators_of(programme: Programme) -> list[Indicator]:
    return list(programme.indicators.all())


def figures_of(indicator: Indicator) -> list[dict[str, Any]]:
    """Each period's current figure with every version of it, newest first."""
    versions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    history = Measurement.history.filter(indicator=indicator).select_related("history_user")
    for record in history.order_by("-history_date", "-history_id"):
        versions[record.id].append(
            {
                "revision": record.revision,
                "value": record.value,
                "numerator": record.numerator,
                "denominator": record.denominator,
                "marker": marker_record(stored_marker(record.marker)),
                "status": record.status,
                "note": record.note,
                "source": record.source,
                "when": record.history_date,
                "who": _name(record.history_user) or "the system",
                "why": record.history_change_reason or "",
            }
        )
    rows = indicator.measurements.select_related("recorded_by").order_by("period")
    return [
        {
            "period": m.period,
            "value": m.value,
            "numerator": m.numerator,
            "denominator": m.denominator,
            "marker": marker_record(stored_marker(m.marker)),
            "status": m.status,
            "note": m.note,
            "source": m.source,
            "revision": m.revision,
            "recorded_at": m.recorded_at,
            "recorded_by": _name(m.recorded_by),
            "versions": versions.get(m.pk, []),
        }
        for m in rows
    ]


def _evidence(rows: Any) -> list[dict[str, Any]]:
    return [
        {"note": e.note, "link": e.link, "added_at": e.added_at, "added_by": _name(e.added_by)}
        for e in rows
    ]


def actions_of(programme: Programme, on: date) -> list[dict[str, Any]]:
    """The action plan, each action with the status the board reads as at ``on``."""
    evidence = Evidence.objects.select_related("added_by").order_by("added_at", "id")
    milestones = Milestone.objects.order_by("due", "key").prefetch_related(
        Prefetch("evidence", queryset=evidence)
    )
    actions = programme.actions.prefetch_related(
        Prefetch("milestones", queryset=milestones), Prefetch("evidence", queryset=evidence)
    )
    records = []
    for action in actions:
        status = action_status_of(action=action, as_at=on)
        records.append(
            {
                "key": action.key,
                "title": action.title,
                "owner": action.owner,
                "due": action.due,
                "recommendations": action.recommendations,
                "status": status.status,
                "status_word": status.word,
                "status_basis": status.basis,
                "evidence": _evidence(action.evidence.all()),
                "milestones": [
                    {
                        "key": m.key,
                        "title": m.title,
                        "due": m.due,
                        "completed_on": m.completed_on,
                        "indicator": m.indicator_key,
                        "threshold": m.value if m.indicator_key else None,
                        "evidence": _evidence(m.evidence.all()),
                    }
                    for m in action.milestones.all()
                ],
            }
        )
    return records


def risks_of(programme: Programme) -> list[dict[str, Any]]:
    """The risk log, open risks first, each with its reviews newest first."""
    reviews = RiskReview.objects.select_related("reviewer").order_by("-reviewed_on", "-id")
    risks = programme.risks.order_by("closed", "position").prefetch_related(
        Prefetch("reviews", queryset=reviews)
    )
    return [
        {
            "key": r.key,
            "title": r.title,
            "cause": r.cause,
            "effect": r.effect,
            "owner": r.owner,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "inherent_score": r.inherent_score,
            "residual_likelihood": r.residual_likelihood,
            "residual_impact": r.residual_impact,
            "score": r.score,
            "mitigation": r.mitigation,
            "proximity": r.proximity,
            "review_date": r.review_date,
            "closed": r.closed,
            "recommendations": r.recommendations,
            "reviews": [
                {
                    "reviewed_on": v.reviewed_on,
                    "likelihood": v.likelihood,
                    "impact": v.impact,
                    "next_review": v.next_review,
                    "note": v.note,
                    "reviewer": _name(v.reviewer),
                }
                for v in r.reviews.all()
            ],
        }
        for r in risks
    ]


def meetings_of(programme: Programme) -> list[dict[str, Any]]:
    """The meetings in order, with the reports due at each and every pack issued for it."""
    issued = IssuedPack.objects.select_related("issued_by")
    meetings = programme.meetings.prefetch_related("reports", Prefetch("packs", queryset=issued))
    return [
        {
            "period": m.period,
            "date": m.date,
            "notes": m.notes,
            "reports": [
                {
                    "key": r.key,
                    "title": r.title,
                    "owner": r.owner,
                    "status": r.status,
                    "received_on": r.received_on,
                    "standing": r.standing,
                    "recommendations": r.recommendations,
                }
                for r in m.reports.all()
            ],
            "issued": [
                {
                    "version": p.version,
                    "kind": p.kind,
                    "sha256": p.sha256,
                    "issued_at": p.issued_at,
                    "issued_by": _name(p.issued_by),
                }
                for p in m.packs.all()
            ],
        }
        for m in meetings
    ]
