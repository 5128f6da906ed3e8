"""Located problems in child-level records: the file, the place in it, the field and the rule.

A statutory return can hold thousands of rows; an officer fixing it needs every problem at once,
each pointing at the row (CSV, sheet) or the element and line (XML) where it is, the field as the
file names it, and the rule it broke. Problems never quote identifiers or names: the place is
enough to find the value, and problems may be stored and shown where child records may not.
"""

from __future__ import annotations

from dataclasses import dataclass

from improvement_board.core.problems import Problem

# Rules about the file as a whole: when one fires, the file could not be read into rows at all.
FORMAT_RULES = frozenset(
    {
        "file-size",
        "encoding",
        "csv",
        "xml-well-formed",
        "xml-forbidden",
        "xml-limits",
        "workbook",
        "unrecognised-file",
        "missing-column",
        "collection",
        "empty-table",
    }
)


@dataclass(frozen=True, slots=True)
class Where:
    """A place in one input file; only the parts the format has are set."""

    file: str
    row: int | None = None
    line: int | None = None
    element: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.element is not None:
            parts.append(f"element {self.element}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """One rule broken at one place; ``field`` is the file's own name for the value."""

    where: Where
    rule: str
    message: str
    field: str | None = None

    @property
    def is_format(self) -> bool:
        """True when the file itself could not be read (as opposed to a value breaking a rule)."""
        return self.rule in FORMAT_RULES

    def __str__(self) -> str:
        field = f", field {self.field}" if self.field else ""
        return f"{self.where}{field}: {self.message} [{self.rule}]"

    def as_problem(self) -> Problem:
        """The project-wide shape, for uploads that list problems from any kind of input."""
        row = self.where.row if self.where.row is not None else self.where.line
        file = (
            self.where.file
            if self.where.sheet is None
            else f"{self.where.file} [{self.where.sheet}]"
        )
        place = f" (element {self.where.element})" if self.where.element else ""
        return Problem(file, row, self.field, f"{self.message}{place} [{self.rule}]")


def problem(where: Where, rule: str, message: str, field: str | None = None) -> RecordProblem:
    return RecordProblem(where, rule, message, field)


def at_file(file: str, rule: str, message: str) -> RecordProblem:
    """A problem with the whole file (no row or element to point at)."""
    return RecordProblem(Where(file), rule, message)


def unique(problems: list[RecordProblem]) -> list[RecordProblem]:
    """One problem per place, field and rule (one value feeding two columns reports once)."""
    seen: set[tuple[Where, str | None, str]] = set()
    kept = []
    for item in problems:
        key = (item.where, item.field, item.rule)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def problem_json(item: RecordProblem) -> dict[str, object]:
    """A problem as a manifest keeps it (places and words only: never a value of a record)."""
    where = {key: value for key, value in vars_of(item.where).items() if value is not None}
    return {"where": where, "rule": item.rule, "message": item.message, "field": item.field}


def stored_problems(manifest: dict[str, object], key: str) -> tuple[RecordProblem, ...]:
    """The problems a manifest kept under ``key``, as problems again."""
    found = []
    entries = manifest.get(key)
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        where = entry.get("where") or {}
        found.append(
            RecordProblem(
                Where(**{k: v for k, v in where.items() if k in _WHERE_FIELDS}),
                str(entry.get("rule", "")),
                str(entry.get("message", "")),
                entry.get("field"),
            )
        )
    return tuple(found)


_WHERE_FIELDS = ("file", "row", "line", "element", "sheet")


def vars_of(where: Where) -> dict[str, object]:
    return {name: getattr(where, name) for name in _WHERE_FIELDS}
