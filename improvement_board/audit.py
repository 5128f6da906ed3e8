"""Saving an audited row: its history records who made the change and why, every time."""

from __future__ import annotations

from typing import Any

from django.db import models


def audited_save(row: models.Model, *, user: Any, reason: str) -> None:
    """Save ``row``; its history keeps the earlier version with ``user`` and ``reason``."""
    row._change_reason = reason  # type: ignore[attr-defined]
    if user is not None:
        row._history_user = user  # type: ignore[attr-defined]
    row.save()
