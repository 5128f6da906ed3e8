"""Record-based measures, each defined once in engine-neutral SQL and held in one registry.

Importing this package fills ``MEASURES`` and ``STEPS`` from the modules below.
"""

from __future__ import annotations

from improvement_board.core.records.measures import care, children_in_need, protection, workforce
from improvement_board.core.records.measures.registry import (
    MEASURES,
    PERIOD_RULES,
    STEPS,
    Measure,
    Step,
    parameters_in,
    steps_for,
)

__all__ = [
    "MEASURES",
    "PERIOD_RULES",
    "STEPS",
    "Measure",
    "Step",
    "care",
    "children_in_need",
    "parameters_in",
    "protection",
    "steps_for",
    "workforce",
]
