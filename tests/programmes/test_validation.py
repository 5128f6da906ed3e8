"""Figures signed off by a second person: drafts until an approver who did not record them
validates them; a restatement makes a figure a draft again; a pack marks every draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import Refused
from improvement_board.meetings.selectors import meeting_get
from improvement_board.meetings.services import pack_write
from improvement_board.programmes.measurements import Figure, measurement_record
from improvement_board.programmes.models import Measurement, MeasurementStatus
from improvement_board.programmes.services import programme_load
from improvement_board.programmes.validation import drafts_of, measurements_validate
from tests.meetings.signing import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(mini_programme_file: Path, settings: Any, tmp_path: Path) -> Any:
    settings.BOARD_HOME = tmp_path
    programme, _ = programme_load(path=mini_programme_file)
    officer = person("olly", Role.OFFICER)
    indicator = programme.indicators.get(key="referrals")
    measurement_record(
        indicator=indicator,
        figure=Figure("referrals", "2006-10", 180.0),
        source="return",
        user=officer,
    )
    return programme


def test_a_recorded_figure_is_a_draft_until_a_second_person_validates_it(recorded: Any) -> None:
    (draft,) = drafts_of(programme=recorded)
    approver = person("ann", Role.APPROVER)
    report = measurements_validate(programme=recorded, figures=[draft], user=approver)
    assert len(report.validated) == 1 and report.refused == []
    row = Measurement.objects.get()
    assert (row.status, row.validated_by) == (MeasurementStatus.VALIDATED, approver)
    assert drafts_of(programme=recorded) == []


def test_nobody_validates_a_figure_they_recorded(recorded: Any) -> None:
    olly = person("olly", Role.OFFICER)
    olly.role = Role.APPROVER
    olly.save()
    olly.memberships.update(role=Role.APPROVER)
    olly = type(olly).objects.get(pk=olly.pk)  # the role as the store now holds it
    report = measurements_validate(programme=recorded, figures=drafts_of(programme=recorded),
                                   user=olly)  # fmt: skip
    assert report.validated == []
    assert report.refused[0].endswith("olly recorded it, so someone else must validate it")
    assert Measurement.objects.get().status == MeasurementStatus.PROVISIONAL


def test_only_an_approver_of_the_programme_validates(recorded: Any) -> None:
    with pytest.raises(Refused, match="needs the approver role"):
        measurements_validate(
            programme=recorded, figures=drafts_of(programme=recorded),
            user=person("oscar", Role.OFFICER),
        )  # fmt: skip


def test_a_restated_figure_is_a_draft_again(recorded: Any) -> None:
    measurements_validate(programme=recorded, figures=drafts_of(programme=recorded),
                          user=person("ann", Role.APPROVER))  # fmt: skip
    row = Measurement.objects.get()
    measurement_record(
        indicator=row.indicator,
        figure=Figure("referrals", "2006-10", 185.0),
        source="corrected return",
        user=person("olly", Role.OFFICER),
        reason="a referral counted twice",
        current=row,
    )
    row.refresh_from_db()
    assert (row.status, row.validated_by, row.revision) == (MeasurementStatus.PROVISIONAL, None, 2)


def test_a_pack_marks_its_draft_figures(recorded: Any, tmp_path: Path) -> None:
    meeting = meeting_get(programme=recorded, period="2006-11")
    html = pack_write(meeting=meeting, folder=tmp_path).html.read_text(encoding="utf-8")
    assert "Draft: not yet validated" in html and "1 of the latest figures is a draft" in html
    measurements_validate(programme=recorded, figures=drafts_of(programme=recorded),
                          user=person("ann", Role.APPROVER))  # fmt: skip
    html = pack_write(meeting=meeting, folder=tmp_path).html.read_text(encoding="utf-8")
    assert "Draft: not yet validated" not in html and "latest figures is a draft" not in html
