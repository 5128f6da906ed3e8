"""Publishing counts: small numbers hidden, nothing recoverable from totals, input left alone."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from improvement_board.core.disclosure import (
    CountTable,
    DisclosureRules,
    PublishedTable,
    publish_rate,
    publish_table,
)
from improvement_board.core.problems import ProblemsFound


def with_totals(title: str, body: list[list[int]]) -> CountTable:
    """A table with a total column and a total row, the way a published table carries them."""
    rows = [[*row, sum(row)] for row in body]
    rows.append([sum(column) for column in zip(*rows, strict=True)])
    return CountTable(
        title=title,
        row_labels=(*(f"row {i}" for i in range(len(body))), "Total"),
        column_labels=(*(f"col {j}" for j in range(len(body[0]))), "Total"),
        counts=tuple(tuple(row) for row in rows),
        row_totals=True,
        column_totals=True,
    )


def plain(body: list[list[int]]) -> CountTable:
    labels = tuple(f"col {j}" for j in range(len(body[0])))
    rows = tuple(f"row {i}" for i in range(len(body)))
    return CountTable("plain", rows, labels, tuple(tuple(row) for row in body))


def hidden(table: PublishedTable) -> set[tuple[int, int]]:
    return {
        (r, c)
        for r, row in enumerate(table.cells)
        for c, cell in enumerate(row)
        if cell.value is None
    }


def recoverable(table: CountTable, published: PublishedTable) -> set[tuple[int, int]]:
    """Hidden cells that the published table gives away by subtraction from totals, repeated."""
    known = {
        (r, c): cell.value
        for r, row in enumerate(published.cells)
        for c, cell in enumerate(row)
        if cell.value is not None
    }
    height, width = len(table.counts), len(table.column_labels)
    lines = [[(r, c) for c in range(width)] for r in range(height)]
    lines += [[(r, c) for r in range(height)] for c in range(width)]
    found: set[tuple[int, int]] = set()
    progress = True
    while progress:
        progress = False
        for line in lines:
            unknown = [cell for cell in line if cell not in known]
            if len(unknown) == 1:
                total, *parts = line[::-1]
                cell = unknown[0]
                if cell == total:
                    known[cell] = sum(known[p] for p in parts)
                else:
                    known[cell] = known[total] - sum(known[p] for p in parts if p != cell)
                found.add(cell)
                progress = True
    return found


def test_counts_one_to_five_are_suppressed() -> None:
    published = publish_table(plain([[1, 2, 3, 4, 5, 6]]))
    assert published.texts() == (("c", "c", "c", "c", "c", "6"),)
    assert {cell.status for cell in published.cells[0][:5]} == {"primary"}


def test_zero_is_shown() -> None:
    published = publish_table(plain([[0, 7]]))
    assert published.texts() == (("0", "7"),)


def test_a_lone_hidden_cell_in_a_row_with_a_total_hides_the_next_smallest_cell() -> None:
    table = CountTable("row", ("a",), ("x", "y", "z", "Total"), ((3, 20, 9, 32),), row_totals=True)
    published = publish_table(table)
    assert published.texts() == (("c", "20", "c", "32"),)
    assert published.cells[0][2].status == "secondary"


def test_secondary_suppression_prefers_a_non_zero_cell_to_a_zero() -> None:
    table = CountTable("row", ("a",), ("x", "y", "z", "Total"), ((2, 0, 11, 13),), row_totals=True)
    assert publish_table(table).texts() == (("c", "0", "c", "13"),)


def test_secondary_suppression_repeats_until_no_line_has_a_single_hidden_cell() -> None:
    # Hiding the 8 beside the 2 settles row 0 but leaves column 0 with one hidden cell, so its next
    # smallest (40) goes; row 1 is then left with one, so its next smallest (9) goes as well.
    table = with_totals("chain", [[2, 8, 30], [40, 9, 10], [50, 60, 70]])
    published = publish_table(table)
    assert hidden(published) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert not recoverable(table, published)


def test_without_totals_nothing_beyond_the_small_counts_is_hidden() -> None:
    published = publish_table(plain([[3, 20], [40, 50]]))
    assert published.texts() == (("c", "20"), ("40", "50"))


def test_totals_are_rounded_to_the_nearest_ten_only_when_asked() -> None:
    table = with_totals("rounding", [[14, 21], [36, 47]])
    as_is = publish_table(table)
    rounded = publish_table(table, DisclosureRules(round_totals_to=10))
    assert as_is.texts()[2] == ("50", "68", "118")
    assert rounded.texts() == (("14", "21", "40"), ("36", "47", "80"), ("50", "70", "120"))
    assert rounded.cells[0][2].rounded and not rounded.cells[0][0].rounded


def test_the_input_table_is_not_changed() -> None:
    table = with_totals("input", [[1, 8], [9, 3]])
    before = copy.deepcopy(table)
    publish_table(table)
    assert table == before


def test_rates_over_a_small_denominator_are_flagged() -> None:
    assert publish_rate(8, 9).small_denominator
    assert publish_rate(8, 9).text == "88.9"
    assert not publish_rate(80, 90).small_denominator
    assert publish_rate(8, 12, rules=DisclosureRules(small_denominator=20)).small_denominator


def test_rates_over_a_hidden_count_are_hidden_and_over_zero_not_applicable() -> None:
    assert publish_rate(3, 200).text == "c"
    assert publish_rate(0, 200).text == "0.0"
    assert publish_rate(0, 0).text == "z"


def test_rates_round_half_up_as_the_dfe_does() -> None:
    assert publish_rate(25, 200, places=0).text == "13"
    assert publish_rate(45, 1000, places=0).text == "5"
    assert publish_rate(633, 36100, scale=10_000).text == "175.3"


def test_a_total_that_is_not_the_sum_is_reported_with_its_row_and_column() -> None:
    table = CountTable("bad", ("a", "b"), ("x", "Total"), ((6, 7), (8, 8)), row_totals=True)
    with pytest.raises(ProblemsFound) as raised:
        publish_table(table)
    (problem,) = raised.value.problems
    assert (problem.row, problem.column) == (1, "Total")
    assert "not the sum" in problem.message


def test_ragged_rows_and_negative_counts_are_all_reported() -> None:
    table = CountTable("bad", ("a", "b"), ("x", "y"), ((6, -1), (8,)))
    with pytest.raises(ProblemsFound) as raised:
        publish_table(table)
    messages = [str(problem) for problem in raised.value.problems]
    assert any("row 1, column y" in m and "-1" in m for m in messages)
    assert any("row 2" in m and "has 1 cells" in m for m in messages)


bodies = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=25), min_size=width, max_size=width),
        min_size=1,
        max_size=5,
    )
)


@settings(max_examples=300, deadline=None)
@given(bodies)
def test_no_suppressed_cell_can_be_recovered_from_a_row_or_column_total(
    body: list[list[int]],
) -> None:
    table = with_totals("random", body)
    published = publish_table(table)
    assert hidden(published) >= {
        (r, c) for r, row in enumerate(table.counts) for c, n in enumerate(row) if 1 <= n <= 5
    }
    assert not recoverable(table, published)
    for line_cells in [*published.cells, *zip(*published.cells, strict=True)]:
        assert sum(cell.value is None for cell in line_cells) != 1


@settings(max_examples=200, deadline=None)
@given(bodies)
def test_every_small_count_is_hidden_and_every_shown_count_is_true(body: list[list[int]]) -> None:
    table = with_totals("random", body)
    published = publish_table(table)
    for row, cells in zip(table.counts, published.cells, strict=True):
        for count, cell in zip(row, cells, strict=True):
            assert (cell.status == "primary") == (1 <= count <= 5)
            assert cell.value in (None, count)
