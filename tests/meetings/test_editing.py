"""Editing the schedule in the app: a meeting moved with a reason, and the reports due at it,
held to the programme file's rules, every change in the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from improvement_board.meetings.editing import MOVED_REASON, meeting_edit, report_edit
from improvement_board.meetings.models import Meeting, ReportItem
from improvement_board.programmes.editing import EditRefused, version_of
from improvement_board.programmes.services import programme_load
from tests.web.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(mini_programme_file: Path) -> Any:
    programme_load(path=mini_programme_file)
    return UserFactory(role="admin")


def test_a_meeting_is_moved_only_with_a_reason_and_its_history_says_why(manager: Any) -> None:
    meeting = Meeting.objects.get(period="2006-11")
    with pytest.raises(EditRefused) as refused:
        meeting_edit(
            meeting=meeting,
            changes={"date": date(2006, 11, 20)},
            reason="",
            version=version_of(meeting),
            user=manager,
        )
    assert refused.value.problems == [(("reason",), MOVED_REASON)]
    meeting_edit(
        meeting=meeting,
        changes={"date": date(2006, 11, 20)},
        reason="The chair is away on the 13th",
        version=version_of(meeting),
        user=manager,
    )
    meeting = Meeting.objects.get(period="2006-11")
    assert meeting.date == date(2006, 11, 20)
    versions = list(meeting.history.order_by("-history_date", "-history_id"))
    assert versions[0].history_change_reason == "The chair is away on the 13th"
    assert versions[1].date is None  # as it stood before its first change


def test_a_report_names_only_evidence_items_that_exist(manager: Any) -> None:
    report = ReportItem.objects.get(key="caf-update")
    with pytest.raises(EditRefused) as refused:
        report_edit(
            report=report,
            changes={"evidence_item": "3"},
            reason="",
            version=version_of(report),
            user=manager,
        )
    assert refused.value.problems == [
        (("evidence_item",), "names evidence item 3, which is not defined")
    ]
    report_edit(
        report=report,
        changes={"owner": "Head of Early Help"},
        reason="",
        version=version_of(report),
        user=manager,
    )
    assert ReportItem.objects.get(key="caf-update").owner == "Head of Early Help"


def test_a_standing_report_is_changed_in_the_programme_file(manager: Any) -> None:
    standing = ReportItem.objects.get(key="pi-report")
    with pytest.raises(LookupError, match="standing report"):
        report_edit(
            report=standing,
            changes={"owner": "Someone"},
            reason="",
            version=version_of(standing),
            user=manager,
        )
