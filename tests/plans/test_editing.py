"""Editing the action plan and the risk log in the app: the programme file's rules and
messages, a reason for every re-dating, and every change in the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from improvement_board.plans.editing import (
    action_edit,
    criterion_edit,
    evidence_item_edit,
    milestone_edit,
    risk_edit,
)
from improvement_board.plans.models import Action, Milestone, Risk
from improvement_board.programmes.editing import EditRefused, version_of
from improvement_board.programmes.services import programme_load
from tests.web.factories import UserFactory

pytestmark = pytest.mark.django_db
REDATING = "Give the reason for the change: a new due date needs one the board can read"


@pytest.fixture
def manager(mini_programme_file: Path) -> Any:
    programme_load(path=mini_programme_file)
    return UserFactory(role="admin")


def _milestone() -> Milestone:
    return Milestone.objects.get(action__key="caf-pilot", key="report")


def test_a_milestone_is_re_dated_only_with_a_reason_which_the_history_keeps(manager: Any) -> None:
    milestone = _milestone()
    with pytest.raises(EditRefused) as refused:
        milestone_edit(
            milestone=milestone,
            changes={"due": date(2007, 2, 28)},
            reason="",
            version=version_of(milestone),
            user=manager,
        )
    assert refused.value.problems == [(("reason",), REDATING)]
    milestone_edit(
        milestone=milestone,
        changes={"due": date(2007, 2, 28)},
        reason="The evaluators start a month late",
        version=version_of(milestone),
        user=manager,
    )
    milestone = _milestone()
    assert milestone.due == date(2007, 2, 28)
    latest = milestone.history.latest()
    assert (latest.history_change_reason, latest.history_user) == (
        "The evaluators start a month late",
        manager,
    )


def test_a_milestone_tied_to_an_indicator_is_held_to_its_unit(manager: Any) -> None:
    milestone = _milestone()
    with pytest.raises(EditRefused) as refused:
        milestone_edit(
            milestone=milestone,
            changes={"indicator": "leavers", "value": "120"},
            reason="",
            version=version_of(milestone),
            user=manager,
        )
    assert refused.value.problems == [
        (("value",), "a percentage must be between 0 and 100 (found 120)")
    ]
    with pytest.raises(EditRefused) as refused:
        milestone_edit(
            milestone=milestone,
            changes={"indicator": "nothing"},
            reason="",
            version=version_of(milestone),
            user=manager,
        )
    assert refused.value.problems == [(("indicator",), "names indicator 'nothing', not defined")]
    milestone_edit(
        milestone=milestone,
        changes={"indicator": "leavers", "value": "95"},
        reason="",
        version=version_of(milestone),
        user=manager,
    )
    assert (_milestone().indicator_key, _milestone().value) == ("leavers", 95.0)


def test_an_action_names_only_recommendations_that_exist_and_is_re_dated_with_a_reason(
    manager: Any,
) -> None:
    action = Action.objects.get(key="caf-pilot")
    with pytest.raises(EditRefused) as refused:
        action_edit(
            action=action,
            changes={"recommendations": ["6(2)", "9"], "due": date(2007, 3, 31)},
            reason="",
            version=version_of(action),
            user=manager,
        )
    assert refused.value.problems == [
        (("recommendations", 1), "names recommendation '9', which is not in recommendations")
    ]
    changed = action_edit(
        action=action,
        changes={"owner": "Head of Children's Services", "due": date(2007, 3, 31)},
        reason="Moved to the spring with the pilots",
        version=version_of(action),
        user=manager,
    )
    assert changed == ["owner", "due"]
    assert Action.objects.get(key="caf-pilot").due == date(2007, 3, 31)


def test_a_risk_keeps_scores_from_1_to_5(manager: Any) -> None:
    risk = Risk.objects.get(key="staffing")
    with pytest.raises(EditRefused) as refused:
        risk_edit(
            risk=risk,
            changes={"likelihood": "6"},
            reason="",
            version=version_of(risk),
            user=manager,
        )
    ((path, message),) = refused.value.problems
    assert path == ("likelihood",) and "less than or equal to 5" in message
    risk_edit(
        risk=risk,
        changes={"likelihood": "3", "mitigation": "Agency staff"},
        reason="Recruitment campaign",
        version=version_of(risk),
        user=manager,
    )
    risk = Risk.objects.get(key="staffing")
    assert (risk.likelihood, risk.mitigation) == (3, "Agency staff")
    assert risk.history.latest().history_change_reason == "Recruitment campaign"


def test_evidence_items_and_success_criteria_refer_to_each_other_as_in_the_file(
    manager: Any, tmp_path: Path, mini_programme_file: Path
) -> None:
    from improvement_board.plans.models import EvidenceItem, SuccessCriterion

    text = mini_programme_file.read_text() + (
        "evidence_items:\n  - {number: 1, area: CAF, title: CAF audit}\n"
        "success_criteria:\n  - {number: 1, title: Early help works, evidence_items: [1]}\n"
    )
    richer = tmp_path / "richer.yaml"
    richer.write_text(text)
    programme_load(path=richer)
    criterion = SuccessCriterion.objects.get(number=1)
    with pytest.raises(EditRefused) as refused:
        criterion_edit(
            criterion=criterion,
            changes={"evidence_items": ["1", "2"]},
            reason="",
            version=version_of(criterion),
            user=manager,
        )
    assert refused.value.problems == [
        (("evidence_items", 1), "names evidence item 2, which is not defined")
    ]
    item = EvidenceItem.objects.get(number=1)
    evidence_item_edit(
        item=item,
        changes={"due": "2007-01", "title": "CAF audit by the LSCB"},
        reason="",
        version=version_of(item),
        user=manager,
    )
    item = EvidenceItem.objects.get(number=1)
    assert (item.due, item.title) == ("2007-01", "CAF audit by the LSCB")
