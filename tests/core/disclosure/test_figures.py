"""One figure and its counts as a publishable output may print them."""

from __future__ import annotations

import pytest

from improvement_board.core.disclosure import figure_hidden, published_counts, small_denominator


@pytest.mark.parametrize(
    ("numerator", "denominator", "printed", "hidden"),
    [
        (745, 35798, "745/35,798", False),
        (16, 32, "16/32", False),
        (0, 12, "0/12", False),
        (2, 36, "c/36", True),  # 2 hidden, and 34 since 36 - 34 would give it away
        (19, 20, "c/20", True),  # the 1 not in suitable accommodation, so the 19 too
        (35, 38, "c/38", True),
        (5, 5, "c/c", True),
        (3, None, "c", True),
        (12, 4, "12/c", True),
        (None, 20, "", False),
    ],
)
def test_published_counts_follow_dfe_practice(
    numerator: float | None, denominator: float | None, printed: str, hidden: bool
) -> None:
    assert published_counts(numerator, denominator) == (printed, hidden)


def test_a_part_of_a_post_counts_as_a_whole_so_it_is_never_shown_where_one_is_hidden() -> None:
    assert published_counts(4.5, 40) == ("c/40", True)
    assert published_counts(34.5, 40) == ("c/40", True)  # 40 - 35 = 5 not in post


def test_a_rate_over_a_hidden_count_is_hidden_with_it() -> None:
    assert figure_hidden("percent", 95.0, 19, 20)
    assert figure_hidden("rate_per_10000", 0.8, 3, 35_798)
    assert not figure_hidden("rate_per_10000", 201.4, 721, 35_798)


def test_a_count_of_one_to_five_is_hidden_and_zero_or_six_is_not() -> None:
    assert [figure_hidden("count", n, None, None) for n in (0, 1, 5, 6)] == [
        False,
        True,
        True,
        False,
    ]


def test_money_and_figures_without_counts_are_never_hidden() -> None:
    assert not figure_hidden("money", 3.0, None, None)
    assert not figure_hidden("percent", 4.0, None, None)
    assert not figure_hidden("count", None, None, None)


def test_a_denominator_under_ten_is_small() -> None:
    assert small_denominator(7, 8)
    assert not small_denominator(7, 10)
    assert not small_denominator(None, 8)
    assert not small_denominator(3, 0)
