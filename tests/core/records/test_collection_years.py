"""Each reader reads a return by its collection year's specification, and says so when a file
follows another year's: the CIN census's Sex and GenderCurrent, SSDA903's SEX codes, the year a
header names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from improvement_board.core.records.load import Reading, read_dataset
from tests.core.records.builders import COUNCIL, cin_census, header_903
from tests.shared import PEERS, require


def child(child_id: str, identifiers: str, referral: str = "2024-06-01") -> str:
    return (
        f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID>"
        f"<PersonBirthDate>2015-01-01</PersonBirthDate>{identifiers}</ChildIdentifiers>"
        f"<CINdetails><CINreferralDate>{referral}</CINreferralDate><ReferralSource>6"
        "</ReferralSource><ReferralNFA>0</ReferralNFA></CINdetails></Child>\n"
    )


def census(tmp_path: Path, children: str, *, year: int, reference: str) -> Reading:
    path = tmp_path / "census.xml"
    path.write_bytes(cin_census(children, year=year, reference=reference))
    return read_dataset("cin-census", [path], council=COUNCIL)


def rules(items: object) -> set[str]:
    return {item.rule for item in items}  # type: ignore[attr-defined]


def test_a_2024_25_cin_census_is_read_by_sex_with_its_m_f_u_codes(tmp_path: Path) -> None:
    body = child("C1", "<Sex>M</Sex>") + child("C2", "<Sex>F</Sex>") + child("C3", "<Sex>U</Sex>")

    reading = census(tmp_path, body, year=2025, reference="2025-03-31")

    assert reading.problems == ()
    assert reading.warnings == ()
    assert sorted(str(row["sex"]) for row in reading.rows("children")) == [
        "female",
        "male",
        "unknown",
    ]


def test_a_2023_24_cin_census_is_read_by_gender_current_without_warnings(tmp_path: Path) -> None:
    body = child("C1", "<GenderCurrent>2</GenderCurrent>", referral="2023-06-01")

    reading = census(tmp_path, body, year=2024, reference="2024-03-31")

    assert reading.problems == () and reading.warnings == ()
    assert reading.rows("children")[0]["sex"] == "female"


def test_a_census_writing_the_other_years_element_is_read_from_it_with_a_warning(
    tmp_path: Path,
) -> None:
    body = child("C1", "<GenderCurrent>1</GenderCurrent>")

    reading = census(tmp_path, body, year=2025, reference="2025-03-31")

    assert reading.problems == ()
    assert reading.rows("children")[0]["sex"] == "male"
    [warning] = reading.warnings
    assert warning.rule == "collection-year" and warning.field == "GenderCurrent"
    assert "2024-25 collection has <Sex>" in warning.message


def test_a_record_with_neither_element_needs_its_years_element(tmp_path: Path) -> None:
    reading = census(tmp_path, child("C1", ""), year=2025, reference="2025-03-31")

    assert [(p.rule, p.field) for p in reading.problems] == [("required", "Sex")]


def test_the_reference_date_decides_the_collection_and_a_disagreeing_year_is_a_warning(
    tmp_path: Path,
) -> None:
    body = child("C1", "<Sex>M</Sex>").replace("2024-06-01", "2025-01-10")

    reading = census(tmp_path, body, year=2024, reference="2025-03-31")

    assert reading.problems == ()
    assert reading.files[0].period_end == date(2025, 3, 31)
    [warning] = reading.warnings
    assert warning.rule == "collection" and "belongs to the 2024-25 collection" in warning.message


def test_the_2026_sample_is_refused_only_for_its_dates(tmp_path: Path) -> None:
    path = require(PEERS / "cin_census" / "CIN_Census_2026.xml")

    reading = read_dataset("cin-census", [path], council=COUNCIL)

    assert rules(reading.problems) == {"in-period", "date-order"}
    assert {p.field for p in reading.problems} <= {
        "CINreferralDate",
        "CINclosureDate",
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
    }
    assert reading.files[0].period_end == date(2024, 3, 31)
    assert rules(reading.warnings) == {"collection", "collection-year", "former-code"}
    assert {str(row["sex"]) for row in reading.rows("children")} <= {"male", "female", "unknown"}


def test_the_2026_samples_pre_proceedings_elements_are_named_as_not_read() -> None:
    path = require(PEERS / "cin_census" / "CIN_Census_2026.xml")

    reading = read_dataset("cin-census", [path], council=COUNCIL)

    [note] = [note for note in reading.notes if "elements not read" in note]
    assert "PreProceedingsandFGDM" in note and "UPN" in note


def test_referral_source_5d_is_a_code_from_the_2022_23_census(tmp_path: Path) -> None:
    body = child("C1", "<GenderCurrent>1</GenderCurrent>").replace(">6<", ">5D<")
    older = census(tmp_path, body.replace("2024-06-01", "2021-06-01"), year=2022,
                   reference="2022-03-31")  # fmt: skip
    newer = census(tmp_path, body.replace("2024-06-01", "2022-06-01"), year=2023,
                   reference="2023-03-31")  # fmt: skip

    assert [(p.rule, p.field) for p in older.problems] == [("known-code", "ReferralSource")]
    assert newer.problems == ()


def test_an_ssda903_header_of_2024_25_is_read_with_sex_m_f_u(tmp_path: Path) -> None:
    path = header_903(tmp_path, [["1001", "M", "01/02/2010", "WBRI", ""]])

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=date(2025, 3, 31))

    assert reading.problems == () and reading.warnings == ()
    assert reading.rows("children")[0]["sex"] == "male"


def test_an_ssda903_header_of_2024_25_in_the_old_codes_is_read_with_a_warning(
    tmp_path: Path,
) -> None:
    path = header_903(tmp_path, [["1001", "2", "01/02/2010", "WBRI", ""]] * 1
                      + [["1002", "2", "01/02/2011", "WBRI", ""]])  # fmt: skip

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=date(2025, 3, 31))

    assert reading.problems == ()
    assert [row["sex"] for row in reading.rows("children")] == ["female", "female"]
    [warning] = reading.warnings
    assert warning.rule == "former-code" and warning.where.row == 2
    assert "(2 records; the first here)" in warning.message


def test_an_ssda903_header_before_2024_25_still_refuses_the_new_codes(tmp_path: Path) -> None:
    path = header_903(tmp_path, [["1001", "M", "01/02/2010", "WBRI", ""]])

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=date(2024, 3, 31))

    assert [(p.rule, p.field, p.where.row) for p in reading.problems] == [("known-code", "SEX", 2)]


def test_the_workforce_census_year_is_its_census_dates_year() -> None:
    path = require(PEERS / "workforce" / "social_work_workforce_2022_sample.xml")

    reading = read_dataset("workforce", [path], council=COUNCIL)

    assert reading.problems == () and reading.warnings == ()
    assert {row["census_date"] for row in reading.rows("workers")} == {date(2022, 9, 30)}
