"""An action's status, read from its milestones unless a person has set it with a reason.

"Not started" beside an action whose every milestone is done is a status nobody updated. The
status a board reads is the one its milestones give: done when every milestone is done, in
progress once any is, not started before; an action without milestones keeps the status it was
given. A person may still set it otherwise (deferred, say), with a reason the board can read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

Status = Literal["not_started", "in_progress", "done", "deferred"]
WORDS: dict[Status, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "deferred": "Deferred",
}


@dataclass(frozen=True, slots=True)
class ActionStatus:
    status: Status
    basis: str
    """How the status was reached, in words: from the milestones, or by whom and why."""

    @property
    def word(self) -> str:
        return WORDS[self.status]


def action_status(
    recorded: Status,
    completions: Iterable[date | None],
    *,
    as_at: date,
    override: str | None = None,
) -> ActionStatus:
    """The status to show: ``recorded`` where a person set it (``override`` is their reason) or
    the action has no milestones, else the one its milestones' completions as at ``as_at`` give."""
    done = [c is not None and c <= as_at for c in completions]
    if override is not None:
        return ActionStatus(recorded, f"set by hand: {override}")
    if not done:
        return ActionStatus(recorded, "as recorded (no milestones)")
    count = f"{sum(done)} of {len(done)} milestones done"
    if all(done):
        return ActionStatus("done", count)
    return ActionStatus("in_progress" if any(done) else "not_started", count)
