"""What is due from each person before a programme's next meeting, and the reminders that say so.

The rules (what is owed, by whom, by when) are the core's (``core/reminders.py``); here the store
is read in one query per table, whatever the size of the programme, and reminders are sent
through Django's e-mail backend (the console by default; SMTP by settings) and recorded, so a
schedule run twice on a day sends once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from improvement_board.accounts.models import SentReminder, User
from improvement_board.accounts.roles import role_of
from improvement_board.core.dashboard import review_due_on
from improvement_board.core.exceptions import RiskEntry
from improvement_board.core.periods import Period
from improvement_board.core.reminders import (
    Due,
    holds_post,
    in_order,
    meeting_day,
    reminder_days,
    reminder_text,
)
from improvement_board.meetings.models import Meeting, ReportItem, ReportStatus
from improvement_board.plans.models import Milestone, Risk
from improvement_board.programmes.models import Commentary, Measurement, Programme
from improvement_board.programmes.selectors import programme_indicator_cadence


@dataclass(frozen=True)
class NextMeeting:
    meeting: Meeting
    held_on: dt.date
    dated: bool
    """Whether the programme gives the day; if not, it is taken as the month's last working day."""

    @property
    def reporting(self) -> Period:
        """The period the meeting's pack reads: the month before it."""
        return Period.parse(self.meeting.period).shift(-1)


def next_meeting(*, programme: Programme, today: dt.date) -> NextMeeting | None:
    """The first meeting held on or after ``today``."""
    for meeting in programme.meetings.order_by("period"):
        held_on = meeting_day(Period.parse(meeting.period), meeting.date)
        if held_on >= today:
            return NextMeeting(meeting=meeting, held_on=held_on, dated=meeting.date is not None)
    return None


def due_from(*, user: Any, programme: Programme, today: dt.date) -> list[Due]:
    """Everything the posts ``user`` holds owe the next meeting, earliest first."""
    coming = next_meeting(programme=programme, today=today)
    if coming is None:
        return []
    return owed(programme=programme, coming=coming, posts={user.pk: _posts_of(user)})[user.pk]


def owed(
    *, programme: Programme, coming: NextMeeting, posts: dict[Any, list[str]]
) -> dict[Any, list[Due]]:
    """What each person (by key, holding the posts given) owes ``coming``, read in one query
    per table."""
    things = list(_owed(programme, coming))
    return {
        who: in_order(d for d in things if holds_post(held, d.owner)) for who, held in posts.items()
    }


def _owed(programme: Programme, coming: NextMeeting) -> Iterable[Due]:
    yield from _figures_and_commentary(programme, coming)
    yield from _milestones(programme, coming)
    yield from _risk_reviews(programme, coming)
    yield from _reports(programme, coming)


def _figures_and_commentary(programme: Programme, coming: NextMeeting) -> Iterable[Due]:
    reporting = coming.reporting
    indicators = list(programme.indicators.exclude(owner="").order_by("position"))
    figures = set(
        Measurement.objects.filter(indicator__in=indicators, period=str(reporting)).values_list(
            "indicator_id", flat=True
        )
    )
    written = set(
        Commentary.objects.filter(indicator__in=indicators, period=str(reporting))
        .exclude(analysis="")
        .values_list("indicator_id", flat=True)
    )
    for indicator in indicators:
        cadence = programme_indicator_cadence(indicator)
        if not cadence.holds(reporting):
            continue
        name = f"{indicator.code or indicator.title}: "
        when = cadence.name(reporting)
        if indicator.pk not in figures:
            yield Due(
                "figure",
                f"{name}figure for {when}",
                indicator.owner,
                coming.held_on,
                _link("indicator", programme, indicator=indicator.key),
            )
        elif indicator.pk not in written:
            yield Due(
                "commentary",
                f"{name}analysis and corrective action on {when}",
                indicator.owner,
                coming.held_on,
                _link("commentary", programme, indicator=indicator.key, period=reporting),
            )


def _milestones(programme: Programme, coming: NextMeeting) -> Iterable[Due]:
    rows = (
        Milestone.objects.filter(action__programme=programme, due__lte=coming.held_on)
        .exclude(action__owner="")
        .filter(indicator_key="")  # a threshold milestone is met by its figures, not evidence
        .select_related("action")
        .prefetch_related("evidence")
    )
    for milestone in rows:
        if milestone.completed_on is not None and milestone.evidence.all():
            continue
        doing = "evidence" if milestone.completed_on else "done, with evidence"
        yield Due(
            "evidence",
            f"{milestone.title}: {doing} (action: {milestone.action.title})",
            milestone.action.owner,
            min(milestone.due, coming.held_on),
            _link("plan", programme),
        )


def _risk_reviews(programme: Programme, coming: NextMeeting) -> Iterable[Due]:
    """Risks whose review falls due by the meeting, by the rule the exception report and the
    dashboard use (their review date, or ``review_days`` after the last review)."""
    rows = (
        Risk.objects.filter(programme=programme, closed=False)
        .exclude(owner="")
        .annotate(last_reviewed=Max("reviews__reviewed_on"))
    )
    for risk in rows:
        entry = RiskEntry(
            risk.key,
            risk.title,
            risk.likelihood,
            risk.impact,
            risk.review_date,
            risk.last_reviewed,
        )
        on = review_due_on(entry, programme.review_days)
        if on is None or on > coming.held_on:
            continue
        yield Due(
            "risk review",
            f"review of the risk: {risk.title}",
            risk.owner,
            min(on, coming.held_on),
            _link("risk-review", programme, risk=risk.key),
        )


def _reports(programme: Programme, coming: NextMeeting) -> Iterable[Due]:
    rows = ReportItem.objects.filter(meeting=coming.meeting, status=ReportStatus.DUE).exclude(
        owner=""
    )
    for report in rows:
        yield Due(
            "report",
            f"report: {report.title}",
            report.owner,
            coming.held_on,
            _link("meeting", programme, period=Period.parse(coming.meeting.period)),
        )


@dataclass(frozen=True)
class Sent:
    """What a run of the reminder schedule did for one person."""

    username: str
    items: int
    outcome: str


@dataclass(frozen=True)
class RemindRun:
    programme: str
    today: dt.date
    meeting: str | None
    reminder_days: list[dt.date]
    people: list[Sent]

    @property
    def sent(self) -> int:
        return sum(1 for p in self.people if p.outcome == "sent")


def remind(*, programme: Programme, today: dt.date, dry_run: bool = False) -> RemindRun:
    """Send today's reminders for the next meeting, if the programme's schedule names today.

    Each person with something due and an e-mail address is sent one message listing it; a
    person already reminded today for that meeting is not sent another.
    """
    coming = next_meeting(programme=programme, today=today)
    schedule = (programme.reminders or {}).get("working_days_before", [])
    days = reminder_days(coming.held_on, schedule) if coming and schedule else []
    run = RemindRun(programme.key, today, coming.meeting.period if coming else None, days, [])
    if coming is None or today not in days:
        return run
    people = [u for u in User.objects.filter(is_active=True) if role_of(u, programme)]
    owing = owed(programme=programme, coming=coming, posts={u.pk: _posts_of(u) for u in people})
    for person in people:
        items = owing.get(person.pk, [])
        if items:
            run.people.append(_send(person, coming, items, today, dry_run=dry_run))
    return run


def _send(
    person: User, coming: NextMeeting, items: list[Due], today: dt.date, *, dry_run: bool
) -> Sent:
    name = person.get_username()
    if not person.email:
        return Sent(name, len(items), "not sent: no e-mail address")
    if SentReminder.objects.filter(user=person, meeting=coming.meeting, sent_on=today).exists():
        return Sent(name, len(items), "already sent today")
    if dry_run:
        return Sent(name, len(items), "would be sent")
    meeting = Period.parse(coming.meeting.period).label
    body = reminder_text(
        person=person.get_full_name() or name, meeting=meeting, held_on=coming.held_on, items=items
    )
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                user=person,
                meeting=coming.meeting,
                sent_on=today,
                sent_at=timezone.now(),
                items=len(items),
            )
            send_mail(
                f"Due before the board's {meeting} meeting",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [person.email],
            )
    except IntegrityError:  # another run sent it a moment ago
        return Sent(name, len(items), "already sent today")
    return Sent(name, len(items), "sent")


def _posts_of(user: Any) -> list[str]:
    posts = [str(p) for p in (user.posts or [])]
    full = user.get_full_name()
    return [*posts, full] if full else posts


def _link(name: str, programme: Programme, **kwargs: Any) -> str:
    return reverse(name, kwargs={"programme": programme.key, **kwargs})
