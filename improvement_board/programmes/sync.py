"""Applying a programme file to the store: create what is new, change only what the file changed.

Every row keeps ``spec``, what the file last said of it. A reload compares the new file with that,
not with the row, so a figure or owner edited in the app since the last load is kept unless the file
itself now says something different, and the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models

from improvement_board.audit import audited_save


@dataclass
class LoadReport:
    """What a programme load did, for the console and the audit trail."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.changed)


def jsonable(value: Any) -> Any:
    """Dates as ISO text, so a spec compares equal after a round trip through JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def sync_row(
    model: type[models.Model],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    label: str,
    report: LoadReport,
    reason: str,
    user: Any,
) -> Any:
    """Create or update one row from the file; record why in its history."""
    values = _blank_text(model, values)
    spec = jsonable(values)
    row: Any = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values, spec=spec)
        _save(row, user, f"{reason}: created")
        report.created.append(label)
        return row
    changed = [name for name in values if row.spec.get(name) != spec[name]]
    if not changed:
        report.unchanged += 1
        return row
    for name in changed:
        setattr(row, name, values[name])
    row.spec = spec
    _save(row, user, f"{reason}: changed {', '.join(changed)}")
    report.changed.append(f"{label} ({', '.join(changed)})")
    return row


def _blank_text(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Django stores absent text as "", not NULL; the file says None."""
    text = (models.CharField, models.TextField)
    blank = {f.name for f in model._meta.get_fields() if isinstance(f, text) and not f.null}
    return {k: ("" if v is None and k in blank else v) for k, v in values.items()}


def _save(row: Any, user: Any, reason: str) -> None:
    audited_save(row, user=user, reason=reason)
