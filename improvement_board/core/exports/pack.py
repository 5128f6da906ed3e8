"""The whole board pack's data as one workbook, one sheet per section of the pack.

Built from the same inputs, the same ``build_pack`` and the same judgement as the HTML pack, so
the workbook and the pack cannot disagree: the summary and exceptions, the indicator register
with the month's commentary, each indicator's figures as its table in the pack has them (with the
planned figure beside each), the comparison with other councils, the reports due at the
meeting, the milestones due by it and in the three months after, the risks, and the success
criteria with their evidence items. An internal workbook also carries the pack's figures as a
monthly return (returns.py).

Marked for publication, every sheet follows the Minister's report: suppressed figures and what
is worked out from them are ``c`` (register.py, figures.py, comparators.py), an exception
worked out from a withheld figure is not listed, and free text (commentary, evidence notes,
risk mitigations) is printed only once a person has reviewed it for publication.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from improvement_board.core.disclosure import SUPPRESSED, published_text, published_texts
from improvement_board.core.exports.comparators import comparators_sheet
from improvement_board.core.exports.figures import StoredFigure, figures_sheet
from improvement_board.core.exports.judged import Judged
from improvement_board.core.exports.model import Column, Sheet, Value, quantity
from improvement_board.core.exports.register import register_sheet
from improvement_board.core.exports.returns import return_sheet
from improvement_board.core.packs.build import (
    MilestoneState,
    RiskState,
    exception_lines,
    exceptions_for,
    met_by_figures,
)
from improvement_board.core.packs.minister_exceptions import published_exceptions
from improvement_board.core.packs.minister_texts import MinisterTexts
from improvement_board.core.periods import Period

StoredFigures = Mapping[tuple[str, Period], StoredFigure]
RAG_ORDER = ("Red", "Amber", "Green", "No data", "Not applicable")
WITHHELD = "Status withheld (c)"


def pack_sheets(
    judged: Judged, *, publish: bool, texts: MinisterTexts, stored: StoredFigures | None = None
) -> tuple[Sheet, ...]:
    """Every section of the pack as a sheet; ``stored`` gives each figure's status, revision
    and note review where the store has them."""
    figures = _figures(judged, stored or {})
    sheets = [
        summary_sheet(judged, publish=publish),
        register_sheet(judged, publish=publish, texts=texts),
        figures_sheet(
            figures,
            publish=publish,
            title=f"figures to {judged.reporting.label}, with the plan",
            planned={(f.indicator.key, f.period): _planned(judged, f, publish) for f in figures},
        ),
        comparators_sheet(judged, publish=publish),
        reports_sheet(judged),
        milestones_sheet(judged, publish=publish, texts=texts),
        risks_sheet(judged, publish=publish, texts=texts),
        criteria_sheet(judged),
    ]
    if not publish:
        info = judged.inputs.programme.programme
        first, last = Period.parse(info.first_period), Period.parse(info.last_period)
        sheets.append(return_sheet(figures, first=first, last=last))
    return tuple(sheets)


def _planned(judged: Judged, figure: StoredFigure, publish: bool) -> Value:
    """What the plan said for the figure's period; ``c`` where the plan is withheld (its
    baseline is suppressed, and two planned figures and the target would give it back)."""
    indicator = figure.indicator
    if publish and judged.disclosures[indicator.key].plan is not None:
        return SUPPRESSED
    planned = judged.planned(indicator, figure.period)
    return quantity(planned, indicator.unit, indicator.decimals)


def _figures(judged: Judged, stored: StoredFigures) -> list[StoredFigure]:
    """The figures each indicator's table in the pack shows, as stored where the store has them."""
    found = []
    for indicator, panel in judged.panels():
        for o in judged.observations(indicator, panel):
            kept = stored.get((indicator.key, o.period))
            found.append(
                kept
                or StoredFigure(
                    indicator, o.period, o.value, o.numerator, o.denominator, o.marker, o.note
                )
            )
    return found


def summary_sheet(judged: Judged, *, publish: bool) -> Sheet:
    """The meeting, how many indicators have each status, and the exceptions for the board."""
    pack = judged.pack
    rows: list[tuple[Value, ...]] = [
        ("Meeting", pack.meeting_label, None),
        ("Figures to", pack.reporting_label, None),
    ]
    for word, count in _statuses(judged, publish):
        rows.append(("Status", word, count))
    if publish:
        report = exceptions_for(judged.inputs, judged.judgements)
        report = published_exceptions(report, judged.judgements, judged.disclosures)
        lines = exception_lines(report)
    else:
        lines = pack.exceptions
    rows.extend(("Exception", line, None) for line in lines)
    columns = (Column("Part"), Column("Item"), Column("Indicators", "integer"))
    title = f"summary and exceptions, board meeting {pack.meeting_label}"
    return Sheet("Summary", title, columns, tuple(rows))


def _statuses(judged: Judged, publish: bool) -> list[tuple[str, int]]:
    if not publish:
        return list(judged.pack.summary)
    counts = Counter(
        WITHHELD if judged.disclosures[p.key].status else p.rag_word for p in judged.pack.indicators
    )
    return [(word, counts[word]) for word in (*RAG_ORDER, WITHHELD) if counts[word]]


def reports_sheet(judged: Judged) -> Sheet:
    """The reports due at the meeting and whether each came."""
    columns = (Column("Report"), Column("Recommendations"), Column("Standing", "flag"))
    rows = tuple((r.title, r.recommendations, r.standing, r.status) for r in judged.pack.reports)
    return Sheet(
        "Reports due",
        f"reports due at the board meeting, {judged.pack.meeting_label}",
        (*columns, Column("Status")),
        rows,
    )


def window(judged: Judged) -> list[MilestoneState]:
    """The milestones the pack lists, in its order: due by the meeting or in the three months
    after, met by a figure where one reached the milestone's threshold."""
    inputs = met_by_figures(judged.inputs)
    horizon = inputs.meeting.shift(3).last_day
    return sorted((m for m in inputs.milestones if m.due <= horizon), key=lambda m: m.due)


def milestones_sheet(judged: Judged, *, publish: bool, texts: MinisterTexts) -> Sheet:
    columns = (
        Column("Action"),
        Column("Milestone"),
        Column("Owner"),
        Column("Due", "date"),
        Column("Completed", "date"),
        Column("Status"),
        Column("Evidence"),
    )
    rows = []
    for state, line in zip(window(judged), judged.pack.milestones, strict=True):
        evidence = published_texts(
            texts.evidence_of(state.key, state.evidence), publish=publish, noun="evidence note"
        )
        if not publish:
            evidence = line.evidence
        rows.append(
            (
                line.action,
                line.title,
                line.owner,
                state.due,
                state.completed_on,
                line.status,
                "\n".join(evidence),
            )
        )
    title = "milestones due by the meeting and in the three months after it"
    return Sheet("Milestones", title, columns, tuple(rows))


def _score_now(risk: RiskState) -> int:
    if risk.residual_likelihood is not None and risk.residual_impact is not None:
        return risk.residual_likelihood * risk.residual_impact
    return risk.likelihood * risk.impact


def risks_sheet(judged: Judged, *, publish: bool, texts: MinisterTexts) -> Sheet:
    """The open risks, highest score now first, flagged from the exception report."""
    columns = (
        Column("Risk"),
        Column("Owner"),
        Column("Score before mitigation", "integer"),
        Column("Likelihood now", "integer"),
        Column("Impact now", "integer"),
        Column("Score now", "integer"),
        Column("Next review", "date"),
        Column("Mitigation"),
        Column("Exception"),
    )
    states = sorted(judged.inputs.risks, key=lambda r: -_score_now(r))
    rows = tuple(
        (
            line.title,
            line.owner,
            line.inherent,
            line.likelihood,
            line.impact,
            line.score,
            state.review_date,
            published_text(texts.mitigation_of(state.key, state.mitigation), publish=publish),
            line.flag,
        )
        for state, line in zip(states, judged.pack.risks, strict=True)
    )
    appetite = judged.inputs.programme.programme.risk_appetite
    note = f"Score is likelihood × impact, each 1 to 5; the board's appetite is {appetite}."
    return Sheet("Risks", "risk log", columns, rows, note)


def criteria_sheet(judged: Judged) -> Sheet:
    columns = (Column("Number", "integer"), Column("Success criterion"), Column("Evidence items"))
    rows = tuple((c.number, c.title, "\n".join(c.evidence)) for c in judged.pack.criteria)
    return Sheet("Success criteria", "success criteria and their evidence", columns, rows)
