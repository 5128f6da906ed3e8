"""The checks every figure passes for its indicator, written once for both layouts.

The value checks themselves are core/values.py's, shared with the programme file: a figure in
range for its unit, counts never negative, and a value given beside its own counts agreeing with
them to within rounding (``0.05 + 0.5 × 10^-decimals``, where ``decimals`` is how many decimal
places the value was written to: 89.5 → 0.1; 90 → 0.55). Here they are applied to a return's
entries, with the checks only a return needs: the period on the indicator's cadence, DfE's
markers standing alone, and notes within the length and characters kept.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from improvement_board.core import values
from improvement_board.core.returns.model import Entry, Findings, Place, ReturnRow
from improvement_board.core.units import value_from_counts
from improvement_board.core.values import UNIT_WORDS, tolerance

__all__ = ["check_entry", "tolerance"]

Count = tuple[float, Place]


def check_entry(entry: Entry, findings: Findings) -> ReturnRow | None:
    """A row ready to store, or None with every problem with it added to ``findings``."""
    before = len(findings)
    numerator, denominator = _counts(entry, findings)
    _check_cadence(entry, findings)
    _check_note(entry, findings)
    if entry.figure is not None and entry.figure.marker is not None:
        return _marked(entry, numerator or denominator, findings, before)
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


def _marked(entry: Entry, count: Count | None, findings: Findings, before: int) -> ReturnRow | None:
    """A figure given as DfE's marker: no value, and no counts beside it (a suppressed figure
    with its counts would not be suppressed, and counts would make a value the marker denies)."""
    marker = entry.figure.marker if entry.figure is not None else None
    if count is not None and marker is not None:
        message = (
            f"gives counts beside the marker {marker.text}: a marked figure has no value or "
            "counts, so give the marker alone or the figures"
        )
        findings.at(count[1], message)
    if len(findings) > before or entry.broken or entry.period is None:
        return None
    return ReturnRow(
        indicator=entry.indicator.key,
        period=entry.period,
        value=None,
        numerator=None,
        denominator=None,
        note=entry.note,
        file=findings.source,
        row=entry.place.row,
        column=entry.place.column,
        marker=marker,
    )


def _check_cadence(entry: Entry, findings: Findings) -> None:
    """A figure falls on its indicator's cadence: September for a census as at 30 September,
    a quarter's last month for a quarterly indicator."""
    period, cadence = entry.period, entry.indicator.cadence
    if period is None or cadence.holds(period):
        return
    described, expected = cadence.describe(), cadence.expected()
    # A quarterly cadence is described by the months its quarters end in; say them once.
    dated = "" if cadence.frequency == "quarterly" else f": its figures are dated {expected}"
    not_one = f"so {period.label} is not one of its periods"
    message = f"{entry.indicator.label} is {described}{dated}, {not_one}"
    findings.at(entry.period_at or entry.place, message)


def _check_note(entry: Entry, findings: Findings) -> None:
    if entry.note is None:
        return
    try:
        values.paragraph(entry.note)
    except values.ValueProblem as problem:
        findings.at(entry.note_at or entry.place, f"the note {problem}")


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
    words = f"{entry.indicator.label} is {UNIT_WORDS[unit]}"
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
        if given is not None:
            _problem(findings, given[1], values.count, given[0])
    if numerator is None or denominator is None or min(numerator[0], denominator[0]) < 0:
        return
    top, bottom = numerator[0], denominator[0]
    over = values.part_of_whole(top, bottom, entry.indicator.unit)
    if over is not None:
        findings.at(numerator[1], over)
    elif (nothing := values.divisible(top, bottom)) is not None:
        findings.at(denominator[1], nothing)


def _check_range(entry: Entry, findings: Findings) -> None:
    """Percentages lie in 0-100; counts and rates are never negative."""
    figure, at = entry.figure, entry.figure_at
    if figure is None or figure.value is None or at is None:
        return
    _problem(findings, at, partial(values.in_unit, unit=entry.indicator.unit), figure.value)


def _problem(
    findings: Findings, place: Place, check: Callable[[float], float], value: float
) -> None:
    try:
        check(value)
    except values.ValueProblem as problem:
        findings.at(place, str(problem))


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
        if derived is not None and numerator is not None and denominator is not None:
            disagree = values.counts_disagree(
                figure.value, numerator[0], denominator[0], unit, figure.decimals
            )
            if disagree is not None:
                findings.at(entry.figure_at, disagree)
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
