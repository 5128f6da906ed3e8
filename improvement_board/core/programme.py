"""The programme file: one improvement plan as data, validated strictly before anything is stored.

Everything about a programme (its indicators, targets, actions, schedule of reports, risks) is in
one YAML file, so any council's plan of any year fits without code. Unknown keys are refused (a
misspelt ``tolerence`` must not silently vanish) and every problem is reported with its line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from improvement_board.core import values
from improvement_board.core.periods import Cadence, Frequency, Period, PeriodError, Reference
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme_values import VALUE_RULES
from improvement_board.core.reminders import LONGEST_NOTICE
from improvement_board.core.units import Polarity, Qualifier, Unit, format_value
from improvement_board.core.yamlmap import YamlRefused, line_of, read_yaml

LARGEST_FILE = 2 * 1024 * 1024
"""A programme file is a few tens of kilobytes; larger is refused before it is parsed."""
SHOWN = 40
"""Characters of a refused value quoted in a problem: a stray paragraph cannot swamp it."""


def _month(text: str) -> str:
    """A month written YYYY-MM, with the same message everywhere a month is expected."""
    try:
        return str(Period.parse(values.digits(text)))
    except PeriodError:
        raise ValueError(
            f"{_found(text)} is not a month written YYYY-MM (such as 2006-11)"
        ) from None


PeriodText = Annotated[str, BeforeValidator(str), AfterValidator(_month)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Score = Annotated[int, Field(ge=1, le=5)]
Number = Annotated[float, BeforeValidator(values.written_digits), AfterValidator(values.finite)]
"""Finite; its size and its unit's range are checked with its indicator (programme_values.py)."""
Whole = Annotated[int, BeforeValidator(values.written_digits), AfterValidator(values.whole)]
Year = Annotated[int, BeforeValidator(values.written_digits), AfterValidator(values.year)]
Code = Annotated[str, BeforeValidator(str), AfterValidator(values.code)]
CouncilCode = Annotated[str, BeforeValidator(str), AfterValidator(partial(values.code, longest=20))]
Name = Annotated[str, AfterValidator(partial(values.line, longest=200))]
"""One line: a council, an owner's role, an area; the store's column holds 200 characters."""
Title = Annotated[str, AfterValidator(partial(values.line, longest=300))]
Statement = Annotated[str, AfterValidator(partial(values.line, longest=1000))]
"""A long one-line title: a success criterion, an evidence item, a report."""
Text = Annotated[str, AfterValidator(values.paragraph)]
Population = Annotated[int, BeforeValidator(values.written_digits), Field(gt=0, le=100_000_000)]
"""Children aged 0-17 in a council: more than all England's (about 12 million) is a mistake."""
LONGEST_REVIEW = 3653
"""review_days: ten years at most."""
Cited = Annotated[str, AfterValidator(partial(values.line, longest=40))]
"""A recommendation number as another item names it; checked against the recommendations."""


class Strict(BaseModel):
    """Unknown keys are errors; parsed models never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerance(Strict):
    """How far behind trajectory an indicator may be before it turns red (amber until then)."""

    kind: Literal["points", "relative"] = "points"
    value: Number = Field(gt=0)


class Baseline(Strict):
    """The starting figure as the plan gives it; no value at all is the seed's ``-``."""

    value: Number | None = None
    numerator: Number | None = None
    denominator: Number | None = None
    qualifier: Literal["exact", "up_to", "about"] = "exact"
    period: PeriodText | None = None
    text: Name | None = None


class IndicatorMilestone(Strict):
    """A numerical milestone on the way to the target: the trajectory passes through it."""

    period: PeriodText
    value: Number


class Target(Strict):
    value: Number
    qualifier: Qualifier = "reach"
    low: Number | None = None
    high: Number | None = None
    period: PeriodText | None = None
    text: Name | None = None

    @model_validator(mode="after")
    def _band_has_bounds(self) -> Target:
        if self.qualifier == "band" and (self.low is None or self.high is None):
            raise ValueError("a band target needs low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not be above high")
        return self


class Indicator(Strict):
    """A thing tracked: against a target, or (polarity ``context``) watched without one.

    ``frequency``, ``reference`` and ``reference_month`` say what each figure refers to (see
    core/periods.py): the seed's monthly figures, DfE's years to 31 March, the workforce census
    as at 30 September.
    """

    key: Key
    code: Code | None = None
    title: Title
    unit: Unit
    polarity: Polarity
    baseline: Baseline = Baseline()
    target: Target | None = None
    tolerance: Tolerance | None = None
    recommendations: list[Cited] = []
    owner: Name | None = None
    frequency: Frequency = "monthly"
    reference: Reference = "period"
    reference_month: int | None = Field(default=None, ge=1, le=12)
    definition: Text | None = None
    source: Text | None = None
    measure: Name | None = None
    milestones: list[IndicatorMilestone] = []
    spc_rebase: list[PeriodText] = []
    decimals: int = Field(default=1, ge=0, le=3)
    notes: Text | None = None

    @model_validator(mode="after")
    def _target_unless_context(self) -> Indicator:
        if self.target is None and self.polarity != "context":
            raise ValueError(
                "needs a target (only a context indicator, polarity: context, is watched "
                "without one)"
            )
        if self.reference_month is not None and self.frequency == "monthly":
            raise ValueError("reference_month is for quarterly and annual indicators")
        return self

    @property
    def label(self) -> str:
        return f"{self.code}: {self.title}" if self.code else self.title

    def show(self, value: float | None) -> str:
        """A value of this indicator as the board reads it (``89.5%``, ``175.0``, ``£2.69M``)."""
        return format_value(value, self.unit, self.decimals)

    @property
    def target_text(self) -> str:
        """The target as the plan words it; a context indicator has none."""
        if self.target is None:
            return "none (context only)"
        return self.target.text or self.show(self.target.value)

    @property
    def cadence(self) -> Cadence:
        """What each figure refers to; quarters and years end in March unless it says otherwise."""
        month = self.reference_month if self.reference_month is not None else 3
        return Cadence(self.frequency, month, self.reference)


class Recommendation(Strict):
    number: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\([0-9]+\))?$", max_length=20)]
    title: Title


class ActionMilestone(Strict):
    key: Key
    title: Title
    due: dt.date
    indicator: Key | None = None
    value: Number | None = None


class Action(Strict):
    key: Key
    title: Title
    recommendations: list[Cited] = []
    owner: Name | None = None
    due: dt.date | None = None
    status: Literal["not_started", "in_progress", "done", "deferred"] = "not_started"
    milestones: list[ActionMilestone] = []
    evidence_items: list[Whole] = []
    notes: Text | None = None


class EvidenceItem(Strict):
    """The seed's numbered evidence of success (1-10), each due at a month where it gives one."""

    number: Whole = Field(ge=1)
    area: Name
    title: Statement
    due: PeriodText | None = None
    every_meeting: bool = False
    notes: Text | None = None


class SuccessCriterion(Strict):
    """An overarching success criterion (1-5) and the evidence items that show it."""

    number: Whole = Field(ge=1)
    title: Statement
    evidence_items: list[Whole] = []


class ReportDue(Strict):
    key: Key
    title: Statement
    starts: PeriodText | None = None
    recommendations: list[Cited] = []
    evidence_item: Whole | None = None
    owner: Name | None = None
    notes: Text | None = None


class Meeting(Strict):
    period: PeriodText
    date: dt.date | None = None
    reports: list[ReportDue] = []
    notes: Text | None = None


class Risk(Strict):
    key: Key
    title: Title
    cause: Text | None = None
    effect: Text | None = None
    owner: Name | None = None
    likelihood: Score
    impact: Score
    mitigation: Text | None = None
    proximity: Name | None = None
    review_date: dt.date | None = None
    recommendations: list[Cited] = []
    notes: Text | None = None


class Comparators(Strict):
    """Who the council is compared with: DfE's statistical neighbours, or a list of councils.

    ``model: dfe-2021`` or ``dfe-2025`` takes the council's closest ``size`` neighbours from
    DfE's published neighbour file when the figures are loaded (``board benchmarks dfe``); a
    hand-written ``members`` list (DfE numbers or ONS codes) is checked against the council
    register, so a code retired in a reorganisation is an error, not a silently smaller group.
    """

    council: str
    label: str | None = None
    model: Literal["dfe-2021", "dfe-2025"] | None = None
    size: int = Field(default=10, ge=1, le=10)
    members: list[str] = []
    synthetic: bool = False

    @model_validator(mode="after")
    def _model_or_members(self) -> Comparators:
        if self.model is None and not self.members:
            raise ValueError("give the neighbour model (model: dfe-2025) or a list of members")
        if self.model is not None and self.members:
            raise ValueError("give either model or members, not both")
        return self

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        if self.model is not None:
            return f"Statistical neighbours (DfE {self.model.removeprefix('dfe-')} model)"
        return "Comparator councils"


class Reminders(Strict):
    """When owners are reminded by e-mail of what they owe the next meeting (core/reminders.py)."""

    working_days_before: list[Annotated[int, Field(ge=0, le=LONGEST_NOTICE)]] = Field(
        min_length=1, max_length=10
    )


class ProgrammeInfo(Strict):
    key: Key
    name: Title
    council: Name
    council_code: CouncilCode | None = None
    inspection: Name | None = None
    baseline_date: dt.date
    target_date: dt.date
    first_period: PeriodText
    last_period: PeriodText
    population: dict[Year, Population] = Field(description="Children aged 0-17, by year")
    population_source: Text | None = None
    default_tolerance: Tolerance = Tolerance(kind="points", value=5)
    risk_appetite: Annotated[int, Field(ge=1, le=25)] = 12
    review_days: int = Field(default=92, ge=1, le=LONGEST_REVIEW)
    comparators: Comparators | None = None
    reminders: Reminders | None = None
    synthetic: bool = False
    notes: Text | None = None


class Programme(Strict):
    """The whole programme file."""

    programme: ProgrammeInfo
    reporting: list[Statement] = []
    standing_reports: list[ReportDue] = []
    recommendations: list[Recommendation] = []
    indicators: list[Indicator] = []
    actions: list[Action] = []
    evidence_items: list[EvidenceItem] = []
    success_criteria: list[SuccessCriterion] = []
    meetings: list[Meeting] = []
    risks: list[Risk] = []

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    @property
    def periods(self) -> list[Period]:
        first = Period.parse(self.programme.first_period)
        last = Period.parse(self.programme.last_period)
        return [Period.from_index(i) for i in range(first.index, last.index + 1)]


def load_programme(path: Path) -> Programme:
    """Read and validate a programme file; raise ProblemsFound with every located problem."""
    try:
        size = path.stat().st_size
        if size > LARGEST_FILE:
            raise ProblemsFound([_too_large(str(path), size)])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProblemsFound([Problem(str(path), None, None, f"cannot be read: {error}")]) from None
    return parse_programme(text, source=str(path))


def parse_programme(text: str, *, source: str) -> Programme:
    """Validate programme YAML text; ``source`` names it in problems."""
    if len(text) > LARGEST_FILE:
        raise ProblemsFound([_too_large(source, len(text))])
    try:
        data, lines, repeated = read_yaml(text)
    except YamlRefused as refused:
        raise ProblemsFound([Problem(source, refused.line, None, refused.message)]) from None
    except Exception as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ProblemsFound([Problem(source, line, None, f"is not valid YAML: {error}")]) from None
    problems = [
        Problem(source, line, _dotted(path), "is written twice in the same place")
        for path, line in repeated
    ]
    programme, failed = _validate(data, lines, source, problems)
    if programme is not None:
        problems += [
            Problem(source, line_of(lines, path), _dotted(path), message)
            for path, message in cross_check(programme, unchecked=failed)
        ]
    if problems or programme is None:
        raise ProblemsFound(problems)
    return programme


def _validate(
    data: Any, lines: dict[Any, int], source: str, problems: list[Problem]
) -> tuple[Programme | None, frozenset[str]]:
    """The programme, and the sections that failed validation, adding their problems.

    A section with schema problems is left out (as if empty) so that the rules across sections
    can still be checked for the rest, and every problem is reported in one go; a rule that
    reads a section left out is not checked. None when even that cannot be built.
    """
    try:
        return Programme.model_validate(data), frozenset()
    except ValidationError as error:
        problems += _located(error, lines, source)
        failed = frozenset(str(d["loc"][0]) for d in error.errors() if d["loc"])
    optional = {name for name, f in Programme.model_fields.items() if not f.is_required()}
    if not isinstance(data, dict) or not failed <= optional:
        return None, failed
    try:
        rest = {k: v for k, v in data.items() if k not in failed}
        return Programme.model_validate(rest), failed
    except ValidationError:
        return None, failed


def _located(error: ValidationError, lines: dict[Any, int], source: str) -> list[Problem]:
    return [
        Problem(source, line_of(lines, path), _dotted(path), message)
        for path, message in _findings(error)
    ]


def check_data(data: Any) -> tuple[Programme | None, Found]:
    """A programme given as data rather than as a file (one item of it edited in the app), held
    to the file's rules with the file's messages, each finding located by its path.

    The programme when every rule holds, else None with every finding: the schema's, or (once
    the schema holds) the rules across sections.
    """
    try:
        programme = Programme.model_validate(data)
    except ValidationError as error:
        return None, _findings(error)
    found = cross_check(programme)
    return (None if found else programme), found


def _findings(error: ValidationError) -> Found:
    found: Found = []
    for detail in error.errors():
        path = tuple(detail["loc"])
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "is not a field here (check the spelling; see docs/programme-file.md)"
        elif detail["type"] == "value_error":
            message = str(detail.get("ctx", {}).get("error", message))
            written = detail["input"]
            if isinstance(written, str) and _found(written) not in message and message[:3] != "is ":
                message = f"{message} (found {_found(detail['input'])})"
        elif "input" in detail and detail["input"] is None:
            message = f"{message} (left empty)"
        elif "input" in detail and not isinstance(detail["input"], (dict, list)):
            message = f"{message} (found {_found(detail['input'])})"
        found.append((path, message))
    return found


def _found(value: Any) -> str:
    """A refused value quoted, shortened so a megabyte of text cannot swamp the message."""
    written = repr(value)
    return written if len(written) <= SHOWN else written[: SHOWN - 3] + "..."


def _too_large(source: str, size: int) -> Problem:
    message = f"is {size:,} bytes; a programme file may be at most {LARGEST_FILE:,}"
    return Problem(source, None, None, message)


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in path) or "(file)"


Found = list[tuple[tuple[Any, ...], str]]


def cross_check(programme: Programme, *, unchecked: frozenset[str] = frozenset()) -> Found:
    """Rules across sections: unique keys, and every reference names something that exists.

    A rule that reads a section named in ``unchecked`` (one that failed validation) is skipped.
    """
    found: Found = []
    for sections, rule in _RULES:
        if not sections & unchecked:
            found += rule(programme)
    return found


def _dates_in_order(programme: Programme) -> Found:
    info = programme.programme
    found: Found = []
    if info.target_date <= info.baseline_date:
        found.append((("programme", "target_date"), "must be after baseline_date"))
    if Period.parse(info.last_period) < Period.parse(info.first_period):
        found.append((("programme", "last_period"), "must not be before first_period"))
    return found


def _unique_keys(section: str, field: str = "key") -> Callable[[Programme], Found]:
    """A rule: the items of one section have different keys (or numbers, or periods)."""

    def rule(programme: Programme) -> Found:
        return _duplicates(
            section, [str(getattr(i, field)) for i in getattr(programme, section)], field
        )

    return rule


def _unique_reports(programme: Programme) -> Found:
    """A meeting's reports have different keys, and none is also a standing report's."""
    found: Found = []
    standing = [r.key for r in programme.standing_reports]
    for position, meeting in enumerate(programme.meetings):
        keys = [r.key for r in meeting.reports]
        for path, message in _duplicates("reports", keys + standing):
            if path[1] < len(keys):
                found.append((("meetings", position, *path), message + " (or standing_reports)"))
    return found


def _unique_milestones(programme: Programme) -> Found:
    found: Found = []
    for position, action in enumerate(programme.actions):
        for path, message in _duplicates("milestones", [m.key for m in action.milestones]):
            found.append((("actions", position, *path), message))
    return found


def _recommendations_exist(section: str) -> Callable[[Programme], Found]:
    """A rule: every recommendation the items of one section name is in recommendations."""

    def rule(programme: Programme) -> Found:
        numbers = {r.number for r in programme.recommendations}
        found: Found = []
        for position, item in enumerate(getattr(programme, section)):
            for n, number in enumerate(item.recommendations):
                if number not in numbers:
                    message = f"names recommendation {number!r}, which is not in recommendations"
                    found.append(((section, position, "recommendations", n), message))
        return found

    return rule


def _indicators_exist(programme: Programme) -> Found:
    keys = {i.key for i in programme.indicators}
    found: Found = []
    for position, action in enumerate(programme.actions):
        for n, milestone in enumerate(action.milestones):
            if milestone.indicator is not None and milestone.indicator not in keys:
                path = ("actions", position, "milestones", n, "indicator")
                found.append((path, f"names indicator {milestone.indicator!r}, not defined"))
    return found


def _evidence_items_exist(programme: Programme) -> Found:
    numbers = {e.number for e in programme.evidence_items}
    found: Found = []
    for position, criterion in enumerate(programme.success_criteria):
        for n, number in enumerate(criterion.evidence_items):
            if number not in numbers:
                path = ("success_criteria", position, "evidence_items", n)
                found.append((path, f"names evidence item {number}, which is not defined"))
    return found


def _comparators_exist(programme: Programme) -> Found:
    """The council and every hand-written comparator are councils that existed while the
    programme runs (a synthetic group, made up for a demonstration, is not checked)."""
    from improvement_board.core.councils import register

    info = programme.programme
    group = info.comparators
    if group is None or group.synthetic:
        return []
    first = Period.parse(info.first_period).first_day
    last = Period.parse(info.last_period).last_day
    places = register()
    found: Found = []
    problem = places.problem(group.council, first, last)
    if problem:
        found.append((("programme", "comparators", "council"), problem))
    for n, member in enumerate(group.members):
        problem = places.problem(member, first, last)
        if problem:
            found.append(
                (
                    ("programme", "comparators", "members", n),
                    f"{problem}; the programme runs {info.first_period} to {info.last_period}",
                )
            )
    return found


def _measures_exist(programme: Programme) -> Found:
    """An indicator computed from records must name a measure the project defines."""
    from improvement_board.core.records.measures import MEASURES

    return [
        (
            ("indicators", n, "measure"),
            f"names measure {i.measure!r}, which is not defined "
            f"(see docs/records-formats.md; known: {', '.join(sorted(MEASURES))})",
        )
        for n, i in enumerate(programme.indicators)
        if i.measure and i.measure not in MEASURES
    ]


def _report_references(programme: Programme) -> Found:
    """Reports and actions may only name recommendations and evidence items that exist."""
    numbers = {r.number for r in programme.recommendations}
    evidence = {e.number for e in programme.evidence_items}
    places: list[tuple[tuple[Any, ...], ReportDue]] = [
        (("standing_reports", n), r) for n, r in enumerate(programme.standing_reports)
    ]
    for m, meeting in enumerate(programme.meetings):
        places += [(("meetings", m, "reports", n), r) for n, r in enumerate(meeting.reports)]
    found: Found = []
    for path, report in places:
        for n, number in enumerate(report.recommendations):
            if number not in numbers:
                found.append(
                    (
                        (*path, "recommendations", n),
                        f"names recommendation {number!r}, which is not in recommendations",
                    )
                )
        if report.evidence_item is not None and report.evidence_item not in evidence:
            found.append(
                (
                    (*path, "evidence_item"),
                    f"names evidence item {report.evidence_item}, which is not defined",
                )
            )
    for a, action in enumerate(programme.actions):
        for n, item in enumerate(action.evidence_items):
            if item not in evidence:
                found.append(
                    (
                        ("actions", a, "evidence_items", n),
                        f"names evidence item {item}, which is not defined",
                    )
                )
    return found


def _duplicates(section: str, keys: list[str], field: str = "key") -> Found:
    seen: set[str] = set()
    found: Found = []
    for position, key in enumerate(keys):
        if key in seen:
            found.append(((section, position, field), f"{key!r} is used twice in {section}"))
        seen.add(key)
    return found


_RULES: tuple[tuple[frozenset[str], Callable[[Programme], Found]], ...] = (
    (frozenset({"programme"}), _dates_in_order),
    *VALUE_RULES,
    *(
        (frozenset({section}), _unique_keys(section, field))
        for section, field in (
            ("indicators", "key"),
            ("actions", "key"),
            ("risks", "key"),
            ("recommendations", "number"),
            ("meetings", "period"),
            ("evidence_items", "number"),
            ("success_criteria", "number"),
            ("standing_reports", "key"),
        )
    ),
    (frozenset({"meetings", "standing_reports"}), _unique_reports),
    (frozenset({"actions"}), _unique_milestones),
    *(
        (frozenset({"recommendations", section}), _recommendations_exist(section))
        for section in ("indicators", "actions", "risks")
    ),
    (frozenset({"indicators", "actions"}), _indicators_exist),
    (frozenset({"evidence_items", "success_criteria"}), _evidence_items_exist),
    (
        frozenset({"recommendations", "evidence_items", "standing_reports", "meetings", "actions"}),
        _report_references,
    ),
    (frozenset({"indicators"}), _measures_exist),
    (frozenset({"programme"}), _comparators_exist),
)
