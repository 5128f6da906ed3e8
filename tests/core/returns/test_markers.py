"""DfE's markers in a return: a cell holding ``u``, ``c``, ``x``, ``z``, ``k``, ``low``, ``:``,
``..`` or a range is the figure's marker, with no value, never "text where a number belongs",
and the rest of the return loads with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from improvement_board.core.markers import Marker
from improvement_board.core.periods import Period
from improvement_board.core.returns import parse_return
from tests.core.returns.cadenced import LONG, PROGRAMME, only, read, workbook

DOC = Path(__file__).resolve().parents[3] / "docs" / "monthly-returns.md"
SYMBOLS = ["u", "c", "x", "z", "k", "low", ":", ".."]


@pytest.mark.parametrize("written", [*SYMBOLS, "U", "Low", " c "])
def test_a_markers_symbol_is_read_as_the_figures_marker(written: str) -> None:
    text = f'{LONG}\nreviews,2024-04,"{written}",,,\nreviews,2024-05,88,,,\n'
    first, second = read(text)
    assert first.marker == Marker(written.strip().casefold())  # type: ignore[arg-type]
    assert (first.value, first.numerator, first.denominator) == (None, None, None)
    assert (second.value, second.marker) == (88, None)


@pytest.mark.parametrize("written", ["1 to 5", "<5", "≥ 10", "10 – 20"])
def test_a_range_in_place_of_a_figure_is_kept_as_written(written: str) -> None:
    (row,) = read(f'{LONG}\nreferrals,2024-04,"{written}",,,\n')
    assert row.marker == Marker("range", written) and row.value is None


def test_a_marker_in_a_wide_return_is_read_beside_the_figures_of_other_months() -> None:
    rows = read("PI,Apr-24,May-24,Jun-24\nCH 141,u,181.2,c\n")
    assert [(r.period, r.value, r.marker and r.marker.symbol) for r in rows] == [
        (Period(2024, 4), None, "u"),
        (Period(2024, 5), 181.2, None),
        (Period(2024, 6), None, "c"),
    ]


def test_a_marker_in_a_workbook_is_read_like_one_in_a_csv_file() -> None:
    data = workbook([["indicator", "period", "value"], ["RV 1", "2024-04", "x"]])
    (row,) = parse_return(data, PROGRAMME, source="april.xlsx")
    assert row.marker == Marker("x") and row.value is None


def test_a_marker_keeps_the_note_beside_it() -> None:
    (row,) = read(f"{LONG}\nreviews,2024-04,u,,,Fewer than ten reviews\n")
    assert (row.marker, row.note) == (Marker("u"), "Fewer than ten reviews")


def test_counts_beside_a_marker_are_a_problem_at_the_count() -> None:
    problem = only(f"{LONG}\nreviews,2024-04,c,3,4,\n")
    assert (problem.row, problem.column) == (2, "D (numerator)")
    assert "gives counts beside the marker c (suppressed to protect individuals)" in problem.message


def test_a_marker_and_counts_in_one_cell_are_a_problem_naming_both() -> None:
    problem = only('PI,Apr-24\nRV 1,"u (3/4)"\n')
    assert (problem.row, problem.column) == (2, "B (Apr-24)")
    assert "gives a marker and counts" in problem.message


def test_a_marker_where_a_count_belongs_says_where_markers_go() -> None:
    problem = only("PI,Apr-24\nRV 1,\nNumerator,c\nDenominator,4\n")
    assert (problem.row, problem.column) == (3, "B (Apr-24)")
    assert "write it as the figure's value" in problem.message


def test_a_range_too_long_to_keep_is_a_problem() -> None:
    written = "1 to " + "9" * 40
    problem = only(f'{LONG}\nreferrals,2024-04,"{written}",,,\n')
    assert "too long to keep" in problem.message


def test_a_range_in_other_digits_is_not_a_marker() -> None:
    problem = only(f'{LONG}\nreferrals,2024-04,"١ to ٥",,,\n')
    assert "digits other than 0-9" in problem.message


@pytest.mark.parametrize("written", ["n/a", "tbc", "uu", "cc"])
def test_other_text_is_still_text_where_a_number_belongs(written: str) -> None:
    problem = only(f"{LONG}\nreviews,2024-04,{written},,,\n")
    assert "text where a number belongs" in problem.message


def test_the_returns_guide_lists_every_marker_read_and_its_meaning() -> None:
    guide = DOC.read_text(encoding="utf-8")
    for symbol in SYMBOLS:
        assert f"| `{symbol}` |" in guide, symbol
    assert "`1 to 5`" in guide and "`<5`" in guide
