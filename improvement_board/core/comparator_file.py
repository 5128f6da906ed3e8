"""The plain comparator file: figures for councils, regions and England from any source.

UTF-8 CSV with a header row; columns in any order; one row per area, period and indicator:

- ``council_code``: a council's DfE number (``884``) or ONS code (``E06000019``), a region's ONS
  code (``E12000005``) or England's (``E92000001``);
- ``council_name``: as the source writes it, for people (matching is by code);
- ``indicator``: the board's code or title for the indicator;
- ``value``: a number, one of DfE's markers (see core/markers.py) or blank when there is none;
- the period, one of: ``year`` (DfE's reporting year: ``2025`` or ``202425`` is the year to
  31 March 2025; for an annual indicator dated another month, that month of the year), or
  ``reference_date`` (the day the figure refers to: ``2024-09-30``);
- ``published`` (optional): the day the figure became public, ``2025-02-27``. Without it a figure
  counts as published nine months after its reference date (core/releases.py).

Everything wrong in the file is reported at once, each problem with its row and column: a code
that is not one, a combined code (``940 / 941``, two councils' joint return, which has no single
code to match), a negative figure, a header with no rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from improvement_board.core import dfe
from improvement_board.core.dfe_measures import split
from improvement_board.core.markers import Marker
from improvement_board.core.problems import Problem, ProblemsFound

REQUIRED = ("council_code", "indicator", "value")
PERIOD_COLUMNS = ("year", "reference_date")
_COUNCIL_CODE = re.compile(r"^(\d{3}|[ENSW]\d{8})$")
_COMBINED = re.compile(r"^\S+(\s*/\s*\S+)+$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class ComparatorRow:
    """One row of a comparator file, read and checked; ``line`` is its row in the file."""

    line: int
    council_code: str
    council_name: str
    indicator: str
    value: float | None
    marker: Marker | None
    year: int | None
    reference_date: dt.date | None
    published: dt.date | None


def read_comparator_file(path: Path) -> list[ComparatorRow]:
    """Every row of a comparator file, or ProblemsFound with every problem in it."""
    table = dfe._read_table(path)
    where = str(path)
    absent = [name for name in REQUIRED if name not in table.header]
    if not any(name in table.header for name in PERIOD_COLUMNS):
        absent.append("year (or reference_date)")
    if absent:
        expected = ", ".join((*REQUIRED, "year or reference_date"))
        raise ProblemsFound(
            [Problem(where, 1, None, f"no column {', '.join(absent)}; expected {expected}")]
        )
    if not table.lines:
        raise ProblemsFound([Problem(where, None, None, "has a header but no rows of figures")])
    problems: list[Problem] = []
    rows = [_row(where, line, row, problems) for line, row in table.rows]
    if problems:
        raise ProblemsFound(problems)
    return [row for row in rows if row is not None]


def _row(
    where: str, line: int, row: Mapping[str, str], problems: list[Problem]
) -> ComparatorRow | None:
    found: list[Problem] = []
    code = row.get("council_code", "").strip()
    if _COMBINED.match(code) and not _COUNCIL_CODE.match(code):
        found.append(
            Problem(
                where,
                line,
                "council_code",
                f"{code!r} is a combined code (a joint return of several councils): it matches "
                "no single council; give each council's own figure, or leave the row out",
            )
        )
    elif not _COUNCIL_CODE.match(code):
        message = (
            f"expected a DfE number such as 884 or an ONS code such as E06000019, found {code!r}"
        )
        found.append(Problem(where, line, "council_code", message))
    indicator = row.get("indicator", "").strip()
    if not indicator:
        found.append(Problem(where, line, "indicator", "expected the indicator's code or title"))
    value, marker = _value(where, line, row.get("value", ""), found)
    year, reference = _period(where, line, row, found)
    published = _date(where, line, "published", row.get("published", ""), found)
    problems += found
    if found:
        return None
    name = row.get("council_name", "").strip()
    return ComparatorRow(line, code, name, indicator, value, marker, year, reference, published)


def _value(
    where: str, line: int, text: str, found: list[Problem]
) -> tuple[float | None, Marker | None]:
    parsed = dfe.parse_value(text)
    if parsed is None:
        message = f"expected a number or one of DfE's markers (c, x, z, u, k, low), found {text!r}"
        found.append(Problem(where, line, "value", message))
        return None, None
    if isinstance(parsed, float) and parsed < 0:
        found.append(
            Problem(where, line, "value", f"{text.strip()} is negative: no figure here is")
        )
        return None, None
    if isinstance(parsed, dfe.Missing) and parsed.marker == "":
        return None, None
    return split(parsed)


def _period(
    where: str, line: int, row: Mapping[str, str], found: list[Problem]
) -> tuple[int | None, dt.date | None]:
    year_text = row.get("year", "").strip()
    reference = _date(where, line, "reference_date", row.get("reference_date", ""), found)
    year = dfe._year(year_text) if year_text else None
    if year_text and year is None:
        message = f"expected a year such as 2025 or 202425, found {year_text!r}"
        found.append(Problem(where, line, "year", message))
    elif year is None and reference is None and not any(p.row == line for p in found):
        found.append(Problem(where, line, "year", "expected the year (or a reference_date)"))
    return year, reference


def _date(where: str, line: int, column: str, text: str, found: list[Problem]) -> dt.date | None:
    written = text.strip()
    if not written:
        return None
    match = _DAY.match(written)
    try:
        if match is None:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        found.append(
            Problem(where, line, column, f"expected a date such as 2025-02-27, found {written!r}")
        )
        return None
