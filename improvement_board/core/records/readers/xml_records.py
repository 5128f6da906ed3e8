"""Reading an XML return with its spec: one row per record element, every value located.

The CIN census, the workforce census and the SSDA903 XML share this reader; their specs say which
elements are records and where each value sits. Returns that state their collection in a header
(council, year, reference date) are read from it; the caller's council, when given, wins, since
the header only holds the three-digit old code.
"""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.records.files import read_capped
from improvement_board.core.records.problems import RecordProblem, Where
from improvement_board.core.records.readers.base import (
    Collection,
    FileReading,
    Row,
    build_row,
    collection_known,
    conversion_for,
    finish_row,
)
from improvement_board.core.records.spec import HeaderSpec, SourceSpec, Spec
from improvement_board.core.records.values import Bad, Raw, to_date
from improvement_board.core.records.xmltree import Node, parse_xml


def read_xml(path: Path, spec: Spec, given: Collection) -> FileReading:
    reading = FileReading(path.name)
    data = read_capped(path)
    root = data if isinstance(data, RecordProblem) else parse_xml(data, path.name)
    if isinstance(root, RecordProblem):
        reading.problems.append(root)
        return reading
    if root.tag != spec.model.root:
        message = (
            f"the root element is <{root.tag}>, not <{spec.model.root}>: not a {spec.model.title}"
        )
        return reading.fail("unrecognised-file", message)
    header = spec.model.header
    collection = given if header is None else stated_collection(root, header, given, reading)
    if collection is None or not collection_known(collection, spec, reading):
        return reading
    reading.period_end = collection.period_end
    for source in spec.model.sources.values():
        read_records(root, source, spec, collection, reading)
    return reading


def stated_collection(
    root: Node, header: HeaderSpec, given: Collection, reading: FileReading
) -> Collection | None:
    """The council, year and period end the header states (None, with problems, when it cannot)."""
    name = root.value(header.collection)
    if name not in header.collections:
        reading.fail(
            "collection", f"the header names collection {name!r}, not {header.collections}"
        )
        return None
    year = root.value(header.year) or ""
    end = to_date(root.value(header.period_end), ("%Y-%m-%d",))
    if not (year.isdigit() and len(year) == 4) or isinstance(end, Bad):
        reading.fail("collection", f"the header needs a Year and a ReferenceDate ({header.year})")
        return None
    return Collection(given.council or root.value(header.council), end, int(year))


def read_records(
    root: Node, source: SourceSpec, spec: Spec, collection: Collection, reading: FileReading
) -> None:
    fields = source.fields_for(collection.year)
    conversion = conversion_for(spec, collection.year)
    names = {column: _element_name(field.source, source.path) for column, field in fields.items()}
    for node in root.findall(source.path or ""):
        if source.when is not None and node.find(source.when) is None:
            continue
        raws: dict[str, Raw | list[Raw]] = {}
        for column, field in fields.items():
            raws[column] = (
                list(node.values(field.source)) if field.many else node.value(field.source)
            )
        where = Where(reading.file, line=node.line, element=node.path)
        values, problems = build_row(raws, fields, where, conversion, names)
        reading.problems.extend(problems)
        reading.add(source.table, Row(finish_row(source, values, collection), where, names))


def _element_name(field_path: str, record_path: str | None) -> str:
    """The tag a field's value sits in (``.`` is the record element itself)."""
    steps = [step for step in field_path.split("/") if step not in ("", ".", "..")]
    if steps:
        return steps[-1]
    return (record_path or "").rsplit("/", 1)[-1]
