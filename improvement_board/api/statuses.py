"""Statuses and exceptions as the board pack has them: gathered by the meetings selectors'
``pack_inputs`` and judged by the core's pack build, never by a rule of the API's own.

A month's statuses are those the pack for the following month's meeting shows (the board meets
in November and reads October's figures), exactly as ``board status --period`` and the web app's
overview judge them: each with the judgement's own values (for machines) beside the pack's words
(for people).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from improvement_board.core.exceptions import ExceptionItem
from improvement_board.core.judge import Judgement
from improvement_board.core.markers import Marker
from improvement_board.core.packs.build import (
    PackInputs,
    build_pack,
    exceptions_for,
    judge_all,
)
from improvement_board.core.packs.model import IndicatorPanel
from improvement_board.core.periods import Period
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.programmes.models import Programme


@dataclass(frozen=True)
class Judged:
    """A month judged as its pack would judge it."""

    month: Period
    meeting: Period
    as_at: date
    synthetic: bool
    judgements: dict[str, Judgement]
    panels: dict[str, IndicatorPanel]
    exceptions: tuple[ExceptionItem, ...]


def _inputs(programme: Programme, month: Period) -> PackInputs:
    meeting_period = month.shift(1)
    meeting = programme.meetings.filter(period=str(meeting_period)).first()
    return pack_inputs(programme=programme, period=meeting_period, meeting=meeting, charts=False)


def judged(*, programme: Programme, month: Period) -> Judged:
    """Every indicator judged at ``month``, with the exception report, as the pack for the next
    month's meeting has them."""
    inputs = _inputs(programme, month)
    judgements = judge_all(inputs, month)
    pack = build_pack(inputs)
    return Judged(
        month=month,
        meeting=inputs.meeting,
        as_at=inputs.as_at,
        synthetic=pack.synthetic,
        judgements=judgements,
        panels={panel.key: panel for panel in pack.indicators},
        exceptions=exceptions_for(inputs, judgements).items,
    )


def marker_record(marker: Marker | None) -> dict[str, str] | None:
    """A DfE marker as the API gives it: the symbol, what it means, and the stored form."""
    if marker is None:
        return None
    return {"symbol": marker.symbol, "meaning": marker.meaning, "stored": marker.stored}


def status_record(judgement: Judgement, panel: IndicatorPanel) -> dict[str, Any]:
    """One indicator's status: the judgement's values, and the pack's words for them."""
    planned = judgement.planned
    target = judgement.target
    return {
        "key": judgement.key,
        "code": panel.code,
        "title": panel.title,
        "period": str(judgement.period),
        "period_label": judgement.label_of_period,
        "value": judgement.value,
        "numerator": judgement.numerator,
        "denominator": judgement.denominator,
        "marker": marker_record(judgement.marker),
        "planned": planned.value if planned is not None else None,
        "target": target.value if target is not None else None,
        "status": judgement.status.value,
        "reason": judgement.rag.reason,
        "shortfall": judgement.rag.shortfall,
        "direction": judgement.previous.direction.value,
        "direction_year_ago": judgement.year_ago.direction.value,
        "forecast": judgement.forecast.verdict.value,
        "spc_variation": judgement.spc.variation.value,
        "spc_assurance": judgement.spc.assurance.value,
        "words": {
            "latest": panel.latest,
            "counts": panel.counts,
            "planned": panel.planned,
            "status": panel.rag_word,
            "direction": panel.direction,
            "forecast": panel.forecast,
            "spc": panel.spc,
            "benchmark": panel.benchmark_brief,
        },
    }


def exception_record(item: ExceptionItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "key": item.key,
        "title": item.title,
        "reasons": list(item.reasons),
        "owner": item.owner,
        "escalated": item.escalated,
    }
