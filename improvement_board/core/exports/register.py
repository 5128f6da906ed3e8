"""The indicator register as a table: each indicator's latest figure, plan, status, direction,
forecast, SPC reading and comparison, as the overview page and the pack show them at a month.

Marked for publication, each row asks ``core.disclosure`` what may be printed, as the Minister's
report's register does: a suppressed figure is ``c``, and so is everything worked out from it
(status, direction, forecast, SPC signal, the plan where the baseline is suppressed, the
council's own comparator figure and rank); a last column says in words what was withheld and why.
Commentary, where the sheet carries it, is printed only once reviewed for publication.
"""

from __future__ import annotations

from improvement_board.core.disclosure import SUPPRESSED, Withheld, published_text, withheld_lines
from improvement_board.core.disclosure.derived import FIGURE_WHY
from improvement_board.core.exports.figures import (
    StoredFigure,
    indicator_cells,
    indicator_columns,
    published_figure,
)
from improvement_board.core.exports.judged import Judged
from improvement_board.core.exports.model import Column, Sheet, Value, quantity
from improvement_board.core.packs.comparisons import benchmark_text
from improvement_board.core.packs.minister_indicators import baseline_text
from improvement_board.core.packs.minister_texts import Commentary, MinisterTexts
from improvement_board.core.packs.model import IndicatorPanel
from improvement_board.core.programme import Indicator

REGISTER_SHEET = "Indicators"


def register_sheet(judged: Judged, *, publish: bool, texts: MinisterTexts | None = None) -> Sheet:
    """One row per indicator at the pack's reporting month; with ``texts``, the month's
    commentary too (as it may be printed)."""
    columns: tuple[Column, ...] = (
        *indicator_columns(),
        Column("Owner"),
        Column("Recommendations"),
        Column("Baseline"),
        Column("Target"),
        Column("Latest period"),
        Column("Latest", "number"),
        Column("Numerator", "count"),
        Column("Denominator", "count"),
        Column("DfE marker"),
        Column("Planned by now", "number"),
        Column("Status"),
        Column("Direction"),
        Column("Forecast"),
        Column("SPC"),
        Column("Compared with other councils"),
    )
    if texts is not None:
        columns = (*columns, Column("Analysis"), Column("Corrective action"))
    if publish:
        columns = (*columns, Column("Withheld"))
    rows = tuple(
        _row(judged, indicator, panel, publish, texts) for indicator, panel in judged.panels()
    )
    title = f"indicator register, {judged.reporting.label}"
    return Sheet(REGISTER_SHEET, title, columns, rows)


def _row(
    judged: Judged,
    indicator: Indicator,
    panel: IndicatorPanel,
    publish: bool,
    texts: MinisterTexts | None,
) -> tuple[Value, ...]:
    figures = judged.observations(indicator, panel)
    latest = figures[-1] if figures else None
    value: Value = None
    numerator: Value = None
    denominator: Value = None
    if latest is not None:
        stored = StoredFigure(
            indicator, latest.period, latest.value, latest.numerator, latest.denominator
        )
        value, numerator, denominator = published_figure(stored, publish=publish)
    judgement = judged.judgements[indicator.key]
    planned: Value = quantity(
        judged.planned(indicator, judgement.period), indicator.unit, indicator.decimals
    )
    withheld = _withheld(judged, indicator, publish)

    def shown(name: str, text: str) -> str:
        return SUPPRESSED if withheld.get(name) else text

    comparison = judged.inputs.benchmarks.get(indicator.key)
    cells: tuple[Value, ...] = (
        *indicator_cells(indicator),
        indicator.owner or "",
        panel.recommendations,
        baseline_text(indicator, publish) if publish else panel.baseline,
        panel.target,
        panel.latest_label,
        value,
        numerator,
        denominator,
        latest.marker.text if latest is not None and latest.marker is not None else "",
        SUPPRESSED if withheld.get("plan") else planned,
        shown("status", panel.rag_word),
        shown("direction", panel.direction),
        shown("forecast", panel.forecast),
        shown("spc", panel.spc),
        benchmark_text(comparison, withhold_own=bool(withheld.get("benchmark")))
        if publish
        else panel.benchmark,
    )
    if texts is not None:
        cells = (*cells, *_commentary(panel, texts, publish))
    if publish:
        reasons = [item for name, item in withheld.items() if name != "benchmark" or comparison]
        cells = (*cells, " ".join(withheld_lines(reasons)))
    return cells


def _commentary(panel: IndicatorPanel, texts: MinisterTexts, publish: bool) -> tuple[str, str]:
    """The month's analysis and corrective action; published only once reviewed."""
    if not publish:
        return panel.analysis, panel.action
    analysis, action = texts.commentary.get(panel.key, Commentary()).texts
    return published_text(analysis, publish=True), published_text(action, publish=True)


def _withheld(judged: Judged, indicator: Indicator, publish: bool) -> dict[str, Withheld | None]:
    """What the row withholds, by column; nothing inside the council."""
    if not publish:
        return {}
    d = judged.disclosures[indicator.key]
    baseline = Withheld("baseline", FIGURE_WHY) if d.baseline_hidden else None
    direction = d.direction or d.direction_year_ago
    return {
        "figure": d.figure,
        "baseline": baseline,
        "plan": d.plan,
        "status": d.status,
        "direction": direction,
        "forecast": d.forecast,
        "spc": d.spc,
        "benchmark": d.benchmark,
    }
