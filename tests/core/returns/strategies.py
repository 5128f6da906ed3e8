"""Careless and hostile monthly returns, and the rules every answer to one must obey.

Shared by the property tests (tests/core/returns/test_properties.py) and the robustness script
(scripts/robustness/inputs.py), which runs a thousand cases of each. A return is drawn in one of
three shapes (a long CSV, a wide CSV, a workbook of either layout) from cells that mostly fit the
programme of every cadence (tests/fixtures/cadenced-programme.yaml) and often do not: markers,
financial years, days, periods off their cadence, digits other than 0-9, numbers too large,
headings that look like months, control characters, quotes left open.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import openpyxl
from hypothesis import strategies as st

from improvement_board.core.periods import Period
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.returns import MAX_ROWS, ReturnFile, parse_return_file
from improvement_board.core.values import LARGEST
from tests.core.returns.cadenced import PROGRAMME

SHAPES = ("csv-long", "csv-wide", "xlsx")
NAMES = ["CH 141", "referrals", "RV 1", "reviews", "visits", "turnover", "cin-rate"]
NAMES += ["Children in need per 10,000", "XX 9", "СН 141", "ch141", ""]
PERIODS = ["2024-04", "Apr-24", "May 2024", "30/09/2024", "2024-09-30", "30 September 2024"]
PERIODS += ["2024-25", "2023/24", "Sep-24", "Jun 2025", "Mar-25", "2025-12", "2024-13"]
PERIODS += ["2006-04", "9999-12", "٢٠٢٤-٠٤", "２０２４-０４", "Apri-24", "2024-00", "31/02/2024"]
PERIODS += ["", "13/2024", "2023-24-25"]
HEADINGS = [*PERIODS, "Title", "Owner", "Notes", "YTD", "Target 2025", "Sepr 2024"]
VALUES = ["175", "12.5", "0", "89.5%", "19/20", "89.5% (17/19)", "0/0", "5/0", "-4", "101%"]
VALUES += ["u", "c", "x", "z", "k", "low", ":", "..", "U", "1 to 5", "<5", "≥ 10", "u (3/4)"]
VALUES += ["1e400", "1e16", "-1e15", "nan", "inf", "١٧٥", "１７５", "abc", "#DIV/0!", "-", "–"]
VALUES += ["", "£2,690,000", "1,234.5", "2.69E+06", "940 / 941", "1" + "0" * 70, '"', "()"]
COUNTS = ["", "", "19", "20", "0", "-1", "c", "1e400", "١٩", "19.5"]
NOTES = ["", "", "late forms", "line\nbreak", "bell\x07", "\u202eevil", "x" * 300, "n/a"]
LABELS = [*NAMES, "Numerator", "Denominator", "CH 141 numerator", "RV 1 (denominator)"]
LABELS += ["Safeguarding", "Title"]
LONG_COLUMNS = ["indicator", "period", "value", "numerator", "denominator", "note"]
EXTRA_COLUMNS = ["title", "unit", "nots", "Indicator ", "VALUE", ""]
_COLUMN = re.compile(r"^[A-Z]{1,3}( \(.*\))?$", re.DOTALL)


@dataclass(frozen=True)
class Drawn:
    """A return as drawn: its bytes, the name it is loaded under, and how many rows it has."""

    data: bytes
    name: str
    rows: int

    def __repr__(self) -> str:
        return f"Drawn({self.name!r}, {self.data[:300]!r}{'...' if len(self.data) > 300 else ''})"


FITTING: dict[str, tuple[list[str], list[str], list[str]]] = {
    # indicator: the names a return may use, periods on its cadence, values fitting its unit
    "referrals": (
        ["CH 141", "referrals", "ch141", "Referrals per 10,000 children"],
        ["2024-04", "Apr-24", "May 2024", "30/09/2024", "2025-12", "2023-04-30"],
        ["175", "12.5", "0", "u", "1 to 5", "<5", "-", "633/36171", "2.69E+02"],
    ),
    "reviews": (
        ["RV 1", "reviews", "Reviews on time"],
        ["2024-04", "Jun-24", "2024-07", "31/01/2025"],
        ["95", "89.5%", "19/20", "89.5% (17/19)", "0/0", "c", "x", "100", ""],
    ),
    "visits": (
        ["visits", "Visits in the quarter"],
        ["2024-06", "30/09/2024", "Dec-24", "Mar-25"],
        ["40", "0", "k", "1,234"],
    ),
    "turnover": (
        ["turnover", "Social worker turnover"],
        ["2024-09", "30/09/2024", "Sep-25", "30 September 2023", "2022-09"],
        ["14.2", "u", "9%", ".."],
    ),
    "cin-rate": (
        ["cin-rate", "Children in need per 10,000"],
        ["2024-25", "2023/24", "2025-03", "Mar-24"],
        ["312.5", "z", ":", "low"],
    ),
}
MONTHS = ["Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Oct-24", "2024-11"]
MONTHS += ["Dec 2024", "01/2025", "Feb-25", "Mar-25"]


def _cell(draw: st.DrawFn, tokens: list[str]) -> str:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.text(max_size=12))
    return draw(st.sampled_from(tokens))


def _hostile(draw: st.DrawFn) -> bool:
    """One draw in eight puts something careless or hostile where a fitting cell would be."""
    return draw(st.integers(0, 7)) == 0


def _write_csv(draw: st.DrawFn, rows: list[list[str]]) -> str:
    """Most files as Excel writes them; some joined by hand, quotes and commas unescaped."""
    delimiter = draw(st.sampled_from([",", ",", ",", ";", "\t"]))
    if draw(st.integers(0, 9)) == 0:
        return "\n".join(delimiter.join(row) for row in rows) + "\n"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@st.composite
def long_rows(draw: st.DrawFn) -> list[list[str]]:
    header = list(LONG_COLUMNS)
    if _hostile(draw):
        header = [c for c in header if draw(st.integers(0, 5)) > 0]
        header += draw(st.lists(st.sampled_from(EXTRA_COLUMNS), max_size=2))
        header = list(draw(st.permutations(header)))
    rows = [header]
    hostile = {"indicator": NAMES, "period": PERIODS, "value": VALUES}
    hostile |= {"numerator": COUNTS, "denominator": COUNTS, "note": NOTES}
    seen: set[tuple[str, str]] = set()
    for _ in range(draw(st.integers(0, 8))):
        key = draw(st.sampled_from(list(FITTING)))
        names, periods, values = FITTING[key]
        period = draw(st.sampled_from(periods))
        if (key, period) in seen:
            continue
        seen.add((key, period))
        fitting = {"indicator": draw(st.sampled_from(names)), "period": period}
        fitting |= {
            "value": draw(st.sampled_from(values)),
            "note": draw(st.sampled_from(NOTES[:3])),
        }
        row = []
        for column in header:
            name = column.strip().casefold()
            if _hostile(draw):
                row.append(_cell(draw, hostile.get(name, NOTES)))
            else:
                row.append(fitting.get(name, ""))
        rows.append(row)
    return rows


@st.composite
def wide_rows(draw: st.DrawFn) -> list[list[str]]:
    descriptions = draw(st.lists(st.sampled_from(HEADINGS[-8:]), max_size=2))
    months = draw(st.lists(st.sampled_from(MONTHS), min_size=1, max_size=6, unique=True))
    if _hostile(draw):
        months[draw(st.integers(0, len(months) - 1))] = draw(st.sampled_from(HEADINGS))
    rows = [["PI", *descriptions, *months]]
    from improvement_board.core.returns.cells import CellError, read_month

    def on_cadence(key: str, heading: str) -> bool:
        try:
            return PROGRAMME.indicator(key).cadence.holds(read_month(heading))
        except CellError:
            return False

    keys = draw(st.lists(st.sampled_from(list(FITTING)), max_size=5, unique=True))
    for key in keys:
        names, _, values = FITTING[key]
        cells = [draw(st.sampled_from(values)) if on_cadence(key, m) else "" for m in months]
        if _hostile(draw) and cells:
            cells[draw(st.integers(0, len(cells) - 1))] = _cell(draw, VALUES)
        label = draw(st.sampled_from(LABELS)) if _hostile(draw) else draw(st.sampled_from(names))
        texts = [draw(st.sampled_from(["", "words", "Referrals"])) for _ in descriptions]
        rows.append([label, *texts, *cells])
    return rows


@st.composite
def returns(draw: st.DrawFn, shape: str | None = None) -> Drawn:
    """A return of one shape (any, when not given)."""
    shape = shape or draw(st.sampled_from(SHAPES))
    layout = long_rows() if shape == "csv-long" else wide_rows()
    if shape == "xlsx":
        layout = draw(st.sampled_from([long_rows(), wide_rows()]))
    rows = draw(layout)
    if draw(st.integers(0, 3)) == 0:
        rows = [*draw(st.lists(st.lists(st.sampled_from(["", "Return for", "April 2024"]),
                                        max_size=3), max_size=2)), *rows]  # fmt: skip
    if shape == "xlsx":
        return Drawn(_workbook(draw, rows), draw(st.sampled_from(["r.xlsx", "r.csv"])), len(rows))
    text = _write_csv(draw, rows)
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])), "surrogatepass")
    return Drawn(data, draw(st.sampled_from(["r.csv", "r.txt", "return"])), text.count("\n") + 1)


def _workbook(draw: st.DrawFn, rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = draw(st.sampled_from(["Sheet1", "Return", "Data"]))
    for row in rows:
        sheet.append([_workbook_cell(draw, cell) for cell in row])
    for title in draw(st.lists(st.sampled_from(["Guidance", "Notes", "Data"]), max_size=2)):
        if title not in book.sheetnames:
            book.create_sheet(title)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _workbook_cell(draw: st.DrawFn, cell: str) -> Any:
    """A cell as Excel keeps it: plain numbers often as numbers, months often as dates, and
    now and then a number or date where text belongs; never what Excel cannot hold."""
    kind = draw(st.integers(0, 39))
    if kind == 0:
        return draw(st.floats(allow_nan=False, allow_infinity=False, width=32))
    if kind == 1:
        return draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)))
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell) and kind % 2:
        return float(cell) if "." in cell else int(cell)
    month = re.fullmatch(r"(20[0-9]{2})-(0[1-9]|1[0-2])", cell)
    if month and kind % 3 == 0:
        return datetime(int(month.group(1)), int(month.group(2)), 1)
    return "".join(ch for ch in cell if ch.isprintable()) or None


@dataclass
class Outcome:
    """What one read gave: the file, or the problems; and every rule it broke."""

    read: ReturnFile | None
    problems: list[Problem]
    broken: list[str]


def read_once(drawn: Drawn) -> Outcome:
    """Read a drawn return and check the answer against the rules; exceptions other than
    ProblemsFound escape (the figure the property tests and the script count)."""
    try:
        read = parse_return_file(drawn.data, PROGRAMME, source=drawn.name)
    except ProblemsFound as found:
        return Outcome(None, found.problems, refusal_broken(found.problems, drawn))
    return Outcome(read, [], accepted_broken(read, drawn))


def refusal_broken(problems: list[Problem], drawn: Drawn) -> list[str]:
    """A refusal names the file, and the row and column where it gives them, within the file."""
    broken = []
    if not problems:
        broken.append("a refusal without a problem")
    for problem in problems:
        if not problem.file.startswith(drawn.name):
            broken.append(f"a problem naming another file: {problem}")
        if problem.row is not None and not 1 <= problem.row <= max(drawn.rows, MAX_ROWS + 1):
            broken.append(f"a problem at a row the file does not have: {problem}")
        if problem.column is not None and not _COLUMN.match(problem.column):
            broken.append(f"a problem at a column that is not Excel's: {problem}")
        if not problem.message:
            broken.append(f"a problem that says nothing: {problem}")
    return broken


def accepted_broken(read: ReturnFile, drawn: Drawn) -> list[str]:
    """Every figure accepted obeys the rules a figure is checked against."""
    broken = []
    first = Period.parse(PROGRAMME.programme.first_period)
    last = Period.parse(PROGRAMME.programme.last_period)
    for row in read.rows:
        indicator = PROGRAMME.indicator(row.indicator)
        numbers = [n for n in (row.value, row.numerator, row.denominator) if n is not None]
        baseline = indicator.baseline.period
        start = min(first, Period.parse(baseline)) if baseline else first
        if not start <= row.period <= last or not indicator.cadence.holds(row.period):
            broken.append(f"a figure off the programme or its cadence: {row}")
        if any(not math.isfinite(n) or abs(n) > LARGEST for n in numbers):
            broken.append(f"a number that is no figure: {row}")
        if row.marker is not None and numbers:
            broken.append(f"a marker with a value or counts: {row}")
        if indicator.unit == "percent" and row.value is not None and not 0 <= row.value <= 100:
            broken.append(f"a percentage outside 0-100: {row}")
        if any(n < 0 for n in (row.numerator, row.denominator) if n is not None):
            broken.append(f"a negative count: {row}")
        if row.note and any(ch in row.note for ch in "\x07\u202e"):
            broken.append(f"a note with a control character: {row}")
        if not row.file.startswith(drawn.name) or not _COLUMN.match(row.column):
            broken.append(f"a figure that does not say where it came from: {row}")
    return broken
