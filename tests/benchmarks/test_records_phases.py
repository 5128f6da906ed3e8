"""The records benchmark's floor reads every value the measures read, and no table they do not."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from benchmarks.records_phases import columns_read, measures_read
from improvement_board.core.records.measures import MEASURES, STEPS
from improvement_board.core.records.synthetic import SyntheticSpec, generate_records


def test_the_floor_reads_each_column_a_definition_reads_and_only_tables_they_read() -> None:
    read = columns_read()
    assert read["referrals"] == ["council", "child_id", "referral_id", "referral_date"]
    assert read["assessments"] == ["council", "referral_id", "kind", "start_date", "completed_date"]
    assert "sex" not in read["children"]  # no measure reads it
    assert "section47s" not in read and "cin_plans" not in read
    named = {table for d in [*MEASURES.values(), *STEPS.values()] for table in d.tables}
    assert set(read) == named - {"section47s", "cin_plans"}


def test_the_floor_scans_every_row_of_every_table_the_measures_read(tmp_path: Path) -> None:
    generate_records(tmp_path, SyntheticSpec(councils=1, first_year=2013, years=1, size=0.2))
    rows = sum(pq.read_metadata(tmp_path / f"{table}.parquet").num_rows for table in columns_read())
    assert measures_read(tmp_path) == rows > 0
