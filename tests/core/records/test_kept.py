"""Working extracts: by default a load with problems stores nothing; asked to keep problems, it
stores the extract without every child a problem touches and keeps the problems with it."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import compute_measures
from improvement_board.core.records.load import load_records
from improvement_board.core.records.store import read_manifest
from tests.core.records.builders import COUNCIL, KEY, episodes_903, header_903
from tests.shared import PEERS, require

YEAR_END = date(2020, 3, 31)


def demand_model_2019() -> list[Path]:
    folder = require(PEERS / "ssda903_demand_model")
    return [folder / f"2019-{name}.csv" for name in ("header", "episodes", "uasc")]


def children_at(path: Path, lines: set[int]) -> set[str]:
    """The CHILD of each given line of a CSV table, read straight from the file."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        return {row["CHILD"] for row in reader if reader.line_num in lines}


def test_the_2019_extract_is_refused_whole_by_default(tmp_path: Path) -> None:
    result = load_records("ssda903", demand_model_2019(), store=tmp_path, key=KEY,
                          council=COUNCIL, period_end=YEAR_END)  # fmt: skip

    assert len(result.problems) == 5 and result.stored is None
    assert list(tmp_path.glob("ssda903/*")) == []


def test_the_2019_extract_kept_with_its_problems_gives_figures_with_the_five_listed(
    tmp_path: Path,
) -> None:
    paths = demand_model_2019()
    result = load_records("ssda903", paths, store=tmp_path, key=KEY, council=COUNCIL,
                          period_end=YEAR_END, keep_problems=True)  # fmt: skip

    assert result.problems == () and result.stored is not None
    assert len(result.kept) == 5
    assert {(p.where.file, p.where.row) for p in result.kept} == {
        ("2019-episodes.csv", row) for row in (11, 163, 164, 167, 400)
    }
    affected = children_at(paths[1], {p.where.row for p in result.kept if p.where.row})
    assert result.excluded is not None and result.excluded.children == len(affected)
    manifest = read_manifest(result.stored)
    assert manifest is not None and len(manifest["problems"]) == 5
    assert manifest["excluded"]["councils"][COUNCIL]["children"] == len(affected)
    stored = pq.read_table(result.stored / "children.parquet").num_rows
    with paths[0].open(encoding="utf-8") as header:
        assert stored == sum(1 for _ in header) - 1 - len(affected)

    figures = compute_measures(
        result.stored, periods=[Period(2020, 3)], population={(COUNCIL, 2019): 50_000},
        measures=["looked_after_per_10k"],
    )  # fmt: skip

    [figure] = figures
    assert figure.council == COUNCIL and figure.value is not None and figure.numerator > 0


def test_every_record_of_a_child_with_a_problem_is_left_out(tmp_path: Path) -> None:
    header = header_903(tmp_path, [["1", "1", "01/02/2010", "WBRI", ""],
                                   ["2", "2", "01/02/2011", "WBRI", ""]])  # fmt: skip
    episodes = episodes_903(tmp_path, [
        ["1", "03/04/2017", "S", "C2", "U1", "01/06/2017", "X1"],
        ["1", "01/06/2017", "P", "C2", "XX", "", ""],  # a placement that is not a code
        ["2", "03/04/2017", "S", "C2", "U1", "", ""],
    ])  # fmt: skip

    result = load_records("ssda903", [header, episodes], store=tmp_path / "store", key=KEY,
                          council=COUNCIL, period_end=date(2018, 3, 31),
                          keep_problems=True)  # fmt: skip

    assert result.stored is not None
    assert [(p.rule, p.field, p.where.row) for p in result.kept] == [("known-code", "PLACE", 3)]
    assert result.rows == {"children": 1, "care_episodes": 1, "care_outcomes": 0,
                           "care_leavers": 0}  # fmt: skip
    assert result.excluded is not None and result.excluded.rows == {
        "children": 1,
        "care_episodes": 2,
    }


def test_a_problem_no_record_answers_for_still_refuses_a_load_keeping_problems(
    tmp_path: Path,
) -> None:
    header = header_903(tmp_path, [["1", "1", "01/02/2010", "WBRI", ""]])
    broken = tmp_path / "episodes.csv"
    broken.write_bytes(b"\xff\xfe not text")

    result = load_records("ssda903", [header, broken], store=tmp_path / "store", key=KEY,
                          council=COUNCIL, period_end=date(2018, 3, 31),
                          keep_problems=True)  # fmt: skip

    assert result.stored is None and result.kept == ()
    assert [p.rule for p in result.problems] == ["encoding"]
    assert not (tmp_path / "store" / "ssda903").exists()
