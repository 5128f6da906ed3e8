"""Working extracts stored with their problems: the records with problems are left out, whole.

By default a load is all or nothing. A council's working extract (a mid-year SSDA903, say) often
has a handful of problems among hundreds of records, and the board still needs its figures. With
``keep_problems`` the load stores the extract without every child (or worker) a problem touches:
all of that child's records in the upload, not only the row at fault, because a child's records
depend on each other (an episode left out of a chain would make the child seem to leave care).
A problem that no record can answer for (a file that cannot be read, a council that is not a
DfE code) still refuses the load. Decision 0008 says why records are left out, not flagged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from improvement_board.core.records.problems import RecordProblem, Where
from improvement_board.core.records.readers.base import FileReading, Row

Subject = tuple[str, object, object]  # ("child" | "worker" | "record", council, identifier)


@dataclass(frozen=True)
class Excluded:
    """What was left out: children and workers (in all), rows per table, and per council."""

    children: int = 0
    workers: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    councils: dict[str, dict[str, object]] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "children": self.children,
            "workers": self.workers,
            "rows": dict(self.rows),
            "councils": self.councils,
        }


def untied(files: tuple[FileReading, ...], problems: tuple[RecordProblem, ...]) -> list[Where]:
    """The places of problems that no record of the files sits at (these refuse any load)."""
    places = _places(files)
    return [p.where for p in problems if p.is_format or p.where not in places]


def leave_out(
    files: tuple[FileReading, ...], problems: tuple[RecordProblem, ...]
) -> tuple[tuple[FileReading, ...], Excluded]:
    """The files without every subject (child, worker, or lone record) a problem touches."""
    places = _places(files)
    touched = {_subject(row) for item in problems for row in places.get(item.where, [])}
    left_out = [
        (table, row)
        for reading in files
        for table, table_rows in reading.rows.items()
        for row in table_rows
        if _subject(row) in touched
    ]
    by_council: dict[str, dict[str, set[object]]] = {}
    for table, row in left_out:
        entry = by_council.setdefault(
            str(row.values.get("council")), {"child": set(), "worker": set(), "tables": set()}
        )
        subject = _subject(row)
        if subject[0] in entry:
            entry[subject[0]].add(subject)
        entry["tables"].add(table)
    kept_files = tuple(
        replace(
            reading,
            rows={
                table: [row for row in table_rows if _subject(row) not in touched]
                for table, table_rows in reading.rows.items()
            },
        )
        for reading in files
    )
    excluded = Excluded(
        children=sum(subject[0] == "child" for subject in touched),
        workers=sum(subject[0] == "worker" for subject in touched),
        rows=dict(Counter(table for table, _ in left_out)),
        councils={
            council: {
                "children": len(entry["child"]),
                "workers": len(entry["worker"]),
                "tables": sorted(str(table) for table in entry["tables"]),
            }
            for council, entry in sorted(by_council.items())
        },
    )
    return kept_files, excluded


def _places(files: tuple[FileReading, ...]) -> dict[Where, list[Row]]:
    places: dict[Where, list[Row]] = {}
    for reading in files:
        for table_rows in reading.rows.values():
            for row in table_rows:
                places.setdefault(row.where, []).append(row)
    return places


def _subject(row: Row) -> Subject:
    council = row.values.get("council")
    if row.values.get("child_id") is not None:
        return ("child", council, row.values["child_id"])
    if row.values.get("worker_id") is not None:
        return ("worker", council, row.values["worker_id"])
    return ("record", row.where.file, row.where)
