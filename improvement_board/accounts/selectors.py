"""Reads about users: who they are, and each change made to them, by whom, when and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from improvement_board.accounts.models import Role, User
from improvement_board.accounts.roles import role_name

# Fields whose change the history names, in the words a person would use.
_SAID = {
    "role": "role",
    "is_active": "active",
    "username": "sign-in name",
    "email": "email",
    "first_name": "first name",
    "last_name": "last name",
    "is_superuser": "superuser",
}


@dataclass(frozen=True)
class UserChange:
    """One change to a user: when, who made it, what changed, and why."""

    at: datetime
    by: str
    what: str
    why: str


def user_list() -> list[User]:
    return list(User.objects.order_by("username"))


def user_get(*, username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise LookupError(f"no user {username!r}")
    return user


def user_history(*, user: User) -> list[UserChange]:
    """Every change kept for the user, newest first."""
    records = list(user.history.select_related("history_user").order_by("-history_id"))
    changes = []
    for record, earlier in zip(records, [*records[1:], None], strict=True):
        changes.append(
            UserChange(
                at=record.history_date,
                by=record.history_user.username if record.history_user else "–",
                what=_what(record, earlier),
                why=record.history_change_reason or "",
            )
        )
    return changes


def _what(record: Any, earlier: Any) -> str:
    if earlier is None:
        return f"added as {_role(record.role)}"
    said = []
    for change in record.diff_against(earlier).changes:
        if change.field == "password_changed_at":
            said.append("password reset")
        elif change.field == "is_active":
            said.append("reactivated" if change.new else "deactivated")
        elif change.field == "role":
            said.append(f"role {_role(change.old)} → {_role(change.new)}")
        elif change.field in _SAID:
            said.append(f"{_SAID[change.field]} {change.old or '–'} → {change.new or '–'}")
    return "; ".join(said) or "saved unchanged"


def _role(value: str) -> str:
    return role_name(value) if value in Role.values else value
