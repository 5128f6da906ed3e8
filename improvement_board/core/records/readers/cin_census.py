"""DfE children in need census (XML, 2017 to 2026): children, referrals and what followed them.

The census gives a referral no identifier, so each referral is known by its child and its date
(the census allows one referral a child a day); assessments and section 47 enquiries carry the
identifier of the referral they sit under.
"""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.records.readers.base import Collection, FileReading, referral_key
from improvement_board.core.records.readers.xml_records import read_xml
from improvement_board.core.records.spec import load_spec


def read_cin_census(path: Path, collection: Collection) -> FileReading:
    reading = read_xml(path, load_spec("cin_census"), collection)
    link_referrals(reading, {"referrals": "referral_date", "assessments": "_referral_date"})
    link_referrals(reading, {"section47s": "_referral_date"})
    return reading


def link_referrals(reading: FileReading, date_columns: dict[str, str]) -> None:
    """Give each row of the named tables its referral's identifier (child and referral date)."""
    for table, date_column in date_columns.items():
        for row in reading.rows.get(table, []):
            row.values["referral_id"] = referral_key(
                row.values.get("child_id"), row.values.get(date_column)
            )
            row.names.setdefault("referral_id", row.names.get(date_column, "referral"))
