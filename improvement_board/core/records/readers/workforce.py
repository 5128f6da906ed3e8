"""Children's social work workforce census (XML): social workers in post or who left, and the
council's vacancies, at the census date the file states."""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.records.readers.base import Collection, FileReading
from improvement_board.core.records.readers.xml_records import read_xml
from improvement_board.core.records.spec import load_spec


def read_workforce(path: Path, collection: Collection) -> FileReading:
    return read_xml(path, load_spec("workforce"), collection)
