"""The dataset specs: strict, consistent with the canonical tables, and documented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.spec import (
    PERIOD_COLUMNS,
    SPEC_DIR,
    DatasetSpec,
    FieldSpec,
    load_spec,
    shared_codes,
)

SPECS = sorted(path.stem for path in SPEC_DIR.glob("*.yaml") if path.stem != "codes")
DERIVED = {"council", "referral_id"}  # filled by every reader / derived from child and date
DOCS = Path(__file__).resolve().parents[3] / "docs" / "records-formats.md"


@pytest.mark.parametrize("name", SPECS)
def test_every_spec_loads_and_names_only_canonical_columns(name: str) -> None:
    spec = load_spec(name)
    assert spec.tables(), f"{name} fills no table"


@pytest.mark.parametrize("name", SPECS)
def test_every_required_column_of_a_table_has_a_source(name: str) -> None:
    spec = load_spec(name)
    for source_name, source in spec.model.sources.items():
        required = {f.name for f in TABLES[source.table] if not f.nullable}
        covered = {
            column
            for column, options in source.fields.items()
            if all(
                option.required for option in (options if isinstance(options, list) else [options])
            )
        }
        filled = covered | set(source.constants) | DERIVED | (PERIOD_COLUMNS - set(source.fields))
        assert required <= filled, f"{name}.{source_name} leaves {required - filled} empty"


def test_the_plain_layout_has_every_canonical_column_and_no_other() -> None:
    spec = load_spec("plain")
    assert set(spec.model.sources) == set(TABLES)
    for table, schema in TABLES.items():
        assert set(spec.model.sources[table].fields) == set(schema.names), table


def test_the_formats_doc_describes_every_plain_table_and_column() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for table, schema in TABLES.items():
        assert f"### {table}\n" in text
        section = text.split(f"### {table}\n", 1)[1].split("\n### ", 1)[0]
        for column in schema.names:
            assert f"| {column} |" in section, f"{table}.{column} is not documented"


def test_a_misspelt_key_in_a_spec_is_refused() -> None:
    with pytest.raises(ValidationError):
        FieldSpec.model_validate({"source": "DOB", "type": "date", "requried": True})


def test_a_code_field_must_name_its_code_list() -> None:
    with pytest.raises(ValidationError):
        FieldSpec.model_validate({"source": "SEX", "type": "code"})


def test_an_unquoted_yaml_code_is_refused_rather_than_read_as_a_number() -> None:
    with pytest.raises(ValidationError):
        DatasetSpec.model_validate(
            {"dataset": "x", "title": "x", "format": "csv", "years": (1, 2), "sources": {}}
            | {"codes": {"numbers": [1, 2]}}
        )


def test_codes_are_valid_only_in_their_collection_years() -> None:
    reasons = shared_codes()["reason_ceased"]
    assert reasons.lookup("E45", 2018) == (False, None)
    assert reasons.lookup("E45", 2019) == (True, "E45")
    assert reasons.lookup("e43", 2018) == (True, "E43")
    assert reasons.lookup("E43", 2019) == (False, None)


def test_the_cin_census_reads_gender_current_until_2023_24_and_sex_from_2024_25() -> None:
    child = load_spec("cin_census").model.sources["child"]
    assert child.fields_for(2024)["sex"].source.endswith("GenderCurrent")
    assert child.fields_for(2025)["sex"].source.endswith("/Sex")
    assert child.fields_for(2026)["sex"].source.endswith("/Sex")


def test_ssda903_sex_codes_change_from_2024_25_and_the_old_codes_are_still_read() -> None:
    header = load_spec("ssda903_csv").model.sources["header"]
    assert header.fields_for(2024)["sex"].codes == "sex_903"
    assert header.fields_for(2025)["sex"].codes == "sex"
    assert header.fields_for(2025)["sex"].former_codes == "sex_903"


def test_the_collection_year_follows_the_period_end_by_each_datasets_convention() -> None:
    cin, workforce = load_spec("cin_census"), load_spec("workforce")
    assert cin.year_of(date(2024, 3, 31)) == 2024
    assert cin.year_label(2024) == "2023-24"
    assert workforce.year_of(date(2022, 9, 30)) == 2022
    assert workforce.year_label(2022) == "2022"
