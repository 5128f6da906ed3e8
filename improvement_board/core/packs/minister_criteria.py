"""The Minister's report against the five overarching success criteria and their evidence items.

An evidence item says what became of its reports at the meetings from the quarter's first month
to the meeting the report is for, and from the meeting it was due for if that came earlier; where
no such meeting had a report giving it (or none was recorded), it says "Not recorded" rather
than guess. Beside it are the plan's own milestones for the actions linked to it, with the
pack's status words, and the notes recorded with each report (in a report marked for publication,
only those reviewed for publication). Only meetings the programme's schedule has are cited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from improvement_board.core.disclosure import published_text
from improvement_board.core.exceptions import ExceptionReport
from improvement_board.core.packs.build import (
    MilestoneState,
    PackInputs,
    ReportState,
    milestone_line,
)
from improvement_board.core.packs.minister_texts import MinisterTexts
from improvement_board.core.periods import Period
from improvement_board.core.programme import EvidenceItem, Programme, SuccessCriterion

NOT_RECORDED = "Not recorded"
NOT_YET_DUE = "Not yet due"


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One numbered evidence item: when it fell due, whether its report came, what was done."""

    number: int
    title: str
    due: str
    report: str
    milestones: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """The notes recorded with its reports, each led by its meeting."""


@dataclass(frozen=True, slots=True)
class _Seen:
    """What became of one report at one meeting, and its note as it may be printed."""

    meeting: Period
    word: str
    note: str


@dataclass(frozen=True, slots=True)
class CriterionAssessment:
    number: int
    title: str
    summary: str
    evidence: tuple[EvidenceLine, ...]


def criteria(
    inputs: PackInputs,
    quarter_end: Period,
    exceptions: ExceptionReport,
    texts: MinisterTexts | None = None,
    *,
    publish: bool = False,
) -> tuple[CriterionAssessment, ...]:
    """Each overarching criterion with its evidence items as they stood at the quarter end."""
    items = {e.number: e for e in inputs.programme.evidence_items}
    statuses = _report_words(inputs, texts or MinisterTexts(), publish)
    assessed = []
    for criterion in inputs.programme.success_criteria:
        evidence = tuple(
            _evidence(inputs, items[n], quarter_end, statuses) for n in criterion.evidence_items
        )
        assessed.append(_criterion(inputs, criterion, evidence, quarter_end, exceptions))
    return tuple(assessed)


def _criterion(
    inputs: PackInputs,
    criterion: SuccessCriterion,
    evidence: tuple[EvidenceLine, ...],
    quarter_end: Period,
    exceptions: ExceptionReport,
) -> CriterionAssessment:
    if evidence:
        summary = _evidence_summary(evidence, quarter_end)
    else:
        summary = _risk_summary(inputs, exceptions)
    return CriterionAssessment(criterion.number, criterion.title, summary, evidence)


def _evidence_summary(evidence: tuple[EvidenceLine, ...], quarter_end: Period) -> str:
    due = [e for e in evidence if e.report != NOT_YET_DUE]
    received = sum(e.report.startswith("Received") for e in due)
    unknown = sum(e.report == NOT_RECORDED for e in due)
    return (
        f"{len(due)} of {_many(len(evidence), 'evidence item')} due by the end of "
        f"{quarter_end.label}; reports recorded as received: {received}; not recorded: {unknown}."
    )


def _risk_summary(inputs: PackInputs, exceptions: ExceptionReport) -> str:
    """A criterion with no evidence item is shown through the risk log, as the pack says."""
    appetite = inputs.programme.programme.risk_appetite
    above = sum(r.likelihood * r.impact > appetite for r in inputs.risks)
    review = sum(
        any("review" in reason for reason in item.reasons) for item in exceptions.of_kind("risk")
    )
    return (
        f"Shown through the risk log: {_many(len(inputs.risks), 'open risk')}, {above} above the "
        f"appetite of {appetite}, {review} needing review as at {day_text(inputs.as_at)}."
    )


def _many(count: int, thing: str) -> str:
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"


def scheduled(programme: Programme, period: Period) -> bool:
    """Whether the programme's schedule has a meeting in ``period``."""
    return any(meeting.period == str(period) for meeting in programme.meetings)


def _report_words(
    inputs: PackInputs, texts: MinisterTexts, publish: bool
) -> dict[int, list[_Seen]]:
    """What became of each evidence item's reports, meeting by meeting, oldest first, from each
    scheduled meeting's reports and the programme's schedule for that meeting."""
    meetings = {Period.parse(p): reports for p, reports in inputs.earlier_reports.items()}
    meetings[inputs.meeting] = inputs.reports
    found: dict[int, list[_Seen]] = {}
    for meeting in sorted(m for m in meetings if scheduled(inputs.programme, m)):
        schedule = _schedule(inputs.programme, meeting)
        for report in meetings[meeting]:
            item = schedule.get(report.key)
            if item is None:
                continue
            note = published_text(texts.report_note(str(meeting), report.key), publish=publish)
            found.setdefault(item, []).append(_Seen(meeting, _report_word(report, meeting), note))
    return found


def _schedule(programme: Programme, meeting: Period) -> dict[str, int | None]:
    reports = list(programme.standing_reports)
    for scheduled in programme.meetings:
        if scheduled.period == str(meeting):
            reports += scheduled.reports
    return {r.key: r.evidence_item for r in reports}


def _evidence(
    inputs: PackInputs,
    item: EvidenceItem,
    quarter_end: Period,
    statuses: dict[int, list[_Seen]],
) -> EvidenceLine:
    due_period = Period.parse(item.due) if item.due else None
    due = "Each meeting" if item.every_meeting else (due_period.label if due_period else "–")
    if due_period is not None and due_period > quarter_end and not item.every_meeting:
        return EvidenceLine(item.number, item.title, due, NOT_YET_DUE, ())
    first = quarter_end.shift(-2)
    seen = [
        s
        for s in statuses.get(item.number, [])
        if s.meeting >= first
        or (due_period is not None and s.meeting >= due_period and not item.every_meeting)
    ]
    words = "; ".join(s.word for s in seen) or NOT_RECORDED
    notes = tuple(f"{s.meeting.label} meeting: {s.note}" for s in seen if s.note)
    milestones = _linked_milestones(inputs, item, quarter_end)
    return EvidenceLine(item.number, item.title, due, words, milestones, notes)


def _report_word(report: ReportState, meeting: Period) -> str:
    words = {
        "received": f"Received at the {meeting.label} meeting",
        "late": f"Late for the {meeting.label} meeting",
        "deferred": f"Deferred at the {meeting.label} meeting",
    }
    return words.get(report.status, f"Not received for the {meeting.label} meeting")


def _linked_milestones(
    inputs: PackInputs, item: EvidenceItem, quarter_end: Period
) -> tuple[str, ...]:
    """Milestones due by the quarter end of the actions the plan links to this evidence item.

    A milestone's key is ``action/milestone``, which is how it is found under its action.
    """
    actions = {a.key for a in inputs.programme.actions if item.number in a.evidence_items}
    found = [
        m
        for m in inputs.milestones
        if m.key.split("/")[0] in actions and m.due <= quarter_end.last_day
    ]
    lines = (milestone_line(m, inputs.as_at) for m in sorted(found, key=by_due))
    return tuple(f"{line.title}: {line.status.lower()} (due {line.due})" for line in lines)


def by_due(state: MilestoneState) -> tuple[date, str]:
    return state.due, state.key


def day_text(day: date) -> str:
    """Such as ``24 January 2007``."""
    return f"{day.day} {day:%B %Y}"
