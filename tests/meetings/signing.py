"""A pack taken to the point of issue as the rules ask: prepared by an officer, approved by an
approver who did not prepare it."""

from __future__ import annotations

from typing import Any

from improvement_board.accounts.models import Role, User
from improvement_board.meetings.services import pack_approve, pack_prepare
from improvement_board.programmes.models import Membership, Programme


def person(username: str, role: str, programme: Any = None) -> User:
    """A person with ``role``, a member in it of ``programme``, or (none named) of every
    programme in the store."""
    user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
    for each in [programme] if programme is not None else Programme.objects.all():
        Membership.objects.get_or_create(user=user, programme=each, defaults={"role": role})
    return user


def approved(meeting: Any) -> User:
    """Prepare and approve the meeting's pack as it stands; the approver, who may issue it."""
    programme = meeting.programme
    pack_prepare(meeting=meeting, user=person("preparer", Role.OFFICER, programme))
    approver = person("approver", Role.APPROVER, programme)
    pack_approve(meeting=meeting, user=approver)
    return approver


def minister_approved(programme: Any, quarter_end: str) -> User:
    """Prepare and approve the quarter's report to the Minister as it stands; the approver, who
    may issue it."""
    from improvement_board.meetings.minister import (
        minister_report_approve,
        minister_report_prepare,
    )

    preparer = person("preparer", Role.OFFICER, programme)
    minister_report_prepare(programme=programme, quarter_end=quarter_end, user=preparer)
    approver = person("approver", Role.APPROVER, programme)
    minister_report_approve(programme=programme, quarter_end=quarter_end, user=approver)
    return approver
