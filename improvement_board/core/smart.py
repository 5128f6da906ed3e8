"""The SMART check of a plan: every objective, action and indicator needs a measure, a numeric
target or milestone, an owner and a date.

The seed asks for "SMART objectives and numerical milestones that can be used to indicate progress"
(overarching criterion 1). This check lists, item by item, what the plan still lacks, so the board
can ask for it rather than discover it when a pack cannot be judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from improvement_board.core.programme import (
    Action,
    EvidenceItem,
    Indicator,
    Programme,
    SuccessCriterion,
)

Kind = Literal["success criterion", "action", "indicator"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing one item lacks."""

    kind: Kind
    key: str
    title: str
    missing: str

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {self.key} ({self.title}) lacks {self.missing}"


def check_plan(programme: Programme) -> list[Finding]:
    """Every gap in the plan: success criteria first, then actions, then indicators."""
    evidence = {item.number: item for item in programme.evidence_items}
    findings: list[Finding] = []
    for criterion in programme.success_criteria:
        findings += _criterion_findings(criterion, evidence)
    for action in programme.actions:
        findings += _action_findings(action)
    for indicator in programme.indicators:
        findings += _indicator_findings(indicator)
    return findings


def _criterion_findings(
    criterion: SuccessCriterion, evidence: dict[int, EvidenceItem]
) -> list[Finding]:
    """A criterion is measured by its evidence items and dated by when they are due."""
    items = [evidence[n] for n in criterion.evidence_items if n in evidence]
    missing = []
    if not items:
        missing.append("a measure (no evidence items show it)")
    elif not any(item.due or item.every_meeting for item in items):
        missing.append("a date (none of its evidence items has a due month)")
    key = f"{criterion.number}"
    return [Finding("success criterion", key, criterion.title, m) for m in missing]


def _action_findings(action: Action) -> list[Finding]:
    """An action is measured by an indicator or evidence, and checked by numerical milestones."""
    missing = []
    linked = any(m.indicator for m in action.milestones)
    if not linked and not action.evidence_items:
        missing.append("a measure (link a milestone to an indicator, or name its evidence)")
    if not any(m.value is not None for m in action.milestones):
        missing.append("a numerical milestone")
    if not action.owner:
        missing.append("an owner")
    if action.due is None:
        missing.append("a due date")
    return [Finding("action", action.key, action.title, m) for m in missing]


def _indicator_findings(indicator: Indicator) -> list[Finding]:
    """An indicator needs a definition, bounds if it is a band, and an owner.

    Its target is always numeric and its date falls back to the programme's, so those cannot be
    missing once the file has been read.
    """
    missing = []
    if not (indicator.definition or indicator.measure):
        missing.append("a measure (a definition of how it is counted)")
    if indicator.polarity == "band" and (
        indicator.target is None or indicator.target.low is None or indicator.target.high is None
    ):
        missing.append("a numeric band (target low and high)")
    if not indicator.owner:
        missing.append("an owner")
    return [Finding("indicator", indicator.key, indicator.label, m) for m in missing]
