"""Every change everyone can see: who, when, what changed and why, read from the history each
audited row keeps (django-simple-history).

A page shows an object's changes newest first; an export writes the same rows. Fields kept for
bookkeeping (what the programme file last said, positions) are not changes a board reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

HIDDEN = {"id", "spec", "position", "programme", "history_id", "password", "last_login"}
"""Fields never shown as changes: bookkeeping, links, and a user's password hash."""


@dataclass(frozen=True)
class Change:
    """One version of a row, as a person reads it."""

    when: datetime
    who: str
    what: str
    why: str
    kind: str


def changes_of(row: Any, *, limit: int = 50) -> list[Change]:
    """The row's versions, newest first, each with what changed since the one before."""
    records = list(row.history.select_related("history_user").order_by("-history_date")[:limit])
    return _described(records)


def changes_among(records: Iterable[Any]) -> list[Change]:
    """Changes from history records already fetched (newest first, several rows mixed): each
    compared with the previous version of its own row."""
    by_row: dict[Any, list[Any]] = {}
    for record in records:
        by_row.setdefault(record.id, []).append(record)
    changes = [c for versions in by_row.values() for c in _described(versions)]
    return sorted(changes, key=lambda c: c.when, reverse=True)


def changes_by_row(records: Iterable[Any]) -> dict[Any, list[Change]]:
    """History records of many rows fetched in one query (newest first), as each row's changes:
    a page of many objects shows every one's history without a query per object."""
    by_row: dict[Any, list[Any]] = {}
    for record in records:
        by_row.setdefault(record.id, []).append(record)
    return {row: _described(versions) for row, versions in by_row.items()}


def _described(records: list[Any]) -> list[Change]:
    described = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        described.append(
            Change(
                when=newer.history_date,
                who=newer.history_user.get_username() if newer.history_user else "the system",
                what=_what(newer, older),
                why=newer.history_change_reason or "",
                kind={"+": "created", "~": "changed", "-": "deleted"}.get(newer.history_type, ""),
            )
        )
    return described


def _what(newer: Any, older: Any) -> str:
    if older is None:
        return "created"
    delta = newer.diff_against(older)
    parts = [
        f"{_label(newer, c.field)}: {_show(c.old)} → {_show(c.new)}"
        for c in delta.changes
        if c.field not in HIDDEN
    ]
    return "; ".join(parts) or "no visible change"


def _label(record: Any, field: str) -> str:
    try:
        return str(record._meta.get_field(field).verbose_name)
    except Exception:
        return field.replace("_", " ")


def _show(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
