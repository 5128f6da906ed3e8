"""The three-monthly report to the Minister, built from the board pack's own inputs and judgement.

The seed says the success criteria "form the basis of the three monthly reports to the Minister".
The report for a quarter takes the inputs of the month after the quarter's last month, the same
inputs that month's meeting pack is built from, and judges them with the same ``judge_all`` and
``exceptions_for``, so the two can never disagree. It names that meeting only where the
programme's schedule has one.

When the report is marked for publication every figure, and everything worked out from one,
passes through ``core.disclosure`` first (DfE practice), and free text appears only once a person
has reviewed it for publication, so the model holds nothing that may not be printed, and says in
words what was withheld and why.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from improvement_board.core.disclosure import (
    SUPPRESSED,
    Disclosure,
    disclose,
    published_text,
    published_texts,
)
from improvement_board.core.exceptions import ExceptionReport
from improvement_board.core.judge import Judgement
from improvement_board.core.packs.build import (
    MilestoneState,
    PackInputs,
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
    scheduled,
)
from improvement_board.core.packs.minister_exceptions import published_exceptions
from improvement_board.core.packs.minister_figures import ChartMonth, RedChart, red_charts
from improvement_board.core.packs.minister_indicators import IndicatorLine, indicator_line
from improvement_board.core.packs.minister_texts import (
    Commentary,
    MinisterTexts,
    unreviewed,
)
from improvement_board.core.packs.model import MilestoneLine, RiskLine
from improvement_board.core.periods import Period

__all__ = [
    "ChartMonth",
    "Commentary",
    "CriterionAssessment",
    "EvidenceLine",
    "IndicatorLine",
    "MinisterReport",
    "MinisterTexts",
    "RedChart",
    "build_minister_report",
    "quarter_label",
]

RAG_ORDER = ("Red", "Amber", "Green", "No data", "Not applicable", SUPPRESSED)
WITHHELD_TILE = "Status withheld (c)"
PUBLISHED_NOTE = "Marked for publication: small numbers suppressed"
INTERNAL_NOTE = "Internal: not for publication"


@dataclass(frozen=True, slots=True)
class MinisterReport:
    programme: str
    council: str
    quarter_end: str
    quarter_label: str
    quarter_name: str
    quarter_end_label: str
    meeting_label: str | None
    """The meeting after the quarter, or None where the programme's schedule has none."""
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

    @property
    def commentary(self) -> tuple[IndicatorLine, ...]:
        """The indicators with commentary for the quarter's last month."""
        return tuple(line for line in self.indicators if line.analysis or line.action)


def build_minister_report(
    inputs: PackInputs,
    quarter_end: Period,
    *,
    publish: bool = False,
    texts: MinisterTexts | None = None,
) -> MinisterReport:
    """The report for the quarter ending ``quarter_end``, from the next month's pack inputs.

    ``texts`` carries the free text with its review for publication; without it the inputs'
    own commentary is used, not reviewed (so withheld from a report marked for publication).
    """
    _check_quarter(inputs, quarter_end)
    texts = texts or unreviewed(inputs)
    judgements = judge_all(inputs, quarter_end)
    earlier = judge_all(inputs, quarter_end.shift(-3))
    disclosures = {
        i.key: disclose(i, judgements[i.key], inputs.series.get(i.key, []))
        for i in inputs.programme.indicators
    }
    exceptions = exceptions_for(inputs, judgements)
    lines = tuple(
        indicator_line(
            inputs,
            i,
            (judgements[i.key], earlier[i.key]),
            disclosures[i.key],
            texts.commentary.get(i.key, Commentary()),
            publish,
        )
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
        meeting_label=(
            inputs.meeting.label if scheduled(inputs.programme, inputs.meeting) else None
        ),
        as_at=day_text(inputs.as_at),
        synthetic=inputs.synthetic,
        data_note=f"the figures in this report are synthetic, generated for demonstration; they "
        f"are not {info.council}'s figures.",
        publish=publish,
        publication_note=PUBLISHED_NOTE if publish else INTERNAL_NOTE,
        summary=_summary(lines),
        criteria=criteria(inputs, quarter_end, exceptions, texts, publish=publish),
        indicators=lines,
        exceptions=_exceptions(exceptions, judgements, disclosures, publish),
        milestones=_milestones(inputs, quarter_end, texts, publish),
        risks=_risks_above_appetite(inputs, exceptions, texts, publish),
        risk_appetite=info.risk_appetite,
        charts=red_charts(inputs, judgements, disclosures, publish),
    )


def _check_quarter(inputs: PackInputs, quarter_end: Period) -> None:
    """A report covers one financial quarter and reads the inputs of the month after it."""
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


def _summary(lines: tuple[IndicatorLine, ...]) -> tuple[tuple[str, int], ...]:
    counts = Counter(line.rag_word for line in lines)
    words = {SUPPRESSED: WITHHELD_TILE}
    return tuple((words.get(word, word), counts[word]) for word in RAG_ORDER if counts[word])


def _exceptions(
    report: ExceptionReport,
    judgements: Mapping[str, Judgement],
    disclosures: Mapping[str, Disclosure],
    publish: bool,
) -> tuple[str, ...]:
    """The pack's exception lines; in a publishable report without what is withheld."""
    if publish:
        report = published_exceptions(report, judgements, disclosures)
    return exception_lines(report)


# Milestones and risks ------------------------------------------------------------------------


def _in_quarter(state: MilestoneState, quarter_end: Period) -> bool:
    return quarter_end.shift(-2).first_day <= state.due <= quarter_end.last_day


def _milestones(
    inputs: PackInputs, quarter_end: Period, texts: MinisterTexts, publish: bool
) -> tuple[MilestoneLine, ...]:
    """Milestones due in the quarter, with the pack's own status words as at the meeting, and
    their evidence notes as they may be printed."""
    due = sorted((m for m in inputs.milestones if _in_quarter(m, quarter_end)), key=by_due)
    return tuple(
        replace(
            milestone_line(m, inputs.as_at),
            evidence=published_texts(
                texts.evidence_of(m.key, m.evidence), publish=publish, noun="evidence note"
            ),
        )
        for m in due
    )


def _risks_above_appetite(
    inputs: PackInputs, exceptions: ExceptionReport, texts: MinisterTexts, publish: bool
) -> tuple[RiskLine, ...]:
    """The pack's risk lines (flagged from the same exception report) scored above appetite,
    each mitigation as it may be printed."""
    appetite = inputs.programme.programme.risk_appetite
    risks = [
        replace(
            r, mitigation=published_text(texts.mitigation_of(r.key, r.mitigation), publish=publish)
        )
        for r in inputs.risks
    ]
    return tuple(line for line in risk_lines(risks, exceptions) if line.score > appetite)
