"""The plain CSV layout: one file per canonical table, named after it, canonical column names.

For councils without the statutory formats (docs/records-formats.md). The file name says the
table (``referrals.csv``, ``referrals-2024.csv``): headers alone cannot tell a child protection
plan from a child in need plan. A ``council`` column lets one file pool several councils.
"""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.records.readers.base import Collection, FileReading
from improvement_board.core.records.readers.csv_records import read_csv
from improvement_board.core.records.spec import SourceSpec, Spec, load_spec


def read_plain(path: Path, collection: Collection) -> FileReading:
    return read_csv(path, load_spec("plain"), collection, identify_by_name)


def identify_by_name(
    path: Path, header: list[str], spec: Spec, reading: FileReading
) -> SourceSpec | None:
    stem = path.stem.casefold()
    for name, source in spec.model.sources.items():
        if stem == name or stem.startswith((f"{name}-", f"{name}_")):
            return source
    tables = ", ".join(f"{name}.csv" for name in spec.model.sources)
    reading.fail("unrecognised-file", f"name the file after its table: one of {tables}")
    return None
