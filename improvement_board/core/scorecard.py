"""A programme read from an Excel workbook laid out as councils keep their scorecards.

One sheet of indicators, one row each (code, name, unit, polarity, baseline, target, tolerance,
owner, linked recommendations, ...), beside a sheet of the programme's own fields and sheets for
the recommendations, actions and their milestones, evidence, success criteria, meetings and their
reports, and risks. Each row becomes the item the programme file would hold, so the workbook is
checked by exactly the rules and messages of the programme file (core/programme.py), every
problem located by its sheet, row and column, all at once. ``scorecard_workbook`` writes the
template (empty) or a programme as such a workbook.

The workbook is opened read-only after the same checks of its archive as a return's
(core/returns/files.py), and each sheet is read to at most ``MAX_ROWS`` rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import Programme, _validate, cross_check, load_programme
from improvement_board.core.programme_export import programme_mapping
from improvement_board.core.returns.files import MAX_BYTES, MAX_ROWS, _check_archive

Kind = Literal["text", "number", "month", "date", "yes/no", "list", "months", "milestones"]
FieldPath = tuple[Any, ...]
Place = tuple[str, int | None, str | None]
"""A sheet, its row (1-based as in Excel) and the column's letter and header."""

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_COLUMNS = 60
"""The widest sheet has about thirty columns; more is refused rather than read."""
STANDING = "every meeting"
"""What the Reports sheet's Meeting column says of a report due at every meeting."""
README = "Read me"


@dataclass(frozen=True)
class Column:
    header: str
    path: tuple[str, ...]
    kind: Kind = "text"
    about: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    title: str
    section: str
    columns: tuple[Column, ...]
    about: str


def _col(header: str, path: str, kind: Kind = "text", about: str = "", *choices: str) -> Column:
    return Column(header, tuple(path.split(".")), kind, about, choices)


UNITS = ("percent", "rate_per_10000", "count", "money", "number")
POLARITIES = ("higher", "lower", "band", "context")
QUALIFIERS = ("reach", "up_to", "maintain", "at_least", "at_most", "band")

PROGRAMME_FIELDS = (
    _col("key", "key", "text", "The programme's short name (lower case, digits and -)."),
    _col("name", "name", "text", "The programme's full name."),
    _col("council", "council"),
    _col("council code", "council_code", "text", "ONS code, such as E06000019."),
    _col("inspection", "inspection"),
    _col("baseline date", "baseline_date", "date"),
    _col("target date", "target_date", "date"),
    _col("first month", "first_period", "month", "YYYY-MM"),
    _col("last month", "last_period", "month", "YYYY-MM"),
    _col("population source", "population_source"),
    _col("default tolerance", "default_tolerance.value", "number"),
    _col("default tolerance kind", "default_tolerance.kind", "text", "", "points", "relative"),
    _col("risk appetite", "risk_appetite", "number", "1-25 (default 12)."),
    _col("review days", "review_days", "number", "Days a risk may go unreviewed (default 92)."),
    _col(
        "reminders working days before",
        "reminders.working_days_before",
        "list",
        "Working days before each meeting when owners are reminded, comma between (e.g. 10, 3).",
    ),
    _col("synthetic", "synthetic", "yes/no", "yes for made-up demonstration programmes."),
    _col("notes", "notes"),
    _col("comparators council", "comparators.council", "text", "DfE number or ONS code."),
    _col("comparators model", "comparators.model", "text", "", "dfe-2021", "dfe-2025"),
    _col("comparators size", "comparators.size", "number"),
    _col("comparators members", "comparators.members", "list", "Codes, comma between."),
    _col("comparators label", "comparators.label"),
    _col("comparators synthetic", "comparators.synthetic", "yes/no"),
)

SHEETS = (
    Sheet(
        "Population",
        "population",
        (_col("Year", "year", "number"), _col("Children", "children", "number")),
        "Children aged 0-17 by year (ONS mid-year estimate).",
    ),
    Sheet(
        "Reporting",
        "reporting",
        (_col("Arrangement", "arrangement"),),
        "The reporting arrangements the board has agreed, one a row.",
    ),
    Sheet(
        "Recommendations",
        "recommendations",
        (_col("Number", "number", "text", "Such as 6 or 6(2)."), _col("Title", "title")),
        "The inspection's numbered recommendations.",
    ),
    Sheet(
        "Indicators",
        "indicators",
        (
            _col("Key", "key", "text", "Short name: lower case, digits and -."),
            _col("Code", "code"),
            _col("Name", "title"),
            _col("Unit", "unit", "text", "", *UNITS),
            _col("Polarity", "polarity", "text", "", *POLARITIES),
            _col("Baseline", "baseline.value", "number"),
            _col("Baseline numerator", "baseline.numerator", "number"),
            _col("Baseline denominator", "baseline.denominator", "number"),
            _col("Baseline qualifier", "baseline.qualifier", "text", "", "exact", "up_to", "about"),
            _col("Baseline month", "baseline.period", "month", "YYYY-MM"),
            _col("Baseline as written", "baseline.text", "text", "The plan's own words."),
            _col("Target", "target.value", "number", "Blank only for a context indicator."),
            _col("Target qualifier", "target.qualifier", "text", "", *QUALIFIERS),
            _col("Target low", "target.low", "number", "A band's lower edge."),
            _col("Target high", "target.high", "number", "A band's upper edge."),
            _col("Target month", "target.period", "month", "YYYY-MM"),
            _col("Target as written", "target.text", "text", "The plan's own words."),
            _col("Tolerance", "tolerance.value", "number", "Blank: the programme's default."),
            _col("Tolerance kind", "tolerance.kind", "text", "", "points", "relative"),
            _col("Owner", "owner", "text", "A role, never a person's name."),
            _col("Linked recommendations", "recommendations", "list", "Numbers, comma between."),
            _col("Frequency", "frequency", "text", "", "monthly", "quarterly", "annual"),
            _col("Reference", "reference", "text", "", "period", "at"),
            _col("Reference month", "reference_month", "number", "1-12, for a quarter or year."),
            _col("Definition", "definition"),
            _col("Source", "source"),
            _col("Measure", "measure", "text", "A record-based measure (docs/records-formats.md)."),
            _col("Milestones", "milestones", "milestones", "Such as 2006-09: 180; 2006-12: 195."),
            _col("SPC rebase", "spc_rebase", "months", "Months, comma between."),
            _col("Decimals", "decimals", "number", "0-3 (default 1)."),
            _col("Notes", "notes"),
        ),
        "One indicator a row: what is measured against a target.",
    ),
    Sheet(
        "Actions",
        "actions",
        (
            _col("Key", "key"),
            _col("Title", "title"),
            _col("Linked recommendations", "recommendations", "list", "Numbers, comma between."),
            _col("Owner", "owner"),
            _col("Due", "due", "date"),
            _col("Status", "status", "text", "", "not_started", "in_progress", "done", "deferred"),
            _col("Evidence items", "evidence_items", "list", "Numbers, comma between."),
            _col("Notes", "notes"),
        ),
        "The action plan, one action a row.",
    ),
    Sheet(
        "Milestones",
        "milestones",
        (
            _col("Action", "action", "text", "The key of the action it belongs to."),
            _col("Key", "key"),
            _col("Title", "title"),
            _col("Due", "due", "date"),
            _col("Indicator", "indicator", "text", "The key of an indicator it is a threshold of."),
            _col("Value", "value", "number"),
        ),
        "The actions' milestones, one a row, each naming its action.",
    ),
    Sheet(
        "Evidence",
        "evidence_items",
        (
            _col("Number", "number", "number"),
            _col("Area", "area"),
            _col("Title", "title"),
            _col("Due", "due", "month", "YYYY-MM"),
            _col("Every meeting", "every_meeting", "yes/no"),
            _col("Notes", "notes"),
        ),
        "The numbered evidence of success.",
    ),
    Sheet(
        "Success criteria",
        "success_criteria",
        (
            _col("Number", "number", "number"),
            _col("Title", "title"),
            _col("Evidence items", "evidence_items", "list", "Numbers, comma between."),
        ),
        "The overarching success criteria and the evidence items that show each.",
    ),
    Sheet(
        "Meetings",
        "meetings",
        (
            _col("Month", "period", "month", "YYYY-MM; one meeting a month."),
            _col("Date", "date", "date"),
            _col("Notes", "notes"),
        ),
        "The board's meetings.",
    ),
    Sheet(
        "Reports",
        "reports",
        (
            _col("Meeting", "meeting", "month", f"The meeting's month, or {STANDING}."),
            _col("Key", "key"),
            _col("Title", "title"),
            _col("Starts", "starts", "month", "For a report due at every meeting: from when."),
            _col("Linked recommendations", "recommendations", "list", "Numbers, comma between."),
            _col("Evidence item", "evidence_item", "number"),
            _col("Owner", "owner"),
            _col("Notes", "notes"),
        ),
        "Reports due to the board: at one meeting, or at every meeting.",
    ),
    Sheet(
        "Risks",
        "risks",
        (
            _col("Key", "key"),
            _col("Title", "title"),
            _col("Cause", "cause"),
            _col("Effect", "effect"),
            _col("Owner", "owner"),
            _col("Likelihood", "likelihood", "number", "1-5."),
            _col("Impact", "impact", "number", "1-5."),
            _col("Mitigation", "mitigation"),
            _col("Proximity", "proximity"),
            _col("Review date", "review_date", "date"),
            _col("Linked recommendations", "recommendations", "list", "Numbers, comma between."),
            _col("Notes", "notes"),
        ),
        "The risk log, one risk a row.",
    ),
)
PROGRAMME_SHEET = "Programme"
_BY_TITLE = {sheet.title.casefold(): sheet for sheet in SHEETS}


def load_programme_file(path: Path) -> Programme:
    """A programme from its file: a scorecard workbook (.xlsx) or the programme file (YAML)."""
    if path.suffix.casefold() in WORKBOOK_SUFFIXES:
        return load_scorecard(path)
    return load_programme(path)


def load_scorecard(path: Path) -> Programme:
    """Read and validate a scorecard workbook; ProblemsFound with every located problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ProblemsFound([Problem(str(path), None, None, f"cannot be read: {error}")]) from None
    return parse_scorecard(data, source=path.name)


def parse_scorecard(data: bytes, *, source: str) -> Programme:
    """Validate a scorecard workbook's bytes by the programme file's rules; ``source`` names
    it in problems."""
    if len(data) > MAX_BYTES:
        message = f"is {len(data):,} bytes; a scorecard may be at most {MAX_BYTES:,}"
        raise ProblemsFound([Problem(source, None, None, message)])
    _check_archive(data, source)
    try:
        with warnings.catch_warnings(action="ignore"):
            grids = _read_sheets(data, source)
    except ProblemsFound:
        raise
    except Exception as error:  # a damaged workbook can fail anywhere in a third-party parser
        message = f"cannot be read as an Excel workbook ({type(error).__name__})"
        raise ProblemsFound([Problem(source, None, None, message)]) from None
    reading = _Reading(source)
    mapping = reading.mapping(grids)
    problems = reading.problems
    checked: list[Problem] = []
    programme, failed = _validate(mapping, {}, source, checked)
    problems += [reading.relocated(p) for p in checked]
    if programme is not None:
        problems += [
            reading.located(path, message)
            for path, message in cross_check(programme, unchecked=failed)
        ]
    if problems or programme is None:
        raise ProblemsFound(problems)
    return programme


Grid = list[tuple[int, tuple[Any, ...]]]
"""A sheet's rows that hold anything, each with its row number; the first is the header."""
Rows = list[tuple[FieldPath, dict[str, Any]]]
"""A table's rows as items, each with the sheet and row it came from."""


def _read_sheets(data: bytes, source: str) -> dict[str, Grid]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        grids: dict[str, Grid] = {}
        for sheet in workbook.worksheets:
            grids[str(sheet.title)] = _rows(sheet, f"{source}, sheet {sheet.title}")
        return grids
    finally:
        workbook.close()


def _rows(sheet: Any, label: str) -> Grid:
    """Rows as stored, never padded to the sheet's claimed size; blank rows left out."""
    sheet.reset_dimensions()
    rows: Grid = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_ROWS:
            message = f"has more than {MAX_ROWS:,} rows; delete the rows below the table"
            raise ProblemsFound([Problem(label, MAX_ROWS + 1, None, message)])
        if len(cells) > MAX_COLUMNS and any(c.value is not None for c in cells[MAX_COLUMNS:]):
            message = f"has more than {MAX_COLUMNS} columns; delete the columns right of the table"
            raise ProblemsFound([Problem(label, number, None, message)])
        values = tuple(_cell(cell) for cell in cells[:MAX_COLUMNS])
        if any(v is not None for v in values):
            rows.append((number, values))
    return rows


def _cell(cell: Any) -> Any:
    """A cell's value: text stripped (None when blank), a number as Excel holds it (a number
    shown as a percentage, as the percentage the officer sees), a date or datetime."""
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        return value.strip() or None
    percent = "%" in str(getattr(cell, "number_format", "") or "")
    if isinstance(value, int | float) and not isinstance(value, bool) and percent:
        return round(value * 100, 10)
    return value


class _Reading:
    """The workbook turned into the programme file's mapping, remembering where each value
    came from so that every problem the file's rules find is named by sheet, row and column."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.places: dict[FieldPath, Place] = {}
        self.rows: dict[FieldPath, dict[FieldPath, Place]] = {}
        """Each table row's places, by the field's path within the row, until the row finds
        its place in the mapping."""

    def mapping(self, grids: dict[str, Grid]) -> dict[str, Any]:
        known = {PROGRAMME_SHEET.casefold(), README.casefold(), *_BY_TITLE}
        named = ", ".join([PROGRAMME_SHEET, *(s.title for s in SHEETS)])
        by_title: dict[str, tuple[str, Grid]] = {}
        for title, grid in grids.items():
            if title.strip().casefold() not in known:
                message = f"is not a sheet of the scorecard (its sheets are {named})"
                self.problems.append(Problem(f"{self.source}, sheet {title}", None, None, message))
            by_title[title.strip().casefold()] = (title, grid)
        programme = self._programme(by_title.get(PROGRAMME_SHEET.casefold()))
        items = {
            sheet.section: self._table(sheet, *by_title.get(sheet.title.casefold(), (None, [])))
            for sheet in SHEETS
        }
        programme["population"] = self._population(items.pop("population"))
        mapping: dict[str, Any] = {"programme": programme}
        reporting = items.pop("reporting")
        if reporting:
            mapping["reporting"] = []
            for row, item in reporting:
                self._move(row, ("reporting", len(mapping["reporting"])))
                mapping["reporting"].append(item.get("arrangement"))
        milestones, reports = items.pop("milestones"), items.pop("reports")
        for section, rows in items.items():
            if rows:
                mapping[section] = []  # a section with no rows is left out, as in the file
                for row, item in rows:
                    self._move(row, (section, len(mapping[section])))
                    mapping[section].append(item)
        self._milestones(mapping, milestones)
        self._reports(mapping, reports)
        return mapping

    # --- where each value came from -----------------------------------------------------

    def _place(self, path: FieldPath, place: Place) -> None:
        self.places.setdefault(path, place)

    def _move(self, row: FieldPath, path: FieldPath) -> None:
        """A table row's places, noted under its place in the mapping."""
        for within, place in self.rows[row].items():
            self.places[(*path, *within)] = place

    def located(self, path: FieldPath, message: str) -> Problem:
        for end in range(len(path), 0, -1):
            place = self.places.get(tuple(path[:end]))
            if place is not None:
                sheet, row, column = place
                return Problem(f"{self.source}, sheet {sheet}", row, column, message)
        return Problem(self.source, None, ".".join(map(str, path)) or None, message)

    def relocated(self, problem: Problem) -> Problem:
        """A problem the file's rules named by its dotted place, named by sheet, row, column."""
        dotted = problem.column or ""
        path = tuple(int(p) if p.isdigit() else p for p in dotted.split(".") if p)
        return self.located(path, problem.message)

    def _problem(self, place: Place, message: str) -> None:
        sheet, row, column = place
        self.problems.append(Problem(f"{self.source}, sheet {sheet}", row, column, message))

    # --- the sheets ---------------------------------------------------------------------

    def _programme(self, found: tuple[str, Grid] | None) -> dict[str, Any]:
        """The Programme sheet: a field's name in column A, its value in column B."""
        self._place(("programme",), (PROGRAMME_SHEET, None, None))
        for column in PROGRAMME_FIELDS:
            self._place(("programme", *column.path), (PROGRAMME_SHEET, None, column.header))
        if found is None:
            self._problem((PROGRAMME_SHEET, None, None), "is missing: the programme's own fields")
            return {}
        title, grid = found
        fields = {_header(c.header): c for c in PROGRAMME_FIELDS}
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for row, cells in grid:
            name = cells[0] if cells else None
            if name is None or _header(str(name)) == "field":
                continue
            field = fields.get(_header(str(name)))
            if field is None:
                message = f"{str(name)!r} is not a field of the programme (see the Read me sheet)"
                self._problem((title, row, "A (field)"), message)
                continue
            if field.header in seen:
                message = f"{field.header} is written twice (first in row {seen[field.header]})"
                self._problem((title, row, "A (field)"), message)
                continue
            seen[field.header] = row
            place = (title, row, "B (value)")
            for end in range(1, len(field.path) + 1):
                self.places[("programme", *field.path[:end])] = place
            value = cells[1] if len(cells) > 1 else None
            if value is not None:
                self._put(values, field, value, place)
        return values

    def _table(self, sheet: Sheet, title: str | None, grid: Grid) -> Rows:
        """A table's rows as items, each under a path of its own until it finds its place."""
        if title is None or not grid:
            return []
        header_row, header = grid[0]
        columns: dict[int, Column] = {}
        by_header = {_header(c.header): c for c in sheet.columns}
        for index, written in enumerate(header):
            if written is None:
                continue
            column = by_header.get(_header(str(written)))
            letter = get_column_letter(index + 1)
            if column is None:
                expected = ", ".join(c.header for c in sheet.columns)
                message = f"{str(written)!r} is not a column of this sheet (columns: {expected})"
                self._problem((title, header_row, letter), message)
            elif column in columns.values():
                first = next(get_column_letter(n + 1) for n, c in columns.items() if c == column)
                message = f"{column.header} is a column twice (first in column {first})"
                self._problem((title, header_row, letter), message)
            else:
                columns[index] = column
        items: Rows = []
        for row, cells in grid[1:]:
            key: FieldPath = (title, row)
            local: dict[FieldPath, Place] = {(): (title, row, None)}
            for column in sheet.columns:
                local.setdefault(column.path[:1], (title, row, column.header))
            item: dict[str, Any] = {}
            for index, column in columns.items():
                place = (title, row, f"{get_column_letter(index + 1)} ({header[index]})")
                for end in range(1, len(column.path) + 1):
                    local[column.path[:end]] = place
                value = cells[index] if index < len(cells) else None
                if value is not None:
                    self._put(item, column, value, place)
            self.rows[key] = local
            items.append((key, item))
        return items

    def _population(self, rows: Rows) -> dict[Any, Any]:
        population: dict[Any, Any] = {}
        for row, item in rows:
            year = item.get("year")
            if year is None:
                self._problem(self.rows[row][()], "gives children but no year")
                continue
            said = _text(year)
            where = ("programme", "population", int(said) if said.isdigit() else said)
            self._move(row, where)
            self.places[where] = self.rows[row][("children",)]  # a year's problem is its figure
            population[year] = item.get("children")
        return population

    def _milestones(self, mapping: dict[str, Any], rows: Rows) -> None:
        actions = {a.get("key"): n for n, a in enumerate(mapping.get("actions", []))}
        for row, item in rows:
            action = item.pop("action", None)
            if action not in actions:
                where = self.rows[row][("action",)]
                said = "names no action" if action is None else f"names action {action!r}"
                self._problem(where, f"{said}, which is not on the Actions sheet")
                continue
            n = actions[action]
            milestones = mapping["actions"][n].setdefault("milestones", [])
            self._move(row, ("actions", n, "milestones", len(milestones)))
            milestones.append(item)

    def _reports(self, mapping: dict[str, Any], rows: Rows) -> None:
        meetings = {m.get("period"): n for n, m in enumerate(mapping.get("meetings", []))}
        for row, item in rows:
            meeting = item.pop("meeting", None)
            if isinstance(meeting, str) and meeting.casefold() == STANDING:
                standing = mapping.setdefault("standing_reports", [])
                self._move(row, ("standing_reports", len(standing)))
                standing.append(item)
            elif meeting in meetings:
                n = meetings[meeting]
                reports = mapping["meetings"][n].setdefault("reports", [])
                self._move(row, ("meetings", n, "reports", len(reports)))
                reports.append(item)
            else:
                where = self.rows[row][("meeting",)]
                said = "names no meeting" if meeting is None else f"names meeting {meeting!r}"
                message = f"{said}, which is not on the Meetings sheet (or write {STANDING})"
                self._problem(where, message)

    # --- one cell -------------------------------------------------------------------------

    def _put(self, item: dict[str, Any], column: Column, value: Any, place: Place) -> None:
        """One cell's value into its item, read as its column's kind; a cell that cannot be
        read is a problem at its place, and its field is left out."""
        try:
            read = _READERS[column.kind](value)
        except ValueError as error:
            self._problem(place, str(error))
            return
        for part in column.path[:-1]:
            item = item.setdefault(part, {})
        item[column.path[-1]] = read


def _header(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    return value


def _number(value: Any) -> Any:
    return value


def _month(value: Any) -> Any:
    """A month cell: Excel turns a typed ``2006-04`` into a date, which is read as its month."""
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    return _text(value)


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _yes_no(value: Any) -> Any:
    if isinstance(value, str) and value.casefold() in {"yes", "y", "true"}:
        return True
    if isinstance(value, str) and value.casefold() in {"no", "n", "false"}:
        return False
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, str):
        return [_text(value)]
    return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]


def _months(value: Any) -> list[Any]:
    if isinstance(value, dt.date):
        return [_month(value)]
    return _list(value)


def _milestone_pairs(value: Any) -> list[dict[str, Any]]:
    """``2006-09: 180; 2006-12: 195``: each milestone's month and value."""
    pairs = []
    for part in re.split(r"[;\n]", str(value)):
        if not part.strip():
            continue
        month, colon, figure = part.partition(":")
        if not colon or not figure.strip():
            raise ValueError(
                f"{part.strip()!r} is not a milestone written month: value "
                "(such as 2006-09: 180; 2006-12: 195)"
            )
        pairs.append({"period": month.strip(), "value": figure.strip()})
    return pairs


_READERS: dict[Kind, Callable[[Any], Any]] = {
    "text": _text,
    "number": _number,
    "month": _month,
    "date": _date,
    "yes/no": _yes_no,
    "list": _list,
    "months": _months,
    "milestones": _milestone_pairs,
}


# --- writing --------------------------------------------------------------------------------


def scorecard_workbook(programme: Programme | None = None) -> bytes:
    """The scorecard as an Excel workbook: the empty template, or ``programme`` written in it
    (reading the workbook gives ``programme`` again)."""
    mapping = programme_mapping(programme) if programme is not None else {"programme": {}}
    workbook = openpyxl.Workbook()
    readme = workbook.worksheets[0]  # a new workbook opens with one sheet
    readme.title = README
    _readme(readme)
    info = workbook.create_sheet(PROGRAMME_SHEET)
    info.append(["Field", "Value", "About"])
    for column in PROGRAMME_FIELDS:
        value = _get(mapping["programme"], column.path)
        info.append([column.header, _written(column.kind, value), column.about])
    _lists(info, PROGRAMME_FIELDS, column_of=lambda _: 2, first=2)
    _widths(info, [24, 60, 50])
    for sheet in SHEETS:
        page = workbook.create_sheet(sheet.title)
        page.append([c.header for c in sheet.columns])
        for item in _items(sheet, mapping):
            page.append([_written(c.kind, _get(item, c.path)) for c in sheet.columns])
        page.freeze_panes = "A2"
        _lists(page, sheet.columns, column_of=lambda n: n + 1, first=None)
        _widths(page, [max(12, min(40, len(c.header) + 4)) for c in sheet.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _items(sheet: Sheet, mapping: dict[str, Any]) -> Iterator[dict[str, Any]]:
    info = mapping["programme"]
    if sheet.section == "population":
        for year, children in info.get("population", {}).items():
            yield {"year": year, "children": children}
    elif sheet.section == "reporting":
        yield from ({"arrangement": line} for line in mapping.get("reporting", []))
    elif sheet.section == "milestones":
        for action in mapping.get("actions", []):
            for milestone in action.get("milestones", []):
                yield {"action": action["key"], **milestone}
    elif sheet.section == "reports":
        for report in mapping.get("standing_reports", []):
            yield {"meeting": STANDING, **report}
        for meeting in mapping.get("meetings", []):
            for report in meeting.get("reports", []):
                yield {"meeting": meeting["period"], **report}
    else:
        yield from mapping.get(sheet.section, [])


def _get(item: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(item, dict):
            return None
        item = item.get(part)  # type: ignore[assignment]
    return item


def _written(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind == "yes/no":
        return "yes" if value else "no"
    if kind in ("list", "months"):
        return ", ".join(str(v) for v in value)
    if kind == "milestones":
        return "; ".join(f"{m['period']}: {m['value']}" for m in value)
    return value


def _lists(page: Any, columns: tuple[Column, ...], *, column_of: Any, first: int | None) -> None:
    """A drop-down of the allowed words in each column (or Programme row) that has them."""
    for n, column in enumerate(columns):
        if not column.choices:
            continue
        check = DataValidation(type="list", formula1=f'"{",".join(column.choices)}"')
        check.error = f"Choose one of: {', '.join(column.choices)}"
        page.add_data_validation(check)
        if first is None:
            letter = get_column_letter(column_of(n))
            check.add(f"{letter}2:{letter}{MAX_ROWS}")
        else:
            check.add(f"B{first + n}")


def _widths(page: Any, widths: list[int]) -> None:
    for n, width in enumerate(widths, start=1):
        page.column_dimensions[get_column_letter(n)].width = width


def _readme(page: Any) -> None:
    page.append(["Improvement programme scorecard"])
    page.append(
        [
            "Fill in the sheets and load the workbook with `board programme load FILE.xlsx`. "
            "It is checked by the rules of the programme file (docs/programme-file.md): every "
            "problem is reported with its sheet, row and column, and nothing is stored until "
            "there are none. Leave a cell blank for no value; lists are written with a comma "
            "between. Sheets other than these are refused."
        ]
    )
    page.append([])
    page.append(["Sheet", "Column", "About"])
    for column in PROGRAMME_FIELDS:
        page.append([PROGRAMME_SHEET, column.header, column.about])
    for sheet in SHEETS:
        page.append([sheet.title, "", sheet.about])
        for column in sheet.columns:
            allowed = f" One of: {', '.join(column.choices)}." if column.choices else ""
            page.append([sheet.title, column.header, f"{column.about}{allowed}".strip()])
    _widths(page, [18, 26, 90])
