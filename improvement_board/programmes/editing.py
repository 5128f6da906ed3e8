"""Editing one item of a programme in the app, held to the programme file's own rules.

An edit is applied to the programme as it stands (rebuilt from the store as the core's model),
and the whole programme is checked again by the core (core/programme.py ``check_data``), so an
indicator, action, risk or meeting edited on a page passes exactly the checks, with exactly the
messages, that the same change made in the programme file would. Nothing is stored unless every
rule holds; each saved change keeps who made it and the reason they gave in its history.

Every edit carries the version of the row as the person opened it (``version_of``): a row changed
by someone else since is refused as changed, never silently overwritten. ``spec`` (what the
programme file last said) is left alone, so a reload of an unchanged file keeps the app's edits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from improvement_board.accounts.roles import require_role
from improvement_board.audit import audited_save
from improvement_board.core import programme as core
from improvement_board.programmes.models import Indicator, Programme, Recommendation
from improvement_board.programmes.selectors import programme_model
from improvement_board.programmes.sync import jsonable

Path = tuple[Any, ...]
EDITOR_ROLE = "admin"
"""The programme manager is the admin of the programme: only they change its plan."""


@dataclass
class EditRefused(Exception):
    """The edit breaks the programme's rules. ``problems`` pairs each message with the path of
    the field it is about, relative to the item edited (``("target", "value")``), or ``()`` when
    it is about the item as a whole or about another part of the programme."""

    problems: list[tuple[Path, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(message for _, message in self.problems)


class ChangedSinceOpened(Exception):
    """Someone else saved the item after this person opened it: their change is not lost."""

    def __init__(self, label: str) -> None:
        super().__init__(
            f"{label} was changed by someone else after you opened this page, so your changes "
            "were not saved: open the page again to see the current version, then make them again"
        )


def version_of(row: models.Model) -> str:
    """A token for the row as it stands: it changes whenever any of its values does."""
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    text = json.dumps(jsonable(values), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Edit:
    """One item of the programme to change: where it sits in the programme's data, how each
    field the core names is held on the row, and which fields a change needs a reason for."""

    row: models.Model
    label: str
    locate: Callable[[dict[str, Any]], Path]
    """The item's path in the programme's data (``("indicators", 3)``)."""
    columns: Mapping[str, str] = field(default_factory=dict)
    """Core field name → row field name, where they differ (a milestone's ``indicator``)."""
    reasons: Mapping[str, str] = field(default_factory=dict)
    """Core field name → the problem shown when it changes without a reason."""
    then: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] | None = None
    """Adjusts the changes given the item before them (clearing words that no longer hold)."""


def apply_edit(
    *,
    programme: Programme,
    edit: Edit,
    changes: Mapping[str, Any],
    reason: str,
    version: str,
    user: Any,
) -> list[str]:
    """Check ``changes`` (core field name → value as typed) against the whole programme and save
    them to the row; the names of the fields that changed (none: nothing was saved).

    Raises ``Refused`` for anyone but the programme's manager, ``ChangedSinceOpened`` when the
    row is no longer the version opened, and ``EditRefused`` with every problem otherwise.
    """
    require_role(user, EDITOR_ROLE, "change the programme", programme)
    with transaction.atomic():
        row = type(edit.row)._default_manager.select_for_update().get(pk=edit.row.pk)
        if version_of(row) != version:
            raise ChangedSinceOpened(edit.label)
        data = programme_model(programme=programme).model_dump(mode="python")
        path = edit.locate(data)
        before = _at(data, path)
        given = {
            name: {**(before.get(name) or {}), **value} if isinstance(value, dict) else value
            for name, value in changes.items()
        }
        if edit.then is not None:
            given = edit.then(before, given)
        _set(data, path, {**before, **given})
        checked, found = core.check_data(data)
        if checked is None:
            raise EditRefused(_relative(found, path, _existing(programme)))
        after = _at(checked.model_dump(mode="python"), path)
        changed = [name for name in given if after.get(name) != before.get(name)]
        missing = [(name,) for name in changed if name in edit.reasons]
        if missing and not reason.strip():
            raise EditRefused([(("reason",), edit.reasons[n[0]]) for n in missing])
        if not changed:
            return []
        _history_begins(row)
        for name in changed:
            _store(row, edit.columns.get(name, name), after.get(name))
        typed = reason.strip()
        words = ", ".join(name.replace("_", " ") for name in changed)
        audited_save(row, user=user, reason=typed or f"changed in the app: {words}")
        edit.row.refresh_from_db()
        return changed


def _history_begins(row: Any) -> None:
    """A row whose history began after it was loaded gets its version as it stood first, so
    its first change reads as a change, not as its creation."""
    history = type(row).history
    if not history.filter(id=row.pk).exists():
        history.bulk_history_create(
            [row], default_change_reason="as it stood before its first change in the app"
        )


def _existing(programme: Programme) -> set[tuple[Path, str]]:
    """Findings the programme has before any edit (none for a programme loaded from a valid
    file): an edit is refused only for what it breaks, not for what was already there."""
    data = programme_model(programme=programme).model_dump(mode="python")
    return {(tuple(p), m) for p, m in core.check_data(data)[1]}


def _relative(found: Iterable[tuple[Path, str]], path: Path, existing: set[Any]) -> list[Any]:
    problems: list[tuple[Path, str]] = []
    for where, message in found:
        where = tuple(where)
        if (where, message) in existing:
            continue
        if where[: len(path)] == path:
            problems.append((where[len(path) :], message))
        else:
            problems.append(((), f"{'.'.join(str(p) for p in where)}: {message}"))
    return problems


def _at(data: Any, path: Path) -> dict[str, Any]:
    for part in path:
        data = data[part]
    return dict(data)


def _set(data: Any, path: Path, item: dict[str, Any]) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = item


def _store(row: models.Model, name: str, value: Any) -> None:
    """A core value onto the row's field: nested parts as JSON, absent text as ""."""
    column = row._meta.get_field(name)
    if isinstance(value, dict | list):
        value = jsonable(value)
    if value is None and isinstance(column, models.CharField | models.TextField):
        value = ""
    setattr(row, name, value)


def position(items: list[dict[str, Any]], field_name: str, value: Any, label: str) -> int:
    """Where the item with this key (or number, or period) sits in its section."""
    for n, item in enumerate(items):
        if str(item[field_name]) == str(value):
            return n
    raise LookupError(f"{label} is not in the programme")


TARGET_REASON = "Give the reason for the change: a new target needs one the board can read"


def _words_still_hold(before: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The plan's words for a baseline or target describe its old value: when the value changes
    and the words are not changed with it, they are dropped rather than left to contradict it."""
    given = dict(given)
    for part, numbers in (
        ("target", ("value", "low", "high", "qualifier")),
        ("baseline", ("value", "numerator", "denominator")),
    ):
        old, new = before.get(part) or {}, given.get(part)
        if not isinstance(new, dict) or not old:
            continue
        moved = any(_differs(new.get(n), old.get(n)) for n in numbers if n in new)
        if moved and new.get("text") == old.get("text"):
            given[part] = {**new, "text": None}
    return given


def _differs(new: Any, old: Any) -> bool:
    try:
        return (new is None) != (old is None) or (new is not None and float(new) != float(old))
    except (TypeError, ValueError):
        return bool(new != old)


def indicator_edit(
    *,
    indicator: Indicator,
    changes: Mapping[str, Any],
    reason: str,
    version: str,
    user: Any,
) -> list[str]:
    """Change an indicator (title, owner, baseline, target, band, tolerance, milestones...): a
    change of target needs a reason. Returns the fields that changed."""
    programme = indicator.programme
    key = indicator.key
    edit = Edit(
        row=indicator,
        label=f"The indicator {indicator}",
        locate=lambda data: ("indicators", position(data["indicators"], "key", key, key)),
        reasons={"target": TARGET_REASON},
        then=_words_still_hold,
    )
    return apply_edit(
        programme=programme, edit=edit, changes=changes, reason=reason, version=version, user=user
    )


def recommendation_edit(
    *,
    recommendation: Recommendation,
    changes: Mapping[str, Any],
    reason: str,
    version: str,
    user: Any,
) -> list[str]:
    """Change a recommendation's title (its number is what everything else cites)."""
    number = recommendation.number
    edit = Edit(
        row=recommendation,
        label=f"Recommendation {number}",
        locate=lambda data: (
            "recommendations",
            position(data["recommendations"], "number", number, number),
        ),
    )
    return apply_edit(
        programme=recommendation.programme,
        edit=edit,
        changes=changes,
        reason=reason,
        version=version,
        user=user,
    )
