"""The exception report of a publishable Minister's report: only what may be published.

An indicator is an exception for being red (a gap to plan worked out from its figure) or for a
forecast to miss (a trend through its recent figures). Where ``core.disclosure`` withholds the
status or the forecast, the reasons worked out from it go, and an indicator left with no reason
is not listed at all: being listed would itself say it is red. Which reasons come from what is
found by asking the exception rules again with the withheld parts masked, so the wording stays
the exception report's own and a reason added to the rules later is kept only if it does not
depend on anything withheld.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from improvement_board.core.direction import Direction, Travel
from improvement_board.core.disclosure import Disclosure
from improvement_board.core.exceptions import ExceptionItem, ExceptionReport, indicator_exceptions
from improvement_board.core.forecast import Forecast, Verdict
from improvement_board.core.judge import Judgement
from improvement_board.core.rag import Rag
from improvement_board.core.spc import Assurance, SpcSummary, Variation

_NO_FORECAST = Forecast(Verdict.NOT_APPLICABLE, "Withheld", "withheld")
_NO_SPC = SpcSummary((), None, Variation.NOT_ENOUGH_DATA, Assurance.NOT_APPLICABLE, "withheld", ())


def published_exceptions(
    report: ExceptionReport,
    judgements: Mapping[str, Judgement],
    disclosures: Mapping[str, Disclosure],
) -> ExceptionReport:
    """The exception report without any reason worked out from a withheld figure."""
    items = []
    for item in report.items:
        if item.kind != "indicator" or item.key not in judgements:
            items.append(item)
            continue
        reasons = _published_reasons(item, judgements[item.key], disclosures[item.key])
        if reasons:
            items.append(replace(item, reasons=reasons))
    return replace(report, items=tuple(items))


def _published_reasons(
    item: ExceptionItem, judgement: Judgement, disclosure: Disclosure
) -> tuple[str, ...]:
    masked = _masked(judgement, disclosure)
    if masked is judgement:
        return item.reasons
    allowed = {reason for found in indicator_exceptions([masked]) for reason in found.reasons}
    return tuple(reason for reason in item.reasons if reason in allowed)


def _masked(judgement: Judgement, disclosure: Disclosure) -> Judgement:
    """The judgement with every withheld part replaced by one that raises no exception."""
    masked = judgement
    if disclosure.status:
        masked = replace(masked, rag=replace(masked.rag, rag=Rag.NOT_APPLICABLE))
    if disclosure.forecast:
        masked = replace(masked, forecast=_NO_FORECAST)
    if disclosure.spc:
        masked = replace(masked, spc=_NO_SPC)
    if disclosure.direction:
        masked = replace(masked, previous=_no_travel(masked.previous))
    if disclosure.direction_year_ago:
        masked = replace(masked, year_ago=_no_travel(masked.year_ago))
    return masked


def _no_travel(travel: Travel) -> Travel:
    return Travel(Direction.NOT_AVAILABLE, travel.compared_with, None, None)
