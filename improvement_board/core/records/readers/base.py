"""What every reader produces: located rows of canonical values, and the problems found reading.

Rows still hold the file's own identifiers (pseudonymisation comes after the checks, which need
to tell duplicates apart); they never hold a name, an address, a postcode or a UPN, because no
spec maps one. ``build_row`` is the one place a record's raw values become canonical values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from improvement_board.core.records.problems import RecordProblem, Where, at_file, problem
from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.spec import PERIOD_COLUMNS, FieldSpec, SourceSpec, Spec
from improvement_board.core.records.values import Bad, Conversion, Raw, Value, combine_any, convert


@dataclass(slots=True)
class Row:
    """One record: canonical column → value, where it is, and the file's name for each column."""

    values: dict[str, Value]
    where: Where
    names: dict[str, str]


@dataclass(frozen=True)
class Collection:
    """Whose the records are and which collection they belong to, as the caller or file says."""

    council: str | None = None
    period_end: date | None = None
    stated_year: int | None = None

    @property
    def year(self) -> int | None:
        """The collection year: as the file states it, or 2018 for a period ending 31 March 2018."""
        if self.stated_year is not None:
            return self.stated_year
        end = self.period_end
        return None if end is None else end.year + (1 if end.month > 3 else 0)


@dataclass
class FileReading:
    """One file's rows by canonical table, its problems (which refuse the load), its warnings
    (read, but worth a look: an unknown column, a code of an earlier collection) and notes
    (tables recognised and skipped, columns not read)."""

    file: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[RecordProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    period_end: date | None = None
    # Tables that must never be given empty (``never_empty``) but were: checked across files.
    empty: list[str] = field(default_factory=list)
    _warned: dict[tuple[str | None, str, str], list[RecordProblem]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    def fail(self, rule: str, message: str) -> FileReading:
        self.problems.append(at_file(self.file, rule, message))
        return self

    def warn(self, where: Where, rule: str, message: str, field: str | None = None) -> None:
        """Note something read but worth a look; the same warning on many records is listed
        once, at its first place, with how many records it concerns."""
        self._warned.setdefault((field, rule, message), []).append(
            problem(where, rule, message, field)
        )

    @property
    def warnings(self) -> list[RecordProblem]:
        found = []
        for (_, _, message), places in self._warned.items():
            first = places[0]
            if len(places) > 1:
                first = replace(first, message=f"{message} ({len(places)} records; the first here)")
            found.append(first)
        return found


def collection_known(collection: Collection, spec: Spec, reading: FileReading) -> bool:
    """Whether the council and period are known and the year is one the spec covers."""
    title = spec.model.title
    if collection.council is None:
        message = f"the council is not stated in a {title}: give it when loading"
        reading.problems.append(problem(Where(reading.file), "collection", message, "council"))
    if collection.period_end is None:
        message = f"the period is not stated in a {title}: give its last day when loading"
        reading.problems.append(problem(Where(reading.file), "collection", message, "period_end"))
    first, last = spec.model.years
    year = collection.year
    if year is not None and not first <= year <= last:
        reading.fail("collection", f"collection year {year} is not covered ({first} to {last})")
    return not reading.problems


def conversion_for(spec: Spec, year: int | None) -> Conversion:
    return Conversion(spec.model.date_formats, spec.codes, year, spec.model.lenient)


def build_row(
    raws: dict[str, Raw | list[Raw]],
    fields: dict[str, FieldSpec],
    where: Where,
    conversion: Conversion,
    names: dict[str, str],
    reading: FileReading | None = None,
) -> tuple[dict[str, Value], list[RecordProblem]]:
    """Convert each field's raw value; report what cannot be converted and what is missing.

    ``names`` gives the file's own name for each column (a header as the file spells it), so a
    problem names the field the officer sees. A code of the list a field's list replaced (its
    ``former_codes``) is read as that list means it, with a warning on ``reading``.
    """
    values: dict[str, Value] = {}
    problems: list[RecordProblem] = []
    for column, spec in fields.items():
        raw = raws.get(column)
        if isinstance(raw, list):
            value = combine_any(
                [_convert(item, spec, conversion, where, names[column], reading) for item in raw]
            )
        else:
            value = _convert(raw, spec, conversion, where, names[column], reading)
        if isinstance(value, Bad):
            problems.append(problem(where, value.rule, value.message, names[column]))
            value = None
        elif value is None and spec.required:
            problems.append(problem(where, "required", "missing", names[column]))
        values[column] = value
    return values, problems


def _convert(
    raw: Raw,
    spec: FieldSpec,
    conversion: Conversion,
    where: Where,
    name: str,
    reading: FileReading | None,
) -> Value | Bad:
    value = convert(raw, spec, conversion)
    if not (isinstance(value, Bad) and value.rule == "known-code" and spec.former_codes):
        return value
    former = conversion.codes[spec.former_codes]
    known, meaning = former.lookup(str(raw), None)
    if not known:
        return value
    if reading is not None:
        shown = str(raw).strip()
        message = (
            f"{shown!r} is a code of the {former.name} list, which the {spec.codes} list "
            f"replaced: read as {meaning}"
        )
        reading.warn(where, "former-code", message, name)
    return meaning


def finish_row(
    source: SourceSpec,
    values: dict[str, Value],
    collection: Collection,
) -> dict[str, Value]:
    """Add what the record itself does not say: constants, the council and the period end."""
    values.update(source.constants)
    if values.get("council") is None:
        values["council"] = collection.council
    for column in PERIOD_COLUMNS:
        if column not in source.fields and column in _table_columns(source.table):
            values[column] = collection.period_end
    return values


def _table_columns(table: str) -> list[str]:
    return list(TABLES[table].names)


def referral_key(child: Value, referral_date: Value) -> str | None:
    """A referral's identifier where a format has none: its child and its date (one a day)."""
    if child is None or not isinstance(referral_date, date):
        return None
    return f"{child}/{referral_date.isoformat()}"
