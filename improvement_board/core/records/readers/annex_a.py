"""Ofsted ILACS Annex A workbook: the lists of referrals, assessments, enquiries, plans, children
looked after and care leavers, read tolerantly because every council words its headers a little
differently.

The workbook is checked (size, zip entries) before openpyxl opens it read-only with cached formula
values; openpyxl parses the workbook's XML through defusedxml. A sheet is a list by its name
("List 3", "list 3 - referrals"); its header row is the first of its top rows that names the
child's identifier. Each list also fills the children table: one row per child in the workbook.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import date, time
from difflib import SequenceMatcher
from itertools import islice
from pathlib import Path
from typing import Any

import openpyxl

from improvement_board.core.records.files import check_workbook
from improvement_board.core.records.problems import Where, problem
from improvement_board.core.records.readers.base import (
    Collection,
    FileReading,
    Row,
    build_row,
    collection_known,
    conversion_for,
    finish_row,
)
from improvement_board.core.records.readers.cin_census import link_referrals
from improvement_board.core.records.spec import FieldSpec, SourceSpec, Spec, load_spec
from improvement_board.core.records.values import Raw

HEADER_SEARCH_ROWS = 10
# A sheet's stated dimensions can claim a million rows and 16,384 columns: read within these.
MAX_COLUMNS = 200
MAX_ROWS = 200_000
CLOSE_WORDING = 0.9
_LIST_NUMBER = re.compile(r"^\s*list\s*0*(\d+)\b", re.IGNORECASE)


def read_annex_a(path: Path, collection: Collection) -> FileReading:
    spec = load_spec("annex_a")
    reading = FileReading(path.name, period_end=collection.period_end)
    refused = check_workbook(path)
    if refused is not None:
        reading.problems.append(refused)
        return reading
    if not collection_known(collection, spec, reading):
        return reading
    lists = _read_workbook(path, spec, collection, reading)
    if lists == 0 and not reading.problems:
        reading.fail("unrecognised-file", "no Annex A list found (sheets named List 1 to List 11)")
    _merge_children(reading)
    link_referrals(reading, {"referrals": "referral_date"})
    _mark_new_periods(reading)
    return reading


def _read_workbook(path: Path, spec: Spec, collection: Collection, reading: FileReading) -> int:
    """Read every sheet that is a list the spec maps; how many there were."""
    lists = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about features it skips; not the user's
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a damaged workbook
            reading.fail("workbook", f"cannot be opened as a workbook ({type(error).__name__})")
            return lists
        try:
            for sheet in workbook.worksheets:
                sources = sources_for(sheet.title, spec)
                if sources:
                    lists += 1
                    sheet.reset_dimensions()
                    rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
                    _Sheet(reading, spec, collection, sheet.title, sources).read(rows)
        except Exception as error:  # a damaged sheet part fails while it is being read
            reading.fail("workbook", f"a sheet cannot be read ({type(error).__name__})")
        finally:
            workbook.close()
    return lists


def sources_for(title: str, spec: Spec) -> list[SourceSpec]:
    """The spec's sources for a sheet, by list number when both name one, else by name."""
    number = _LIST_NUMBER.match(title)
    found = []
    for source in spec.model.sources.values():
        wanted = _LIST_NUMBER.match(source.sheet or "")
        if (number and wanted and number.group(1) == wanted.group(1)) or (
            normalise(title) == normalise(source.sheet or "")
        ):
            found.append(source)
    return found


def normalise(text: str) -> str:
    """Lower case, words only: "Referral NFA?" and "referral  nfa" are the same header."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold().replace("’", "'")).split())


def match_columns(header: list[str], fields: dict[str, FieldSpec]) -> dict[str, int]:
    """Each field's column: the same words first (name or alias), then close wording."""
    cells = [normalise(cell) for cell in header]
    columns: dict[str, int] = {}
    for column, spec in fields.items():
        wanted = {normalise(name) for name in (spec.source, *spec.aliases)}
        exact = [i for i, cell in enumerate(cells) if cell in wanted and i not in columns.values()]
        if exact:
            columns[column] = exact[0]
    for column, spec in fields.items():
        if column not in columns:
            close = _closest(cells, spec, set(columns.values()))
            if close is not None:
                columns[column] = close
    return columns


def _closest(cells: list[str], spec: FieldSpec, taken: set[int]) -> int | None:
    wanted = [normalise(name) for name in (spec.source, *spec.aliases)]
    scored = [
        (SequenceMatcher(None, cell, name).ratio(), index)
        for index, cell in enumerate(cells)
        if cell and index not in taken
        for name in wanted
    ]
    best = max(scored, default=(0.0, -1))
    return best[1] if best[0] >= CLOSE_WORDING else None


class _Sheet:
    """One list being read: its header row located, then every row for every source of it."""

    def __init__(
        self,
        reading: FileReading,
        spec: Spec,
        collection: Collection,
        title: str,
        sources: list[SourceSpec],
    ) -> None:
        self.reading, self.collection, self.title, self.sources = (
            reading,
            collection,
            title,
            sources,
        )
        self.conversion = conversion_for(spec, collection.year)
        self.columns: list[tuple[SourceSpec, dict[str, FieldSpec], dict[str, int]]] = []
        self.header: list[str] = []

    def read(self, rows: Iterator[tuple[Any, ...]]) -> None:
        numbered = enumerate(rows, start=1)
        for number, cells in islice(numbered, HEADER_SEARCH_ROWS):
            if self._use_header(number, [str(cell or "").strip() for cell in cells]):
                break
        else:
            where = Where(self.reading.file, sheet=self.title)
            message = "no header row naming the child's identifier in the first rows"
            self.reading.problems.append(problem(where, "missing-column", message))
            return
        for number, cells in numbered:
            if number > MAX_ROWS:
                where = Where(self.reading.file, sheet=self.title)
                message = f"more than {MAX_ROWS:,} rows: refused"
                self.reading.problems.append(problem(where, "file-size", message))
                return
            if cells.count(None) + cells.count("") < len(cells):
                self._add(number, [_cell(cell) for cell in cells])

    def _use_header(self, number: int, header: list[str]) -> bool:
        child = self.sources[0].fields_for(self.collection.year)["child_id"]
        if not match_columns(header, {"child_id": child}):
            return False
        self.header = header
        for source in self.sources:
            chosen = source.fields_for(self.collection.year)
            located = match_columns(header, chosen)
            for column, spec in chosen.items():
                if spec.required and column not in located:
                    where = Where(self.reading.file, row=number, sheet=self.title)
                    self.reading.problems.append(
                        problem(where, "missing-column", "column missing", spec.source)
                    )
            self.columns.append((source, {c: chosen[c] for c in located}, located))
        read = {index for _, _, located in self.columns for index in located.values()}
        unread = [cell for index, cell in enumerate(header) if cell and index not in read]
        if unread:
            self.reading.notes.append(
                f"{self.reading.file}, sheet {self.title!r}: columns not read: {', '.join(unread)}"
            )
        return True

    def _add(self, number: int, cells: list[Raw]) -> None:
        where = Where(self.reading.file, row=number, sheet=self.title)
        for source, fields, located in self.columns:
            raws: dict[str, Raw | list[Raw]] = {
                column: cells[index] if index < len(cells) else None
                for column, index in located.items()
            }
            names = {column: self.header[index] for column, index in located.items()}
            values, problems = build_row(raws, fields, where, self.conversion, names, self.reading)
            self.reading.problems.extend(problems)
            row = Row(finish_row(source, values, self.collection), where, names)
            self.reading.add(source.table, row)


def _cell(value: object) -> Raw:
    if value is None or isinstance(value, str | int | float | date):
        return value
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _merge_children(reading: FileReading) -> None:
    """One row per child: the lists repeat a child, so keep the first value each column has."""
    merged: dict[object, Row] = {}
    for row in reading.rows.get("children", []):
        first = merged.setdefault(row.values.get("child_id"), row)
        for column, value in row.values.items():
            if first.values.get(column) is None:
                first.values[column] = value
    if merged:
        reading.rows["children"] = list(merged.values())


def _mark_new_periods(reading: FileReading) -> None:
    """A placement that began the day the child started to be looked after began a period of care
    (SSDA903 reason S); otherwise the list cannot say why the placement began."""
    for row in reading.rows.get("care_episodes", []):
        start, began = row.values.get("start_date"), row.values.get("_period_start")
        if isinstance(start, date) and start == began:
            row.values["reason_new"] = "S"
