"""The exception report (PRINCE2): what has gone, or is going, beyond tolerance.

A board has little time; the exception report lists only what needs its attention: indicators red
or forecast to miss, milestones overdue, reports due at the meeting and not received, and risks
above the programme's appetite or left unreviewed. Inputs are plain dataclasses, so the same
report can be built from the programme file, the store or a test. An exception escalated beyond
the board says so, to whom and when, until its escalation is resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Literal

from improvement_board.core.forecast import Verdict, format_amount
from improvement_board.core.judge import Judgement
from improvement_board.core.rag import Rag, band_bounds
from improvement_board.core.units import format_value

Kind = Literal["indicator", "milestone", "report", "risk"]
ReportStatus = Literal["expected", "received", "late", "deferred"]

_MISSING = (Verdict.WILL_MISS, Verdict.MISSED)


@dataclass(frozen=True, slots=True)
class MilestoneDue:
    """A dated checkpoint of an action or a success criterion."""

    key: str
    title: str
    due: date
    completed: date | None = None
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class ReportExpected:
    """A report the board expects at a meeting."""

    key: str
    title: str
    meeting: date
    status: ReportStatus = "expected"
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class RiskEntry:
    """A risk log entry as it stands: its scores and when it was last looked at."""

    key: str
    title: str
    likelihood: int
    impact: int
    review_date: date | None = None
    last_reviewed: date | None = None
    raised: date | None = None
    owner: str | None = None
    residual_likelihood: int | None = None
    residual_impact: int | None = None

    @property
    def residual(self) -> bool:
        return self.residual_likelihood is not None and self.residual_impact is not None

    @property
    def scores(self) -> tuple[int, int]:
        """Likelihood and impact now: residual (after mitigation) once reviewed, else inherent."""
        if self.residual_likelihood is not None and self.residual_impact is not None:
            return self.residual_likelihood, self.residual_impact
        return self.likelihood, self.impact

    @property
    def score(self) -> int:
        likelihood, impact = self.scores
        return likelihood * impact


@dataclass(frozen=True, slots=True)
class Escalation:
    """An exception escalated beyond the board, unresolved as yet."""

    kind: Kind
    key: str
    on: date
    to: str
    outcome: str = ""

    @property
    def text(self) -> str:
        said = f"outcome so far: {self.outcome}" if self.outcome else "outcome awaited"
        return f"escalated on {_day(self.on)} to {self.to} ({said})"


@dataclass(frozen=True, slots=True)
class ExceptionItem:
    """One thing for the board's attention, and every reason it is there."""

    kind: Kind
    key: str
    title: str
    reasons: tuple[str, ...]
    owner: str | None = None
    escalated: str = ""


@dataclass(frozen=True, slots=True)
class ExceptionReport:
    as_at: date
    items: tuple[ExceptionItem, ...]

    def of_kind(self, kind: Kind) -> tuple[ExceptionItem, ...]:
        return tuple(item for item in self.items if item.kind == kind)


def exception_report(
    *,
    as_at: date,
    judgements: Iterable[Judgement] = (),
    milestones: Iterable[MilestoneDue] = (),
    reports: Iterable[ReportExpected] = (),
    risks: Iterable[RiskEntry] = (),
    risk_appetite: int = 12,
    review_days: int = 92,
    escalations: Iterable[Escalation] = (),
) -> ExceptionReport:
    """Everything beyond tolerance at ``as_at``: indicators, then milestones, reports and risks,
    each with its escalation where it has one open."""
    items = [
        *indicator_exceptions(judgements),
        *milestone_exceptions(milestones, as_at),
        *report_exceptions(reports),
        *risk_exceptions(risks, as_at, risk_appetite, review_days),
    ]
    raised = {(e.kind, e.key): e for e in escalations if e.on <= as_at}
    return ExceptionReport(as_at, tuple(_escalated(item, raised) for item in items))


def _escalated(item: ExceptionItem, raised: dict[tuple[Kind, str], Escalation]) -> ExceptionItem:
    found = raised.get((item.kind, item.key))
    if found is None:
        return item
    return ExceptionItem(item.kind, item.key, item.title, item.reasons, item.owner, found.text)


def indicator_exceptions(judgements: Iterable[Judgement]) -> list[ExceptionItem]:
    """Indicators red at the period or forecast to miss their target."""
    items = []
    for j in judgements:
        reasons = []
        if j.status is Rag.RED:
            reasons.append(f"red in {j.period.label}: {_how_far(j)}")
        if j.forecast.verdict in _MISSING:
            reasons.append(f"forecast: {j.forecast.text} ({j.forecast.method})")
        items += _item("indicator", j.key, j.label, reasons, j.owner)
    return items


def _how_far(j: Judgement) -> str:
    """Such as "60.0% against 73.0% planned: 13.0 percentage points behind (tolerance 5.0 ...)"."""
    planned, gap, allowed = j.rag.planned, j.rag.shortfall, j.rag.allowance
    if j.value is None or planned is None or gap is None or allowed is None:
        return j.rag.reason
    show = partial(format_value, unit=j.unit, decimals=j.decimals)
    amount = partial(format_amount, unit=j.unit, decimals=j.decimals)
    if j.polarity == "band":
        low, high = band_bounds(planned)
        against, side = f"the band {show(low)} to {show(high)}", "outside"
    else:
        against, side = f"{show(planned.value)} planned", "behind"
    return f"{show(j.value)} against {against}: {amount(gap)} {side} (tolerance {amount(allowed)})"


def milestone_exceptions(milestones: Iterable[MilestoneDue], as_at: date) -> list[ExceptionItem]:
    """Milestones past their due date and not completed by ``as_at``."""
    items = []
    for m in milestones:
        done = m.completed is not None and m.completed <= as_at
        late = (as_at - m.due).days
        reasons = [] if done or late <= 0 else [f"overdue by {_days(late)} (due {_day(m.due)})"]
        items += _item("milestone", m.key, m.title, reasons, m.owner)
    return items


def report_exceptions(reports: Iterable[ReportExpected]) -> list[ExceptionItem]:
    """Reports due at the meeting that have not been received."""
    items = []
    for r in reports:
        reasons = [] if r.status == "received" else [_report_reason(r)]
        items += _item("report", r.key, r.title, reasons, r.owner)
    return items


def _report_reason(report: ReportExpected) -> str:
    when = _day(report.meeting)
    if report.status == "deferred":
        return f"deferred: was due at the meeting of {when}"
    return f"not received for the meeting of {when}" + (
        " (late)" if report.status == "late" else ""
    )


def risk_exceptions(
    risks: Iterable[RiskEntry], as_at: date, appetite: int, review_days: int
) -> list[ExceptionItem]:
    """Risks scored above the appetite, past their review date, or not reviewed recently."""
    items = []
    for r in risks:
        reasons = []
        if r.score > appetite:
            likelihood, impact = r.scores
            which = "residual score" if r.residual else "score"
            reasons.append(
                f"{which} {r.score} ({likelihood} × {impact}) is above the appetite of {appetite}"
            )
        reasons += _review_reasons(r, as_at, review_days)
        items += _item("risk", r.key, r.title, reasons, r.owner)
    return items


def _review_reasons(risk: RiskEntry, as_at: date, review_days: int) -> list[str]:
    """A review date passed, or no review within ``review_days`` of the last one (or of raising).

    A risk with no review on record, no date raised and no review date has never been looked at.
    """
    reasons = []
    if risk.review_date is not None and risk.review_date < as_at:
        reasons.append(f"review was due on {_day(risk.review_date)}")
    since = risk.last_reviewed or risk.raised
    if since is None and risk.review_date is None:
        reasons.append("no review recorded and no review date set")
    elif since is not None and (as_at - since).days > review_days:
        what = "last reviewed" if risk.last_reviewed else "raised"
        reasons.append(f"not reviewed in {review_days} days ({what} {_day(since)})")
    return reasons


def _item(
    kind: Kind, key: str, title: str, reasons: Sequence[str], owner: str | None
) -> list[ExceptionItem]:
    """An item when there is any reason for it, else nothing."""
    return [ExceptionItem(kind, key, title, tuple(reasons), owner)] if reasons else []


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _day(day: date) -> str:
    """Such as ``5 March 2007``."""
    return f"{day.day} {day:%B %Y}"
