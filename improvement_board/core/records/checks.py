"""Checks across values and rows, on canonical rows, so every format is held to the same rules.

Run after reading and before anything is stored: dates in order and not after the collection
period (history before the period is kept: re-referrals and previous plans need it), councils
named by a DfE code, identifiers unique within a file, and a child's looked-after episodes never
overlapping. Each problem points at the row or element and names the file's own field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pyarrow as pa

from improvement_board.core.records.problems import RecordProblem, Where, at_file, problem
from improvement_board.core.records.readers.base import FileReading, Row
from improvement_board.core.records.schema import TABLES

EARLIEST = date(1900, 1, 1)
COUNCIL_CODE = re.compile(r"^(E\d{8}|\d{3})$")

# (earlier, later) columns of one record.
DATE_ORDER: dict[str, tuple[tuple[str, str], ...]] = {
    "referrals": (("referral_date", "closure_date"),),
    "assessments": (("start_date", "completed_date"),),
    "section47s": (("start_date", "icpc_date"),),
    "protection_plans": (("start_date", "end_date"),),
    "cin_plans": (("start_date", "end_date"),),
    "care_episodes": (("start_date", "end_date"),),
    "workers": (("start_date", "leaving_date"),),
}

# What identifies a row, within one council and one file.
KEYS: dict[str, tuple[str, ...]] = {
    "children": ("child_id",),
    "referrals": ("referral_id",),
    "care_outcomes": ("child_id", "year_end"),
    "care_leavers": ("child_id", "year_end"),
    "workers": ("worker_id", "census_date"),
    "vacancies": ("census_date",),
}

_DATE_COLUMNS = {
    name: [f.name for f in schema if f.type == pa.date32()] for name, schema in TABLES.items()
}


def check(readings: list[FileReading], today: date) -> list[RecordProblem]:
    """Every problem the rows of these files have; the files' own reading problems excluded."""
    problems: list[RecordProblem] = []
    for reading in readings:
        end = reading.period_end or today
        for table, rows in reading.rows.items():
            problems += _councils(reading.file, rows)
            for row in rows:
                problems += _dates_in_period(table, row, end, reading.period_end is not None)
                problems += _dates_in_order(table, row)
            problems += _duplicates(table, rows)
    episodes = [row for reading in readings for row in reading.rows.get("care_episodes", [])]
    return problems + _overlapping(episodes) + _empty_tables(readings)


def _empty_tables(readings: list[FileReading]) -> list[RecordProblem]:
    """A table that is never empty (an SSDA903 header) given with no records, beside files that
    hold records: an export cut short, or the wrong file."""
    records = sum(len(rows) for reading in readings for rows in reading.rows.values())
    if not records:
        return []
    return [
        at_file(
            reading.file,
            "empty-table",
            f"no {table} records (a header row alone), but the upload's other files hold "
            f"{records:,}: the table cannot be empty",
        )
        for reading in readings
        for table in reading.empty
    ]


def _councils(file: str, rows: list[Row]) -> list[RecordProblem]:
    """One problem per council value that is not a DfE code (not one per row)."""
    found = []
    councils = {row.values.get("council") for row in rows}
    if None in councils:
        message = "no council: give a council column, or the council when loading"
        found.append(problem(Where(file), "required", message, "council"))
    for council in sorted(str(value) for value in councils if value is not None):
        if not COUNCIL_CODE.match(council):
            message = f"{council!r} is not a DfE council code (such as E06000019, or 873)"
            found.append(problem(Where(file), "council", message, "council"))
    return found


def _dates_in_period(table: str, row: Row, end: date, stated: bool) -> list[RecordProblem]:
    found = []
    for column in _DATE_COLUMNS[table]:
        value = row.values.get(column)
        if not isinstance(value, date):
            continue
        if value > end:
            when = (
                f"after the collection period, which ends {end:%d/%m/%Y}"
                if stated
                else "in the future"
            )
            found.append(problem(row.where, "in-period", when, _name(row, column)))
        elif value < EARLIEST:
            found.append(problem(row.where, "in-period", "before 1900", _name(row, column)))
    return found


def _dates_in_order(table: str, row: Row) -> list[RecordProblem]:
    found = []
    for earlier, later in DATE_ORDER.get(table, ()):
        first, second = row.values.get(earlier), row.values.get(later)
        if isinstance(first, date) and isinstance(second, date) and second < first:
            message = f"before {_name(row, earlier)} of the same record"
            found.append(problem(row.where, "date-order", message, _name(row, later)))
    return found


def _duplicates(table: str, rows: list[Row]) -> list[RecordProblem]:
    key_columns = KEYS.get(table)
    if key_columns is None:
        return []
    first_seen: dict[tuple[object, ...], Row] = {}
    found = []
    for row in rows:
        key = (row.values.get("council"), *(row.values.get(column) for column in key_columns))
        if None in key[1:]:
            continue
        first = first_seen.setdefault(key, row)
        if first is not row:
            message = f"the same {_what(table)} again (first at {_place(first.where)})"
            found.append(problem(row.where, "duplicate", message, _name(row, key_columns[0])))
    return found


def _overlapping(episodes: list[Row]) -> list[RecordProblem]:
    """An episode starting before an earlier-starting episode of the same child has ended."""
    by_child: dict[tuple[object, object], list[Row]] = defaultdict(list)
    for row in episodes:
        if isinstance(row.values.get("start_date"), date):
            by_child[(row.values.get("council"), row.values.get("child_id"))].append(row)
    found = []
    for rows in by_child.values():
        rows.sort(key=lambda row: (_start(row), _end(row)))
        latest: Row | None = None
        for row in rows:
            if latest is not None and _start(row) < _end(latest):
                message = f"starts before the child's episode at {_place(latest.where)} ends"
                found.append(
                    problem(row.where, "episodes-overlap", message, _name(row, "start_date"))
                )
            if latest is None or _end(row) > _end(latest):
                latest = row
    return found


def _start(row: Row) -> date:
    start = row.values.get("start_date")
    return start if isinstance(start, date) else date.min


def _end(row: Row) -> date:
    end = row.values.get("end_date")
    return end if isinstance(end, date) else date.max


def _name(row: Row, column: str) -> str:
    return row.names.get(column, column)


def _what(table: str) -> str:
    return {"children": "child", "referrals": "referral", "workers": "worker"}.get(table, "record")


def _place(where: Where) -> str:
    if where.row is not None:
        return f"row {where.row}"
    return f"element {where.element}" if where.element else "an earlier record"
