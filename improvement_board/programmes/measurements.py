"""Writing measurements: a new figure, an unchanged one, or a restatement that keeps the old one.

A restated figure is never overwritten silently: it becomes a new revision with who, when and a
reason, and the earlier revision stays readable in the history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.utils import timezone

from improvement_board.audit import audited_save
from improvement_board.core.markers import stored_marker
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.returns import ReturnRow, read_return_file
from improvement_board.programmes.models import (
    Indicator,
    Measurement,
    MeasurementStatus,
    Programme,
)
from improvement_board.programmes.selectors import programme_model

Change = Literal["new", "unchanged", "restated", "noted"]
"""``noted``: the same figure with a new note, which is kept (the earlier one in history)."""


@dataclass(frozen=True)
class Figure:
    """One figure to record: what a return row, a form or a computation gives."""

    indicator: str
    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""
    marker: str = ""
    """A DfE marker in place of the value, as the store keeps it (``u``, ``range:1 to 5``)."""


@dataclass
class MeasurementsReport:
    """What a load did (or, in a dry run, would do)."""

    new: list[str] = field(default_factory=list)
    unchanged: int = 0
    restated: list[str] = field(default_factory=list)
    noted: list[str] = field(default_factory=list)
    dry_run: bool = False
    marked: list[str] = field(default_factory=list)
    """New or restated figures given as DfE's marker, with its meaning."""
    ignored: list[str] = field(default_factory=list)
    """What the file holds that the load did not read (a title column, another sheet)."""


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def classify(current: Measurement | None, figure: Figure) -> Change:
    if current is None:
        return "new"
    pairs = [
        (current.value, figure.value),
        (current.numerator, figure.numerator),
        (current.denominator, figure.denominator),
    ]
    if not all(_same(a, b) for a, b in pairs) or (current.marker or "") != figure.marker:
        return "restated"
    # A note that says something new is kept; an empty one never erases what was said before.
    return "noted" if figure.note and figure.note != (current.note or "") else "unchanged"


def measurement_record(
    *,
    indicator: Indicator,
    figure: Figure,
    source: str,
    user: Any,
    reason: str = "",
    current: Measurement | None = None,
) -> Change:
    """Store one figure; a restatement needs a reason and becomes the next revision."""
    change = classify(current, figure)
    if change == "unchanged":
        return change
    if change == "noted" and current is not None:
        current.note = figure.note
        audited_save(current, user=user, reason=f"note from {source}")
        return change
    if change == "restated" and not reason:
        raise ValueError("a restated figure needs a reason")
    row = current or Measurement(indicator=indicator, period=figure.period)
    row.value, row.numerator, row.denominator = figure.value, figure.numerator, figure.denominator
    row.marker = figure.marker
    row.note, row.source, row.reason = figure.note, source, reason
    row.recorded_by, row.recorded_at = user, timezone.now()
    row.revision = 1 if current is None else current.revision + 1
    # a new or restated figure is a draft until a second person validates it
    row.status, row.validated_by, row.validated_at = MeasurementStatus.PROVISIONAL, None, None
    audited_save(row, user=user, reason=reason or f"first recorded from {source}")
    return change


def measurements_load(
    *,
    programme: Programme,
    path: Path,
    user: Any,
    reason: str = "",
    dry_run: bool = False,
    source: str | None = None,
) -> MeasurementsReport:
    """Check a monthly return and store it in one transaction; ProblemsFound stores nothing."""
    read = read_return_file(path, programme_model(programme=programme), source=source or path.name)
    rows = read.rows
    figures = [_figure(row) for row in rows]
    report = measurements_apply(
        programme=programme,
        figures=figures,
        places=[(row.file, row.row) for row in rows],
        source=source or path.name,
        user=user,
        reason=reason,
        dry_run=dry_run,
    )
    report.ignored = list(read.ignored)
    return report


def _figure(row: ReturnRow) -> Figure:
    return Figure(
        indicator=row.indicator,
        period=str(row.period),
        value=row.value,
        numerator=row.numerator,
        denominator=row.denominator,
        note=row.note or "",
        marker=row.marker.stored if row.marker is not None else "",
    )


APPLY_ATTEMPTS = 3


def measurements_apply(
    *,
    programme: Programme,
    figures: list[Figure],
    places: list[tuple[str, int | None]],
    source: str,
    user: Any,
    reason: str = "",
    dry_run: bool = False,
    opened: dict[tuple[str, str], int] | None = None,
) -> MeasurementsReport:
    """Store figures, all or none: restatements without a reason are problems, listed together.

    ``opened`` gives, by (indicator, period), the revision a person saw when they opened a form
    (0: none recorded); a figure changed since is a problem saying what it is now, so no one
    restates a figure they have not seen.

    Simultaneous loads are taken one at a time: the programme's stored figures are locked while
    they are compared and written, and a load whose new figure meets another person's figure
    for the same month, stored a moment before (the one-figure-a-month constraint), is compared
    again with theirs: the same figure is unchanged, a different one is a restatement that
    needs a reason. Never an error page, never a figure written over unseen.
    """
    for attempt in range(1, APPLY_ATTEMPTS + 1):
        try:
            return _apply(programme, figures, places, source, user, reason, dry_run, opened or {})
        except IntegrityError:
            if attempt == APPLY_ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def _apply(
    programme: Programme,
    figures: list[Figure],
    places: list[tuple[str, int | None]],
    source: str,
    user: Any,
    reason: str,
    dry_run: bool,
    opened: dict[tuple[str, str], int],
) -> MeasurementsReport:
    indicators = {i.key: i for i in programme.indicators.all()}
    rows = Measurement.objects.filter(indicator__programme=programme).select_related("indicator")
    if not dry_run:
        rows = rows.select_for_update(of=("self",))
    stored = {(m.indicator.key, m.period): m for m in rows}
    report = MeasurementsReport(dry_run=dry_run)
    problems: list[Problem] = []
    for figure, (file, row) in zip(figures, places, strict=True):
        current = stored.get((figure.indicator, figure.period))
        change = classify(current, figure)
        label = f"{indicators[figure.indicator]} {figure.period}"
        why = reason or figure.note
        seen = opened.get((figure.indicator, figure.period))
        if (
            change != "unchanged"
            and seen is not None
            and seen != (current.revision if current else 0)
        ):
            problems.append(_changed_since(file, row, current, figure))
            continue
        if change == "restated" and not why:
            problems.append(_needs_reason(file, row, current, figure))
            continue
        _count(report, change, label, current, figure)
        if not dry_run:
            measurement_record(
                indicator=indicators[figure.indicator],
                figure=figure,
                source=source,
                user=user,
                reason=why if change == "restated" else "",
                current=current,
            )
    if problems:
        raise ProblemsFound(problems)
    if dry_run:
        transaction.set_rollback(True)
    return report


def _count(
    report: MeasurementsReport, change: Change, label: str, current: Any, figure: Figure
) -> None:
    if change == "new":
        report.new.append(label)
    elif change == "unchanged":
        report.unchanged += 1
    elif change == "noted":
        report.noted.append(f"{label}: {figure.note}")
    else:
        before = current.marker or current.value
        report.restated.append(f"{label}: {before} → {figure.marker or figure.value}")
    marker = stored_marker(figure.marker)
    if marker is not None and change in ("new", "restated"):
        report.marked.append(f"{label}: {marker.text}")


def _needs_reason(file: str, row: int | None, current: Any, figure: Figure) -> Problem:
    return Problem(
        file,
        row,
        "note",
        f"restates the stored {figure.period} figure {_shown(current.marker, current.value)} "
        f"(revision {current.revision}) as {_shown(figure.marker, figure.value)}: say why, in "
        "the note column or as the reason for the whole return",
    )


CHANGED_SINCE = "revision"
"""The column of the problem a figure changed since the form was opened gives."""


def _changed_since(file: str, row: int | None, current: Any, figure: Figure) -> Problem:
    if current is None:  # pragma: no cover - figures are never deleted but with their indicator
        now = "no longer recorded"
    else:
        who = f" by {current.recorded_by}" if current.recorded_by else ""
        shown = _shown(current.marker, current.value)
        now = f"now {shown} (revision {current.revision}, recorded{who})"
    return Problem(
        file,
        row,
        CHANGED_SINCE,
        f"The {figure.period} figure was changed after you opened this form: it is {now}. "
        "Check it, then save again to restate it",
    )


def _shown(marker: str | None, value: float | None) -> str:
    """A stored figure in a message: its marker as the page shows it, else its value."""
    found = stored_marker(marker or "")
    return found.text if found is not None else str(value)
