"""The seed programme with the demo's synthetic figures as a Minister's report's plain inputs,
and readers of its HTML, for the tests of the report."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from improvement_board.core.benchmarks import Comparison, Figure, comparison_of, named_group
from improvement_board.core.demo import (
    DEMO_COMPARATORS,
    DEMO_COUNCIL,
    ENGLAND,
    demo_comparators,
    demo_figures,
)
from improvement_board.core.dfe_measures import YEAR_TO_MARCH
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


def demo_benchmarks() -> dict[str, Comparison]:
    """The demo's synthetic 2005-06 comparators, benchmarked as the store benchmarks them."""
    figures: dict[str, list[Figure]] = {}
    for row in csv.DictReader(io.StringIO(demo_comparators(PROGRAMME))):
        code = row["council_code"]
        level = "england" if code == ENGLAND else "council"
        published = date.fromisoformat(row["published"])
        figure = Figure(
            code, row["council_name"], level, Period(2006, 3), float(row["value"]),  # type: ignore[arg-type]
            published=published, published_known=True,
        )  # fmt: skip
        figures.setdefault(row["indicator"], []).append(figure)
    group = named_group("synthetic comparator councils", DEMO_COMPARATORS)
    found = {
        key: comparison_of(
            council=DEMO_COUNCIL,
            figures=values,
            group=group,
            as_of=date(2006, 12, 31),
            polarity=PROGRAMME.indicator(key).polarity,
            cadence=YEAR_TO_MARCH,
            source="comparator file comparators-2005-06-SYNTHETIC.csv",
            title=PROGRAMME.indicator(key).label,
            unit=PROGRAMME.indicator(key).unit,
        )
        for key, values in figures.items()
    }
    return {key: c for key, c in found.items() if c is not None}


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


class _Register(HTMLParser):
    """The register table's rows by indicator: each indicator's cells as (class, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[tuple[str, str]]] = {}
        self._inside = False
        self._name: str | None = None
        self._cell: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("class") == "register":
            self._inside = True
        elif self._inside and tag == "th" and found.get("scope") == "row":
            self._cell = ("name", [])
        elif self._inside and tag == "td":
            self._cell = (found.get("class") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._inside = False
        if tag in ("th", "td") and self._cell is not None:
            kind, parts = self._cell
            text = " ".join("".join(parts).split())
            if kind == "name":
                self._name = text
                self.rows[text] = []
            elif self._name is not None:
                self.rows[self._name].append((kind, text))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[1].append(data)


def register(html: str) -> dict[str, list[tuple[str, str]]]:
    """Each indicator's cells in the register of a rendered report, by indicator name."""
    parser = _Register()
    parser.feed(html)
    return parser.rows


class _Items(HTMLParser):
    """The text of every list item of lists with a given class."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.items: list[str] = []
        self._depth = 0
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and self.css_class in (dict(attrs).get("class") or "").split():
            self._depth += 1
        elif tag == "li" and self._depth:
            self._open = True
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._open = False
        elif tag == "ul" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._open:
            self.items[-1] += data


def list_items(html: str, css_class: str) -> list[str]:
    parser = _Items(css_class)
    parser.feed(html)
    return [" ".join(item.split()) for item in parser.items]
