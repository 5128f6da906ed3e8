"""Reads for a meeting: everything its pack needs, gathered as the core's plain inputs."""

from __future__ import annotations

import hashlib
from typing import Literal

from improvement_board.core.packs.build import (
    MilestoneState,
    Note,
    PackInputs,
    ReportState,
    RiskState,
)
from improvement_board.core.periods import Period
from improvement_board.meetings.models import IssuedPack, Meeting, PackSignOff
from improvement_board.plans.models import Milestone, Risk
from improvement_board.plans.selectors import escalations_open
from improvement_board.programmes.comparators import benchmarks_for
from improvement_board.programmes.models import Commentary, Programme
from improvement_board.programmes.selectors import observations_for, programme_model


def meeting_get(*, programme: Programme, period: str) -> Meeting:
    Period.parse(period)
    meeting = programme.meetings.filter(period=period).first()
    if meeting is None:
        known = ", ".join(programme.meetings.values_list("period", flat=True)) or "none"
        raise LookupError(f"no meeting in {period} (the programme's meetings: {known})")
    return meeting


def pack_inputs(
    *, programme: Programme, period: Period, meeting: Meeting | None = None, charts: bool = True
) -> PackInputs:
    """The programme, its figures, commentary, plan, schedule and risks as at a meeting month."""
    reporting = str(period.shift(-1))
    series = observations_for(programme=programme)
    notes = {
        c.indicator.key: Note(analysis=c.analysis, action=c.action)
        for c in Commentary.objects.filter(
            indicator__programme=programme, period=reporting
        ).select_related("indicator")
    }
    synthetic = (
        programme.synthetic
        or programme.indicators.filter(measurements__source__icontains="synthetic").exists()
    )
    as_at = meeting.date if meeting and meeting.date else period.first_day
    return PackInputs(
        programme=programme_model(programme=programme),
        meeting=period,
        as_at=as_at,
        series=series,
        notes=notes,
        milestones=_milestones(programme),
        reports=_reports(meeting) if meeting else [],
        risks=_risks(programme),
        escalations=escalations_open(programme=programme, on=as_at),
        synthetic=synthetic,
        charts=charts,
        benchmarks=benchmarks_for(programme=programme, as_of=as_at),
        earlier_reports={
            earlier.period: _reports(earlier)
            for earlier in programme.meetings.filter(period__lt=str(period)).prefetch_related(
                "reports"
            )
        },
    )


def _reports(meeting: Meeting) -> list[ReportState]:
    return [
        ReportState(r.key, r.title, tuple(r.recommendations), r.status, r.standing)
        for r in meeting.reports.all()
    ]


def _milestones(programme: Programme) -> list[MilestoneState]:
    rows = Milestone.objects.filter(action__programme=programme).select_related("action")
    return [
        MilestoneState(
            key=f"{m.action.key}/{m.key}",
            action=m.action.title,
            title=m.title,
            owner=m.action.owner,
            due=m.due,
            completed_on=m.completed_on,
            evidence=tuple(e.note for e in m.evidence.all()),
            indicator=m.indicator_key,
            threshold=m.value if m.indicator_key else None,
        )
        for m in rows.prefetch_related("evidence")
    ]


def _risks(programme: Programme) -> list[RiskState]:
    rows = Risk.objects.filter(programme=programme, closed=False).prefetch_related("reviews")
    return [
        RiskState(
            key=r.key,
            title=r.title,
            owner=r.owner,
            likelihood=r.likelihood,
            impact=r.impact,
            review_date=r.review_date,
            mitigation=r.mitigation,
            last_reviewed=max((v.reviewed_on for v in r.reviews.all()), default=None),
            residual_likelihood=r.residual_likelihood,
            residual_impact=r.residual_impact,
        )
        for r in rows
    ]


Kept = Literal["unchanged", "changed", "missing"]


def issued_packs(*, meeting: Meeting) -> list[IssuedPack]:
    """The meeting's issued packs, newest version first."""
    return list(
        meeting.packs.select_related("issued_by", "sign_off__prepared_by", "sign_off__approved_by")
    )


def issued_pack_check(*, pack: IssuedPack) -> Kept:
    """Whether an issued file still has the bytes it was issued with."""
    return issued_pack_read(pack=pack)[0]


def issued_pack_read(*, pack: IssuedPack) -> tuple[Kept, bytes | None]:
    """A issued file's bytes, read once, with whether they are the ones issued; the
    bytes only when they are."""
    try:
        data = pack.file.read_bytes()
    except OSError:
        return "missing", None
    if hashlib.sha256(data).hexdigest() != pack.sha256:
        return "changed", None
    return "unchanged", data


def sign_off_current(*, meeting: Meeting) -> PackSignOff | None:
    """The meeting's latest preparation of its pack, while it has not yet been issued."""
    latest = (
        meeting.sign_offs.select_related("prepared_by", "approved_by")
        .prefetch_related("issues")
        .first()
    )
    if latest is None or latest.issues.all():
        return None
    return latest
