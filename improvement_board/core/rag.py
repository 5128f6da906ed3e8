"""RAG: red, amber or green against the trajectory at the period, never against the end target.

Green is on or better than the trajectory, amber is worse by no more than the tolerance, red is
worse by more. Polarity decides which side is better; a band is good inside [low, high]; context
indicators are never given a RAG. The status word always travels with its colour, so nothing
relies on colour alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from improvement_board.core.programme import Indicator, Tolerance
from improvement_board.core.trajectory import Planned
from improvement_board.core.units import Polarity

_CLOSE = 1e-9
"""Differences smaller than this share of the planned value are rounding, not a shortfall."""


class Rag(Enum):
    """A status with its word and its GOV.UK colour."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NO_DATA = "no data"
    NOT_APPLICABLE = "not applicable"

    @property
    def word(self) -> str:
        return self.value.capitalize()

    @property
    def colour(self) -> str:
        return _COLOURS[self]

    @property
    def text_colour(self) -> str:
        """Text on the colour that meets WCAG contrast: white on red and green, black otherwise."""
        return "#ffffff" if self in (Rag.RED, Rag.GREEN) else "#0b0c0c"


_COLOURS = {
    Rag.RED: "#d4351c",
    Rag.AMBER: "#f47738",
    Rag.GREEN: "#00703c",
    Rag.NO_DATA: "#b1b4b6",
    Rag.NOT_APPLICABLE: "#f3f2f1",
}


@dataclass(frozen=True, slots=True)
class RagJudgement:
    """The status and the figures behind it, so a pack can say how far behind it is."""

    rag: Rag
    planned: Planned | None
    shortfall: float | None
    allowance: float | None
    reason: str


def tolerance_for(indicator: Indicator, default: Tolerance) -> Tolerance:
    """The indicator's own tolerance, else the programme's default."""
    return indicator.tolerance if indicator.tolerance is not None else default


def allowance(tolerance: Tolerance, reference: float) -> float:
    """The tolerance in the indicator's own units: points as given, relative as a % of reference."""
    if tolerance.kind == "points":
        return tolerance.value
    return abs(reference) * tolerance.value / 100


def shortfall(value: float, planned: Planned, polarity: Polarity) -> float:
    """How far the value is on the worse side of the plan (0 when on or better than it)."""
    if polarity == "higher":
        return max(planned.value - value, 0.0)
    if polarity == "lower":
        return max(value - planned.value, 0.0)
    low, high = band_bounds(planned)
    return max(low - value, value - high, 0.0)


def band_bounds(planned: Planned) -> tuple[float, float]:
    """A band's bounds; without them the band is the planned value itself."""
    low = planned.low if planned.low is not None else planned.value
    high = planned.high if planned.high is not None else planned.value
    return low, high


def reference_for(value: float, planned: Planned, polarity: Polarity) -> float:
    """What a relative tolerance is a share of: the planned value, or the breached band bound."""
    if polarity != "band":
        return planned.value
    low, high = band_bounds(planned)
    return low if value < low else high


def grade(gap: float, allowed: float, reference: float) -> Rag:
    """Green with no gap, amber with a gap within the allowance, red beyond it."""
    close = _CLOSE * max(1.0, abs(reference))
    if gap <= close:
        return Rag.GREEN
    if gap <= allowed + close:
        return Rag.AMBER
    return Rag.RED


def judge_rag(
    value: float | None, planned: Planned | None, polarity: Polarity, tolerance: Tolerance
) -> RagJudgement:
    """The RAG status of one value against the trajectory at its period."""
    if polarity == "context":
        return RagJudgement(Rag.NOT_APPLICABLE, planned, None, None, "context only: no target")
    if value is None or not math.isfinite(value):
        return RagJudgement(Rag.NO_DATA, planned, None, None, "no figure for the period")
    if planned is None:
        reason = "before the baseline period: nothing planned yet"
        return RagJudgement(Rag.NOT_APPLICABLE, None, None, None, reason)
    reference = reference_for(value, planned, polarity)
    allowed = allowance(tolerance, reference)
    gap = shortfall(value, planned, polarity)
    rag = grade(gap, allowed, reference)
    return RagJudgement(rag, planned, gap, allowed, _reason(rag, polarity))


def _reason(rag: Rag, polarity: Polarity) -> str:
    if polarity == "band":
        where = {Rag.GREEN: "inside the band", Rag.AMBER: "outside the band, within tolerance"}
        return where.get(rag, "outside the band, beyond tolerance")
    where = {
        Rag.GREEN: "on or better than the trajectory",
        Rag.AMBER: "behind the trajectory, within tolerance",
    }
    return where.get(rag, "behind the trajectory, beyond tolerance")
