"""The three-monthly report to the Minister, built from the board pack's own inputs and judgement.

The seed says the success criteria "form the basis of the three monthly reports to the Minister".
The report for a quarter takes the inputs of the meeting after the quarter's last month, the same
inputs that meeting's pack is built from, and judges them with the same ``judge_all`` and
``exceptions_for``, so the two can never disagree. When the report is marked for publication the
numbers behind each figure pass through ``core.disclosure`` first (DfE practice), so the model
holds nothing that may not be printed.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, replace

from improvement_board.core.direction import Direction, direction
from improvement_board.core.disclosure import SUPPRESSED
from improvement_board.core.exceptions import ExceptionReport
from improvement_board.core.judge import Judgement
from improvement_board.core.packs.build import (
    MilestoneState,
    PackInputs,
    benchmark_text,
    exception_lines,
    exceptions_for,
    judge_all,
    milestone_line,
    risk_lines,
)
from improvement_board.core.packs.minister_criteria import (
    CriterionAssessment,
    EvidenceLine,
    by_due,
    criteria,
    day_text,
)
from improvement_board.core.packs.minister_figures import ChartMonth, RedChart, red_charts, shown
from improvement_board.core.packs.model import MilestoneLine, RiskLine
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator
from improvement_board.core.rag import Rag, allowance
from improvement_board.core.units import UNIT_LABELS, format_value

__all__ = [
    "ChartMonth",
    "CriterionAssessment",
    "EvidenceLine",
    "IndicatorLine",
    "MinisterReport",
    "RedChart",
    "build_minister_report",
    "quarter_label",
]

RAG_ORDER = ("Red", "Amber", "Green", "No data", "Not applicable")
PUBLISHED_NOTE = "Marked for publication: small numbers suppressed"
INTERNAL_NOTE = "Internal: not for publication"


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """An indicator at the quarter end; ``figure`` and ``counts`` are already fit to print."""

    key: str
    name: str
    unit_label: str
    baseline: str
    figure: str
    figure_period: str
    low_reliability: bool
    counts: str
    target: str
    rag_word: str
    rag_class: str
    direction: str
    benchmark: str


@dataclass(frozen=True, slots=True)
class MinisterReport:
    programme: str
    council: str
    quarter_end: str
    quarter_label: str
    quarter_name: str
    quarter_end_label: str
    meeting_label: str
    as_at: str
    synthetic: bool
    data_note: str
    publish: bool
    publication_note: str
    summary: tuple[tuple[str, int], ...]
    criteria: tuple[CriterionAssessment, ...]
    indicators: tuple[IndicatorLine, ...]
    exceptions: tuple[str, ...]
    milestones: tuple[MilestoneLine, ...]
    risks: tuple[RiskLine, ...]
    risk_appetite: int
    charts: tuple[RedChart, ...]


def build_minister_report(
    inputs: PackInputs, quarter_end: Period, *, publish: bool = False
) -> MinisterReport:
    """The report for the quarter ending ``quarter_end``, from the next meeting's pack inputs."""
    _check_quarter(inputs, quarter_end)
    judgements = judge_all(inputs, quarter_end)
    earlier = judge_all(inputs, quarter_end.shift(-3))
    exceptions = exceptions_for(inputs, judgements)
    lines = tuple(
        _indicator_line(inputs, i, judgements[i.key], earlier[i.key], publish)
        for i in inputs.programme.indicators
    )
    info = inputs.programme.programme
    return MinisterReport(
        programme=info.name,
        council=info.council,
        quarter_end=str(quarter_end),
        quarter_label=quarter_label(quarter_end),
        quarter_name=f"quarter {quarter_end.quarter} of {quarter_end.financial_year}",
        quarter_end_label=quarter_end.label,
        meeting_label=inputs.meeting.label,
        as_at=day_text(inputs.as_at),
        synthetic=inputs.synthetic,
        data_note=f"the figures in this report are synthetic, generated for demonstration; they "
        f"are not {info.council}'s figures.",
        publish=publish,
        publication_note=PUBLISHED_NOTE if publish else INTERNAL_NOTE,
        summary=_summary(lines),
        criteria=criteria(inputs, quarter_end, exceptions),
        indicators=lines,
        exceptions=_exception_lines(exceptions, _hidden_keys(lines)),
        milestones=_milestones(inputs, quarter_end),
        risks=_risks_above_appetite(inputs, exceptions),
        risk_appetite=info.risk_appetite,
        charts=red_charts(inputs, judgements, publish),
    )


def _check_quarter(inputs: PackInputs, quarter_end: Period) -> None:
    """A report covers one financial quarter and reads the inputs of the meeting after it."""
    if quarter_end.month % 3:
        raise ValueError(
            f"{quarter_end} is not the last month of a quarter (June, September, December, March)"
        )
    if inputs.meeting != quarter_end.shift(1):
        raise ValueError(
            f"the report for the quarter ending {quarter_end} is built from the inputs of the "
            f"{quarter_end.shift(1)} meeting, not {inputs.meeting}"
        )


def quarter_label(quarter_end: Period) -> str:
    """Such as ``October to December 2006``."""
    first = quarter_end.shift(-2)
    return f"{calendar.month_name[first.month]} to {quarter_end.label}"


# Indicators ---------------------------------------------------------------------------------


def _indicator_line(
    inputs: PackInputs,
    indicator: Indicator,
    judgement: Judgement,
    earlier: Judgement,
    publish: bool,
) -> IndicatorLine:
    figure = shown(
        indicator, judgement.value, judgement.numerator, judgement.denominator, publish=publish
    )
    quarter_end = inputs.meeting.shift(-1)
    return IndicatorLine(
        key=indicator.key,
        name=indicator.label,
        unit_label=UNIT_LABELS[indicator.unit] or "value",
        baseline=_baseline(indicator, publish),
        figure=figure.figure,
        figure_period="" if judgement.period == quarter_end else judgement.period.label,
        low_reliability=figure.low_reliability,
        counts=figure.counts,
        target=indicator.target_text,
        rag_word=judgement.status.word,
        rag_class=f"rag-{rag_class(judgement.status)}",
        direction=quarter_direction(judgement, earlier),
        benchmark=benchmark_text(indicator, inputs.benchmarks.get(indicator.key)),
    )


def _value(indicator: Indicator, value: float | None) -> str:
    return format_value(value, indicator.unit, indicator.decimals)


def _baseline(indicator: Indicator, publish: bool) -> str:
    """The plan's baseline; one given with its counts ("89.5% (19/20)") is suppressed like any."""
    base = indicator.baseline
    if base.numerator is None or not publish:
        return base.text or _value(indicator, base.value)
    found = shown(indicator, base.value, base.numerator, base.denominator, publish=True)
    return f"{found.figure} ({found.counts})"


def rag_class(status: Rag) -> str:
    return {Rag.RED: "red", Rag.AMBER: "amber", Rag.GREEN: "green"}.get(status, "grey")


def quarter_direction(now: Judgement, before: Judgement) -> str:
    """The figure at the quarter end against the one three months earlier, worded by polarity."""
    if before.period == now.period:
        return f"No new figure since {now.period.label}"
    reference = before.value if before.value is not None else 0.0
    found = direction(
        now.value, before.value, now.polarity, allowance=allowance(now.tolerance, reference)
    )
    if found is Direction.NOT_AVAILABLE:
        missing = before.period if before.value is None else now.period
        return f"Not available: no figure for {missing.label}"
    return f"{found.word} since {before.period.label}"


def _summary(lines: tuple[IndicatorLine, ...]) -> tuple[tuple[str, int], ...]:
    counts = Counter(line.rag_word for line in lines)
    return tuple((word, counts[word]) for word in RAG_ORDER if counts[word])


def _hidden_keys(lines: tuple[IndicatorLine, ...]) -> frozenset[str]:
    return frozenset(line.key for line in lines if line.figure == SUPPRESSED)


# Exceptions, milestones and risks ------------------------------------------------------------


def _exception_lines(report: ExceptionReport, hidden: frozenset[str]) -> tuple[str, ...]:
    """The pack's exception lines; a hidden figure is not given away in the words beside it."""
    items = tuple(
        replace(item, reasons=_without_figure(item.reasons))
        if item.kind == "indicator" and item.key in hidden
        else item
        for item in report.items
    )
    return exception_lines(replace(report, items=items))


def _without_figure(reasons: tuple[str, ...]) -> tuple[str, ...]:
    """Of "red in December 2006: 40.0% against ...", only the words before the figure."""
    return tuple(
        reason.split(":")[0] + " (figure suppressed: small numbers)"
        if reason.startswith("red in ")
        else reason
        for reason in reasons
    )


def _in_quarter(state: MilestoneState, quarter_end: Period) -> bool:
    return quarter_end.shift(-2).first_day <= state.due <= quarter_end.last_day


def _milestones(inputs: PackInputs, quarter_end: Period) -> tuple[MilestoneLine, ...]:
    """Milestones due in the quarter, with the pack's own status words as at the meeting."""
    due = sorted((m for m in inputs.milestones if _in_quarter(m, quarter_end)), key=by_due)
    return tuple(milestone_line(m, inputs.as_at) for m in due)


def _risks_above_appetite(inputs: PackInputs, exceptions: ExceptionReport) -> tuple[RiskLine, ...]:
    """The pack's risk lines (flagged from the same exception report) scored above appetite."""
    appetite = inputs.programme.programme.risk_appetite
    return tuple(line for line in risk_lines(inputs.risks, exceptions) if line.score > appetite)
