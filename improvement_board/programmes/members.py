"""Who belongs to a programme, and in what role: the one place a membership is made or ended.

A person sees a programme only as its member (an administrator sees every programme), so one
council's officers and board members see nothing of another council's programme in the same
store. Each change keeps who made it and why in the membership's history.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import require_role, role_name
from improvement_board.audit import audited_save
from improvement_board.programmes.models import Membership, Programme


def programmes_visible(*, user: Any) -> list[Programme]:
    """The programmes a person may open: all of them for an administrator, else theirs."""
    everything = Programme.objects.order_by("name")
    if user.is_superuser or user.role == Role.ADMIN:
        return list(everything)
    return list(everything.filter(memberships__user=user))


def default_programmes() -> list[Programme]:
    """Where a new person belongs when no programme is named: the only one, if there is one."""
    programmes = list(Programme.objects.all()[:2])
    return programmes if len(programmes) == 1 else []


@transaction.atomic
def membership_set(
    *, user: Any, programme: Programme, role: str | None, by: Any, reason: str
) -> Membership | None:
    """Give ``user`` ``role`` in ``programme``, or (``role`` None) end their membership."""
    require_role(by, Role.ADMIN, "change who belongs to a programme")
    if not reason.strip():
        raise ValueError("say why: it is kept in the history")
    if role is not None and role not in Role.values:
        raise ValueError(f"role must be one of {', '.join(Role.values)}, not {role!r}")
    found = Membership.objects.filter(user=user, programme=programme).first()
    if role is None:
        if found is None:
            raise ValueError(f"{user.get_username()} is not a member of {programme.key}")
        found._change_reason = reason.strip()  # type: ignore[attr-defined]
        found._history_user = by  # type: ignore[attr-defined]
        found.delete()
        return None
    row = found or Membership(user=user, programme=programme)
    row.role = role
    audited_save(row, user=by, reason=f"{role_name(role)} in {programme.key}: {reason.strip()}")
    return row


def memberships_create(*, user: Any, programmes: list[Programme], by: Any, reason: str) -> None:
    """A new person's memberships, each with the role on the user (the console's first users,
    made before any administrator, included)."""
    for programme in programmes:
        row = Membership(user=user, programme=programme, role=user.role)
        audited_save(row, user=by, reason=reason or f"added to {programme.key}")
