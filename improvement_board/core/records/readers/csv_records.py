"""Reading a CSV table with its spec: the header says which table it is, each row is located.

Used by the SSDA903 CSV tables and the plain layout. Headers are matched ignoring case and
surrounding spaces; columns the spec does not read (UPN, postcodes, a council's extra columns)
are never read, but are named in the load's report, and a column the table does not have at
all (perhaps misspelt) is a warning. Nothing is dropped silently: a quote left open, which would
run the following rows together into one value, is an error at the row where it opens. A row is
located by the line it starts on, as a text editor or Excel shows it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from improvement_board.core.records.files import decode_utf8, read_capped
from improvement_board.core.records.problems import RecordProblem, Where, problem
from improvement_board.core.records.readers.base import (
    Collection,
    FileReading,
    Row,
    build_row,
    conversion_for,
    finish_row,
)
from improvement_board.core.records.spec import FieldSpec, SourceSpec, Spec
from improvement_board.core.records.values import Conversion, Raw

Identify = Callable[[Path, list[str], Spec, FileReading], SourceSpec | None]


class _Broken(Exception):
    """A record the CSV reader could not take apart; where it starts and why."""

    def __init__(self, line: int, message: str, column: str | None = None) -> None:
        super().__init__(message)
        self.line, self.message, self.column = line, message, column


def read_csv(path: Path, spec: Spec, collection: Collection, identify: Identify) -> FileReading:
    reading = FileReading(path.name, period_end=collection.period_end)
    data = read_capped(path)
    text = data if isinstance(data, RecordProblem) else decode_utf8(data, path.name)
    if isinstance(text, RecordProblem):
        reading.problems.append(text)
        return reading
    try:
        _read_records(path, _located(text), spec, collection, identify, reading)
    except _Broken as error:
        where = Where(path.name, row=error.line)
        reading.problems.append(problem(where, "csv", error.message, error.column))
    return reading


def _located(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a value running over lines (a quote left open)
    or a quote the CSV rules cannot close is raised as ``_Broken`` at the record's first line."""
    records = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    ended = 0
    while True:
        start = ended + 1
        try:
            record = next(records, None)
        except csv.Error as error:
            raise _Broken(start, _open_quote(start, records.line_num, str(error))) from None
        if record is None:
            return
        ended = records.line_num
        for index, cell in enumerate(record):
            if "\n" in cell or "\r" in cell:
                column = header[index].strip() if index < len(header) else None
                raise _Broken(start, _open_quote(start, ended, "a value runs over lines"), column)
        header = header or record
        yield start, record


def _open_quote(start: int, end: int, why: str) -> str:
    if end > start:
        return (
            f"not readable as CSV ({why}): a quote opened in this row is not closed, so rows "
            f"{start} to {end} run together; close or remove the quote"
        )
    return f"not readable as CSV: {why}"


def _read_records(
    path: Path,
    records: Iterator[tuple[int, list[str]]],
    spec: Spec,
    collection: Collection,
    identify: Identify,
    reading: FileReading,
) -> None:
    first = next(records, None)
    header = [cell.strip() for cell in first[1]] if first else []
    if not any(header):
        reading.fail("unrecognised-file", "the file is empty: a header row is needed")
        return
    source = identify(path, header, spec, reading)
    if source is None:
        return
    fields = source.fields_for(collection.year)
    columns = _locate(header, source, fields, collection, spec, reading)
    _report_columns(header, source, columns, reading)
    if columns is None:
        return
    chosen = {column: fields[column] for column in columns}
    conversion = conversion_for(spec, collection.year)
    table = _Table(reading, source, collection, conversion, header, chosen, columns)
    for line, record in records:
        if any(cell.strip() for cell in record):
            table.add(record, line)
    if source.never_empty and not reading.rows.get(source.table):
        reading.empty.append(source.table)


@dataclass
class _Table:
    """One CSV table being read: where each column is, and how to make a row of it."""

    reading: FileReading
    source: SourceSpec
    collection: Collection
    conversion: Conversion
    header: list[str]
    fields: dict[str, FieldSpec]
    columns: dict[str, int]
    names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = {column: self.header[index] for column, index in self.columns.items()}

    def add(self, record: list[str], line: int) -> None:
        where = Where(self.reading.file, row=line)
        raws: dict[str, Raw | list[Raw]] = {
            column: record[index] if index < len(record) else None
            for column, index in self.columns.items()
        }
        if len(record) > len(self.header):
            message = f"{len(record)} values but the header has {len(self.header)} columns"
            self.reading.problems.append(problem(where, "row-shape", message))
        values, problems = build_row(
            raws, self.fields, where, self.conversion, self.names, self.reading
        )
        self.reading.problems.extend(problems)
        row = Row(finish_row(self.source, values, self.collection), where, self.names)
        self.reading.add(self.source.table, row)


def _locate(
    header: list[str],
    source: SourceSpec,
    fields: dict[str, FieldSpec],
    collection: Collection,
    spec: Spec,
    reading: FileReading,
) -> dict[str, int] | None:
    """Each field's column index; a missing required column is a problem, a missing optional one
    is simply absent (its values are blank). A column of another year's version of a field is
    read, with a warning, when the file has it instead of its own year's."""
    index = {name.casefold(): position for position, name in reversed(list(enumerate(header)))}
    alternatives = source.alternatives_for(collection.year)
    columns = {}
    missing = False
    for column, wanted in fields.items():
        position = index.get(wanted.source.casefold())
        for other in alternatives.get(column, []) if position is None else []:
            position = index.get(other.source.casefold())
            if position is not None:
                fields[column] = other
                label = spec.year_label(collection.year) if collection.year else "this"
                message = (
                    f"a column of other years, where the {label} collection has {wanted.source}"
                )
                reading.warn(Where(reading.file, row=1), "collection-year", message, other.source)
                break
        if position is not None:
            columns[column] = position
        elif wanted.required:
            missing = True
            reading.problems.append(
                problem(
                    Where(reading.file, row=1),
                    "missing-column",
                    "column missing" + _perhaps(wanted.source, header, source),
                    wanted.source,
                )
            )
    return None if missing else columns


def _known(source: SourceSpec) -> dict[str, str]:
    """The table's columns, read or not, by their case-folded name."""
    return {name.casefold(): name for name in (*source.sources(), *source.known, *source.match)}


def _perhaps(wanted: str, header: list[str], source: SourceSpec) -> str:
    """A header the table does not know that is close to a missing column: likely misspelt."""
    known = _known(source)
    unknown = [name for name in header if name and name.casefold() not in known]
    close = get_close_matches(wanted.casefold(), [n.casefold() for n in unknown], 1, 0.75)
    if not close:
        return ""
    spelt = next(name for name in unknown if name.casefold() == close[0])
    return f" (the file has {spelt}: misspelt?)"


def _report_columns(
    header: list[str], source: SourceSpec, columns: dict[str, int] | None, reading: FileReading
) -> None:
    """Warn of columns the table does not have or has twice; note every column not read. Not for
    a file refused for a missing column: its first row may be data, never quoted in a report."""
    if columns is None:
        return
    known = _known(source)
    read = set(columns.values())
    seen: set[str] = set()
    unread = []
    for position, name in enumerate(header):
        label = name or f"column {position + 1} (no name)"
        where = Where(reading.file, row=1)
        if name.casefold() in seen and name:
            reading.warn(
                where, "unknown-column", "the same column again: only the first is read", name
            )
        elif name and name.casefold() not in known:
            close = get_close_matches(name.casefold(), sorted(known), 1, 0.75)
            hint = f" (perhaps {known[close[0]]}?)" if close else ""
            message = f"not a column of the {source.table} table: not read{hint}"
            reading.warn(where, "unknown-column", message, name)
        seen.add(name.casefold())
        if position not in read:
            unread.append(label)
    if unread:
        reading.notes.append(f"{reading.file}: columns not read: {', '.join(unread)}")


def identify_by_headers(
    path: Path, header: list[str], spec: Spec, reading: FileReading
) -> SourceSpec | None:
    """The source whose identifying headers the file has; a table the spec lists as ignored is
    noted (recognised, not needed); anything else is a problem."""
    present = {name.casefold() for name in header}
    for source in spec.model.sources.values():
        if {name.casefold() for name in source.match} <= present:
            return source
    for table, headers in spec.model.ignored.items():
        if {name.casefold() for name in headers} <= present:
            reading.notes.append(f"{path.name}: the {table} table, which no measure reads: skipped")
            return None
    reading.fail("unrecognised-file", f"its headers match no table of the {spec.model.title}")
    return None
