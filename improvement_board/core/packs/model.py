"""The board pack as plain data: what the board reads at one meeting (a PRINCE2 highlight report).

Building fills these from the store and the judgement; rendering turns them into HTML and PDF. No
field holds a child-level row: a pack carries only figures, counts and words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One period of an indicator (a month, quarter or year, as its cadence has it), for the
    table that is every chart's text alternative; ``note`` is what the return said of it."""

    label: str
    actual: str
    counts: str
    planned: str
    note: str = ""
    period: str = ""
    """The month the figure is dated, ``YYYY-MM``: what a page links by."""
    draft: bool = False


@dataclass(frozen=True, slots=True)
class BenchmarkRow:
    """One period of the ten-year comparison, as DfE's LAIT lays it out."""

    label: str
    council: str
    change: str
    average: str
    region: str
    england: str
    band: str


@dataclass(frozen=True, slots=True)
class IndicatorPanel:
    key: str
    code: str
    title: str
    unit_label: str
    recommendations: str
    owner: str
    baseline: str
    target: str
    latest_label: str
    latest: str
    counts: str
    planned: str
    rag_word: str
    rag_class: str
    direction: str
    forecast: str
    spc: str
    chart_title: str
    chart_svg: str
    months: tuple[MonthRow, ...]
    benchmark: str
    analysis: str
    action: str
    notes: str
    period_noun: str = "Month"
    latest_note: str = ""
    cadence: str = "monthly"
    benchmark_rows: tuple[BenchmarkRow, ...] = ()
    benchmark_title: str = ""
    benchmark_svg: str = ""
    benchmark_caption: str = ""
    benchmark_brief: str = ""
    latest_draft: bool = False
    """The latest figure is a draft: not yet validated by a second person."""


@dataclass(frozen=True, slots=True)
class ReportLine:
    title: str
    recommendations: str
    status: str
    standing: bool


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    action: str
    title: str
    owner: str
    due: str
    status: str
    status_class: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RiskLine:
    title: str
    owner: str
    likelihood: int
    impact: int
    score: int
    review: str
    mitigation: str
    flag: str
    inherent: int = 0
    """The score before mitigation; ``score`` is the risk now (residual once reviewed)."""


@dataclass(frozen=True, slots=True)
class CriterionLine:
    number: int
    title: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pack:
    programme: str
    council: str
    meeting_label: str
    meeting_period: str
    reporting_label: str
    synthetic: bool
    data_note: str
    summary: tuple[tuple[str, int], ...]
    indicators: tuple[IndicatorPanel, ...]
    reports: tuple[ReportLine, ...]
    milestones: tuple[MilestoneLine, ...]
    risks: tuple[RiskLine, ...]
    exceptions: tuple[str, ...]
    criteria: tuple[CriterionLine, ...]
    drafts: int = 0
    """How many of the latest figures shown are drafts, not yet validated."""
