"""Building a pack from plain inputs: the store gathers them, the core judges and words them.

The pack for a meeting shows figures up to the month before it (the board meets in November and
reads October's figures), every indicator judged by the same rules the status command and the
Minister's report use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from improvement_board.core.benchmarks import Comparison
from improvement_board.core.exceptions import (
    Escalation,
    ExceptionReport,
    MilestoneDue,
    ReportExpected,
    ReportStatus,
    RiskEntry,
    exception_report,
)
from improvement_board.core.judge import Judgement, JudgeSettings, Observation, judge
from improvement_board.core.milestones import first_reaching, reached_text
from improvement_board.core.packs.charts import ChartPoint, render_svg, trend_spec
from improvement_board.core.packs.comparisons import (
    benchmark_brief,
    benchmark_chart,
    benchmark_rows,
)
from improvement_board.core.packs.comparisons import benchmark_text as comparison_text
from improvement_board.core.packs.model import (
    BenchmarkRow,
    CriterionLine,
    IndicatorPanel,
    MilestoneLine,
    MonthRow,
    Pack,
    ReportLine,
    RiskLine,
)
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, Programme
from improvement_board.core.spc import SpcSettings
from improvement_board.core.units import UNIT_LABELS, format_counts, format_value


@dataclass(frozen=True, slots=True)
class Note:
    """Commentary for one indicator in the reporting month."""

    analysis: str = ""
    action: str = ""


@dataclass(frozen=True, slots=True)
class MilestoneState:
    key: str
    action: str
    title: str
    owner: str
    due: date
    completed_on: date | None
    evidence: tuple[str, ...] = ()
    indicator: str = ""
    threshold: float | None = None
    """A milestone tied to an indicator's figure: met by the first figure that reaches this."""


@dataclass(frozen=True, slots=True)
class ReportState:
    key: str
    title: str
    recommendations: tuple[str, ...]
    status: str
    standing: bool


@dataclass(frozen=True, slots=True)
class RiskState:
    key: str
    title: str
    owner: str
    likelihood: int
    impact: int
    review_date: date | None
    mitigation: str
    last_reviewed: date | None = None
    residual_likelihood: int | None = None
    residual_impact: int | None = None


@dataclass(frozen=True)
class PackInputs:
    programme: Programme
    meeting: Period
    as_at: date
    series: dict[str, list[Observation]]
    notes: dict[str, Note] = field(default_factory=dict)
    milestones: list[MilestoneState] = field(default_factory=list)
    reports: list[ReportState] = field(default_factory=list)
    risks: list[RiskState] = field(default_factory=list)
    synthetic: bool = False
    charts: bool = True
    benchmarks: dict[str, Comparison] = field(default_factory=dict)
    escalations: list[Escalation] = field(default_factory=list)
    """Exceptions escalated beyond the board and not yet resolved."""
    earlier_reports: dict[str, list[ReportState]] = field(default_factory=dict)
    """The reports of the programme's earlier meetings, by meeting month (``YYYY-MM``), for
    what the Minister's report says of evidence items reported before this meeting."""


def judge_all(inputs: PackInputs, period: Period) -> dict[str, Judgement]:
    """Every indicator judged at ``period`` from its figures up to then."""
    info = inputs.programme.programme
    judged = {}
    for indicator in inputs.programme.indicators:
        due = indicator.cadence.latest(period)
        series = _upto(inputs, indicator.key, due)
        judged[indicator.key] = judge(
            indicator, series, programme=info, period=due, settings=_settings(indicator)
        )
    return judged


def _settings(indicator: Indicator) -> JudgeSettings:
    """SPC limits start again at each period the indicator's owner rebased them (a new process)."""
    rebase = tuple(Period.parse(p) for p in indicator.spc_rebase)
    return JudgeSettings(spc=SpcSettings(rebase_at=rebase))


def _upto(inputs: PackInputs, key: str, period: Period) -> list[Observation]:
    return [o for o in inputs.series.get(key, []) if o.period <= period]


def exceptions_for(inputs: PackInputs, judgements: dict[str, Judgement]) -> ExceptionReport:
    """The PRINCE2 exception report as at the meeting: the one list every output shows."""
    inputs = met_by_figures(inputs)
    info = inputs.programme.programme
    return exception_report(
        as_at=inputs.as_at,
        judgements=judgements.values(),
        milestones=[
            MilestoneDue(m.key, f"{m.title} ({m.action})", m.due, m.completed_on, m.owner or None)
            for m in inputs.milestones
        ],
        reports=[
            ReportExpected(r.key, r.title, inputs.as_at, _report_status(r.status))
            for r in inputs.reports
        ],
        risks=[
            RiskEntry(
                r.key,
                r.title,
                r.likelihood,
                r.impact,
                r.review_date,
                r.last_reviewed,
                residual_likelihood=r.residual_likelihood,
                residual_impact=r.residual_impact,
            )
            for r in inputs.risks
        ],
        risk_appetite=info.risk_appetite,
        review_days=info.review_days,
        escalations=inputs.escalations,
    )


def _report_status(status: str) -> ReportStatus:
    known: dict[str, ReportStatus] = {
        "received": "received",
        "late": "late",
        "deferred": "deferred",
    }
    return known.get(status, "expected")


def exception_lines(report: ExceptionReport) -> tuple[str, ...]:
    return tuple(
        f"{item.title}: {'; '.join(item.reasons)}"
        + (f"; {item.escalated}" if item.escalated else "")
        for item in report.items
    )


def met_by_figures(inputs: PackInputs) -> PackInputs:
    """The inputs with every milestone tied to an indicator's threshold completed by the first
    figure that reached it (see core/milestones.py), unless a person recorded it already."""
    indicators = {i.key: i for i in inputs.programme.indicators}
    changed = []
    for m in inputs.milestones:
        indicator = indicators.get(m.indicator)
        if m.completed_on is not None or indicator is None or m.threshold is None:
            changed.append(m)
            continue
        figures = inputs.series.get(indicator.key, [])
        found = first_reaching(indicator, m.threshold, figures, by=inputs.as_at)
        if found is None:
            changed.append(m)
            continue
        evidence = (*m.evidence, reached_text(indicator, m.threshold, found))
        changed.append(replace(m, completed_on=found.period.last_day, evidence=evidence))
    return replace(inputs, milestones=changed)


def build_pack(inputs: PackInputs) -> Pack:
    """The pack for one meeting, everything judged as at the reporting month."""
    inputs = met_by_figures(inputs)
    programme = inputs.programme
    reporting = inputs.meeting.shift(-1)
    judgements = judge_all(inputs, reporting)
    panels = tuple(
        _panel(inputs, indicator, reporting, judgements[indicator.key])
        for indicator in programme.indicators
    )
    milestones = tuple(milestone_line(m, inputs.as_at) for m in _window(inputs))
    exceptions = exceptions_for(inputs, judgements)
    return Pack(
        programme=programme.programme.name,
        council=programme.programme.council,
        meeting_label=inputs.meeting.label,
        meeting_period=str(inputs.meeting),
        reporting_label=reporting.label,
        synthetic=inputs.synthetic,
        data_note=_data_note(inputs),
        summary=_summary(panels),
        indicators=panels,
        reports=tuple(_report(r) for r in inputs.reports),
        milestones=milestones,
        risks=risk_lines(inputs.risks, exceptions),
        exceptions=exception_lines(exceptions),
        criteria=_criteria(programme),
        drafts=sum(p.latest_draft for p in panels),
    )


def _data_note(inputs: PackInputs) -> str:
    return (
        "the figures in this pack are synthetic, generated for demonstration; they are not "
        f"{inputs.programme.programme.council}'s figures."
    )


def _panel(
    inputs: PackInputs, indicator: Indicator, reporting: Period, judgement: Judgement
) -> IndicatorPanel:
    cadence = indicator.cadence
    series = [o for o in _upto(inputs, indicator.key, judgement.period) if cadence.holds(o.period)]
    latest = series[-1] if series else None
    note = inputs.notes.get(indicator.key, Note())
    comparison = inputs.benchmarks.get(indicator.key)
    rows: tuple[BenchmarkRow, ...] = ()
    chart_title = chart_svg = ""
    if comparison is not None:
        rows = benchmark_rows(comparison)
        chart_title, chart_svg = benchmark_chart(comparison, charts=inputs.charts)
    return IndicatorPanel(
        key=indicator.key,
        code=indicator.code or "",
        title=indicator.title,
        unit_label=UNIT_LABELS[indicator.unit] or "value",
        recommendations=", ".join(indicator.recommendations),
        owner=indicator.owner or "",
        baseline=_baseline(indicator),
        target=indicator.target_text,
        latest_label=cadence.label(latest.period if latest else judgement.period).removeprefix(
            "the "
        ),
        latest=_figure(indicator, latest),
        counts=format_counts(latest.numerator, latest.denominator) if latest else "",
        planned=_show(indicator, _planned_value(judgement, judgement.period)),
        rag_word=judgement.status.word,
        rag_class=f"rag-{_rag_class(judgement)}",
        direction=_direction_text(judgement),
        forecast=f"{judgement.forecast.text} ({judgement.forecast.method})",
        spc=_spc_text(judgement),
        chart_title=_chart_title(indicator, judgement, latest),
        chart_svg=_chart(indicator, judgement, series, inputs.programme) if inputs.charts else "",
        months=tuple(_month(indicator, o, judgement) for o in series),
        benchmark=comparison_text(comparison),
        analysis=note.analysis,
        action=note.action,
        notes=indicator.notes or "",
        period_noun=cadence.noun.capitalize(),
        latest_note=latest.note if latest else "",
        cadence=cadence.describe(),
        benchmark_rows=rows,
        benchmark_title=chart_title,
        benchmark_svg=chart_svg,
        benchmark_caption=comparison.title if comparison is not None else "",
        benchmark_brief=benchmark_brief(comparison),
        latest_draft=latest.draft if latest else False,
    )


def benchmark_text(indicator: Indicator, found: Comparison | None) -> str:
    """The benchmark in words (see core/packs/comparisons.py); the indicator names nothing
    more than the comparison already does, and is kept for the callers that pass it."""
    return comparison_text(found)


def _figure(indicator: Indicator, observation: Observation | None) -> str:
    """A figure as the board reads it; a DfE marker with its meaning, never as a number."""
    if observation is None:
        return _show(indicator, None)
    if observation.marker is not None:
        return observation.marker.text
    return _show(indicator, observation.value)


def _capital(text: str) -> str:
    """A period's name as a table row heads it: "Quarter to 30 September 2006"."""
    text = text.removeprefix("the ")
    return text[:1].upper() + text[1:]


def _show(indicator: Indicator, value: float | None) -> str:
    return format_value(value, indicator.unit, indicator.decimals)


def _baseline(indicator: Indicator) -> str:
    if indicator.baseline.text:
        return indicator.baseline.text
    return _show(indicator, indicator.baseline.value)


def _rag_class(judgement: Judgement) -> str:
    return {"Red": "red", "Amber": "amber", "Green": "green"}.get(judgement.status.word, "grey")


def _planned_value(judgement: Judgement, period: Period) -> float | None:
    if judgement.trajectory is None:
        return None
    planned = judgement.trajectory.at(period)
    return planned.value if planned else None


def _direction_text(judgement: Judgement) -> str:
    """Against the previous period, and (where that is not already a year back) a year earlier."""
    previous, year = judgement.previous, judgement.year_ago
    text = f"{previous.word} since {judgement.cadence.name(previous.compared_with)}"
    if year.earlier is not None and judgement.cadence.step != 12:
        text += f"; {year.word.lower()} on a year earlier"
    return text


def _spc_text(judgement: Judgement) -> str:
    spc = judgement.spc
    parts = [spc.variation.word]
    if spc.assurance.word != "Not applicable":
        parts.append(spc.assurance.word)
    parts.extend(spc.cautions)
    return " ".join(part.rstrip(".") + "." for part in parts)


def _headline(judgement: Judgement) -> str:
    """The finding a chart's title states, in the board's words."""
    words = {
        "Green": "on or ahead of plan",
        "Amber": "behind plan, within tolerance",
        "Red": "behind plan beyond tolerance",
    }
    return words.get(judgement.status.word, judgement.status.word.lower())


def _chart_title(indicator: Indicator, judgement: Judgement, latest: Observation | None) -> str:
    name = indicator.code or indicator.title
    if latest is None or (latest.value is None and latest.marker is None):
        return f"{name}: no figures yet"
    when = indicator.cadence.name(latest.period)
    if latest.value is None:
        return f"{name}: no figure for {when} ({_figure(indicator, latest)})"
    if judgement.trajectory is None:
        return f"{name}: {_show(indicator, latest.value)} in {when} (watched, no target)"
    return f"{name}: {_show(indicator, latest.value)} in {when}, {_headline(judgement)}"


def _chart(
    indicator: Indicator, judgement: Judgement, series: list[Observation], programme: Programme
) -> str:
    """Each period of the indicator's cadence across the programme (and any earlier figures),
    a missing or marked figure a gap; a band target shaded."""
    cadence = indicator.cadence
    periods = programme.periods
    first = min([periods[0], *(o.period for o in series)])
    points = [
        ChartPoint(cadence.short_label(p), _value_at(series, p), _planned_value(judgement, p))
        for p in cadence.periods(first, periods[-1])
    ]
    target = indicator.target
    band = None
    if target is not None and target.qualifier == "band" and target.low is not None:
        band = (target.low, target.high if target.high is not None else target.value)
    spec = trend_spec(
        title=_chart_title(indicator, judgement, series[-1] if series else None),
        unit_label=UNIT_LABELS[indicator.unit] or "value",
        points=points,
        target=target.value if target is not None else None,
        band=band,
    )
    return render_svg(spec)


def _value_at(series: list[Observation], period: Period) -> float | None:
    return next((o.value for o in series if o.period == period), None)


def _month(indicator: Indicator, observation: Observation, judgement: Judgement) -> MonthRow:
    return MonthRow(
        label=_capital(indicator.cadence.name(observation.period)),
        actual=_figure(indicator, observation),
        counts=format_counts(observation.numerator, observation.denominator),
        planned=_show(indicator, _planned_value(judgement, observation.period)),
        note=observation.note,
        period=str(observation.period),
        draft=observation.draft,
    )


def _summary(panels: tuple[IndicatorPanel, ...]) -> tuple[tuple[str, int], ...]:
    counts = Counter(p.rag_word for p in panels)
    order = ["Red", "Amber", "Green", "No data", "Not applicable"]
    return tuple((word, counts[word]) for word in order if counts[word])


def _window(inputs: PackInputs) -> list[MilestoneState]:
    """Milestones due by the meeting and in the three months after it."""
    horizon = inputs.meeting.shift(3).last_day
    return sorted((m for m in inputs.milestones if m.due <= horizon), key=lambda m: m.due)


def milestone_line(state: MilestoneState, as_at: date) -> MilestoneLine:
    status, css = _milestone_status(state, as_at)
    return MilestoneLine(
        action=state.action,
        title=state.title,
        owner=state.owner,
        due=f"{state.due:%d %b %Y}",
        status=status,
        status_class=f"rag-{css}",
        evidence=state.evidence,
    )


def _milestone_status(state: MilestoneState, as_at: date) -> tuple[str, str]:
    if state.completed_on is not None:
        if state.completed_on <= state.due:
            return ("Done on time", "green") if state.evidence else ("Done, no evidence", "amber")
        return "Done late", "amber"
    if state.due < as_at:
        return "Overdue", "red"
    return "Not yet due", "grey"


def _report(state: ReportState) -> ReportLine:
    return ReportLine(
        title=state.title,
        recommendations=", ".join(state.recommendations),
        status=state.status.capitalize(),
        standing=state.standing,
    )


def risk_lines(risks: Iterable[RiskState], exceptions: ExceptionReport) -> tuple[RiskLine, ...]:
    """The risks, highest score first, each flagged with the exception report's reasons for it,
    so the risk log and the exception report can never disagree."""
    reasons = {
        item.key: (*item.reasons, *([item.escalated] if item.escalated else []))
        for item in exceptions.of_kind("risk")
    }
    lines = [
        RiskLine(
            title=r.title,
            owner=r.owner,
            likelihood=_now(r)[0],
            impact=_now(r)[1],
            score=_now(r)[0] * _now(r)[1],
            review=f"{r.review_date:%d %b %Y}" if r.review_date else "–",
            mitigation=r.mitigation,
            flag="; ".join(reasons.get(r.key, ())),
            inherent=r.likelihood * r.impact,
        )
        for r in risks
    ]
    return tuple(sorted(lines, key=lambda line: -line.score))


def _now(risk: RiskState) -> tuple[int, int]:
    """A risk's likelihood and impact now: residual once a review assessed them, else inherent."""
    if risk.residual_likelihood is not None and risk.residual_impact is not None:
        return risk.residual_likelihood, risk.residual_impact
    return risk.likelihood, risk.impact


def _criteria(programme: Programme) -> tuple[CriterionLine, ...]:
    items = {e.number: e for e in programme.evidence_items}

    def line(number: int) -> str:
        item = items[number]
        due = f" (due {Period.parse(item.due).label})" if item.due else ""
        return f"{number}. {item.title}{due}"

    return tuple(
        CriterionLine(c.number, c.title, tuple(line(n) for n in c.evidence_items))
        for c in programme.success_criteria
    )
