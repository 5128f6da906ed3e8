"""The checks every figure passes for its unit, written once for both layouts.

A value given beside its own counts must agree with them to within rounding: the value may differ
from the counts' value by no more than ``0.05 + 0.5 × 10^-decimals``, where ``decimals`` is how
many decimal places the value was written to (89.5 → 0.1; 90 → 0.55). The 0.05 allows for a
rate worked out from a population rounded elsewhere. A value given only as counts is derived.
"""

from __future__ import annotations

from improvement_board.core.returns.model import Entry, Findings, Place, ReturnRow
from improvement_board.core.units import value_from_counts

Count = tuple[float, Place]
_UNIT_WORDS = {
    "percent": "a percentage",
    "rate_per_10000": "a rate per 10,000 children",
    "count": "a count",
    "money": "money (pounds)",
    "number": "a number",
}


def tolerance(decimals: int) -> float:
    """How far a value may differ from its counts' value and still be the same figure rounded."""
    return 0.05 + 0.5 * 10.0**-decimals


def check_entry(entry: Entry, findings: Findings) -> ReturnRow | None:
    """A row ready to store, or None with every problem with it added to ``findings``."""
    before = len(findings)
    numerator, denominator = _counts(entry, findings)
    _check_unit(entry, numerator, denominator, findings)
    _check_counts(entry, numerator, denominator, findings)
    _check_range(entry, findings)
    if len(findings) > before or entry.broken:
        return None
    value = _value(entry, numerator, denominator, findings)
    period = entry.period
    if len(findings) > before or period is None:
        return None
    return ReturnRow(
        indicator=entry.indicator.key,
        period=period,
        value=value,
        numerator=numerator[0] if numerator else None,
        denominator=denominator[0] if denominator else None,
        note=entry.note,
        file=findings.source,
        row=entry.place.row,
        column=entry.place.column,
    )


def _counts(entry: Entry, findings: Findings) -> tuple[Count | None, Count | None]:
    """Counts from ``19/20`` in the value cell, or from their own cells; never from both."""
    figure, at = entry.figure, entry.figure_at
    numerator = _count(entry.numerator, entry.numerator_at)
    denominator = _count(entry.denominator, entry.denominator_at)
    if figure is None or at is None or figure.numerator is None or figure.denominator is None:
        return numerator, denominator
    if numerator or denominator:
        message = "gives counts here and in the numerator or denominator too; give them once"
        findings.at(at, message)
    return (figure.numerator, at), (figure.denominator, at)


def _count(value: float | None, place: Place | None) -> Count | None:
    return None if value is None or place is None else (value, place)


def _check_unit(
    entry: Entry, numerator: Count | None, denominator: Count | None, findings: Findings
) -> None:
    """A % sign only on a percentage; counts only where the unit is a ratio of them."""
    unit = entry.indicator.unit
    words = f"{entry.indicator.label} is {_UNIT_WORDS[unit]}"
    if entry.figure and entry.figure.percent_sign and entry.figure_at and unit != "percent":
        findings.at(entry.figure_at, f"has a % sign, but {words}; give the number alone")
    if unit in ("count", "money"):
        for given in (numerator, denominator):
            if given is not None:
                message = f"{words}, which has no numerator or denominator; give it as the value"
                findings.at(given[1], message)
                return


def _check_counts(
    entry: Entry, numerator: Count | None, denominator: Count | None, findings: Findings
) -> None:
    for given in (numerator, denominator):
        if given is not None and given[0] < 0:
            findings.at(given[1], f"a count cannot be negative (found {_shown(given[0])})")
    if numerator is None or denominator is None or min(numerator[0], denominator[0]) < 0:
        return
    top, bottom = numerator[0], denominator[0]
    if entry.indicator.unit == "percent" and top > bottom:
        message = (
            f"the numerator {_shown(top)} is more than the denominator {_shown(bottom)}: "
            "a percentage's numerator counts part of its denominator"
        )
        findings.at(numerator[1], message)
    elif bottom == 0 and top != 0:
        message = f"the denominator is 0, so {_shown(top)}/0 gives no value"
        findings.at(denominator[1], message)


def _check_range(entry: Entry, findings: Findings) -> None:
    """Percentages lie in 0-100; counts and rates are never negative."""
    figure, at = entry.figure, entry.figure_at
    if figure is None or figure.value is None or at is None:
        return
    unit, value = entry.indicator.unit, figure.value
    if unit == "percent" and not 0 <= value <= 100:
        findings.at(at, f"a percentage must be between 0 and 100 (found {_shown(value)})")
    elif unit in ("count", "rate_per_10000") and value < 0:
        findings.at(at, f"{_UNIT_WORDS[unit]} cannot be negative (found {_shown(value)})")


def _value(
    entry: Entry, numerator: Count | None, denominator: Count | None, findings: Findings
) -> float | None:
    """The value given (checked against its counts), else the value the counts give."""
    unit = entry.indicator.unit
    derived = None
    if numerator is not None and denominator is not None:
        derived = value_from_counts(numerator[0], denominator[0], unit)
    figure = entry.figure
    if figure is not None and figure.value is not None and entry.figure_at is not None:
        if derived is not None and abs(figure.value - derived) > tolerance(figure.decimals):
            findings.at(entry.figure_at, _disagrees(figure.value, numerator, denominator, derived))
        return figure.value
    if derived is not None or (numerator is None and denominator is None):
        return derived
    if numerator is not None and denominator is not None:
        return None  # 0/0: nobody in the cohort this month, so no figure
    given, missing = (numerator, "denominator") if numerator else (denominator, "numerator")
    if given is not None:
        message = f"has no value and no {missing}, so no value can be worked out; give both"
        findings.at(given[1], message)
    return None


def _disagrees(
    value: float, numerator: Count | None, denominator: Count | None, derived: float
) -> str:
    counts = f"{_shown(numerator[0])}/{_shown(denominator[0])}" if numerator and denominator else ""
    return (
        f"the value {_shown(value)} does not agree with its counts {counts}, "
        f"which give {derived:.2f}; correct the value or the counts"
    )


def _shown(number: float) -> str:
    return f"{number:.10g}"
