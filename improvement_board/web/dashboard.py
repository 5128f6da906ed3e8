"""Reads for a programme's dashboard: the status the overview shows, what is due by the next
meeting and what has changed since the last one. A fixed number of queries whatever the
number of indicators, milestones or risks; the words and rules are the core's
(``core/dashboard.py``, the pack build)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from improvement_board.core.dashboard import (
    ChangeLine,
    DueLine,
    FigureChange,
    ReportDue,
    commentary_changes,
    figure_changes,
    milestones_due,
    reports_due,
    risk_reviews_due,
)
from improvement_board.core.exceptions import MilestoneDue, RiskEntry
from improvement_board.core.packs.build import build_pack, met_by_figures
from improvement_board.core.packs.model import IndicatorPanel, Pack
from improvement_board.core.periods import Period
from improvement_board.core.reminders import meeting_day as held_on
from improvement_board.meetings.models import Meeting
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.plans.models import RiskReview
from improvement_board.programmes.models import Commentary, Measurement, Programme

OFF_TRACK = ("Red", "Amber")


@dataclass(frozen=True)
class Dashboard:
    month: Period
    pack: Pack
    off_track: list[IndicatorPanel]
    next_meeting: Meeting | None
    next_day: date | None
    reports: list[ReportDue]
    milestones: list[DueLine]
    reviews: list[DueLine]
    last_meeting: Meeting | None
    since: date
    figures: list[ChangeLine]
    commentary: list[ChangeLine]
    completed: list[ChangeLine]
    reviewed: list[ChangeLine]


def meeting_day(meeting: Meeting) -> date:
    """The day a meeting is held, or the first of its month when no day is set (as a pack)."""
    return held_on(Period.parse(meeting.period), meeting.date)


def dashboard(*, programme: Programme, month: Period) -> Dashboard:
    """The programme at a glance as at the end of ``month``."""
    meetings = list(programme.meetings.order_by("period"))
    following = next((m for m in meetings if m.period > str(month)), None)
    last = next((m for m in reversed(meetings) if m.period <= str(month)), None)
    at_pack = next((m for m in meetings if m.period == str(month.shift(1))), None)
    inputs = met_by_figures(
        pack_inputs(programme=programme, period=month.shift(1), meeting=at_pack, charts=False)
    )
    pack = build_pack(inputs)
    overdue_before = month.last_day
    next_day = meeting_day(following) if following is not None else None
    start = Period.parse(programme.first_period).first_day
    since = meeting_day(last) if last is not None else start
    milestones = [
        MilestoneDue(m.key, f"{m.title} ({m.action})", m.due, m.completed_on, m.owner)
        for m in inputs.milestones
    ]
    risks = [
        RiskEntry(
            r.key, r.title, r.likelihood, r.impact, r.review_date, r.last_reviewed, owner=r.owner
        )
        for r in inputs.risks
    ]
    review_days = inputs.programme.programme.review_days
    return Dashboard(
        month=month,
        pack=pack,
        off_track=[p for p in pack.indicators if p.rag_word in OFF_TRACK],
        next_meeting=following,
        next_day=next_day,
        reports=_reports(following),
        milestones=milestones_due(milestones, by=next_day, overdue_before=overdue_before)
        if next_day
        else [],
        reviews=risk_reviews_due(
            risks, by=next_day, overdue_before=overdue_before, review_days=review_days
        )
        if next_day
        else [],
        last_meeting=last,
        since=since,
        figures=figure_changes(_figures_since(programme, since)),
        commentary=commentary_changes(_commentary_since(programme, since)),
        completed=[
            ChangeLine(f"{m.title} ({m.action})", f"completed {_day(m.completed_on)}")
            for m in sorted(inputs.milestones, key=lambda m: (m.completed_on or since, m.key))
            if m.completed_on is not None and m.completed_on >= since
        ],
        reviewed=_reviews_since(programme, since),
    )


def _reports(meeting: Meeting | None) -> list[ReportDue]:
    if meeting is None:
        return []
    return reports_due(ReportDue(r.key, r.title, r.owner, r.status) for r in meeting.reports.all())


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _name(code: str, title: str) -> str:
    return code or title


def _figures_since(programme: Programme, since: date) -> list[FigureChange]:
    rows = (
        Measurement.history.filter(indicator__programme=programme, history_date__gte=_start(since))
        .order_by("indicator__position", "period", "revision")
        .values_list("indicator__code", "indicator__title", "period", "revision")
    )
    return [FigureChange(_name(c, t), Period.parse(p), r) for c, t, p, r in rows]


def _commentary_since(programme: Programme, since: date) -> list[tuple[str, Period]]:
    rows = (
        Commentary.history.filter(indicator__programme=programme, history_date__gte=_start(since))
        .order_by("indicator__position", "period")
        .values_list("indicator__code", "indicator__title", "period")
    )
    return [(_name(c, t), Period.parse(p)) for c, t, p in rows]


def _reviews_since(programme: Programme, since: date) -> list[ChangeLine]:
    rows = (
        RiskReview.objects.filter(risk__programme=programme, reviewed_on__gte=since)
        .select_related("risk")
        .order_by("reviewed_on", "id")
    )
    return [
        ChangeLine(
            r.risk.title, f"reviewed {_day(r.reviewed_on)}, now scored {r.likelihood * r.impact}"
        )
        for r in rows
    ]


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day is not None else "–"
