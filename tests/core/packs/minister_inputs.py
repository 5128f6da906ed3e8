"""The seed programme with the demo's synthetic figures as a Minister's report's plain inputs,
and readers of its HTML, for the tests of the report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from improvement_board.core.demo import demo_figures
from improvement_board.core.judge import Observation
from improvement_board.core.packs.build import (
    MilestoneState,
    PackInputs,
    ReportState,
    RiskState,
)
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME

PROGRAMME = load_programme(Path(SEED_PROGRAMME))
DECEMBER = Period(2006, 12)
JANUARY = Period(2007, 1)
MARCH = Period(2007, 3)


def series_upto(upto: Period = MARCH) -> dict[str, list[Observation]]:
    """The demo's synthetic figures, cut at ``upto``."""
    series: dict[str, list[Observation]] = {}
    for f in (f for f in demo_figures(PROGRAMME) if f.period <= upto):
        series.setdefault(f.indicator, []).append(
            Observation(f.period, f.value, f.numerator, f.denominator)
        )
    return series


def milestone(
    key: str, title: str, due: tuple[int, ...], done: tuple[int, int] | None = None
) -> MilestoneState:
    """Due (and done) on a day of 2006 unless a year is given; a done one has evidence."""
    day = date(*due) if len(due) == 3 else date(2006, *due)
    completed = date(2006, *done) if done else None
    evidence = (f"Evidence for {title}",) if done else ()
    return MilestoneState(key, key.split("/")[0], title, "Owner", day, completed, evidence)


def minister_inputs(meeting: Period = JANUARY, **changes: object) -> PackInputs:
    values: dict[str, object] = {
        "programme": PROGRAMME,
        "meeting": meeting,
        "as_at": date(2007, 1, 24),
        "series": series_upto(),
        "synthetic": True,
        "charts": False,
        "milestones": [
            milestone("ipc-analysis/interim-report", "Interim report", (9, 30), (9, 26)),
            milestone(
                "performance-framework/implementation-plan",
                "Implementation plan",
                (11, 30),
                (11, 20),
            ),
            milestone("workforce-strategy/strategy-report", "Strategy report", (12, 31)),
            milestone("caf-evaluation/evaluation-report", "Evaluation report", (2007, 1, 31)),
        ],
        "reports": [
            ReportState("piap-implementation", "PIAP", (), "received", True),
            ReportState("ipc-project-board", "IPC board notes", (), "deferred", True),
            ReportState("caf-evaluation", "CAF evaluation", (), "due", False),
        ],
        "risks": [
            RiskState("vacancies", "Vacancies", "Head of HR", 4, 4, date(2007, 3, 1), "Recruit"),
            RiskState("data", "Data quality", "Head of Performance", 3, 3, None, "Audit"),
        ],
    }
    values.update(changes)
    return PackInputs(**values)  # type: ignore[arg-type]


def with_figure(inputs: PackInputs, key: str, observation: Observation) -> PackInputs:
    """The inputs with one figure replaced."""
    series = dict(inputs.series)
    series[key] = [o for o in series[key] if o.period != observation.period] + [observation]
    series[key].sort(key=lambda o: o.period)
    return replace(inputs, series=series)


class _Cells(HTMLParser):
    """The text of every table cell with a given class."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.cells: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td" and self.css_class in (dict(attrs).get("class") or "").split():
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.cells[-1] += data


def cells(html: str, css_class: str) -> list[str]:
    parser = _Cells(css_class)
    parser.feed(html)
    return [cell.strip() for cell in parser.cells]


def small_counts(cells: list[str]) -> list[str]:
    """Counts of 1 to 5 printed in ``counts`` cells such as ``2/36``."""
    return [part for cell in cells for part in cell.split("/") if part in {"1", "2", "3", "4", "5"}]
