"""The programme file's values checked against each other, before anything is stored.

Each field is first checked alone (core/values.py, through the programme's types); these rules
need two fields at once: a figure against its indicator's unit (a percentage of 150), baseline
counts against the value they make (99999/20 beside 89.5), and every month, date and year against
the programme's own span (``last_period: 9999-12`` would make every page count 95,000 months).
Each rule gives located findings, as the other rules across sections do (core/programme.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from improvement_board.core import values
from improvement_board.core.periods import Period, PeriodError
from improvement_board.core.units import value_from_counts

if TYPE_CHECKING:
    from improvement_board.core.programme import Indicator, Programme

Path = tuple[Any, ...]
Found = list[tuple[Path, str]]


def _figures_fit_units(programme: Programme) -> Found:
    """Baselines, targets and milestones are figures of their indicator's unit, and baseline
    counts agree with the baseline value."""
    found: Found = []
    for n, indicator in enumerate(programme.indicators):
        for path, value in _figures(indicator):
            check = partial(values.in_unit, value, indicator.unit)
            found += _check(("indicators", n, *path), check)
        found += [(("indicators", n, "baseline", *p), m) for p, m in _baseline_counts(indicator)]
    return found


def _figures(indicator: Indicator) -> Iterator[tuple[Path, float]]:
    baseline, target = indicator.baseline, indicator.target
    if baseline.value is not None:
        yield ("baseline", "value"), baseline.value
    if target is not None:
        yield ("target", "value"), target.value
        for bound in ("low", "high"):
            given = getattr(target, bound)
            if given is not None:
                yield ("target", bound), given
    for k, milestone in enumerate(indicator.milestones):
        yield ("milestones", k, "value"), milestone.value


def _baseline_counts(indicator: Indicator) -> Found:
    baseline = indicator.baseline
    found: Found = []
    for part in ("numerator", "denominator"):
        given = getattr(baseline, part)
        if given is not None:
            found += _check((part,), partial(values.count, given))
    top, bottom = baseline.numerator, baseline.denominator
    if found or top is None or bottom is None:
        return found
    if indicator.unit in ("count", "money"):
        message = f"{indicator.label} is {values.UNIT_WORDS[indicator.unit]}, which has no counts"
        return [(("numerator",), message)]
    value, decimals = baseline.value, 15
    if value is None:  # the value follows from the counts, which must still make one
        value = value_from_counts(top, bottom, indicator.unit) or 0.0
    else:
        decimals = values.decimals_of(value)
    disagree = values.counts_disagree(value, top, bottom, indicator.unit, decimals)
    as_written = _as_written(baseline.text, value, top, bottom) and _possible(top, bottom)
    if disagree is None or as_written:
        return []
    return [(("numerator",), disagree)]


def _as_written(text: str | None, value: float, top: float, bottom: float) -> bool:
    """Whether the plan's own words give this value and these counts, so that a plan which
    disagrees with itself ("89.5% (19/20)": 19 of 20 is 95%) is kept as it was written."""
    written = "".join((text or "").split())
    counts = f"{values.shown(top)}/{values.shown(bottom)}"
    return values.shown(value) in written and counts in written


def _possible(top: float, bottom: float) -> bool:
    """Counts that make some figure: a part of a whole that is not nothing."""
    return 0 <= top <= bottom and bottom > 0


def _action_milestones_fit(programme: Programme) -> Found:
    """A milestone tied to an indicator's threshold is a figure of that indicator's unit."""
    units = {i.key: i.unit for i in programme.indicators}
    found: Found = []
    for a, action in enumerate(programme.actions):
        for m, milestone in enumerate(action.milestones):
            unit = units.get(milestone.indicator or "")
            if unit is not None and milestone.value is not None:
                path = ("actions", a, "milestones", m, "value")
                found += _check(path, partial(values.in_unit, milestone.value, unit))
    return found


def _comparator_codes(programme: Programme) -> Found:
    """The comparator group's codes are codes (DfE numbers or ONS codes, as written), and its
    label one line."""
    group = programme.programme.comparators
    if group is None:
        return []
    where = ("programme", "comparators")
    found = _code((*where, "council"), group.council)
    for n, member in enumerate(group.members):
        found += _code((*where, "members", n), member)
    if group.label is not None:
        found += _check((*where, "label"), partial(values.line, group.label, 200))
    return found


def _code(path: Path, written: str) -> Found:
    """A code outside the code characters is refused; so is one that NFKC would change (a
    fullwidth ``８８４``), since the group is matched against published files as written."""
    try:
        normal = values.code(written, 20)
    except values.ValueProblem as problem:
        return [(path, str(problem))]
    if normal != written:
        return [(path, f"is written in other forms of its characters; write {normal!r}")]
    return []


def _span(programme: Programme) -> Found:
    """The programme runs at most ten years, and its baseline and target dates lie near it.
    Population years are only held to 1900-2199: a rate takes the nearest year given, so a year
    far from the programme is of no use but does no harm."""
    info = programme.programme
    first, last = Period.parse(info.first_period), Period.parse(info.last_period)
    found = _check(("programme", "last_period"), lambda: values.programme_span(first, last))
    if found:
        return found
    for name in ("baseline_date", "target_date"):
        found += _near(programme, ("programme", name), getattr(info, name))
    return found


def _within(section: str) -> Callable[[Programme], Found]:
    """A rule: every month and date of one section lies near the programme's span."""

    def rule(programme: Programme) -> Found:
        found: Found = []
        for position, item in enumerate(getattr(programme, section)):
            for path, when in _when(item.model_dump(mode="python"), (section, position)):
                found += _near(programme, path, when)
        return found

    return rule


_MONTH_FIELDS = frozenset({"period", "due", "starts", "spc_rebase"})


def _when(data: Any, path: Path) -> Iterator[tuple[Path, Period | dt.date]]:
    """Every month (a ``YYYY-MM`` field) and date inside one item, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dt.date):
                yield (*path, key), value
            elif isinstance(value, str) and key in _MONTH_FIELDS:
                yield (*path, key), Period.parse(value)
            elif key == "spc_rebase":
                yield from ((((*path, key, n), Period.parse(v))) for n, v in enumerate(value))
            else:
                yield from _when(value, (*path, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from _when(value, (*path, n))


def _near(programme: Programme, path: Path, when: Period | dt.date) -> Found:
    info = programme.programme
    try:
        first, last = Period.parse(info.first_period), Period.parse(info.last_period)
        values.programme_span(first, last)
    except (PeriodError, values.ValueProblem):
        return []  # the span itself is reported by its own rule
    period = Period.of(when) if isinstance(when, dt.date) else when
    return _check(path, lambda: values.near_programme(period, first, last))


def _check(path: Path, check: Callable[[], object]) -> Found:
    try:
        check()
    except values.ValueProblem as problem:
        return [(path, str(problem))]
    return []


VALUE_RULES: tuple[tuple[frozenset[str], Callable[[Programme], Found]], ...] = (
    (frozenset({"indicators"}), _figures_fit_units),
    (frozenset({"indicators", "actions"}), _action_milestones_fit),
    (frozenset({"programme"}), _span),
    (frozenset({"programme"}), _comparator_codes),
    *(
        (frozenset({"programme", section}), _within(section))
        for section in (
            "indicators",
            "actions",
            "evidence_items",
            "meetings",
            "standing_reports",
            "risks",
        )
    ),
)
"""Rules with the sections they read, for core/programme.py's list of rules across sections."""
