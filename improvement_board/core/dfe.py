"""Read the DfE's published statistics, the ONS populations and the neighbour models beside them.

DfE "Explore Education Statistics" files share a tidy layout (``time_period, time_identifier,
geographic_level, country_code, ..., old_la_code, new_la_code, la_name, <measures>``) but not a
column order, so every column is read by name. A cell is a number or a suppression marker; a
marker becomes ``Missing`` with its reason, so a suppressed cell never stops a report. A council
that did not exist in a year (BCP before 2020, North and West Northamptonshire before 2022,
Cumberland and Westmorland & Furness before 2024) simply has no row in it.

Councils are keyed by the DfE 3-digit number (``old_la_code``): it survives a change of ONS code
(North Yorkshire was E10000023 and is E06000065) and the neighbour models use it. A joint return
(``940 / 941``) keeps its joint key. Every reader reports all the problems in a file at once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from improvement_board.core.problems import Problem, ProblemsFound

Marker = Literal["c", "x", "z", "u", "k", "low", ":", ""]
MARKERS: dict[Marker, str] = {
    "c": "confidential: suppressed to protect individuals",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "k": "rounds to zero, but is not zero",
    "low": "rounds to zero, but is not zero",
    ":": "not available",
    "": "not recorded",
}
_MARKER_OF: dict[str, Marker] = {marker: marker for marker in get_args(Marker)}
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
_MARKER_LIST = "a number or one of c, x, z, u, k, low, :"

Level = Literal["National", "Regional", "Local authority"]


@dataclass(frozen=True, slots=True)
class Missing:
    """A published cell with no figure, and the reason the publisher gave."""

    marker: Marker

    @property
    def reason(self) -> str:
        return MARKERS[self.marker]


Value = float | Missing


def parse_value(text: str) -> Value | None:
    """A number, ``Missing`` for a marker, or None when the text is neither."""
    cleaned = text.strip()
    if _NUMBER.match(cleaned):
        return float(cleaned)
    marker = _MARKER_OF.get(cleaned.lower())
    return None if marker is None else Missing(marker)


@dataclass(frozen=True, slots=True)
class Area:
    """England, a region or a council as a published row names it."""

    level: Level
    code: str
    name: str
    old_la_code: str = ""
    region_code: str = ""

    @property
    def key(self) -> str:
        """A council's DfE number, otherwise the ONS code of the country or region."""
        return self.old_la_code if self.level == "Local authority" else self.code


@dataclass(frozen=True, slots=True)
class Record:
    """One published row: its year, its area and the measures asked for, by the caller's names."""

    year: int
    area: Area
    values: Mapping[str, Value]


@dataclass(frozen=True, slots=True)
class Observation:
    """One measure of one area in one year."""

    year: int
    area: Area
    measure: str
    value: Value


Columns = str | Sequence[str]
"""A column, or its names across editions (``referral_count`` was ``Referrals``)."""


@dataclass(frozen=True, slots=True)
class _Table:
    path: Path
    header: tuple[str, ...]
    lines: tuple[tuple[int, tuple[str, ...]], ...]

    @property
    def rows(self) -> tuple[tuple[int, Mapping[str, str]], ...]:
        """Rows by column name (where names repeat, the last column of that name)."""
        return tuple(
            (line, dict(zip(self.header, cells, strict=False))) for line, cells in self.lines
        )


def _fail(path: Path, message: str) -> ProblemsFound:
    return ProblemsFound([Problem(str(path), None, None, message)])


def _read_table(path: Path) -> _Table:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = tuple(name.strip() for name in next(reader, []))
            lines = tuple(
                (reader.line_num, tuple(cells)) for cells in reader if any(c.strip() for c in cells)
            )
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except OSError as error:
        raise _fail(path, f"cannot be read ({error.strerror})") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise _fail(path, f"not a readable UTF-8 CSV file ({error})") from None
    return _Table(path, header, lines)


def _column(table: _Table, names: Columns) -> str:
    options = (names,) if isinstance(names, str) else tuple(names)
    for name in options:
        if name in table.header:
            return name
    wanted = " or ".join(repr(name) for name in options)
    raise _fail(table.path, f"no column {wanted}; the columns are {', '.join(table.header)}")


def _year(text: str) -> int | None:
    """``2025`` for a reporting year; ``202425`` (2024-25) counts as the year it ends, 2025."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"\d{6}", text):
        return int(text[:4]) + 1
    return None


def _area(row: Mapping[str, str]) -> Area | None:
    level = row.get("geographic_level", "").strip()
    if level == "National":
        return Area("National", row.get("country_code", "").strip(), row.get("country_name", ""))
    region = row.get("region_code", "").strip()
    if level == "Regional":
        return Area("Regional", region, row.get("region_name", "").strip(), region_code=region)
    if level == "Local authority":
        old, new = row.get("old_la_code", "").strip(), row.get("new_la_code", "").strip()
        return Area("Local authority", new, row.get("la_name", "").strip(), old, region)
    return None


def _place(
    table: _Table, line: int, row: Mapping[str, str], problems: list[Problem]
) -> tuple[int, Area] | None:
    """The year and area of a row; rows of other geographic levels are not read."""
    area = _area(row)
    if area is None:
        return None
    year = _year(row.get("time_period", ""))
    if year is None:
        message = f"expected a year such as 2025 or 202425, found {row.get('time_period', '')!r}"
        problems.append(Problem(str(table.path), line, "time_period", message))
    if area.level == "Local authority" and not area.old_la_code:
        problems.append(
            Problem(str(table.path), line, "old_la_code", "a council row needs its code")
        )
    return None if year is None or not area.key else (year, area)


def _cell(table: _Table, line: int, column: str, text: str, problems: list[Problem]) -> Value:
    value = parse_value(text)
    if value is None:
        problems.append(
            Problem(str(table.path), line, column, f"expected {_MARKER_LIST}, found {text!r}")
        )
        return Missing("")
    return value


def read_records(
    path: Path, measures: Mapping[str, Columns], *, where: Mapping[str, str] | None = None
) -> list[Record]:
    """Rows of ``path`` matching ``where`` (column = text), with the named measures typed."""
    table = _read_table(path)
    columns = {name: _column(table, names) for name, names in measures.items()}
    filters = {_column(table, column): text for column, text in (where or {}).items()}
    problems: list[Problem] = []
    records: dict[tuple[int, Level, str], Record] = {}
    for line, row in table.rows:
        if any(row.get(column, "").strip() != text for column, text in filters.items()):
            continue
        place = _place(table, line, row, problems)
        if place is None:
            continue
        values = {
            name: _cell(table, line, col, row.get(col, ""), problems)
            for name, col in columns.items()
        }
        key = (place[0], place[1].level, place[1].key)
        if key in records:
            message = f"a second row for {place[1].name or place[1].key} in {place[0]}: filter it"
            problems.append(Problem(str(path), line, None, message))
        records[key] = Record(place[0], place[1], values)
    if problems:
        raise ProblemsFound(problems)
    return list(records.values())


def read_measure(
    path: Path, measure: Columns, *, where: Mapping[str, str] | None = None
) -> list[Observation]:
    """Every area's value of one measure in every year of the file."""
    name = measure if isinstance(measure, str) else measure[0]
    records = read_records(path, {name: measure}, where=where)
    return [Observation(record.year, record.area, name, record.values[name]) for record in records]


Population = Mapping[tuple[str, int], Value]
"""Children aged 0-17 by (area key, mid-year)."""

CHILDREN = "Children aged 0 to 17 years"


def read_population(path: Path, *, age_group: str = CHILDREN) -> dict[tuple[str, int], Value]:
    """ONS mid-year estimates of one age group (the year is the mid-year, 30 June)."""
    rows = read_measure(path, "population_estimate", where={"age_group": age_group})
    return {(row.area.key, row.year): row.value for row in rows}


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """The years in which a council's DfE number went with one ONS code and name."""

    old_la_code: str
    new_la_code: str
    name: str
    first_year: int
    last_year: int


@dataclass(frozen=True, slots=True)
class CodeMap:
    """DfE numbers and ONS codes of councils, as the DfE files pair them year by year."""

    spans: tuple[CodeSpan, ...]

    def new_code(self, old_la_code: str, year: int | None = None) -> str | None:
        """The ONS code in ``year``, or the latest one."""
        spans = [span for span in self.spans if span.old_la_code == old_la_code]
        if year is not None:
            spans = [span for span in spans if span.first_year <= year <= span.last_year]
        return max(spans, key=lambda span: span.last_year).new_la_code if spans else None

    def old_code(self, new_la_code: str) -> str | None:
        return next(
            (span.old_la_code for span in self.spans if span.new_la_code == new_la_code), None
        )

    def name(self, old_la_code: str) -> str | None:
        spans = [span for span in self.spans if span.old_la_code == old_la_code]
        return max(spans, key=lambda span: span.last_year).name if spans else None


def code_map(places: Iterable[tuple[int, Area]]) -> CodeMap:
    """Pair the codes of every council row seen, with the years each pairing held."""
    years: dict[tuple[str, str, str], list[int]] = {}
    for year, area in places:
        if area.level == "Local authority":
            years.setdefault((area.old_la_code, area.code, area.name), []).append(year)
    spans = (CodeSpan(*names, min(seen), max(seen)) for names, seen in sorted(years.items()))
    return CodeMap(tuple(spans))


def read_code_map(*paths: Path) -> CodeMap:
    """The code pairings of every council row in the given DfE files."""
    places: list[tuple[int, Area]] = []
    for path in paths:
        places.extend((record.year, record.area) for record in read_records(path, {}))
    return code_map(places)


@dataclass(frozen=True, slots=True)
class Neighbour:
    old_la_code: str
    closeness: str


@dataclass(frozen=True, slots=True)
class NeighbourList:
    """A council's statistical neighbours, closest first, as one model publishes them."""

    old_la_code: str
    name: str
    region: str
    neighbours: tuple[Neighbour, ...]


NeighbourModel = Mapping[str, NeighbourList]

_NEIGHBOUR_LAYOUTS = (
    ("LA number", "LA Name", "GOReg", "SN"),  # New_Statistical_Neighbour_Groupings_April_2021.csv
    ("old_la_code", "la_name", "region_name", "SN_"),  # sn_model_2025_wide.csv
)
_LA_NUMBER = re.compile(r"^\d{3}$")


def read_neighbours(path: Path) -> dict[str, NeighbourList]:
    """Either published layout, by DfE number: the 2021 groupings or the 2025 model's wide file.

    Both give ten neighbours, closest first, each followed by its closeness; the 2021 file names
    every closeness column ``SNP``, so closeness is found by position, not by name.
    """
    table = _read_table(path)
    layout = next((lay for lay in _NEIGHBOUR_LAYOUTS if _has_layout(table.header, lay)), None)
    if layout is None:
        wanted = " or ".join(f"({', '.join(lay[:3])}, {lay[3]}1...)" for lay in _NEIGHBOUR_LAYOUTS)
        raise _fail(path, f"not a statistical neighbour file: expected the columns {wanted}")
    problems: list[Problem] = []
    model: dict[str, NeighbourList] = {}
    for line, cells in table.lines:
        entry = _neighbour_list(table, layout, line, cells, problems)
        if entry is not None and model.setdefault(entry.old_la_code, entry) is not entry:
            problems.append(
                Problem(str(path), line, layout[0], f"{entry.old_la_code} is listed twice")
            )
    if problems:
        raise ProblemsFound(problems)
    return model


def _has_layout(header: tuple[str, ...], layout: tuple[str, str, str, str]) -> bool:
    return all(column in header for column in layout[:3]) and f"{layout[3]}1" in header


def _neighbour_list(
    table: _Table,
    layout: tuple[str, str, str, str],
    line: int,
    cells: tuple[str, ...],
    problems: list[Problem],
) -> NeighbourList | None:
    def cell(index: int) -> str:
        return cells[index].strip() if index < len(cells) else ""

    code, name, region = (cell(table.header.index(column)) for column in layout[:3])
    columns = [
        table.header.index(f"{layout[3]}{k}")
        for k in range(1, 100)
        if f"{layout[3]}{k}" in table.header
    ]
    neighbours = tuple(
        Neighbour(cell(i), " ".join(cell(i + 1).split()).capitalize()) for i in columns if cell(i)
    )
    if not code and not neighbours:
        return None  # a heading such as "Old SNs:" between blocks of councils
    bad = [n.old_la_code for n in neighbours if not _LA_NUMBER.match(n.old_la_code)]
    if not _LA_NUMBER.match(code) or bad:
        found = ", ".join([code, *bad])
        problems.append(
            Problem(str(table.path), line, None, f"expected 3-digit DfE numbers, found {found!r}")
        )
        return None
    return NeighbourList(code, name, region, neighbours)


@dataclass(frozen=True, slots=True)
class ComparatorValue:
    council_code: str
    council_name: str
    year: int
    indicator: str
    value: Value


_COUNCIL_CODE = re.compile(r"^(\d{3}|[ENSW]\d{8})$")
COMPARATOR_COLUMNS = ("council_code", "council_name", "year", "indicator", "value")


def read_comparators(path: Path) -> list[ComparatorValue]:
    """A plain comparator file, for figures that come from elsewhere than the DfE's tidy files.

    UTF-8 CSV with a header row; the columns may come in any order; one row per council, year
    and indicator:

    - ``council_code``: the DfE 3-digit number (``884``) or the ONS code (``E06000019``);
    - ``council_name``: as the source writes it, for people (matching is by code);
    - ``year``: the year the figure belongs to, ``2025`` (a 2024-25 figure may be ``202425``);
    - ``indicator``: the board's code or title for the indicator;
    - ``value``: a number, a DfE marker (c, x, z, u, k, low, :) or blank when there is none.

    Example::

        council_code,council_name,year,indicator,value
        884,"Herefordshire, County of",2025,Referrals per 10000,512.3
        893,Shropshire,2025,Referrals per 10000,c
    """
    table = _read_table(path)
    absent = [name for name in COMPARATOR_COLUMNS if name not in table.header]
    if absent:
        raise _fail(
            path, f"no column {', '.join(absent)}; expected {', '.join(COMPARATOR_COLUMNS)}"
        )
    problems: list[Problem] = []
    values: dict[tuple[str, int, str], ComparatorValue] = {}
    for line, row in table.rows:
        entry = _comparator(table, line, row, problems)
        if entry is None:
            continue
        key = (entry.council_code, entry.year, entry.indicator)
        if key in values:
            message = f"a second value for {key[0]}, {key[1]}, {key[2]}"
            problems.append(Problem(str(path), line, None, message))
        values[key] = entry
    if problems:
        raise ProblemsFound(problems)
    return list(values.values())


def _comparator(
    table: _Table, line: int, row: Mapping[str, str], problems: list[Problem]
) -> ComparatorValue | None:
    where, code = str(table.path), row.get("council_code", "").strip()
    year, indicator = _year(row.get("year", "")), row.get("indicator", "").strip()
    if not _COUNCIL_CODE.match(code):
        message = f"expected 884 or E06000019, found {code!r}"
        problems.append(Problem(where, line, "council_code", message))
    if year is None:
        message = f"expected a year such as 2025, found {row.get('year', '')!r}"
        problems.append(Problem(where, line, "year", message))
    if not indicator:
        problems.append(Problem(where, line, "indicator", "expected the indicator's code or title"))
    value = _cell(table, line, "value", row.get("value", ""), problems)
    if year is None or not indicator or not _COUNCIL_CODE.match(code):
        return None
    return ComparatorValue(code, row.get("council_name", "").strip(), year, indicator, value)
