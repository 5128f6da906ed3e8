"""SSDA903 looked-after children return: its CSV tables, or the same return as one XML file.

Which of the two a file is, is decided by its content, not its name. Neither form states the
council or the collection year, so the caller gives both; the year decides which codes are valid.
"""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.records.files import looks_like_xml
from improvement_board.core.records.readers.base import Collection, FileReading, collection_known
from improvement_board.core.records.readers.csv_records import identify_by_headers, read_csv
from improvement_board.core.records.readers.xml_records import read_xml
from improvement_board.core.records.spec import load_spec


def read_ssda903(path: Path, collection: Collection) -> FileReading:
    if _starts_like_xml(path):
        return read_xml(path, load_spec("ssda903_xml"), collection)
    spec = load_spec("ssda903_csv")
    reading = FileReading(path.name, period_end=collection.period_end)
    if not collection_known(collection, spec, reading):
        return reading
    return read_csv(path, spec, collection, identify_by_headers)


def _starts_like_xml(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return looks_like_xml(file.read(64))
    except OSError:
        return False
