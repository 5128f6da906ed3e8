"""Editing an indicator in the app: the programme file's rules and messages, a reason for a new
target, every change in the history, and no lost update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from improvement_board.accounts.roles import Refused
from improvement_board.programmes.editing import (
    ChangedSinceOpened,
    EditRefused,
    indicator_edit,
    recommendation_edit,
    version_of,
)
from improvement_board.programmes.models import Indicator, Programme, Recommendation
from improvement_board.programmes.services import programme_load
from tests.web.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(mini_programme_file: Path) -> Programme:
    return programme_load(path=mini_programme_file)[0]


@pytest.fixture
def manager(programme: Programme) -> Any:
    return UserFactory(role="admin")


def _edit(key: str, user: Any, reason: str = "", **changes: Any) -> list[str]:
    indicator = Indicator.objects.get(key=key)
    return indicator_edit(
        indicator=indicator,
        changes=changes,
        reason=reason,
        version=version_of(indicator),
        user=user,
    )


def test_a_new_target_is_stored_with_the_reason_in_the_history(manager: Any) -> None:
    changed = _edit("referrals", manager, "Agreed with the DfE adviser", target={"value": "230"})
    assert changed == ["target"]
    indicator = Indicator.objects.get(key="referrals")
    assert indicator.target["value"] == 230
    latest = indicator.history.latest()
    assert latest.history_change_reason == "Agreed with the DfE adviser"
    assert latest.history_user == manager


def test_a_new_target_needs_a_reason(manager: Any) -> None:
    with pytest.raises(EditRefused) as refused:
        _edit("referrals", manager, "  ", target={"value": "230"})
    assert refused.value.problems == [
        (("reason",), "Give the reason for the change: a new target needs one the board can read")
    ]
    assert Indicator.objects.get(key="referrals").target["value"] == 220


def test_an_edit_gets_the_programme_files_messages_for_the_field_it_breaks(manager: Any) -> None:
    with pytest.raises(EditRefused) as refused:
        _edit("leavers", manager, "typo", target={"value": "150"})
    assert refused.value.problems == [
        (("target", "value"), "a percentage must be between 0 and 100 (found 150)")
    ]
    with pytest.raises(EditRefused) as refused:
        _edit("leavers", manager, owner="Head\nof care")
    assert refused.value.problems == [
        (
            ("owner",),
            "holds a line break (a name or title is one line); remove it (found 'Head\\nof care')",
        )
    ]


def test_a_band_needs_its_bounds_as_in_the_file(manager: Any) -> None:
    with pytest.raises(EditRefused) as refused:
        _edit("cafs", manager, "band", target={"value": "40", "qualifier": "band"})
    assert refused.value.problems == [(("target",), "a band target needs low and high")]


def test_baseline_counts_must_agree_with_the_value(manager: Any) -> None:
    with pytest.raises(EditRefused) as refused:
        _edit("leavers", manager, baseline={"value": "50"})
    ((path, message),) = refused.value.problems
    assert path == ("baseline", "numerator")
    assert "does not agree with its counts 19/20" in message


def test_the_plans_words_for_an_old_target_are_dropped_with_it(manager: Any) -> None:
    indicator = Indicator.objects.get(key="leavers")
    assert indicator.baseline["text"] == "89.5% (19/20)"
    _edit("leavers", manager, "recounted", baseline={"value": "90", "numerator": "18"})
    indicator.refresh_from_db()
    assert indicator.baseline == {
        "value": 90.0,
        "numerator": 18.0,
        "denominator": 20.0,
        "qualifier": "exact",
        "period": None,
        "text": None,
    }


def test_milestones_and_tolerance_are_checked_and_stored(manager: Any) -> None:
    changed = _edit(
        "referrals",
        manager,
        tolerance={"kind": "relative", "value": "10"},
        milestones=[{"period": "2006-09", "value": "190"}],
        owner="Head of Safeguarding",
    )
    assert changed == ["tolerance", "milestones", "owner"]
    indicator = Indicator.objects.get(key="referrals")
    assert indicator.milestones == [{"period": "2006-09", "value": 190.0}]
    assert indicator.history.latest().history_change_reason == (
        "changed in the app: tolerance, milestones, owner"
    )
    with pytest.raises(EditRefused) as refused:
        _edit("referrals", manager, milestones=[{"period": "Sept", "value": "1"}])
    assert refused.value.problems == [
        (
            ("milestones", 0, "period"),
            "'Sept' is not a month written YYYY-MM (such as 2006-11)",
        )
    ]


def test_an_unchanged_form_saves_nothing(manager: Any) -> None:
    before = Indicator.history.count()
    assert _edit("referrals", manager, owner=None, target={"value": "220"}) == []
    assert Indicator.history.count() == before


def test_an_edit_of_a_version_changed_since_is_refused(manager: Any) -> None:
    indicator = Indicator.objects.get(key="referrals")
    opened = version_of(indicator)
    _edit("referrals", manager, owner="Someone else")
    with pytest.raises(ChangedSinceOpened, match="changed by someone else"):
        indicator_edit(
            indicator=indicator,
            changes={"owner": "Me"},
            reason="",
            version=opened,
            user=manager,
        )
    assert Indicator.objects.get(key="referrals").owner == "Someone else"


def test_only_the_programme_manager_edits(programme: Programme) -> None:
    approver = UserFactory(role="approver")
    with pytest.raises(Refused, match="needs the admin role"):
        _edit("referrals", approver, owner="Me")


def test_a_reload_of_the_same_file_keeps_an_edit(
    manager: Any, programme: Programme, mini_programme_file: Path
) -> None:
    _edit("referrals", manager, "Agreed", target={"value": "230"})
    _, report = programme_load(path=mini_programme_file)
    assert not report.changed_anything
    assert Indicator.objects.get(key="referrals").target["value"] == 230


def test_a_recommendation_title_is_edited(manager: Any) -> None:
    rec = Recommendation.objects.get(number="1")
    recommendation_edit(
        recommendation=rec,
        changes={"title": "Safeguarding outcomes"},
        reason="",
        version=version_of(rec),
        user=manager,
    )
    assert Recommendation.objects.get(number="1").title == "Safeguarding outcomes"
