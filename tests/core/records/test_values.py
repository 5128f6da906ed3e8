"""Raw values become canonical values, or say plainly why not."""

from __future__ import annotations

from datetime import date, datetime

from improvement_board.core.records.spec import load_spec
from improvement_board.core.records.values import Bad, Conversion, to_code, to_date, to_number

DMY = ("%d/%m/%Y",)


def test_a_dd_mm_yyyy_date_is_read() -> None:
    assert to_date("06/01/2017", DMY) == date(2017, 1, 6)


def test_a_date_only_valid_month_first_is_reported_as_swapped() -> None:
    result = to_date("12/25/2017", DMY)
    assert isinstance(result, Bad) and result.rule == "day-month-swapped"


def test_an_iso_date_with_month_above_12_is_reported_as_swapped() -> None:
    result = to_date("2017-25-12", ("%Y-%m-%d",))
    assert isinstance(result, Bad) and result.rule == "day-month-swapped"


def test_an_impossible_date_is_a_date_format_problem_and_never_quoted() -> None:
    result = to_date("31/02/2018", DMY)
    assert isinstance(result, Bad) and result.rule == "date-format"
    assert "31/02" not in result.message and "dd/mm/yyyy" in result.message


def test_a_spreadsheet_datetime_is_its_date() -> None:
    assert to_date(datetime(2020, 9, 16, 0, 0), DMY) == date(2020, 9, 16)


def test_numbers_and_whole_numbers() -> None:
    assert to_number(" 0.52 ", whole=False) == 0.52
    assert to_number("72", whole=True) == 72
    assert to_number(72.0, whole=True) == 72
    assert isinstance(to_number("7.5", whole=True), Bad)
    assert isinstance(to_number("nan", whole=False), Bad)
    assert isinstance(to_number("1e40", whole=True), Bad)


def test_codes_are_matched_ignoring_case_and_mapped_to_canonical_values() -> None:
    spec = load_spec("cin_census")
    conversion = Conversion(DMY, spec.codes, 2022)
    assert to_code("phy", spec.codes["abuse_category"], conversion) == "physical"
    assert to_code("true", spec.codes["yes_no"], conversion) is True


def test_an_unknown_code_names_its_list_and_year() -> None:
    spec = load_spec("ssda903_csv")
    result = to_code("E45", spec.codes["reason_ceased"], Conversion(DMY, spec.codes, 2018))
    assert isinstance(result, Bad) and result.rule == "known-code"
    assert (
        "'E45'" in result.message and "reason_ceased" in result.message and "2018" in result.message
    )


def test_leniently_a_list_prefix_and_a_trailing_description_are_ignored() -> None:
    spec = load_spec("annex_a")
    conversion = Conversion(DMY, spec.codes, 2021, lenient=True)
    assert to_code("b) Female", spec.codes["sex_words"], conversion) == "female"
    assert to_code("k) E47: Special Guardianship", spec.codes["reason_ceased"], conversion) == "E47"
    assert to_code("q) 6: Police", spec.codes["referral_source"], conversion) == "6"
    assert to_code("U: Independent living", spec.codes["accommodation_letter"], conversion) == "U"


def test_strictly_a_prefixed_value_is_not_a_code() -> None:
    spec = load_spec("ssda903_csv")
    result = to_code(
        "E1: Placement order", spec.codes["legal_status"], Conversion(DMY, spec.codes, 2021)
    )
    assert isinstance(result, Bad)
