"""Seeded synthetic councils and their child-level records, written as canonical Parquet.

For demos, tests and benchmarks. Every file written here carries ``synthetic=true`` in its
Parquet metadata. The simulated children's own identifiers look like ``syn-007-00a3f1`` (nothing
like a real LA child id or UPN) and council codes start with ``Z`` unless real codes are given.
The tables are written as a load stores records, so identifiers are pseudonyms, made with a key
that is published here (``SYNTHETIC_KEY``) because nothing in these records is secret.
The same seed always gives the same records. Generation runs council by council and writes in
batches, so memory stays bounded however many councils are asked for.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from improvement_board.core.records.pseudonymise import IDENTIFIER_COLUMNS, Pseudonymiser
from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.synthetic_journeys import Child, JourneySimulator, Referral
from improvement_board.core.records.synthetic_workforce import Worker, simulate_workforce

SYNTHETIC_METADATA = {b"synthetic": b"true", b"source": b"improvement-board synthetic generator"}
SYNTHETIC_KEY = b"improvement-board synthetic records: not a secret"
_SYNTHETIC = Pseudonymiser(SYNTHETIC_KEY)
_EPOCH = date(1970, 1, 1).toordinal()
_NEW_CHILDREN_PER_CHILD_YEAR = 0.0445  # gives about 550 referrals per 10,000 a year


@dataclass(frozen=True)
class SyntheticSpec:
    """What to generate: how many councils, which years, from which seed."""

    councils: int | tuple[str, ...] = 1
    first_year: int = 2019
    years: int = 5
    seed: int = 1
    history_years: int = 2  # records begin this much earlier, so stocks are warm by first_year
    size: float = 1.0  # scales every council's child population
    single_assessment_from: date = date(2014, 4, 1)

    @property
    def start(self) -> date:
        return date(self.first_year - self.history_years, 1, 1)

    @property
    def until(self) -> date:
        return date(self.first_year + self.years - 1, 12, 31)

    @property
    def codes(self) -> tuple[str, ...]:
        if isinstance(self.councils, int):
            return tuple(f"Z{index + 1:08d}" for index in range(self.councils))
        return self.councils


@dataclass
class CouncilRecords:
    code: str
    population: int
    children: list[Child]
    workers: list[Worker]
    vacancies: list[tuple[int, float, float]]


@dataclass
class GeneratedRecords:
    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    population: dict[tuple[str, int], int] = field(default_factory=dict)


def council_population(spec: SyntheticSpec, index: int) -> int:
    """Children aged 0–17 in the council's first year: between about 15,000 and 150,000."""
    rng = random.Random(spec.seed * 7_919 + index)
    share: float = rng.random() ** 1.6
    return max(200, round((15_000 + share * 135_000) * spec.size))


def synthetic_population(spec: SyntheticSpec) -> dict[tuple[str, int], int]:
    """The 0–17 population each council had, by mid-year, growing half a percent a year."""
    first, last = spec.start.year - 1, spec.until.year
    return {
        (code, year): round(council_population(spec, index) * 1.005 ** (year - first))
        for index, code in enumerate(spec.codes)
        for year in range(first, last + 1)
    }


def simulate_council(spec: SyntheticSpec, index: int) -> CouncilRecords:
    """Every child referred in the council over the years, and its workforce."""
    rng = random.Random(spec.seed * 1_000_003 + index)
    population = council_population(spec, index)
    start, until = spec.start.toordinal(), spec.until.toordinal()
    prefix = f"syn-{index + 1:03d}"
    journeys = JourneySimulator(
        rng, prefix=prefix, single_from=spec.single_assessment_from.toordinal(), until=until
    )
    arrivals = sorted(
        start + int(rng.random() * (until - start + 1))
        for _ in range(round(population * _NEW_CHILDREN_PER_CHILD_YEAR * (until - start) / 365.25))
    )
    children = [journeys.child(serial, day) for serial, day in enumerate(arrivals, start=1)]
    workers, vacancies = simulate_workforce(
        rng, prefix=prefix, population=population, start=start, until=until
    )
    return CouncilRecords(spec.codes[index], population, children, workers, vacancies)


Row = tuple[object, ...]
Buffers = dict[str, list[Row]]


def _day(day: int | None, until: int) -> int | None:
    """Days since 1970 for Arrow, or None for a day not yet reached by the end of the records."""
    return None if day is None or day > until else day - _EPOCH


def _referral_rows(ids: Row, r: Referral, until: int) -> Iterator[tuple[str, Row]]:
    yield (
        "referrals",
        (*ids, r.referral_id, r.day - _EPOCH, r.source, r.nfa, _day(r.closure, until)),
    )
    for a in r.assessments:
        if a.start <= until:
            yield (
                "assessments",
                (*ids, r.referral_id, a.kind, a.start - _EPOCH, _day(a.completed, until)),
            )
    for start, icpc in r.section47s:
        if start <= until:
            yield "section47s", (*ids, r.referral_id, start - _EPOCH, _day(icpc, until))
    for start, end, category, previous in r.protection_plans:
        if start <= until:
            dates = (start - _EPOCH, _day(end, until))
            yield "protection_plans", (*ids, *dates, category, category, previous)
    for start, end in r.cin_plans:
        if start <= until:
            yield "cin_plans", (*ids, start - _EPOCH, _day(end, until))


def _care_rows(ids: Row, c: Child, until: int) -> Iterator[tuple[str, Row]]:
    for e in c.episodes:
        if e.start <= until:
            ceased = e.reason_ceased if e.end <= until else None
            dates = (e.start - _EPOCH, _day(e.end, until))
            yield "care_episodes", (*ids, *dates, e.reason_new, e.legal_status, e.placement, ceased)
    for year_end, *checks in c.outcomes:
        if year_end <= until:
            yield "care_outcomes", (*ids, year_end - _EPOCH, *checks)
    for year_end, *leaver in c.leavers:
        if year_end <= until:
            yield "care_leavers", (*ids, c.birth - _EPOCH, year_end - _EPOCH, *leaver)


def child_rows(code: str, c: Child, until: int) -> Iterator[tuple[str, Row]]:
    """The child's rows in the canonical tables, as known on the day ``until``."""
    ids = (code, c.child_id)
    yield "children", (*ids, c.birth - _EPOCH, c.sex, c.disabled)
    for r in c.referrals:
        if r.day <= until:
            yield from _referral_rows(ids, r, until)
    yield from _care_rows(ids, c, until)


def workforce_rows(records: CouncilRecords) -> Iterator[tuple[str, Row]]:
    for w in records.workers:
        leaving = None if w.leaving is None else w.leaving - _EPOCH
        yield "workers", (records.code, w.worker_id, w.census - _EPOCH, w.fte, w.agency, True,
                          w.start - _EPOCH, leaving, w.cases)  # fmt: skip
    for census, vacancy, cover in records.vacancies:
        yield "vacancies", (records.code, census - _EPOCH, vacancy, cover)


# The columns this generator fills, in the order its rows give them; any other column of the
# canonical schema is written as null, so the schema can grow without breaking generation.
COLUMNS: dict[str, tuple[str, ...]] = {
    "children": ("council", "child_id", "birth_date", "sex", "disabled"),
    "referrals": ("council", "child_id", "referral_id", "referral_date", "source",
                  "no_further_action", "closure_date"),
    "assessments": ("council", "child_id", "referral_id", "kind", "start_date", "completed_date"),
    "section47s": ("council", "child_id", "referral_id", "start_date", "icpc_date"),
    "protection_plans": ("council", "child_id", "start_date", "end_date", "category",
                         "initial_category", "previous_plans"),
    "cin_plans": ("council", "child_id", "start_date", "end_date"),
    "care_episodes": ("council", "child_id", "start_date", "end_date", "reason_new",
                      "legal_status", "placement", "reason_ceased"),
    "care_outcomes": ("council", "child_id", "year_end", "health_check", "immunisations",
                      "teeth_check"),
    "care_leavers": ("council", "child_id", "birth_date", "year_end", "in_touch", "activity",
                     "accommodation", "suitable"),
    "workers": ("council", "worker_id", "census_date", "fte", "agency", "qualified", "start_date",
                "leaving_date", "cases"),
    "vacancies": ("council", "census_date", "vacancy_fte", "agency_cover_fte"),
}  # fmt: skip


def _arrow(table: str, rows: list[Row], pseudonyms: dict[tuple[str, str, str], int]) -> pa.Table:
    """Rows (dates as days since 1970) as an Arrow table in the canonical schema, labelled;
    identifiers pseudonymised (``pseudonyms`` remembers them across one council's tables)."""
    schema = TABLES[table]
    given = dict(zip(COLUMNS[table], zip(*rows, strict=True), strict=False)) if rows else {}
    arrays = []
    for field_ in schema:
        values = given.get(field_.name, [None] * len(rows))
        if pa.types.is_date32(field_.type):
            arrays.append(pa.array(values, pa.int32()).cast(pa.date32()))
        elif field_.name in IDENTIFIER_COLUMNS:
            stored = [
                _stored_identifier(field_.name, council, identifier, pseudonyms)
                for council, identifier in zip(given["council"], values, strict=True)
            ]
            arrays.append(pa.array(stored, field_.type))
        else:
            arrays.append(pa.array(values, field_.type))
    return pa.Table.from_arrays(arrays, schema=schema.with_metadata(SYNTHETIC_METADATA))


def _stored_identifier(
    column: str, council: object, identifier: object, known: dict[tuple[str, str, str], int]
) -> object:
    """An identifier as a load would store it: its pseudonym (None and integers unchanged)."""
    if identifier is None or isinstance(identifier, int):
        return identifier
    key = (column, str(council), str(identifier))
    if key not in known:
        known[key] = _SYNTHETIC.pseudonym(IDENTIFIER_COLUMNS[column], *key[1:])
    return known[key]


def council_tables(spec: SyntheticSpec, index: int) -> dict[str, pa.Table]:
    """One council's canonical tables (run in a worker process when generating in parallel)."""
    records = simulate_council(spec, index)
    until = spec.until.toordinal()
    buffers: Buffers = {table: [] for table in TABLES}
    for child in records.children:
        for table, row in child_rows(records.code, child, until):
            buffers[table].append(row)
    for table, row in workforce_rows(records):
        buffers[table].append(row)
    pseudonyms: dict[tuple[str, str, str], int] = {}
    return {table: _arrow(table, rows, pseudonyms) for table, rows in buffers.items()}


def _councils_in_order(spec: SyntheticSpec, workers: int) -> Iterator[dict[str, pa.Table]]:
    """Each council's tables in order; with workers > 1, a few councils are simulated ahead."""
    if workers <= 1:
        yield from (council_tables(spec, index) for index in range(len(spec.codes)))
        return
    with ProcessPoolExecutor(workers) as pool:
        ahead: deque[Future[dict[str, pa.Table]]] = deque()
        for index in range(len(spec.codes)):
            ahead.append(pool.submit(council_tables, spec, index))
            if len(ahead) > 2 * workers:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()


class _Writers:
    """One Parquet writer per table; councils are gathered into row groups of batch_rows."""

    def __init__(self, folder: Path, batch_rows: int) -> None:
        self.folder = folder
        self.batch_rows = batch_rows
        self.open: dict[str, pq.ParquetWriter] = {}
        self.pending: dict[str, list[pa.Table]] = {table: [] for table in TABLES}

    def add(self, table: str, data: pa.Table) -> None:
        self.pending[table].append(data)
        if sum(len(part) for part in self.pending[table]) >= self.batch_rows:
            self._flush(table)

    def _flush(self, table: str) -> None:
        if not self.pending[table]:
            return
        data = pa.concat_tables(self.pending[table])
        self.pending[table] = []
        if table not in self.open:
            path = self.folder / f"{table}.parquet"
            self.open[table] = pq.ParquetWriter(path, data.schema, compression="zstd")
        self.open[table].write_table(data, row_group_size=self.batch_rows)

    def close(self) -> None:
        for table in TABLES:
            self._flush(table)
        for writer in self.open.values():
            writer.close()


def generate_records(
    folder: Path, spec: SyntheticSpec, *, workers: int = 1, batch_rows: int = 250_000
) -> GeneratedRecords:
    """Write every canonical table of the spec's councils to ``folder/<table>.parquet``.

    Councils are simulated one at a time (or in ``workers`` processes) and written in row
    groups of about ``batch_rows``, so memory does not grow with the number of councils.
    """
    folder.mkdir(parents=True, exist_ok=True)
    result = GeneratedRecords(folder, {table: 0 for table in TABLES}, synthetic_population(spec))
    writers = _Writers(folder, batch_rows)
    try:
        for tables in _councils_in_order(spec, workers):
            for table, data in tables.items():
                result.rows[table] += len(data)
                writers.add(table, data)
    finally:
        writers.close()
    return result


def write_tables(folder: Path, rows: Mapping[str, Sequence[Mapping[str, object]]]) -> None:
    """Write hand-made rows (dicts by column name; missing columns are null) as canonical tables.

    Dates are ``datetime.date`` values; identifiers given as text are pseudonymised with the
    synthetic key, as a load would store them. Used for small worked examples and tests.
    """
    folder.mkdir(parents=True, exist_ok=True)
    pseudonyms: dict[tuple[str, str, str], int] = {}
    for table, records in rows.items():
        schema = TABLES[table]
        stored = [
            {
                **r,
                **{
                    name: _stored_identifier(name, r.get("council"), r[name], pseudonyms)
                    for name in IDENTIFIER_COLUMNS
                    if name in r
                },
            }
            for r in records
        ]
        data = pa.Table.from_pylist(stored, schema=schema)
        pq.write_table(
            data.replace_schema_metadata(SYNTHETIC_METADATA), folder / f"{table}.parquet"
        )
