"""The Minister's report goes out as a pack does: prepared by one person, approved by another,
then issued, both variants written once with their SHA-256 and versions kept. Every refusal says
why."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import Refused
from improvement_board.meetings.minister import (
    minister_issued,
    minister_issued_read,
    minister_quarter_known,
    minister_quarter_states,
    minister_report_approve,
    minister_report_issue,
    minister_report_prepare,
    minister_sign_off_current,
)
from improvement_board.meetings.models import IssuedMinisterReport, MinisterSignOff
from improvement_board.programmes.models import Programme
from improvement_board.programmes.services import commentary_save, programme_load
from tests.meetings.signing import person

pytestmark = pytest.mark.django_db

QUARTER = "2006-09"


@pytest.fixture
def programme(mini_programme_file: Path, settings: Any, tmp_path: Path) -> Programme:
    settings.BOARD_HOME = tmp_path
    loaded, _ = programme_load(path=mini_programme_file)
    return loaded


def _refusal(call: Any, **kwargs: Any) -> str:
    with pytest.raises(Refused) as refused:
        call(**kwargs)
    return str(refused.value)


def _approved(programme: Programme) -> Any:
    minister_report_prepare(
        programme=programme, quarter_end=QUARTER, user=person("olly", Role.OFFICER)
    )
    approver = person("ann", Role.APPROVER)
    minister_report_approve(programme=programme, quarter_end=QUARTER, user=approver)
    return approver


def _comment(programme: Programme, words: str) -> None:
    commentary_save(
        indicator=programme.indicators.get(key="leavers"),
        period=QUARTER,
        analysis=words,
        action="",
        reason="a correction",
    )


def test_a_report_prepared_by_one_person_and_approved_by_another_is_issued_in_both_variants(
    programme: Programme,
) -> None:
    officer, approver = person("olly", Role.OFFICER), person("ann", Role.APPROVER)
    prepared = minister_report_prepare(programme=programme, quarter_end=QUARTER, user=officer)
    assert len(prepared.content_sha256) == 64 and prepared.approved_by is None
    minister_report_approve(programme=programme, quarter_end=QUARTER, user=approver)
    files = minister_report_issue(
        programme=programme, quarter_end=QUARTER, user=approver, pdf=False
    )
    assert sorted((f.variant, f.kind, f.version) for f in files) == [
        ("for-publication", "html", 1),
        ("internal", "html", 1),
    ]
    for issued in files:
        data = issued.file.read_bytes()
        assert hashlib.sha256(data).hexdigest() == issued.sha256
        assert issued.path.startswith("reports/mini/issued/minister-report-2006-09-v1-")
        assert (issued.sign_off.prepared_by, issued.sign_off.approved_by) == (officer, approver)
    published = next(f for f in files if f.variant == "for-publication").file.read_text("utf-8")
    internal = next(f for f in files if f.variant == "internal").file.read_text("utf-8")
    assert "OFFICIAL" in published and "OFFICIAL-SENSITIVE" not in published
    assert "OFFICIAL-SENSITIVE" in internal
    assert minister_sign_off_current(programme=programme, quarter_end=QUARTER) is None


def test_nobody_approves_a_report_they_prepared(programme: Programme) -> None:
    approver = person("ann", Role.APPROVER)
    minister_report_prepare(programme=programme, quarter_end=QUARTER, user=approver)
    reason = _refusal(
        minister_report_approve, programme=programme, quarter_end=QUARTER, user=approver
    )
    assert reason == (
        "ann prepared this report, so someone else must approve it (a second pair of eyes)"
    )
    assert MinisterSignOff.objects.get().approved_by is None


def test_a_report_cannot_be_issued_before_it_is_prepared_and_approved(
    programme: Programme,
) -> None:
    approver = person("ann", Role.APPROVER)
    reason = _refusal(
        minister_report_issue, programme=programme, quarter_end=QUARTER, user=approver
    )
    assert reason == (
        "the report for the quarter ending September 2006 has not been prepared for approval "
        "since it was last issued: an officer prepares it first"
    )
    minister_report_prepare(
        programme=programme, quarter_end=QUARTER, user=person("olly", Role.OFFICER)
    )
    reason = _refusal(
        minister_report_issue, programme=programme, quarter_end=QUARTER, user=approver
    )
    assert "has not been approved" in reason and "olly" in reason
    assert IssuedMinisterReport.objects.count() == 0


def test_each_step_needs_its_role_and_says_which(programme: Programme) -> None:
    reader, officer = person("rita", Role.READER), person("olly", Role.OFFICER)
    assert _refusal(
        minister_report_prepare, programme=programme, quarter_end=QUARTER, user=reader
    ) == (
        "rita is a board member: to prepare a Minister's report for approval needs the officer "
        "role or above"
    )
    minister_report_prepare(programme=programme, quarter_end=QUARTER, user=officer)
    assert "to approve a Minister's report needs the approver role" in _refusal(
        minister_report_approve, programme=programme, quarter_end=QUARTER, user=officer
    )
    assert "to issue a Minister's report needs the approver role" in _refusal(
        minister_report_issue, programme=programme, quarter_end=QUARTER, user=officer
    )
    assert "only a named person" in _refusal(
        minister_report_issue, programme=programme, quarter_end=QUARTER, user=None
    )


def test_an_edit_after_approval_stops_the_issue_until_prepared_and_approved_again(
    programme: Programme,
) -> None:
    approver = _approved(programme)
    _comment(programme, "One more young person housed.")
    reason = _refusal(
        minister_report_issue, programme=programme, quarter_end=QUARTER, user=approver
    )
    assert "the report has changed since ann" in reason
    assert "prepared and approved again" in reason
    assert IssuedMinisterReport.objects.count() == 0
    _approved(programme)
    files = minister_report_issue(
        programme=programme, quarter_end=QUARTER, user=approver, pdf=False
    )
    internal = next(f for f in files if f.variant == "internal")
    assert "One more young person housed." in internal.file.read_text(encoding="utf-8")


def test_an_edit_between_preparing_and_approving_is_refused(programme: Programme) -> None:
    minister_report_prepare(
        programme=programme, quarter_end=QUARTER, user=person("olly", Role.OFFICER)
    )
    _comment(programme, "Changed after preparing.")
    reason = _refusal(
        minister_report_approve,
        programme=programme,
        quarter_end=QUARTER,
        user=person("ann", Role.APPROVER),
    )
    assert "changed since olly" in reason and "prepared again before it is approved" in reason


def test_each_issue_is_the_next_version_and_earlier_files_are_kept(programme: Programme) -> None:
    approver = _approved(programme)
    first = minister_report_issue(
        programme=programme, quarter_end=QUARTER, user=approver, pdf=False
    )
    assert "has not been prepared" in _refusal(
        minister_report_issue, programme=programme, quarter_end=QUARTER, user=approver
    )
    _comment(programme, "A second version's words.")
    _approved(programme)
    second = minister_report_issue(
        programme=programme, quarter_end=QUARTER, user=approver, pdf=False
    )
    assert {f.version for f in first} == {1} and {f.version for f in second} == {2}
    assert [f.version for f in minister_issued(programme=programme, quarter_end=QUARTER)] == [
        2,
        2,
        1,
        1,
    ]
    for issued in first:
        assert minister_issued_read(report=issued)[0] == "unchanged"


def test_an_issued_file_changed_on_disc_is_not_served(programme: Programme) -> None:
    approver = _approved(programme)
    [html, *_] = minister_report_issue(
        programme=programme, quarter_end=QUARTER, user=approver, pdf=False
    )
    html.file.write_text("tampered", encoding="utf-8")
    assert minister_issued_read(report=html) == ("changed", None)
    html.file.unlink()
    assert minister_issued_read(report=html) == ("missing", None)


def test_a_month_that_ends_no_quarter_is_refused_saying_so(programme: Programme) -> None:
    officer = person("olly", Role.OFFICER)
    with pytest.raises(ValueError, match="2006-10 is not the last month of a quarter"):
        minister_report_prepare(programme=programme, quarter_end="2006-10", user=officer)
    with pytest.raises(LookupError, match="no quarter ending 2008-03"):
        minister_quarter_known(programme=programme, quarter_end="2008-03")


def test_each_quarter_of_the_programme_says_where_its_report_stands(
    programme: Programme,
) -> None:
    approver = _approved(programme)
    minister_report_issue(programme=programme, quarter_end=QUARTER, user=approver, pdf=False)
    minister_report_prepare(
        programme=programme, quarter_end="2006-12", user=person("olly", Role.OFFICER)
    )
    states = {str(s.quarter_end): s.state for s in minister_quarter_states(programme=programme)}
    assert states == {
        "2006-06": "Draft",
        "2006-09": "Version 1 issued",
        "2006-12": "Prepared, waiting for approval",
        "2007-03": "Draft",
    }
