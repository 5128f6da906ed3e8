"""The checks across values and rows, on the plain layout (the same rules hold for every format)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from improvement_board.core.records.load import read_dataset
from tests.core.records.builders import COUNCIL, write_csv

TODAY = date(2026, 11, 25)


def problems_of(paths: list[Path], **given: object) -> list[tuple[int | None, str | None, str]]:
    reading = read_dataset("plain", paths, today=TODAY, **given)  # type: ignore[arg-type]
    return [(p.where.row, p.field, p.rule) for p in reading.problems]


def test_a_closure_before_its_referral_is_a_date_order_problem(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "referrals.csv",
        ["child_id", "referral_id", "referral_date", "closure_date"],
        [["1", "r1", "2024-05-01", "2024-06-01"], ["2", "r2", "2024-05-01", "2024-04-30"]],
    )

    assert problems_of([path], council=COUNCIL) == [(3, "closure_date", "date-order")]


def test_a_date_after_the_period_is_out_of_period_and_earlier_history_is_kept(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path / "cin_plans.csv",
        ["child_id", "start_date", "end_date"],
        [["1", "1999-01-01", "2001-01-01"], ["2", "2025-03-01", "2025-04-01"]],
    )

    found = problems_of([path], council=COUNCIL, period_end=date(2025, 3, 31))

    assert found == [(3, "end_date", "in-period")]


def test_without_a_period_a_future_date_is_the_problem(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "children.csv", ["child_id", "birth_date"], [["1", "2027-01-01"]])

    reading = read_dataset("plain", [path], council=COUNCIL, today=TODAY)

    [problem] = reading.problems
    assert (problem.rule, problem.message) == ("in-period", "in the future")


def test_overlapping_episodes_of_one_child_are_found_and_consecutive_ones_are_not(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path / "care_episodes.csv",
        ["child_id", "start_date", "end_date", "reason_new"],
        [
            ["1", "2024-01-01", "2024-02-01", "S"],
            ["1", "2024-02-01", "", "P"],  # starts the day the first ends: fine
            ["1", "2024-03-01", "2024-03-05", "P"],  # inside the open second episode
            ["2", "2024-03-01", "2024-03-05", "S"],  # another child
        ],
    )

    found = problems_of([path], council=COUNCIL)

    assert found == [(4, "start_date", "episodes-overlap")]


def test_the_same_worker_twice_in_one_census_is_a_duplicate(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "workers.csv",
        ["worker_id", "census_date", "fte"],
        [["W1", "2024-09-30", "1"], ["W2", "2024-09-30", "1"], ["W1", "2024-09-30", "0.5"]],
    )

    assert problems_of([path], council=COUNCIL) == [(4, "worker_id", "duplicate")]


def test_a_council_that_is_no_dfe_code_is_one_problem_for_the_file(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "children.csv",
        ["council", "child_id"],
        [["Herefordshire", "1"], ["Herefordshire", "2"]],
    )

    assert problems_of([path]) == [(None, "council", "council")]


def test_rows_without_a_council_anywhere_are_one_problem(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "children.csv", ["child_id"], [["1"], ["2"]])

    assert problems_of([path]) == [(None, "council", "required")]


def test_a_pooled_file_may_name_a_council_on_every_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "children.csv", ["council", "child_id"], [["E06000019", "1"], ["E08000025", "1"]]
    )

    reading = read_dataset("plain", [path], today=TODAY)

    assert reading.problems == () and reading.children() == 2
