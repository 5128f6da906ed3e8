"""Figures signed off by a second person: a return's figures are drafts until an approver who did
not record them validates them, and a pack shows which of its figures are still drafts.

Validating is refused, figure by figure and saying why, to anyone who recorded the figure
(the second pair of eyes) and to anyone without the approver role in the programme; the figures
that may be validated are validated together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from improvement_board.accounts.roles import Refused, require_role
from improvement_board.audit import audited_save
from improvement_board.programmes.models import Measurement, MeasurementStatus, Programme


@dataclass
class ValidationReport:
    validated: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def drafts_of(*, programme: Programme, period: str | None = None) -> list[Measurement]:
    """The programme's draft figures (of one period where given), oldest period first."""
    rows = Measurement.objects.filter(
        indicator__programme=programme, status=MeasurementStatus.PROVISIONAL
    ).select_related("indicator", "recorded_by")
    if period:
        rows = rows.filter(period=period)
    return list(rows.order_by("period", "indicator__position"))


@transaction.atomic
def measurements_validate(
    *, programme: Programme, figures: Iterable[Measurement], user: Any
) -> ValidationReport:
    """Validate draft figures as ``user``: every figure they did not record themselves."""
    require_role(user, "approver", "validate figures", programme)
    report = ValidationReport()
    for row in figures:
        label = f"{row.indicator} {row.period}"
        if row.indicator.programme_id != programme.pk:
            raise Refused(f"{label} is not a figure of {programme.key}")
        if row.status == MeasurementStatus.VALIDATED:
            continue
        if row.recorded_by_id is not None and row.recorded_by_id == user.pk:
            report.refused.append(
                f"{label}: {user.get_username()} recorded it, so someone else must validate it"
            )
            continue
        row.status = MeasurementStatus.VALIDATED
        row.validated_by, row.validated_at = user, timezone.now()
        audited_save(row, user=user, reason="validated by a second person")
        report.validated.append(label)
    return report
