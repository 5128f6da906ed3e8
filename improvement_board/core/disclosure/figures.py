"""One figure and the counts behind it, as a publishable output may print them.

A figure's counts are published as one row of a table (met, not met, total), so the table rules
decide: counts 1 to 5 are hidden, and so is whatever would give them away by subtraction (19/20
hides the 1 not met, and then the 19 as well). A figure worked out from a hidden count is hidden
too: a rate printed beside its denominator gives its numerator back. A figure that is itself a
count (CAFs completed) is hidden when it is small.
"""

from __future__ import annotations

import math

from improvement_board.core.disclosure.tables import (
    DFE_RULES,
    SUPPRESSED,
    CountTable,
    DisclosureRules,
    publish_rate,
    publish_table,
)
from improvement_board.core.units import Unit


def published_counts(
    numerator: float | None, denominator: float | None, rules: DisclosureRules = DFE_RULES
) -> tuple[str, bool]:
    """The counts as text with 1-5 hidden and whatever would reveal them; True when any is."""
    if numerator is None or not math.isfinite(numerator):
        return "", False
    if denominator is not None and not math.isfinite(denominator):
        denominator = None
    texts = publish_table(_pair_table(numerator, denominator), rules).texts()[0]
    hidden = SUPPRESSED in texts
    shown_numerator = texts[0] if texts[0] == SUPPRESSED else f"{numerator:,.0f}"
    if denominator is None:
        return shown_numerator, hidden
    shown_denominator = texts[-1] if texts[-1] == SUPPRESSED else f"{denominator:,.0f}"
    return f"{shown_numerator}/{shown_denominator}", hidden


def _pair_table(numerator: float, denominator: float | None) -> CountTable:
    """Counts as whole things; a part (a fraction of a post) is rounded up so it is never shown
    where the whole would be hidden. A negative count is treated as none (0)."""
    top = max(0, math.ceil(numerator))
    if denominator is None:
        return CountTable("counts", ("figure",), ("numerator",), ((top,),))
    bottom = max(0, math.ceil(denominator))
    if top > bottom:
        return CountTable("counts", ("figure",), ("numerator", "denominator"), ((top, bottom),))
    return CountTable(
        "counts",
        ("figure",),
        ("numerator", "rest", "denominator"),
        ((top, bottom - top, bottom),),
        row_totals=True,
    )


def figure_hidden(
    unit: Unit,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    rules: DisclosureRules = DFE_RULES,
) -> bool:
    """Whether a figure must be printed as ``c``: a count behind it is hidden, or it is a count
    of 1 to 5 itself."""
    if published_counts(numerator, denominator, rules)[1]:
        return True
    if unit == "count" and numerator is None and value is not None and math.isfinite(value):
        return published_counts(value, None, rules)[1]
    return False


def small_denominator(
    numerator: float | None, denominator: float | None, rules: DisclosureRules = DFE_RULES
) -> bool:
    """One child more or less moves a rate on a small denominator a long way (flagged ``u``)."""
    if numerator is None or denominator is None:
        return False
    if not (math.isfinite(numerator) and math.isfinite(denominator)):
        return False
    if numerator < 0 or denominator <= 0:
        return False
    found = publish_rate(math.ceil(numerator), math.ceil(denominator), rules=rules)
    return found.small_denominator
