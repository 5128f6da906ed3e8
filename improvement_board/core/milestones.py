"""Milestones tied to an indicator's figure: met by the first figure that reaches the threshold.

A plan often says "referrals at 200 per 10,000 by December": the milestone is met when the figures
say so, not when someone remembers to tick it. The first figure (in period order) that reaches the
threshold meets it, dated at the end of that figure's period; a restated figure that no longer
reaches it undoes the completion, because completion is read from the figures every time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from improvement_board.core.judge import Observation
from improvement_board.core.programme import Indicator
from improvement_board.core.trajectory import baseline_value


def reaches(indicator: Indicator, value: float, threshold: float) -> bool:
    """Whether a figure reaches a threshold: at or above it where higher is better, at or below
    it where lower is; otherwise on the far side of it from the baseline."""
    if indicator.polarity == "higher":
        return value >= threshold
    if indicator.polarity == "lower":
        return value <= threshold
    base = baseline_value(indicator)
    return value >= threshold if base is None or threshold >= base else value <= threshold


def first_reaching(
    indicator: Indicator, threshold: float, figures: Iterable[Observation], *, by: date
) -> Observation | None:
    """The first figure on the indicator's cadence, published by ``by``, that reaches it."""
    cadence = indicator.cadence
    for figure in sorted(figures, key=lambda o: o.period):
        in_time = figure.period.last_day <= by and cadence.holds(figure.period)
        if in_time and figure.value is not None and reaches(indicator, figure.value, threshold):
            return figure
    return None


def reached_text(indicator: Indicator, threshold: float, figure: Observation) -> str:
    """The evidence the figure gives, in words."""
    name = indicator.code or indicator.title
    return (
        f"{name} reached {indicator.show(threshold)} with {indicator.show(figure.value)} "
        f"in {indicator.cadence.name(figure.period)} (from the figures)"
    )
