"""Loading: pseudonymised, immutable Parquet per upload, all or nothing, the same files once."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import defusedxml.ElementTree as ElementTree
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from improvement_board.core.records import store as store_module
from improvement_board.core.records.load import load_records, read_dataset
from improvement_board.core.records.pseudonymise import KeyTooShort, Pseudonymiser
from improvement_board.core.records.schema import TABLES
from tests.core.records.builders import (
    COUNCIL,
    KEY,
    cin_census,
    cin_child,
    episodes_903,
    header_903,
)
from tests.shared import PEERS, require


def stored_values(folder: Path) -> list[str]:
    """Every value of every stored table, as text."""
    return [
        str(value)
        for path in folder.glob("*.parquet")
        for column in pq.read_table(path).to_pydict().values()
        for value in column
    ]


def stored_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()))


def assert_nothing_of(secrets: set[str], folder: Path) -> None:
    """No secret is a stored value; long ones appear nowhere, not even inside a value or the
    files' bytes (short ones could appear inside a hexadecimal pseudonym by chance)."""
    values = stored_values(folder)
    raw = stored_bytes(folder)
    assert not secrets & set(values)
    long = {secret for secret in secrets if len(secret) >= 8}
    assert not [s for s in long if any(s in value for value in values) or s.encode() in raw]


def test_the_leak_scan_finds_a_planted_identifier(tmp_path: Path) -> None:
    pq.write_table(pa.table({"child_id": ["x-K123456789012-y"]}), tmp_path / "t.parquet")

    with pytest.raises(AssertionError):
        assert_nothing_of({"K123456789012"}, tmp_path)


def test_a_ssda903_return_is_stored_with_no_identifier_upn_or_postcode(tmp_path: Path) -> None:
    header_903(tmp_path, [["1001", "1", "01/02/2010", "WBRI", "K123456789012"]])
    episodes_903(tmp_path, [["1001", "03/04/2017", "S", "C2", "U1", "", ""]])
    paths = [tmp_path / "header.csv", tmp_path / "episodes.csv"]

    result = load_records(
        "ssda903", paths, store=tmp_path / "store", key=KEY, council=COUNCIL,
        period_end=date(2018, 3, 31),
    )  # fmt: skip

    assert result.ok and result.stored is not None
    assert result.rows["children"] == 1 and result.rows["care_episodes"] == 1
    assert_nothing_of({"1001", "K123456789012", "AB1 2CD", "EF3 4GH"}, result.stored)
    children = pq.read_table(result.stored / "children.parquet").to_pylist()
    assert children[0]["child_id"] == Pseudonymiser(KEY).pseudonym("child", COUNCIL, "1001")


def test_the_peers_clean_files_are_stored_without_any_identifier_name_upn_or_postcode(
    tmp_path: Path,
) -> None:
    cin = require(PEERS / "cin_census" / "BAR_cin_2022.xml")
    workforce = require(PEERS / "workforce" / "social_work_workforce_2022_sample.xml")
    annex = require(PEERS / "annex_a" / "Annex_A_2024_Jan.xlsx")
    cin_tags, workforce_tags = {"LAchildID", "UPN", "FormerUPN"}, {"SWENo", "QualInst"}
    secrets = {
        "cin": {e.text for e in ElementTree.parse(cin).iter() if e.tag in cin_tags},
        "workforce": {
            e.text for e in ElementTree.parse(workforce).iter() if e.tag in workforce_tags
        },
        "annex": annex_a_personal(annex),
    }
    assert all(secrets.values()), "every file has identifiers or names to look for"
    store = tmp_path / "store"

    loads = [
        load_records("cin-census", [cin], store=store, key=KEY),
        load_records("workforce", [workforce], store=store, key=KEY),
        load_records(
            "annex-a", [annex], store=store, key=KEY, council=COUNCIL, period_end=date(2021, 3, 31)
        ),
    ]

    everything = {secret for found in secrets.values() for secret in found if secret}
    for result in loads:
        assert result.ok and result.stored is not None
        assert_nothing_of(everything, result.stored)


def annex_a_personal(path: Path) -> set[str]:
    """Identifiers, worker names, postcodes and the family identifier from every list."""
    personal = re.compile(r"identifier|unique id|worker|advisor|postcode", re.IGNORECASE)
    workbook = openpyxl.load_workbook(path, read_only=True)
    found = set()
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        for position, header in enumerate(rows[0]):
            if header and personal.search(str(header)):
                found |= {str(row[position]) for row in rows[1:] if row[position] not in (None, "")}
    workbook.close()
    return found


def test_every_table_of_the_dataset_is_stored_in_its_canonical_schema(tmp_path: Path) -> None:
    result = load_records("cin-census", [require(PEERS / "cin_census" / "BAR_cin_2022.xml")],
                          store=tmp_path, key=KEY)  # fmt: skip

    assert result.stored is not None
    for table in (
        "children",
        "referrals",
        "assessments",
        "section47s",
        "protection_plans",
        "cin_plans",
    ):
        assert pq.read_schema(result.stored / f"{table}.parquet").equals(TABLES[table]), table


def test_the_same_files_twice_add_nothing(tmp_path: Path) -> None:
    path = require(PEERS / "cin_census" / "BAR_cin_2022.xml")
    first = load_records("cin-census", [path], store=tmp_path, key=KEY)
    before = sorted(tmp_path.rglob("*"))

    again = load_records("cin-census", [path], store=tmp_path, key=KEY)

    assert not first.already_loaded and again.already_loaded
    assert again.upload == first.upload and again.rows == first.rows
    assert sorted(tmp_path.rglob("*")) == before


def test_an_upload_is_read_only_and_its_manifest_names_files_by_hash(tmp_path: Path) -> None:
    path = require(PEERS / "workforce" / "social_work_workforce_2022_sample.xml")
    result = load_records("workforce", [path], store=tmp_path, key=KEY)

    assert result.stored is not None and result.stored.parent.parent == tmp_path
    manifest = json.loads((result.stored / "manifest.json").read_text())
    assert manifest["files"] == [{"name": path.name, "sha256": store_module.file_sha256(path)}]
    assert manifest["rows"] == {"workers": 1, "vacancies": 1}
    assert all(not (file.stat().st_mode & 0o222) for file in result.stored.iterdir())


def test_a_dry_run_counts_and_stores_nothing(tmp_path: Path) -> None:
    path = require(PEERS / "cin_census" / "BAR_cin_2022.xml")

    result = load_records("cin-census", [path], store=tmp_path, key=KEY, dry_run=True)

    assert result.ok and result.stored is None and result.children == 1
    assert list(tmp_path.iterdir()) == []


def test_a_load_that_fails_while_writing_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store_module.pq, "write_table", broken)

    with pytest.raises(OSError, match="disk full"):
        load_records("cin-census", [require(PEERS / "cin_census" / "BAR_cin_2022.xml")],
                     store=tmp_path, key=KEY)  # fmt: skip
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


@pytest.mark.parametrize("key", [b"", b"short", b"x" * 31])
def test_an_empty_or_short_key_is_refused(tmp_path: Path, key: bytes) -> None:
    with pytest.raises(KeyTooShort):
        load_records("plain", [], store=tmp_path, key=key)


def test_pseudonyms_are_keyed_and_kept_apart_by_kind_and_council() -> None:
    one, other = Pseudonymiser(KEY), Pseudonymiser(KEY[::-1])
    child = one.pseudonym("child", "E06000019", "1001")

    assert child == one.pseudonym("child", "E06000019", "1001")
    assert child != other.pseudonym("child", "E06000019", "1001")
    assert child != one.pseudonym("worker", "E06000019", "1001")
    assert child != one.pseudonym("child", "E06000020", "1001")


def test_an_unknown_dataset_is_the_callers_mistake(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown dataset"):
        read_dataset("cin", [])


def test_a_record_in_two_files_of_one_upload_is_stored_once_as_the_latest_file_gives_it(
    tmp_path: Path,
) -> None:
    # A referral open across two census years is in both returns; the later one has its closure.
    earlier = cin_child("1001", "2021-06-01")
    later = earlier.replace(
        "<ReferralNFA>0</ReferralNFA>",
        "<ReferralNFA>0</ReferralNFA><CINclosureDate>2022-06-30</CINclosureDate>",
    )
    first = tmp_path / "cin_2022.xml"
    first.write_bytes(cin_census(earlier, year=2022, reference="2022-03-31"))
    second = tmp_path / "cin_2023.xml"
    second.write_bytes(cin_census(later, year=2023, reference="2023-03-31"))
    result = load_records("cin-census", [second, first], store=tmp_path / "store", key=KEY)
    assert result.ok and result.stored is not None, result.problems
    referrals = pq.read_table(result.stored / "referrals.parquet").to_pylist()
    assert [r["closure_date"] for r in referrals] == [date(2022, 6, 30)]
    assert pq.read_table(result.stored / "children.parquet").num_rows == 1
    assert any("stored once" in note for note in result.notes)
