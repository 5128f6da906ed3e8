"""A pack taken to the point of issue as the rules ask: prepared by an officer, approved by an
approver who did not prepare it."""

from __future__ import annotations

from typing import Any

from improvement_board.accounts.models import Role, User
from improvement_board.meetings.services import pack_approve, pack_prepare


def person(username: str, role: str) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
    return user


def approved(meeting: Any) -> User:
    """Prepare and approve the meeting's pack as it stands; the approver, who may issue it."""
    pack_prepare(meeting=meeting, user=person("preparer", Role.OFFICER))
    approver = person("approver", Role.APPROVER)
    pack_approve(meeting=meeting, user=approver)
    return approver
