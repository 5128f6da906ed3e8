"""The Minister's report's register of indicators: one line each, fit to print.

Inside the council every line shows the figure, its counts, status, direction over the quarter
and comparison with other councils. In a report marked for publication each line asks
``core.disclosure`` what may be printed: a suppressed figure is ``c``, so is everything worked
out from it (status, direction, the council's own comparator figure and rank), and the line
says in words what was withheld and why, never the value. Commentary is printed only once a
person has reviewed it for publication.
"""

from __future__ import annotations

from dataclasses import dataclass

from improvement_board.core.direction import Direction, direction
from improvement_board.core.disclosure import (
    SUPPRESSED,
    Disclosure,
    Withheld,
    figure_hidden,
    published_text,
    withheld_lines,
)
from improvement_board.core.disclosure.derived import FIGURE_WHY
from improvement_board.core.judge import Judgement
from improvement_board.core.packs.build import PackInputs
from improvement_board.core.packs.comparisons import benchmark_text
from improvement_board.core.packs.minister_figures import shown
from improvement_board.core.packs.minister_texts import Commentary
from improvement_board.core.programme import Indicator
from improvement_board.core.rag import Rag, allowance
from improvement_board.core.units import UNIT_LABELS, format_value


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """An indicator at the quarter end; every field is already fit to print."""

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
    withheld: tuple[str, ...] = ()
    """What was left out to protect confidentiality, and why, one sentence per reason."""
    analysis: str = ""
    action: str = ""


def indicator_line(
    inputs: PackInputs,
    indicator: Indicator,
    judged: tuple[Judgement, Judgement],
    disclosure: Disclosure,
    commentary: Commentary,
    publish: bool,
) -> IndicatorLine:
    """One line of the register: ``judged`` is the judgement at the quarter end and three
    months before it; ``disclosure`` says what of the first may be published."""
    now, before = judged
    figure = shown(indicator, now.value, now.numerator, now.denominator, publish=publish)
    withheld = _withheld(disclosure, before, publish)
    status = withheld["status"] is None
    benchmark = inputs.benchmarks.get(indicator.key)
    return IndicatorLine(
        key=indicator.key,
        name=indicator.label,
        unit_label=UNIT_LABELS[indicator.unit] or "value",
        baseline=baseline_text(indicator, publish),
        figure=figure.figure,
        figure_period="" if now.period == inputs.meeting.shift(-1) else now.period.label,
        low_reliability=figure.low_reliability,
        counts=figure.counts,
        target=indicator.target_text,
        rag_word=now.status.word if status else SUPPRESSED,
        rag_class=f"rag-{rag_class(now.status) if status else 'grey'}",
        direction=SUPPRESSED if withheld["direction"] else quarter_direction(now, before),
        benchmark=benchmark_text(benchmark, withhold_own=withheld["benchmark"] is not None),
        withheld=withheld_lines(
            item for name, item in withheld.items() if name != "benchmark" or benchmark is not None
        ),
        analysis=published_text(commentary.texts[0], publish=publish),
        action=published_text(commentary.texts[1], publish=publish),
    )


def _withheld(
    disclosure: Disclosure, before: Judgement, publish: bool
) -> dict[str, Withheld | None]:
    """What the line withholds, by field; nothing inside the council."""
    if not publish:
        return dict.fromkeys(("figure", "status", "direction", "forecast", "benchmark"))
    d = disclosure
    baseline = Withheld("baseline", FIGURE_WHY) if d.baseline_hidden else None
    return {
        "figure": d.figure,
        "baseline": baseline,
        "status": d.status,
        "direction": d.over("direction over the quarter", [d.period, before.period]),
        "forecast": d.forecast,
        "benchmark": d.benchmark,
    }


def _value(indicator: Indicator, value: float | None) -> str:
    return format_value(value, indicator.unit, indicator.decimals)


def baseline_text(indicator: Indicator, publish: bool) -> str:
    """The plan's baseline; one given with its counts ("89.5% (19/20)") is suppressed like any
    figure, and so is one that is itself a small count."""
    base = indicator.baseline
    if not publish:
        return base.text or _value(indicator, base.value)
    if base.numerator is None:
        hidden = figure_hidden(indicator.unit, base.value, None, None)
        return SUPPRESSED if hidden else base.text or _value(indicator, base.value)
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
