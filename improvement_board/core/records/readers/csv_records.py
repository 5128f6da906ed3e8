"""Reading a CSV table with its spec: the header says which table it is, each row is located.

Used by the SSDA903 CSV tables and the plain layout. Headers are matched ignoring case and
surrounding spaces; columns the spec does not name (UPN, postcodes, a council's extra columns)
are never read. A row is located by its line in the file, as a text editor or Excel shows it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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


def read_csv(path: Path, spec: Spec, collection: Collection, identify: Identify) -> FileReading:
    reading = FileReading(path.name, period_end=collection.period_end)
    data = read_capped(path)
    text = data if isinstance(data, RecordProblem) else decode_utf8(data, path.name)
    if isinstance(text, RecordProblem):
        reading.problems.append(text)
        return reading
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        _read_records(path, records, spec, collection, identify, reading)
    except csv.Error as error:
        where = Where(path.name, row=records.line_num)
        reading.problems.append(problem(where, "csv", f"not readable as CSV: {error}"))
    return reading


def _read_records(
    path: Path,
    records: Iterator[list[str]],
    spec: Spec,
    collection: Collection,
    identify: Identify,
    reading: FileReading,
) -> None:
    header = [cell.strip() for cell in next(records, [])]
    if not any(header):
        reading.fail("unrecognised-file", "the file is empty: a header row is needed")
        return
    source = identify(path, header, spec, reading)
    if source is None:
        return
    fields = source.fields_for(collection.year)
    columns = _locate(header, fields, reading)
    if columns is None:
        return
    chosen = {column: fields[column] for column in columns}
    conversion = conversion_for(spec, collection.year)
    table = _Table(reading, source, collection, conversion, header, chosen, columns)
    for record in records:
        if any(cell.strip() for cell in record):
            table.add(record, getattr(records, "line_num", 0))


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
        values, problems = build_row(raws, self.fields, where, self.conversion, self.names)
        self.reading.problems.extend(problems)
        row = Row(finish_row(self.source, values, self.collection), where, self.names)
        self.reading.add(self.source.table, row)


def _locate(
    header: list[str], fields: dict[str, FieldSpec], reading: FileReading
) -> dict[str, int] | None:
    """Each field's column index; a missing required column is a problem, a missing optional one
    is simply absent (its values are blank)."""
    index = {name.casefold(): position for position, name in reversed(list(enumerate(header)))}
    columns = {}
    for column, spec in fields.items():
        position = index.get(spec.source.casefold())
        if position is not None:
            columns[column] = position
        elif spec.required:
            reading.problems.append(
                problem(Where(reading.file, row=1), "missing-column", "column missing", spec.source)
            )
    missing = any(spec.required and column not in columns for column, spec in fields.items())
    return None if missing else columns


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
