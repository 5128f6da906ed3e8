"""Dataset specs: where each canonical column comes from in a statutory file, as validated YAML.

Statutory element names, column headers and codes live only in ``specs/*.yaml`` (one file per
dataset and file format); the readers are generic and the canonical tables never see a code they
cannot read. A code or an element that changed between collection years carries ``since`` /
``until`` (the year a collection ends: 2018 for 2017-18), so one file covers every version. Specs
are bundled with the package: a broken spec is a programming error and fails loudly on load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr, TypeAdapter, model_validator

from improvement_board.core.records.schema import TABLES

SPEC_DIR = Path(__file__).parent / "specs"
FieldType = Literal["identifier", "text", "date", "code", "number", "integer"]
CodeValue = StrictStr | StrictBool | None
# Columns a reader fills from the collection rather than from a field of the record.
PERIOD_COLUMNS = frozenset({"year_end", "census_date"})


class Strict(BaseModel):
    """Unknown keys are errors (a misspelt ``requried`` must not vanish); specs never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Versioned(Strict):
    since: int | None = None
    until: int | None = None

    def valid_in(self, year: int | None) -> bool:
        """Whether this applies in collection ``year``; an unknown year accepts every version."""
        if year is None:
            return True
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until
        )


class CodeItem(Versioned):
    """One code; ``value`` (when given) is what the canonical table holds instead of the code."""

    code: StrictStr
    value: CodeValue = None

    def canonical(self) -> CodeValue:
        return self.value if "value" in self.model_fields_set else self.code


class FieldSpec(Versioned):
    """One canonical column: the file's name for it, its type and, for codes, the code list."""

    source: str
    type: FieldType
    codes: str | None = None
    required: bool = False
    many: bool = False
    aliases: tuple[str, ...] = ()
    # A list this field's list replaced: its codes are still read, as it meant them, with a
    # warning (a 2024-25 CIN census writing Sex in GenderCurrent's codes, 1 and 2).
    former_codes: str | None = None

    @model_validator(mode="after")
    def _codes_only_for_codes(self) -> FieldSpec:
        if (self.type == "code") != (self.codes is not None):
            raise ValueError("a code field names its code list, and only a code field does")
        return self


class SourceSpec(Strict):
    """One kind of record in the file (an XML element, a CSV table, a sheet) and its table."""

    table: str
    path: str | None = None
    when: str | None = None
    sheet: str | None = None
    match: tuple[str, ...] = ()
    constants: dict[str, str] = {}
    fields: dict[str, FieldSpec | list[FieldSpec]]
    # The table's other columns or elements, known but not read (a CSV column outside both
    # lists is unknown: perhaps misspelt, and reported).
    known: tuple[str, ...] = ()
    # Never given empty: a file of this table with no records, beside other tables' records,
    # is refused (an SSDA903 header with no rows beside its episodes).
    never_empty: bool = False

    def fields_for(self, year: int | None) -> dict[str, FieldSpec]:
        """Each column's field valid in ``year`` (a column with no valid version is left out)."""
        chosen = {}
        for column, options in self.fields.items():
            versions = options if isinstance(options, list) else [options]
            valid = [option for option in versions if option.valid_in(year)]
            if valid:
                chosen[column] = valid[-1]
        return chosen

    def alternatives_for(self, year: int | None) -> dict[str, list[FieldSpec]]:
        """For a column whose element or header changed between years: the other years'
        versions, read (with a warning) when a file writes one of them instead of its own."""
        chosen = self.fields_for(year)
        found = {}
        for column, options in self.fields.items():
            if isinstance(options, list) and column in chosen:
                others = [o for o in options if o.source != chosen[column].source]
                if others:
                    found[column] = others
        return found

    def sources(self) -> set[str]:
        """Every element or header any version of any field reads."""
        return {
            option.source
            for options in self.fields.values()
            for option in (options if isinstance(options, list) else [options])
        }


class HeaderSpec(Strict):
    """Where an XML return states its collection (CIN census, workforce census)."""

    collection: str
    collections: tuple[str, ...]
    council: str
    year: str
    period_end: str


CodeListSpec = list[StrictStr | CodeItem] | dict[str, CodeValue]


class DatasetSpec(Strict):
    dataset: str
    title: str
    format: Literal["xml", "csv", "xlsx"]
    years: tuple[int, int]
    root: str | None = None
    header: HeaderSpec | None = None
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    lenient: bool = False
    # How the collection year follows from the period's last day: "to-march", the year of the
    # 31 March ending it (2024 for 2023-24); "calendar", its own year (a 30 September census).
    collection_year: Literal["to-march", "calendar"] = "to-march"
    codes: dict[str, CodeListSpec] = {}
    sources: dict[str, SourceSpec]
    ignored: dict[str, tuple[str, ...]] = {}


_CODE_LISTS: TypeAdapter[dict[str, CodeListSpec]] = TypeAdapter(dict[str, CodeListSpec])


@dataclass(frozen=True)
class CodeList:
    """A code list as the readers use it: look-up by code, ignoring case, valid in a year."""

    name: str
    items: dict[str, CodeItem]

    def lookup(self, code: str, year: int | None) -> tuple[bool, CodeValue]:
        """``(known, canonical value)``; a code outside its years is unknown."""
        item = self.items.get(code.strip().casefold())
        if item is None or not item.valid_in(year):
            return False, None
        return True, item.canonical()


@dataclass(frozen=True)
class Spec:
    """A validated dataset spec with its code lists (shared DfE lists plus its own)."""

    model: DatasetSpec
    codes: dict[str, CodeList]

    @property
    def name(self) -> str:
        return self.model.dataset

    def year_of(self, period_end: date) -> int:
        """The collection year a period ending on ``period_end`` belongs to."""
        if self.model.collection_year == "calendar":
            return period_end.year
        return period_end.year + (1 if period_end.month > 3 else 0)

    def year_label(self, year: int) -> str:
        """How DfE names the collection: "2023-24" for a year to March, "2022" for a census."""
        if self.model.collection_year == "calendar":
            return str(year)
        return f"{year - 1}-{year % 100:02d}"

    def tables(self) -> tuple[str, ...]:
        """The canonical tables this format fills, in schema order."""
        used = {source.table for source in self.model.sources.values()}
        return tuple(name for name in TABLES if name in used)


def code_list(name: str, spec: CodeListSpec) -> CodeList:
    items: list[CodeItem]
    if isinstance(spec, dict):
        items = [CodeItem(code=code, value=value) for code, value in spec.items()]
    else:
        items = [CodeItem(code=item) if isinstance(item, str) else item for item in spec]
    return CodeList(name, {item.code.casefold(): item for item in items})


@cache
def shared_codes() -> dict[str, CodeList]:
    """The DfE code lists several formats share (``specs/codes.yaml``)."""
    raw = yaml.safe_load((SPEC_DIR / "codes.yaml").read_text(encoding="utf-8"))
    parsed = _CODE_LISTS.validate_python(raw)
    return {name: code_list(name, value) for name, value in parsed.items()}


@cache
def load_spec(name: str) -> Spec:
    """The spec in ``specs/<name>.yaml``, checked against the canonical tables and code lists."""
    raw = yaml.safe_load((SPEC_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    model = DatasetSpec.model_validate(raw)
    codes = shared_codes() | {key: code_list(key, value) for key, value in model.codes.items()}
    for source_name, source in model.sources.items():
        _check_source(f"{name}.yaml: {source_name}", source, codes)
    return Spec(model, codes)


def _check_source(label: str, source: SourceSpec, codes: dict[str, CodeList]) -> None:
    if source.table not in TABLES:
        raise ValueError(f"{label}: no canonical table {source.table!r}")
    columns = set(TABLES[source.table].names)
    for column in [*source.fields, *source.constants]:
        if column not in columns and not column.startswith("_"):
            raise ValueError(f"{label}: table {source.table} has no column {column!r}")
    for options in source.fields.values():
        for option in options if isinstance(options, list) else [options]:
            for name in (option.codes, option.former_codes):
                if name is not None and name not in codes:
                    raise ValueError(f"{label}: no code list {name!r}")
