"""Reads every export shares: the store's figures as the core's rows, the pack as judged for a
month, and the small facts (local times, reviews for publication) the tables need."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Max
from django.utils import timezone

from improvement_board.core import programme as core
from improvement_board.core.exports.figures import StoredFigure
from improvement_board.core.exports.judged import Judged
from improvement_board.core.markers import stored_marker
from improvement_board.core.packs.minister_texts import MinisterTexts
from improvement_board.core.periods import Period, PeriodError
from improvement_board.meetings.minister import minister_texts
from improvement_board.meetings.models import Meeting
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.programmes.models import Indicator, Measurement, Programme


def local(moment: datetime | None) -> datetime | None:
    """A stored time as the board reads it: local time (Europe/London), without a time zone."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None)


def reviewed(row: Any) -> bool:
    """Whether a person marked the row's free text reviewed for publication; not reviewed where
    the store keeps no such mark (the rule of the Minister's report, meetings/minister.py)."""
    return bool(getattr(row, "reviewed_for_publication", False))


def username(user: Any) -> str:
    return user.get_username() if user is not None else ""


def synthetic(programme: Programme) -> bool:
    """Whether the programme's figures are synthetic, as the pack decides it."""
    return (
        programme.synthetic
        or Measurement.objects.filter(
            indicator__programme=programme, source__icontains="synthetic"
        ).exists()
    )


def month_of(programme: Programme, asked: str | None) -> Period:
    """The month asked for (one of the programme's), else the latest with a figure, else the
    programme's first: the month the overview shows."""
    first, last = Period.parse(programme.first_period), Period.parse(programme.last_period)
    if asked:
        try:
            month = Period.parse(asked)
        except PeriodError as error:
            raise LookupError(str(error)) from None
        if not first <= month <= last:
            raise LookupError(f"{month.label} is outside the programme ({first} to {last})")
        return month
    latest = Measurement.objects.filter(indicator__programme=programme).aggregate(Max("period"))
    return Period.parse(latest["period__max"]) if latest["period__max"] else first


def judged_at(programme: Programme, month: Period) -> Judged:
    """Every indicator judged at ``month`` as the next month's pack judges it (the overview's
    reading), without charts."""
    meeting_period = month.shift(1)
    meeting = programme.meetings.filter(period=str(meeting_period)).first()
    return Judged.of(
        pack_inputs(programme=programme, period=meeting_period, meeting=meeting, charts=False)
    )


def judged_for(meeting: Meeting) -> Judged:
    """The meeting's pack as it stands now, without charts."""
    period = Period.parse(meeting.period)
    return Judged.of(
        pack_inputs(programme=meeting.programme, period=period, meeting=meeting, charts=False)
    )


def texts_for(programme: Programme, reporting: Period) -> MinisterTexts:
    """The free text a pack for ``reporting`` carries, each with its review for publication."""
    return minister_texts(programme=programme, reporting=reporting)


def stored_figures(
    *, programme: Programme, model: core.Programme, indicator: Indicator | None = None
) -> list[StoredFigure]:
    """Every current figure (of one indicator, where given), in indicator and period order."""
    rows = Measurement.objects.filter(indicator__programme=programme).select_related(
        "indicator", "recorded_by"
    )
    if indicator is not None:
        rows = rows.filter(indicator=indicator)
    indicators = {i.key: i for i in model.indicators}
    return [
        StoredFigure(
            indicator=indicators[row.indicator.key],
            period=Period.parse(row.period),
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            marker=stored_marker(row.marker),
            note=row.note,
            status=row.status,
            revision=row.revision,
            recorded_at=local(row.recorded_at),
            recorded_by=username(row.recorded_by),
            source=row.source,
            reviewed_for_publication=reviewed(row),
        )
        for row in rows.order_by("indicator__position", "period")
    ]


def figures_by_period(figures: list[StoredFigure]) -> dict[tuple[str, Period], StoredFigure]:
    return {(f.indicator.key, f.period): f for f in figures}
