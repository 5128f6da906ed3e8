"""A programme from a scorecard workbook: the template filled in loads as the same programme as
its programme file, checked by the file's rules with every problem at its sheet, row and column."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import Programme, load_programme
from improvement_board.core.scorecard import (
    load_programme_file,
    parse_scorecard,
    scorecard_workbook,
)
from improvement_board.demo import SEED_PROGRAMME

ROOT = Path(__file__).resolve().parents[2]
FILES = [Path(SEED_PROGRAMME), *sorted((ROOT / "examples").glob("*.yaml"))]
SEED = load_programme(Path(SEED_PROGRAMME))

INDICATOR_CELLS = {
    "Key": "key",
    "Code": "code",
    "Name": "title",
    "Unit": "unit",
    "Polarity": "polarity",
    "Baseline": "baseline.value",
    "Baseline numerator": "baseline.numerator",
    "Baseline denominator": "baseline.denominator",
    "Baseline qualifier": "baseline.qualifier",
    "Baseline month": "baseline.period",
    "Baseline as written": "baseline.text",
    "Target": "target.value",
    "Target qualifier": "target.qualifier",
    "Target low": "target.low",
    "Target high": "target.high",
    "Target month": "target.period",
    "Target as written": "target.text",
    "Tolerance": "tolerance.value",
    "Tolerance kind": "tolerance.kind",
    "Owner": "owner",
    "Linked recommendations": "recommendations",
    "Frequency": "frequency",
    "Reference month": "reference_month",
    "Definition": "definition",
    "Source": "source",
    "Measure": "measure",
    "Milestones": "milestones",
    "Decimals": "decimals",
    "Notes": "notes",
}
"""The seed's indicator fields, under the template's headers."""
PROGRAMME_CELLS = {
    "key": "key",
    "name": "name",
    "council": "council",
    "council code": "council_code",
    "inspection": "inspection",
    "baseline date": "baseline_date",
    "target date": "target_date",
    "first month": "first_period",
    "last month": "last_period",
    "population source": "population_source",
    "default tolerance": "default_tolerance.value",
    "default tolerance kind": "default_tolerance.kind",
    "risk appetite": "risk_appetite",
    "review days": "review_days",
    "reminders working days before": "reminders.working_days_before",
    "notes": "notes",
}


def written(data: dict[str, Any], path: str) -> Any:
    """A field of the seed file as a person would type it in a cell."""
    value: Any = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(f"{m['period']}: {m['value']}" for m in value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return value


def headers(sheet: Any) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def filled_template(tmp_path: Path) -> bytes:
    """The template, filled in with the seed's programme, population, recommendations and
    indicators, cell by cell, as the seed file writes them."""
    seed = yaml.safe_load(Path(SEED_PROGRAMME).read_text(encoding="utf-8"))
    workbook = openpyxl.load_workbook(io.BytesIO(scorecard_workbook()))
    info = workbook["Programme"]
    for row in info.iter_rows(min_row=2):
        if row[0].value in PROGRAMME_CELLS:
            row[1].value = written(seed["programme"], PROGRAMME_CELLS[row[0].value])
    for year, children in seed["programme"]["population"].items():
        workbook["Population"].append([year, children])
    for rec in seed["recommendations"]:
        workbook["Recommendations"].append([rec["number"], rec["title"]])
    sheet = workbook["Indicators"]
    columns = headers(sheet)
    for number, indicator in enumerate(seed["indicators"], start=2):
        for header, path in INDICATOR_CELLS.items():
            value = written(indicator, path)
            if isinstance(value, dt.date):
                value = value.isoformat()
            sheet.cell(number, columns[header], value)
    saved = tmp_path / "scorecard.xlsx"
    workbook.save(saved)
    return saved.read_bytes()


def test_the_template_filled_with_the_seeds_indicators_loads_as_the_seed_file_does(
    tmp_path: Path,
) -> None:
    expected = SEED.model_copy(
        update={
            "reporting": [],
            "standing_reports": [],
            "actions": [],
            "evidence_items": [],
            "success_criteria": [],
            "meetings": [],
            "risks": [],
        }
    )
    assert parse_scorecard(filled_template(tmp_path), source="scorecard.xlsx") == expected


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.stem)
def test_a_whole_programme_written_as_a_scorecard_reads_back_the_same(file: Path) -> None:
    programme = load_programme(file)
    assert parse_scorecard(scorecard_workbook(programme), source="s.xlsx") == programme


def test_the_template_has_a_sheet_for_each_part_with_its_headers() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(scorecard_workbook()))
    assert workbook.sheetnames == [
        "Read me",
        "Programme",
        "Population",
        "Reporting",
        "Recommendations",
        "Indicators",
        "Actions",
        "Milestones",
        "Evidence",
        "Success criteria",
        "Meetings",
        "Reports",
        "Risks",
    ]
    indicators = list(headers(workbook["Indicators"]))
    assert indicators[:6] == ["Key", "Code", "Name", "Unit", "Polarity", "Baseline"]
    assert {"Target", "Tolerance", "Owner", "Linked recommendations"} <= set(indicators)


def seed_workbook() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(scorecard_workbook(SEED)))


def problems_of(workbook: openpyxl.Workbook) -> list[str]:
    data = io.BytesIO()
    workbook.save(data)
    with pytest.raises(ProblemsFound) as found:
        parse_scorecard(data.getvalue(), source="bad.xlsx")
    return [str(p) for p in found.value.problems]


def test_bad_cells_are_each_named_by_sheet_row_and_column_all_at_once() -> None:
    workbook = seed_workbook()
    sheet = workbook["Indicators"]
    column = headers(sheet)
    sheet.cell(3, column["Unit"], "percentage")
    sheet.cell(4, column["Target"], "lots")
    sheet.cell(6, column["Milestones"], "2006-09 180")
    sheet.cell(1, len(column) + 1, "Colour")
    workbook["Milestones"].cell(2, 1, "no-such-action")
    workbook["Reports"].cell(2, 1, "2031-01")
    risks = workbook["Risks"]
    risks.cell(2, headers(risks)["Likelihood"], "likely")
    assert problems_of(workbook) == [
        "bad.xlsx, sheet Indicators, row 1, column AF: 'Colour' is not a column of this sheet "
        "(columns: " + ", ".join(column) + ")",
        "bad.xlsx, sheet Indicators, row 6, column AB (Milestones): '2006-09 180' is not a "
        "milestone written month: value (such as 2006-09: 180; 2006-12: 195)",
        "bad.xlsx, sheet Milestones, row 2, column A (Action): names action 'no-such-action', "
        "which is not on the Actions sheet",
        "bad.xlsx, sheet Reports, row 2, column A (Meeting): names meeting '2031-01', which is "
        "not on the Meetings sheet (or write every meeting)",
        "bad.xlsx, sheet Indicators, row 3, column D (Unit): Input should be 'percent', "
        "'rate_per_10000', 'count', 'money' or 'number' (found 'percentage')",
        "bad.xlsx, sheet Indicators, row 4, column L (Target): Input should be a valid number, "
        "unable to parse string as a number (found 'lots')",
        "bad.xlsx, sheet Risks, row 2, column F (Likelihood): Input should be a valid integer, "
        "unable to parse string as an integer (found 'likely')",
    ]


def test_the_programme_files_rules_across_sections_are_located_in_the_workbook() -> None:
    workbook = seed_workbook()
    sheet = workbook["Indicators"]
    column = headers(sheet)
    sheet.cell(3, column["Baseline"], 150)  # CH 143 is a percentage
    sheet.cell(5, column["Linked recommendations"], "1, 99")
    workbook["Population"].cell(2, 2, -5)
    workbook["Population"].cell(3, 2, 35798)
    assert problems_of(workbook) == [
        "bad.xlsx, sheet Population, row 2, column B (Children): Input should be greater than 0 "
        "(found -5)",
    ]
    workbook["Population"].cell(2, 2, 35798)
    assert problems_of(workbook) == [
        "bad.xlsx, sheet Indicators, row 3, column F (Baseline): a percentage must be between 0 "
        "and 100 (found 150)",
        "bad.xlsx, sheet Indicators, row 5, column U (Linked recommendations): names "
        "recommendation '99', which is not in recommendations",
    ]


def test_a_sheet_the_scorecard_does_not_have_is_refused_by_name() -> None:
    workbook = seed_workbook()
    workbook.create_sheet("Chart data")
    assert problems_of(workbook)[0].startswith(
        "bad.xlsx, sheet Chart data: is not a sheet of the scorecard (its sheets are Programme,"
    )


def test_a_month_excel_turned_into_a_date_is_read_as_its_month() -> None:
    workbook = seed_workbook()
    sheet = workbook["Indicators"]
    sheet.cell(2, headers(sheet)["Baseline month"], dt.datetime(2006, 3, 1))
    data = io.BytesIO()
    workbook.save(data)
    read = parse_scorecard(data.getvalue(), source="s.xlsx")
    assert read.indicators[0].baseline.period == "2006-03"


def test_a_figure_shown_as_a_percentage_is_read_as_the_percentage_seen() -> None:
    workbook = seed_workbook()
    sheet = workbook["Indicators"]
    cell = sheet.cell(3, headers(sheet)["Target"], 0.65)
    cell.number_format = "0%"
    data = io.BytesIO()
    workbook.save(data)
    assert parse_scorecard(data.getvalue(), source="s.xlsx").indicators[1].target == (
        SEED.indicators[1].target
    )


def test_a_file_that_is_not_a_workbook_is_refused_saying_so(tmp_path: Path) -> None:
    fake = tmp_path / "scorecard.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ProblemsFound) as found:
        load_programme_file(fake)
    assert "scorecard.xlsx: is a damaged zip file" in str(found.value.problems[0])


def test_a_programme_file_is_read_by_its_kind(tmp_path: Path) -> None:
    workbook = tmp_path / "seed.xlsx"
    workbook.write_bytes(scorecard_workbook(SEED))
    assert load_programme_file(workbook) == load_programme_file(Path(SEED_PROGRAMME)) == SEED
    assert isinstance(SEED, Programme)


def test_a_column_or_a_programme_field_written_twice_is_a_problem_where_it_is_again() -> None:
    workbook = seed_workbook()
    sheet = workbook["Indicators"]
    sheet.cell(1, len(headers(sheet)) + 1, "target")
    workbook["Programme"].append(["council", "Hereford"])
    assert problems_of(workbook) == [
        "bad.xlsx, sheet Programme, row 25, column A (field): council is written twice "
        "(first in row 4)",
        "bad.xlsx, sheet Indicators, row 1, column AF: Target is a column twice "
        "(first in column L)",
    ]
