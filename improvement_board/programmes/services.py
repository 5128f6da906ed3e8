"""Writes to the programme store. The console and the web app call these and nothing else."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from improvement_board.accounts.models import Role
from improvement_board.audit import audited_save
from improvement_board.core import programme as core
from improvement_board.core.periods import Period
from improvement_board.core.scorecard import load_programme_file
from improvement_board.meetings.models import Meeting, ReportItem
from improvement_board.plans.models import (
    Action,
    EvidenceItem,
    Milestone,
    Risk,
    SuccessCriterion,
)
from improvement_board.programmes.models import (
    Commentary,
    Indicator,
    Membership,
    Programme,
    Recommendation,
)
from improvement_board.programmes.sync import LoadReport, jsonable, sync_row
from improvement_board.publication import text_sha256


def programme_load(*, path: Path, user: Any = None) -> tuple[Programme, LoadReport]:
    """Validate a programme file (YAML, or a scorecard workbook) and apply it in one
    transaction; ProblemsFound stores nothing."""
    model = load_programme_file(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    reason = f"programme file {path.name} ({digest[:12]})"
    return programme_apply(model=model, digest=digest, reason=reason, user=user)


@transaction.atomic
def programme_apply(
    *, model: core.Programme, digest: str, reason: str, user: Any = None
) -> tuple[Programme, LoadReport]:
    report = LoadReport()
    sync = {"report": report, "reason": reason, "user": user}
    info = model.programme
    values = _plain(info, exclude={"key"})
    values["population"] = {str(k): v for k, v in info.population.items()}
    values["reporting"] = list(model.reporting)
    values["standing_reports"] = [r.model_dump(mode="json") for r in model.standing_reports]
    new = not Programme.objects.filter(key=info.key).exists()
    programme = sync_row(
        Programme, lookup={"key": info.key}, values=values, label=f"programme {info.key}", **sync
    )
    if new and user is not None and user.role != Role.ADMIN:
        # whoever loads a new programme belongs to it, in their role
        Membership.objects.create(user=user, programme=programme, role=user.role)
    if programme.file_sha256 != digest:
        programme.file_sha256 = digest
        programme.save(update_fields=["file_sha256"])
    _recommendations(programme, model, sync)
    _indicators(programme, model, sync)
    _plan(programme, model, sync)
    _meetings(programme, model, sync)
    return programme, report


def _plain(item: Any, *, exclude: set[str]) -> dict[str, Any]:
    """A pydantic item as model field values; nested parts become JSON."""
    values = item.model_dump(exclude=exclude, mode="python")
    return {k: jsonable(v) if isinstance(v, dict | list) else v for k, v in values.items()}


def _recommendations(programme: Programme, model: core.Programme, sync: dict[str, Any]) -> None:
    for rec in model.recommendations:
        sync_row(
            Recommendation,
            lookup={"programme": programme, "number": rec.number},
            values={"title": rec.title},
            label=f"recommendation {rec.number}",
            **sync,
        )


def _indicators(programme: Programme, model: core.Programme, sync: dict[str, Any]) -> None:
    for position, item in enumerate(model.indicators):
        values = _plain(item, exclude={"key"})
        values["position"] = position
        sync_row(
            Indicator,
            lookup={"programme": programme, "key": item.key},
            values=values,
            label=f"indicator {item.key}",
            **sync,
        )
    _report_missing(programme.indicators.all(), {i.key for i in model.indicators}, sync)


def _plan(programme: Programme, model: core.Programme, sync: dict[str, Any]) -> None:
    for position, item in enumerate(model.actions):
        values = _plain(item, exclude={"key", "milestones"})
        values["position"] = position
        action = sync_row(
            Action,
            lookup={"programme": programme, "key": item.key},
            values=values,
            label=f"action {item.key}",
            **sync,
        )
        for milestone in item.milestones:
            m_values = _plain(milestone, exclude={"key", "indicator"})
            m_values["indicator_key"] = milestone.indicator or ""
            sync_row(
                Milestone,
                lookup={"action": action, "key": milestone.key},
                values=m_values,
                label=f"milestone {item.key}/{milestone.key}",
                **sync,
            )
    for evidence in model.evidence_items:
        sync_row(
            EvidenceItem,
            lookup={"programme": programme, "number": evidence.number},
            values=_plain(evidence, exclude={"number"}),
            label=f"evidence item {evidence.number}",
            **sync,
        )
    for criterion in model.success_criteria:
        sync_row(
            SuccessCriterion,
            lookup={"programme": programme, "number": criterion.number},
            values=_plain(criterion, exclude={"number"}),
            label=f"success criterion {criterion.number}",
            **sync,
        )
    for position, risk in enumerate(model.risks):
        values = _plain(risk, exclude={"key"})
        values["position"] = position
        sync_row(
            Risk,
            lookup={"programme": programme, "key": risk.key},
            values=values,
            label=f"risk {risk.key}",
            **sync,
        )


def _meetings(programme: Programme, model: core.Programme, sync: dict[str, Any]) -> None:
    for item in model.meetings:
        meeting = sync_row(
            Meeting,
            lookup={"programme": programme, "period": item.period},
            values=_plain(item, exclude={"period", "reports"}),
            label=f"meeting {item.period}",
            **sync,
        )
        recurring = [r for r in model.standing_reports if not r.starts or r.starts <= item.period]
        reports = [(r, False) for r in item.reports] + [(r, True) for r in recurring]
        for position, (report, standing) in enumerate(reports):
            values = _plain(report, exclude={"key", "starts"})
            values.update(position=position, standing=standing)
            sync_row(
                ReportItem,
                lookup={"meeting": meeting, "key": report.key},
                values=values,
                label=f"report {item.period}/{report.key}",
                **sync,
            )


def _report_missing(rows: Any, keys: set[str], sync: dict[str, Any]) -> None:
    """Rows the file no longer names are kept (nothing is lost) and listed for the operator."""
    for row in rows:
        if row.key not in keys:
            sync["report"].not_in_file.append(f"indicator {row.key}")


NOT_YET_WRITTEN = "none"
"""The token of a month's commentary that nobody has written yet."""

SAVE_ATTEMPTS = 3


class CommentaryChanged(Exception):
    """Someone else saved the month's commentary after the person opened it: nothing is saved.
    ``current`` is the wording now stored (None if it has gone), to show beside their own."""

    def __init__(self, current: Commentary | None, period: str) -> None:
        super().__init__(f"the commentary for {period} was changed since it was opened")
        self.current = current


def commentary_token(row: Commentary | None) -> str:
    """What a person saw when they opened a month's commentary: a digest of its words, or
    NOT_YET_WRITTEN. A form gives it back with the save, so a change made meanwhile is noticed."""
    if row is None:
        return NOT_YET_WRITTEN
    return text_sha256(f"{row.analysis}\x00{row.action}")


def commentary_save(
    *,
    indicator: Indicator,
    period: str,
    analysis: str,
    action: str,
    user: Any = None,
    seen: str | None = None,
    reason: str = "",
) -> Commentary:
    """Analysis and corrective action for one indicator and month; earlier wording is kept.

    Changing words already saved corrects the record: it needs the reason the person gives,
    kept beside the earlier words in the commentary's history.

    ``seen`` is the token (commentary_token) of the wording the person opened: if the stored
    wording has changed since, CommentaryChanged is raised and nothing is saved, so no one's
    words are written over unseen. Without it (the demo, a file) the save replaces what is
    there, keeping it in history. Simultaneous saves are taken one at a time: the month's row is
    locked while it is read and written, and a first save that meets another person's first
    save of the same month (the one-row-a-month constraint) is tried again against theirs.
    """
    Period.parse(period)
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        try:
            return _commentary_write(indicator, period, analysis, action, user, seen, reason)
        except IntegrityError:
            if attempt == SAVE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def _commentary_write(
    indicator: Indicator,
    period: str,
    analysis: str,
    action: str,
    user: Any,
    seen: str | None,
    reason: str,
) -> Commentary:
    rows = Commentary.objects.select_for_update().filter(indicator=indicator, period=period)
    row = rows.first()
    if row is not None and (row.analysis, row.action) == (analysis, action):
        return row  # it already says this: nothing to change, nothing written over
    if seen is not None and seen != commentary_token(row):
        raise CommentaryChanged(row, period)
    why = reason.strip()
    if row is not None and (row.analysis or row.action) and not why:
        raise CommentaryNeedsReason(
            f"give a reason for changing the commentary for {Period.parse(period).label}: "
            "its earlier words are kept in its history with the reason"
        )
    row = row or Commentary(indicator=indicator, period=period)
    row.analysis, row.action, row.author = analysis, action, user
    audited_save(row, user=user, reason=why or "commentary saved")
    return row


class CommentaryNeedsReason(ValueError):
    """Words already saved are changed without a reason for the change."""
