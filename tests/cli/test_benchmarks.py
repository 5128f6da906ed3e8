"""``board benchmarks`` and the comparison in ``board status``, on DfE's real published files."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from improvement_board.cli import app
from improvement_board.demo import SEED_PROGRAMME
from tests.shared import DFE

pytestmark = pytest.mark.django_db
runner = CliRunner()


def board(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "300"})
    return result.exit_code, result.output


def test_every_dfe_measure_is_listed_with_its_dating_and_precision() -> None:
    code, output = board("benchmarks", "measures")
    assert code == 0
    assert "social_worker_vacancy_percent" in output and "annual, as at 30 September" in output
    assert "own calculation from Children in need" in output


def test_a_benchmark_is_shown_as_a_meeting_on_a_day_could_read_it() -> None:
    board("programme", "load", SEED_PROGRAMME)
    code, output = board(
        "benchmarks", "dfe", DFE, "--indicator", "CH 143", "--measure", "rereferrals_percent"
    )
    assert code == 0 and "new" in output
    code, output = board("benchmarks", "show", "--indicator", "CH 143", "--as-of", "2025-10-29")
    assert code == 0
    assert output.startswith("2023-24 (published 31 October 2024)")
    code, output = board(
        "benchmarks", "show", "--indicator", "CH 143", "--as-of", "2025-10-30", "--json"
    )
    shown = json.loads(output)
    assert shown["latest"] == "2024-25" and shown["published"] == "2025-10-30"
    latest = shown["periods"][-1]
    assert latest["council"]["shown"] == "14.8%" and latest["national_rank"] is not None
    assert len(shown["periods"]) == 10


def test_a_measure_that_does_not_fit_is_refused_without_a_traceback() -> None:
    board("programme", "load", SEED_PROGRAMME)
    code, output = board(
        "benchmarks", "dfe", DFE, "--indicator", "CH 143", "--measure", "referrals_per_10k"
    )
    assert code == 1 and "cannot be compared" in output and "Traceback" not in output
    code, output = board("benchmarks", "dfe", DFE, "--indicator", "CH 143", "--measure", "nope")
    assert code == 1 and "must be one of" in output


def test_status_prints_the_comparison_and_as_json_too(tmp_path) -> None:
    board("programme", "load", SEED_PROGRAMME)
    path = tmp_path / "october.csv"
    path.write_text("indicator,period,value\nCH 143,2006-10,60\n", encoding="utf-8")
    board("measurements", "load", path)
    board("benchmarks", "load", _comparators(tmp_path))
    code, output = board("status", "--period", "2006-10", "--json")
    assert code == 0
    rows = {row["indicator"]: row for row in json.loads(output)["indicators"]}
    assert rows["CH 143"]["benchmark"] == "49.0% (2005-06); England 55.0%"
    code, output = board("status", "--period", "2006-10")
    assert "Compared with other councils" in output


def _comparators(folder):
    path = folder / "comparators.csv"
    path.write_text(
        "council_code,indicator,year,value,published\n"
        "E06000019,CH 143,2006,49,2006-09-28\nE92000001,CH 143,2006,55,2006-09-28\n",
        encoding="utf-8",
    )
    return path
