"""Who may do what: roles rise reader → officer → approver → admin, each able to do everything
the roles below it can. The web app, the API and the console check the same rules through here.

A role is held per programme (a ``Membership``): in a programme, a person holds the role their
membership gives, and nothing at all without one, so one council's officer sees nothing of
another's programme. An administrator holds the admin role everywhere. Outside any programme (the
list of programmes, managing users), the role on the user stands.

A refusal (``Refused``) always says why, in words a person can act on.
"""

from __future__ import annotations

from typing import Any

from improvement_board.accounts.models import Role
from improvement_board.accounts.refusals import Refused

__all__ = ["ROLES", "Refused", "has_role", "require_role", "role_name", "role_of"]

ROLES: tuple[str, ...] = (Role.READER, Role.OFFICER, Role.APPROVER, Role.ADMIN)


def role_of(user: Any, programme: Any = None) -> str | None:
    """The user's role (in ``programme``, a Programme or its key, where one is given), a
    superuser counting as admin; None for anyone not signed in, deactivated, or no member of the
    programme."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser or user.role == Role.ADMIN:
        return Role.ADMIN
    if programme is None:
        return str(user.role)
    key = programme if isinstance(programme, str) else programme.key
    return memberships_of(user).get(key)


def memberships_of(user: Any) -> dict[str, str]:
    """The user's role in each programme they belong to, by programme key; read once per user
    object (a request's user asks many times)."""
    held: dict[str, str] | None = getattr(user, "_board_memberships", None)
    if held is None:
        from improvement_board.programmes.models import Membership

        rows = Membership.objects.filter(user=user).values_list("programme__key", "role")
        held = dict(rows)
        user._board_memberships = held
    return held


def has_role(user: Any, role: str, programme: Any = None) -> bool:
    """Whether the user holds ``role`` or one above it (in ``programme``, where given)."""
    held = role_of(user, programme)
    return held in ROLES and ROLES.index(held) >= ROLES.index(role)


def require_role(user: Any, role: str, doing: str, programme: Any = None) -> None:
    """Refuse, saying why, unless ``user`` holds ``role`` or one above it (in ``programme``)."""
    if user is None:
        raise Refused(f"only a named person may {doing}")
    if not user.is_active:
        raise Refused(f"{user.get_username()} is deactivated, so may not {doing}")
    if has_role(user, role, programme):
        return
    held = role_of(user, programme)
    if held is None:
        name = programme if isinstance(programme, str) else getattr(programme, "key", "")
        raise Refused(f"{user.get_username()} is not a member of the programme {name}")
    article = "an" if role_name(held)[0] in "aeiou" else "a"
    raise Refused(
        f"{user.get_username()} is {article} {role_name(held)}: to {doing} needs the {role} "
        "role or above"
    )


def role_name(role: str) -> str:
    """A role as a person says it: "officer", "board member"."""
    return Role(role).label.split(" (")[0].lower()
