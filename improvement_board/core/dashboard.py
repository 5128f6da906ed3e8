"""What a programme's dashboard says at a glance: what is due by the next meeting and what has
changed since the last one. Plain inputs in, worded lines out; the store gathers the inputs.

Due by the next meeting: milestones not completed whose date falls on or before the meeting;
risks whose review falls due by then (their review date, or ``review_days`` after their last
review or, never reviewed, after they were raised, whichever comes first: the rule the exception
report applies); reports the meeting expects that have not been received. Anything due before
the reporting month ended is overdue.

Changed since the last meeting: figures first recorded and figures restated, commentary written
or changed, milestones completed and risks reviewed, each since the day of the last meeting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from improvement_board.core.exceptions import MilestoneDue, RiskEntry
from improvement_board.core.periods import Period


@dataclass(frozen=True, slots=True)
class DueLine:
    """One thing due by the next meeting."""

    title: str
    due: date | None
    owner: str
    overdue: bool
    note: str = ""

    @property
    def due_text(self) -> str:
        return f"{self.due.day} {self.due:%B %Y}" if self.due is not None else "at the meeting"


@dataclass(frozen=True, slots=True)
class ReportDue:
    key: str
    title: str
    owner: str
    status: str


def milestones_due(
    milestones: Iterable[MilestoneDue], *, by: date, overdue_before: date
) -> list[DueLine]:
    """Milestones not completed and due on or before ``by``, soonest first."""
    due = [m for m in milestones if m.completed is None and m.due <= by]
    return [
        DueLine(m.title, m.due, m.owner or "", m.due < overdue_before)
        for m in sorted(due, key=lambda m: (m.due, m.title))
    ]


def review_due_on(risk: RiskEntry, review_days: int) -> date | None:
    """When a risk's next review falls due: its review date, or ``review_days`` after it was
    last reviewed (or raised), whichever is sooner; None if neither is known."""
    days = [risk.review_date] if risk.review_date is not None else []
    since = risk.last_reviewed or risk.raised
    if since is not None:
        days.append(since + timedelta(days=review_days))
    return min(days, default=None)


def risk_reviews_due(
    risks: Iterable[RiskEntry], *, by: date, overdue_before: date, review_days: int
) -> list[DueLine]:
    """Risks whose review falls due by ``by`` (or that have never had a review date or a
    review), soonest first."""
    lines = []
    for risk in risks:
        on = review_due_on(risk, review_days)
        if on is not None and on > by:
            continue
        overdue = on is None or on < overdue_before
        note = "no review recorded and no review date set" if on is None else ""
        lines.append(DueLine(risk.title, on, risk.owner or "", overdue, note))
    return sorted(lines, key=lambda line: (line.due or date.min, line.title))


def reports_due(reports: Iterable[ReportDue]) -> list[ReportDue]:
    """The reports the meeting expects that have not been received, in the meeting's order."""
    return [r for r in reports if r.status != "received"]


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One stored version of a figure: its indicator's name, its period and its revision."""

    indicator: str
    period: Period
    revision: int


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """What changed for one indicator (or one milestone, one risk) since the last meeting."""

    subject: str
    detail: str


def figure_changes(changes: Iterable[FigureChange]) -> list[ChangeLine]:
    """Per indicator, in the order first met: the periods with a figure recorded for the first
    time and the periods restated (a later revision), each period once."""
    new: dict[str, set[Period]] = defaultdict(set)
    restated: dict[str, set[Period]] = defaultdict(set)
    order: list[str] = []
    for change in changes:
        if change.indicator not in order:
            order.append(change.indicator)
        (new if change.revision <= 1 else restated)[change.indicator].add(change.period)
    lines = []
    for name in order:
        parts = []
        if new[name]:
            parts.append(f"new figures for {_periods(new[name])}")
        if restated[name]:
            parts.append(f"restated {_periods(restated[name])}")
        lines.append(ChangeLine(name, "; ".join(parts)))
    return lines


def commentary_changes(changes: Iterable[tuple[str, Period]]) -> list[ChangeLine]:
    """Per indicator: the months whose commentary was written or changed."""
    months: dict[str, set[Period]] = defaultdict(set)
    for name, period in changes:
        months[name].add(period)
    return [ChangeLine(name, f"commentary for {_periods(p)}") for name, p in months.items()]


def _periods(periods: set[Period]) -> str:
    """Months in order, a long run shortened to its ends: ``April to October 2006``."""
    ordered = sorted(periods)
    if len(ordered) > 3:
        first, last = ordered[0], ordered[-1]
        start = first.label.split()[0] if first.year == last.year else first.label
        return f"{start} to {last.label} ({len(ordered)} months)"
    return ", ".join(p.label for p in ordered)
