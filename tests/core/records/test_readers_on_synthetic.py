"""The demo's synthetic returns, written in the statutory formats, read back without a problem."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import defusedxml.ElementTree as ElementTree
import pytest

from improvement_board.core.records.load import read_dataset
from improvement_board.core.records.synthetic import SyntheticSpec, simulate_council
from improvement_board.core.records.synthetic_formats import write_council_returns
from tests.core.records.builders import COUNCIL


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    spec = SyntheticSpec(councils=1, first_year=2021, years=3, seed=4, size=0.1)
    children = simulate_council(spec, 0).children
    return write_council_returns(tmp_path_factory.mktemp("returns"), children, year=2023, lea="999")


def data_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.DictReader(file))


def test_the_synthetic_ssda903_tables_are_read_without_problems(returns: list[Path]) -> None:
    tables = {path.stem.rsplit("_", 1)[-1]: path for path in returns if path.suffix == ".csv"}

    reading = read_dataset(
        "ssda903", list(tables.values()), council=COUNCIL, period_end=date(2023, 3, 31)
    )

    assert reading.problems == ()
    assert reading.counts() == {
        "children": data_rows(tables["header"]),
        "care_episodes": data_rows(tables["episodes"]),
        "care_outcomes": data_rows(tables["oc2"]),
        "care_leavers": data_rows(tables["oc3"]),
    }


def test_the_synthetic_cin_census_is_read_without_problems(returns: list[Path]) -> None:
    [census] = [path for path in returns if path.suffix == ".xml"]
    root = ElementTree.parse(census).getroot()

    reading = read_dataset("cin-census", [census])

    assert reading.problems == ()
    assert reading.counts()["children"] == len(root.findall("Children/Child"))
    assert reading.counts()["referrals"] == len(root.findall("Children/Child/CINdetails"))
    assert reading.counts()["assessments"] == len(root.findall(".//Assessments"))
