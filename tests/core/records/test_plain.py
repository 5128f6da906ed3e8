"""The plain CSV layout: every canonical table can be given as a CSV named after it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from improvement_board.core.records.load import load_records, read_dataset
from improvement_board.core.records.pseudonymise import Pseudonymiser
from improvement_board.core.records.schema import TABLES
from tests.core.records.builders import COUNCIL, KEY, write_csv

ONE_ROW: dict[str, dict[str, str]] = {
    "children": {"child_id": "C1", "birth_date": "2015-01-02", "sex": "female", "disabled": "no"},
    "referrals": {"child_id": "C1", "referral_id": "R1", "referral_date": "2024-05-01",
                  "source": "6", "no_further_action": "false", "closure_date": "2024-08-01"},
    "assessments": {"child_id": "C1", "referral_id": "R1", "kind": "single",
                    "start_date": "2024-05-02", "completed_date": "2024-06-10"},
    "section47s": {"child_id": "C1", "referral_id": "R1", "start_date": "2024-05-03",
                   "icpc_date": "2024-05-20"},
    "protection_plans": {"child_id": "C1", "start_date": "2024-05-20", "category": "neglect",
                         "initial_category": "neglect", "previous_plans": "0"},
    "cin_plans": {"child_id": "C1", "start_date": "2024-07-01", "end_date": ""},
    "care_episodes": {"child_id": "C1", "start_date": "2024-08-01", "reason_new": "S",
                      "legal_status": "C2", "placement": "U1", "reason_ceased": ""},
    "care_outcomes": {"child_id": "C1", "year_end": "2025-03-31", "health_check": "1",
                      "immunisations": "0", "teeth_check": "yes"},
    "care_leavers": {"child_id": "C1", "birth_date": "2006-04-01", "year_end": "2025-03-31",
                     "in_touch": "YES", "activity": "F4", "accommodation": "U", "suitable": "true"},
    "workers": {"worker_id": "SW1", "census_date": "2024-09-30", "fte": "0.8", "agency": "no",
                "qualified": "yes", "start_date": "2020-01-06", "cases": "18"},
    "vacancies": {"census_date": "2024-09-30", "vacancy_fte": "3.5", "agency_cover_fte": "2"},
}  # fmt: skip


def write_tables(folder: Path) -> list[Path]:
    return [
        write_csv(folder / f"{table}-2024.csv", list(row), [list(row.values())])
        for table, row in ONE_ROW.items()
    ]


def test_one_csv_per_table_loads_every_table(tmp_path: Path) -> None:
    paths = write_tables(tmp_path)

    result = load_records("plain", paths, store=tmp_path / "store", key=KEY, council=COUNCIL,
                          period_end=date(2025, 3, 31))  # fmt: skip

    assert result.problems == ()
    assert result.rows == {table: 1 for table in TABLES}
    assert result.children == 1
    assert result.stored is not None
    referral = pq.read_table(result.stored / "referrals.parquet").to_pylist()[0]
    assert referral["referral_id"] == Pseudonymiser(KEY).pseudonym("referral", COUNCIL, "R1")
    assert referral["referral_date"] == date(2024, 5, 1) and referral["no_further_action"] is False
    leaver = pq.read_table(result.stored / "care_leavers.parquet").to_pylist()[0]
    assert (leaver["activity"], leaver["accommodation"], leaver["suitable"]) == ("F4", "U", True)


def test_codes_of_the_plain_layout_are_checked_for_the_collection_year(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "care_leavers.csv",
        ["child_id", "year_end", "activity"],
        [["C1", "2021-03-31", "F4"]],  # F4 only exists from 2021-22
    )

    reading = read_dataset("plain", [path], council=COUNCIL, period_end=date(2021, 3, 31))

    assert [(p.where.row, p.field, p.rule) for p in reading.problems] == [
        (2, "activity", "known-code")
    ]


def test_a_file_not_named_after_a_table_is_refused_with_the_names_to_use(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", ["child_id"], [["C1"]])

    reading = read_dataset("plain", [path], council=COUNCIL)

    [problem] = reading.problems
    assert problem.rule == "unrecognised-file" and "referrals.csv" in problem.message


def test_columns_outside_the_layout_are_never_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "children.csv",
        ["child_id", "name", "upn", "postcode"],
        [["C1", "Ann Smith", "A1", "HR1 1AA"]],
    )

    reading = read_dataset("plain", [path], council=COUNCIL)

    assert reading.problems == ()
    assert "Ann Smith" not in repr(reading.rows("children"))
