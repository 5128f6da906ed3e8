"""An action's status is read from its milestones unless a person sets it, with a reason."""

from __future__ import annotations

from datetime import date

from improvement_board.core.actions import action_status

AS_AT = date(2006, 11, 24)


def test_every_milestone_done_by_the_day_makes_the_action_done() -> None:
    found = action_status("not_started", [date(2006, 9, 26), date(2006, 10, 30)], as_at=AS_AT)
    assert (found.status, found.word, found.basis) == ("done", "Done", "2 of 2 milestones done")


def test_some_done_is_in_progress_and_none_is_not_started() -> None:
    assert action_status("not_started", [date(2006, 9, 26), None], as_at=AS_AT).status == (
        "in_progress"
    )
    assert action_status("done", [None, None], as_at=AS_AT).status == "not_started"


def test_a_milestone_completed_after_the_day_does_not_count_yet() -> None:
    assert action_status("not_started", [date(2006, 12, 1)], as_at=AS_AT).status == "not_started"


def test_a_status_set_by_hand_stands_with_its_reason() -> None:
    found = action_status(
        "deferred", [date(2006, 9, 26)], as_at=AS_AT, override="IPC not commissioned"
    )
    assert (found.status, found.basis) == ("deferred", "set by hand: IPC not commissioned")


def test_an_action_without_milestones_keeps_its_recorded_status() -> None:
    assert action_status("in_progress", [], as_at=AS_AT).basis == "as recorded (no milestones)"
