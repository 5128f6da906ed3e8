"""Who may do what: roles rise reader → officer → approver → admin, each able to do everything
the roles below it can. The web app and the console check the same rules through here.

A refusal (``Refused``) always says why, in words a person can act on.
"""

from __future__ import annotations

from typing import Any

from improvement_board.accounts.models import Role
from improvement_board.accounts.refusals import Refused

__all__ = ["ROLES", "Refused", "has_role", "require_role", "role_name", "role_of"]

ROLES: tuple[str, ...] = (Role.READER, Role.OFFICER, Role.APPROVER, Role.ADMIN)


def role_of(user: Any) -> str | None:
    """The user's role, a superuser counting as admin; None for anyone not signed in or
    deactivated."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Role.ADMIN if user.is_superuser else str(user.role)


def has_role(user: Any, role: str) -> bool:
    """Whether the user holds ``role`` or one above it."""
    held = role_of(user)
    return held in ROLES and ROLES.index(held) >= ROLES.index(role)


def require_role(user: Any, role: str, doing: str) -> None:
    """Refuse, saying why, unless ``user`` holds ``role`` or one above it."""
    if user is None:
        raise Refused(f"only a named person may {doing}")
    if not user.is_active:
        raise Refused(f"{user.get_username()} is deactivated, so may not {doing}")
    if not has_role(user, role):
        held = role_name(role_of(user) or Role.READER)
        article = "an" if held[0] in "aeiou" else "a"
        raise Refused(
            f"{user.get_username()} is {article} {held}: to {doing} needs the {role} role or above"
        )


def role_name(role: str) -> str:
    """A role as a person says it: "officer", "board member"."""
    return Role(role).label.split(" (")[0].lower()
