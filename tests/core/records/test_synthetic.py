"""Synthetic records: seeded, labelled, consistent, and in the statutory formats' own shapes."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from defusedxml import ElementTree as SafeET

from improvement_board.core.records.pseudonymise import Pseudonymiser
from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.synthetic import (
    SYNTHETIC_KEY,
    GeneratedRecords,
    SyntheticSpec,
    generate_records,
    simulate_council,
    write_tables,
)
from improvement_board.core.records.synthetic_formats import write_council_returns
from tests.shared import PEERS, require

SPEC = SyntheticSpec(councils=2, first_year=2016, years=2, seed=11, size=0.25)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GeneratedRecords:
    return generate_records(tmp_path_factory.mktemp("synthetic"), SPEC)


def query(folder: Path, sql: str) -> list[tuple[object, ...]]:
    """Run SQL over the generated tables, each exposed as a view of its Parquet file."""
    con = duckdb.connect()
    for table in TABLES:
        con.read_parquet(str(folder / f"{table}.parquet")).create_view(table)
    return con.execute(sql).fetchall()


def test_every_table_is_written_in_its_canonical_schema_and_labelled(
    generated: GeneratedRecords,
) -> None:
    for table, schema in TABLES.items():
        written = pq.read_schema(generated.folder / f"{table}.parquet")
        assert written.equals(schema, check_metadata=False), table
        assert written.metadata[b"synthetic"] == b"true"
        assert (
            generated.rows[table]
            == pq.read_metadata(generated.folder / f"{table}.parquet").num_rows
        )


def test_the_same_seed_gives_the_same_records_and_another_seed_does_not(
    generated: GeneratedRecords, tmp_path: Path
) -> None:
    again = generate_records(tmp_path / "again", SPEC)
    other = generate_records(tmp_path / "other", SyntheticSpec(**{**SPEC.__dict__, "seed": 12}))
    for table in ("referrals", "care_episodes", "workers"):
        first = pq.read_table(generated.folder / f"{table}.parquet")
        assert pq.read_table(again.folder / f"{table}.parquet").equals(first)
        assert not pq.read_table(other.folder / f"{table}.parquet").equals(first)


def test_parallel_generation_writes_the_same_records(
    generated: GeneratedRecords, tmp_path: Path
) -> None:
    parallel = generate_records(tmp_path, SPEC, workers=2)
    for table in TABLES:
        first = pq.read_table(generated.folder / f"{table}.parquet")
        assert pq.read_table(parallel.folder / f"{table}.parquet").equals(first), table


def test_identifiers_look_nothing_like_real_ones_and_are_stored_as_a_load_stores_them(
    generated: GeneratedRecords,
) -> None:
    simulated = simulate_council(SPEC, 0)
    assert all(re.fullmatch(r"syn-\d{3}-[0-9a-f]{6}", c.child_id) for c in simulated.children)
    stored = dict(query(generated.folder, "SELECT child_id, council FROM children"))
    synthetic = Pseudonymiser(SYNTHETIC_KEY)
    expected = {
        synthetic.pseudonym("child", simulated.code, c.child_id) for c in simulated.children
    }
    assert expected <= set(stored)
    assert {stored[child] for child in expected} == {simulated.code}
    assert set(stored.values()) == {"Z00000001", "Z00000002"}


def test_records_hang_together(generated: GeneratedRecords) -> None:
    folder = generated.folder
    orphans = (
        "SELECT count(*) FROM assessments a ANTI JOIN referrals r USING (council, referral_id)"
    )
    assert query(folder, orphans) == [(0,)]
    backwards = "SELECT count(*) FROM protection_plans WHERE end_date < start_date"
    assert query(folder, backwards) == [(0,)]
    # Episodes of a child follow one another without overlapping.
    overlaps = """
        SELECT count(*) FROM (
            SELECT start_date, lag(end_date) OVER w AS previous_end, row_number() OVER w AS n
            FROM care_episodes
            WINDOW w AS (PARTITION BY council, child_id ORDER BY start_date))
        WHERE n > 1 AND (previous_end IS NULL OR previous_end > start_date)"""
    assert query(folder, overlaps) == [(0,)]
    last = (
        "SELECT max(greatest(referral_date, coalesce(closure_date, referral_date))) FROM referrals"
    )
    latest = query(folder, last)[0][0]
    assert isinstance(latest, date)
    assert latest <= SPEC.until


def test_the_population_covers_every_council_and_year(generated: GeneratedRecords) -> None:
    years = range(SPEC.start.year - 1, SPEC.until.year + 1)
    assert set(generated.population) == {(c, y) for c in SPEC.codes for y in years}


def test_hand_made_rows_are_written_in_the_canonical_schema(tmp_path: Path) -> None:
    rows = {"referrals": [{"council": "Z1", "child_id": "a", "referral_id": "a-1",
                           "referral_date": date(2024, 3, 1)}]}  # fmt: skip
    write_tables(tmp_path, rows)
    written = pq.read_table(tmp_path / "referrals.parquet")
    assert written.schema.equals(TABLES["referrals"], check_metadata=False)
    assert written.schema.metadata[b"synthetic"] == b"true"
    assert written.column("closure_date").null_count == 1


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    spec = SyntheticSpec(councils=1, first_year=2021, years=3, seed=4, size=0.2)
    children = simulate_council(spec, 0).children
    return write_council_returns(tmp_path_factory.mktemp("returns"), children, year=2023, lea="999")


def header_of(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle))


@pytest.mark.parametrize("table", ["header", "episodes", "oc2", "oc3"])
def test_ssda903_tables_have_the_columns_of_the_statutory_return(
    returns: list[Path], table: str
) -> None:
    written = next(p for p in returns if p.name == f"synthetic_ssda903_2023_{table}.csv")
    assert header_of(written) == header_of(require(PEERS / "ssda903_fake" / f"{table}.csv"))
    with written.open(newline="") as handle:
        assert len(list(csv.reader(handle))) > 1


def test_ssda903_dates_are_written_day_first(returns: list[Path]) -> None:
    episodes = next(p for p in returns if p.name.endswith("episodes.csv"))
    with episodes.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", row["DECOM"]) for row in rows)
    assert all(row["DEC"] == "" or date(2023, 3, 31) >= _uk(row["DEC"]) for row in rows)


def _uk(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def test_the_cin_census_is_labelled_and_shaped_like_the_statutory_file(returns: list[Path]) -> None:
    census = next(p for p in returns if p.suffix == ".xml")
    assert census.name.startswith("synthetic_")
    assert "Synthetic data" in census.read_text(encoding="utf-8")
    root = SafeET.parse(census).getroot()
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Collection") == "CIN"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2023-03-31"
    children = root.findall("Children/Child")
    assert children
    assert all(c.findtext("ChildIdentifiers/LAchildID", "").startswith("syn-") for c in children)
    assert root.find(".//UPN") is None  # no invented UPNs
    referral_dates = [d.text or "" for d in root.iter("CINreferralDate")]
    assert max(referral_dates) <= "2023-03-31"
