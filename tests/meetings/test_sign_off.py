"""Sign-off: a pack is prepared by one person and approved by another before it can be issued,
and what is issued is exactly what was approved. Every refusal says why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import Refused
from improvement_board.meetings.models import IssuedPack, PackSignOff
from improvement_board.meetings.selectors import meeting_get, sign_off_current
from improvement_board.meetings.services import pack_approve, pack_issue, pack_prepare
from improvement_board.programmes.services import commentary_save, programme_load
from tests.meetings.signing import approved, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(mini_programme_file: Path, settings: Any, tmp_path: Path) -> Any:
    settings.BOARD_HOME = tmp_path
    programme, _ = programme_load(path=mini_programme_file)
    return meeting_get(programme=programme, period="2006-11")


def _refusal(call: Any, **kwargs: Any) -> str:
    with pytest.raises(Refused) as refused:
        call(**kwargs)
    return str(refused.value)


def test_a_pack_prepared_by_one_person_and_approved_by_another_is_issued(meeting: Any) -> None:
    officer, approver = person("olly", Role.OFFICER), person("ann", Role.APPROVER)
    prepared = pack_prepare(meeting=meeting, user=officer)
    assert len(prepared.content_sha256) == 64 and prepared.approved_by is None
    pack_approve(meeting=meeting, user=approver)
    [html] = pack_issue(meeting=meeting, user=approver, pdf=False)
    assert html.sha256 == prepared.content_sha256  # the bytes issued are the bytes approved
    assert (html.sign_off.prepared_by, html.sign_off.approved_by) == (officer, approver)
    assert sign_off_current(meeting=meeting) is None  # an approval is used for one issue


def test_nobody_approves_a_pack_they_prepared(meeting: Any) -> None:
    approver = person("ann", Role.APPROVER)
    pack_prepare(meeting=meeting, user=approver)
    reason = _refusal(pack_approve, meeting=meeting, user=approver)
    assert (
        reason == "ann prepared this pack, so someone else must approve it (a second pair of eyes)"
    )
    assert PackSignOff.objects.get().approved_by is None


def test_a_pack_cannot_be_issued_before_it_is_prepared_and_approved(meeting: Any) -> None:
    approver = person("ann", Role.APPROVER)
    reason = _refusal(pack_issue, meeting=meeting, user=approver)
    assert "has not been prepared for approval" in reason and "an officer prepares it" in reason
    pack_prepare(meeting=meeting, user=person("olly", Role.OFFICER))
    reason = _refusal(pack_issue, meeting=meeting, user=approver)
    assert "has not been approved" in reason and "olly" in reason
    assert IssuedPack.objects.count() == 0


def test_each_step_needs_its_role_and_says_which(meeting: Any) -> None:
    reader, officer = person("rita", Role.READER), person("olly", Role.OFFICER)
    assert _refusal(pack_prepare, meeting=meeting, user=reader) == (
        "rita is a board member: to prepare a pack for approval needs the officer role or above"
    )
    pack_prepare(meeting=meeting, user=officer)
    assert "to approve a pack needs the approver role" in _refusal(
        pack_approve, meeting=meeting, user=officer
    )
    assert "to issue a pack needs the approver role" in _refusal(
        pack_issue, meeting=meeting, user=officer
    )
    assert "only a named person" in _refusal(pack_issue, meeting=meeting, user=None)


def test_a_deactivated_approver_is_refused(meeting: Any) -> None:
    pack_prepare(meeting=meeting, user=person("olly", Role.OFFICER))
    gone = person("ann", Role.APPROVER)
    gone.is_active = False
    gone.save()
    assert _refusal(pack_approve, meeting=meeting, user=gone).startswith("ann is deactivated")


def test_an_edit_after_approval_stops_the_issue_until_prepared_and_approved_again(
    meeting: Any,
) -> None:
    approver = approved(meeting)
    leavers = meeting.programme.indicators.get(key="leavers")
    commentary_save(
        indicator=leavers,
        period="2006-10",
        analysis="One more young person housed.",
        action="",
        reason="a correction",
    )
    reason = _refusal(pack_issue, meeting=meeting, user=approver)
    assert "the pack has changed since approver" in reason
    assert "prepared and approved again" in reason
    assert IssuedPack.objects.count() == 0
    approved(meeting)
    [issued] = pack_issue(meeting=meeting, user=approver, pdf=False)
    assert "One more young person housed." in issued.file.read_text(encoding="utf-8")


def test_an_edit_between_preparing_and_approving_is_refused(meeting: Any) -> None:
    pack_prepare(meeting=meeting, user=person("olly", Role.OFFICER))
    leavers = meeting.programme.indicators.get(key="leavers")
    commentary_save(
        indicator=leavers,
        period="2006-10",
        analysis="Changed after preparing.",
        action="",
        reason="a correction",
    )
    reason = _refusal(pack_approve, meeting=meeting, user=person("ann", Role.APPROVER))
    assert "changed since olly" in reason and "prepared again before it is approved" in reason


def test_preparing_again_replaces_an_approval_not_yet_used(meeting: Any) -> None:
    approver = approved(meeting)
    pack_prepare(meeting=meeting, user=person("olly", Role.OFFICER))
    assert "has not been approved" in _refusal(pack_issue, meeting=meeting, user=approver)


def test_an_approval_is_used_for_one_issue_only(meeting: Any) -> None:
    approver = approved(meeting)
    pack_issue(meeting=meeting, user=approver, pdf=False)
    assert "has not been prepared" in _refusal(pack_issue, meeting=meeting, user=approver)
