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
from improvement_board.core.records.spec import FieldSpec, HeaderSpec, SourceSpec, Spec
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
    collection = given if header is None else stated_collection(root, header, spec, given, reading)
    if collection is None or not collection_known(collection, spec, reading):
        return reading
    reading.period_end = collection.period_end
    for source in spec.model.sources.values():
        read_records(root, source, spec, collection, reading)
    _note_unread(root, spec, reading)
    return reading


def stated_collection(
    root: Node, header: HeaderSpec, spec: Spec, given: Collection, reading: FileReading
) -> Collection | None:
    """The council, year and period end the header states (None, with problems, when it cannot).

    The ReferenceDate, the collection's last day, decides the collection: it bounds every date
    in the file, and it is the one header field software writes the same way. ``Year`` is read
    by some as the year a collection ends and by others as the year it starts, so it is only
    checked: when it is not the year the ReferenceDate's collection ends, a warning says so.
    """
    name = root.value(header.collection)
    if name not in header.collections:
        reading.fail(
            "collection", f"the header names collection {name!r}, not {header.collections}"
        )
        return None
    stated = root.value(header.year)
    end = to_date(root.value(header.period_end), ("%Y-%m-%d",))
    if (stated is not None and not (stated.isdigit() and len(stated) == 4)) or isinstance(end, Bad):
        reading.fail("collection", f"the header needs a ReferenceDate and a Year ({header.year})")
        return None
    if end is None:
        reading.fail("collection", f"the header needs a ReferenceDate ({header.period_end})")
        return None
    year = spec.year_of(end)
    if stated is not None and int(stated) != year:
        message = (
            f"the header's Year is {stated}, but its ReferenceDate {end.isoformat()} belongs to "
            f"the {spec.year_label(year)} collection: read as that collection, by its "
            "ReferenceDate"
        )
        where = Where(reading.file, element=f"{root.tag}/{_header_element(header)}")
        reading.warn(where, "collection", message)
    return Collection(given.council or root.value(header.council), end, year)


def _header_element(header: HeaderSpec) -> str:
    return header.year.rsplit("/", 1)[0]


def read_records(
    root: Node, source: SourceSpec, spec: Spec, collection: Collection, reading: FileReading
) -> None:
    fields = source.fields_for(collection.year)
    alternatives = source.alternatives_for(collection.year)
    conversion = conversion_for(spec, collection.year)
    names = {column: _element_name(field.source, source.path) for column, field in fields.items()}
    for node in root.findall(source.path or ""):
        if source.when is not None and node.find(source.when) is None:
            continue
        where = Where(reading.file, line=node.line, element=node.path)
        chosen, chosen_names = fields, names
        for column, others in alternatives.items():
            if node.find(fields[column].source) is None:
                chosen, chosen_names = _other_version(
                    node, column, others, (chosen, chosen_names), spec, collection, reading, where
                )
        raws: dict[str, Raw | list[Raw]] = {}
        for column, field in chosen.items():
            raws[column] = (
                list(node.values(field.source)) if field.many else node.value(field.source)
            )
        values, problems = build_row(raws, chosen, where, conversion, chosen_names, reading)
        reading.problems.extend(problems)
        reading.add(source.table, Row(finish_row(source, values, collection), where, chosen_names))


def _other_version(
    node: Node,
    column: str,
    others: list[FieldSpec],
    current: tuple[dict[str, FieldSpec], dict[str, str]],
    spec: Spec,
    collection: Collection,
    reading: FileReading,
    where: Where,
) -> tuple[dict[str, FieldSpec], dict[str, str]]:
    """A record writing another year's element for a column (Sex in a 2023-24 CIN census) is
    read from it, with a warning naming the years each element belongs to."""
    fields, names = current
    for other in others:
        if node.find(other.source) is None:
            continue
        own = _element_name(fields[column].source, None)
        theirs = _element_name(other.source, None)
        year = collection.year
        label = spec.year_label(year) if year is not None else "this"
        message = (
            f"<{theirs}> ({_years(other, spec)}) where the {label} collection has <{own}>: "
            f"read from <{theirs}>"
        )
        reading.warn(where, "collection-year", message, theirs)
        return {**fields, column: other}, {**names, column: theirs}
    return current


def _years(field: FieldSpec, spec: Spec) -> str:
    if field.since is not None:
        return f"the field from the {spec.year_label(field.since)} collection on"
    if field.until is not None:
        return f"the field until the {spec.year_label(field.until)} collection"
    return "the field of other years"


def _note_unread(root: Node, spec: Spec, reading: FileReading) -> None:
    """Name the elements the file holds that no field reads (UPN, Ethnicity, ...)."""
    read = {spec.model.root or ""}
    header = spec.model.header
    if header is not None:
        paths = (header.collection, header.council, header.year, header.period_end)
        read |= {step for path in paths for step in path.split("/")}
    for source in spec.model.sources.values():
        read |= set((source.path or "").split("/")) | set((source.when or "").split("/"))
        read |= {step for path in source.sources() for step in path.split("/")}
    unread = sorted({node.tag for node in root.iter()} - read)
    if unread:
        reading.notes.append(f"{reading.file}: elements not read: {', '.join(unread)}")


def _element_name(field_path: str, record_path: str | None) -> str:
    """The tag a field's value sits in (``.`` is the record element itself)."""
    steps = [step for step in field_path.split("/") if step not in ("", ".", "..")]
    if steps:
        return steps[-1]
    return (record_path or "").rsplit("/", 1)[-1]
