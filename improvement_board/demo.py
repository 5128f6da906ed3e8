"""The demo: the seed programme with synthetic figures, in a store of its own, through real paths.

Nothing here writes to a store directly: the demo writes a monthly return file and loads it with
the same service an officer's upload uses, then records report receipts, milestones, commentary
and a risk review with the same services the web app calls. The store lives in
BOARD_HOME/demo and is made afresh each run, so a real store is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from improvement_board.core.demo import (
    DEMO_COMPARATORS,
    DEMO_COUNCIL,
    demo_comparators,
    demo_csv,
    demo_figures,
)
from improvement_board.core.programme import load_programme

SEED_PROGRAMME = Path(str(files("improvement_board.data").joinpath("herefordshire-2006.yaml")))
DEMO_STATE = Path(str(files("improvement_board.data").joinpath("demo/state.yaml")))
DEMO_MEETING = "2006-11"


@dataclass(frozen=True)
class DemoResult:
    store: Path
    monthly_return: Path
    pack: Path
    figures: int


def demo_inputs(folder: Path) -> Path:
    """Write the synthetic monthly return for the seed programme; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "herefordshire-2006-monthly-SYNTHETIC.csv"
    path.write_text(demo_csv(demo_figures(load_programme(SEED_PROGRAMME))), encoding="utf-8")
    return path


def demo_run(*, home: Path, user: Any) -> DemoResult:
    """Load the seed, the synthetic figures and demo state, and write the November 2006 pack.

    Django must already be set up on the demo's own store (``home / "board.sqlite3"``).
    """
    from improvement_board.meetings.selectors import meeting_get
    from improvement_board.meetings.services import pack_write
    from improvement_board.programmes.measurements import measurements_load
    from improvement_board.programmes.services import programme_load

    programme, _ = programme_load(path=SEED_PROGRAMME, user=user)
    monthly = demo_inputs(home / "inputs")
    report = measurements_load(programme=programme, path=monthly, user=user)
    _apply_state(programme, yaml.safe_load(DEMO_STATE.read_text(encoding="utf-8")), user)
    _comparators(programme, home / "inputs", user)
    meeting = meeting_get(programme=programme, period=DEMO_MEETING)
    written = pack_write(meeting=meeting, folder=home / "packs")
    return DemoResult(home / "board.sqlite3", monthly, written.html, len(report.new))


def _apply_state(programme: Any, state: dict[str, Any], user: Any) -> None:
    from improvement_board.meetings.services import report_item_mark
    from improvement_board.plans.services import milestone_complete, risk_review
    from improvement_board.programmes.services import commentary_save

    for status, key in (("received", "reports_received"), ("deferred", "reports_deferred")):
        for period, reports in state.get(key, {}).items():
            meeting = programme.meetings.get(period=period)
            for report in reports:
                item = meeting.reports.get(key=report)
                report_item_mark(item=item, status=status, on=_meeting_day(period), user=user)
    for done in state.get("milestones_completed", []):
        milestone = programme.actions.get(key=done["action"]).milestones.get(key=done["milestone"])
        milestone_complete(
            milestone=milestone, on=done["completed_on"], evidence=done["evidence"], user=user
        )
    for period, notes in state.get("commentary", {}).items():
        for key, note in notes.items():
            indicator = programme.indicators.get(key=key)
            commentary_save(indicator=indicator, period=period, user=user, **note)
    for review in state.get("risk_reviews", []):
        risk_review(
            risk=programme.risks.get(key=review["risk"]),
            on=review["reviewed_on"],
            likelihood=review["likelihood"],
            impact=review["impact"],
            note=review["note"],
            user=user,
        )


def _comparators(programme: Any, folder: Path, user: Any) -> None:
    """A synthetic comparator group and its 2005-06 figures, loaded as any comparator file is."""
    from improvement_board.programmes.comparators import comparator_group_set, comparators_load

    path = folder / "comparators-2005-06-SYNTHETIC.csv"
    path.write_text(demo_comparators(load_programme(SEED_PROGRAMME)), encoding="utf-8")
    comparator_group_set(
        programme=programme,
        council=DEMO_COUNCIL,
        members=list(DEMO_COMPARATORS),
        label="synthetic comparator councils",
        synthetic=True,
    )
    comparators_load(programme=programme, path=path, user=user)


def _meeting_day(period: str) -> date:
    year, month = (int(part) for part in period.split("-"))
    return date(year, month, 24)
