"""A return's values pass the same checks as the programme file's (core/values.py): numbers in
the digits 0-9 and no larger than a million billion, notes within their length and characters."""

from __future__ import annotations

import pytest

from tests.core.returns.cadenced import LONG, only, problems, read


@pytest.mark.parametrize("written", ["١٧٥", "１７５", "۱۷۵"])
def test_a_value_in_other_digits_is_refused_naming_them(written: str) -> None:
    problem = only(f"{LONG}\nCH 141,2024-04,{written},,,\n")
    assert (problem.row, problem.column) == (2, "C (value)")
    assert "is written with digits other than 0-9" in problem.message


def test_counts_in_other_digits_are_refused() -> None:
    problem = only(f"{LONG}\nRV 1,2024-04,,١٩,20,\n")
    assert (problem.row, problem.column) == (2, "D (numerator)")
    assert "digits other than 0-9" in problem.message


@pytest.mark.parametrize("period", ["٢٠٢٤-٠٤", "２０２４-０４"])
def test_a_period_in_other_digits_is_refused(period: str) -> None:
    problem = only(f"{LONG}\nCH 141,{period},175,,,\n")
    assert (problem.row, problem.column) == (2, "B (period)")
    assert "digits other than 0-9" in problem.message


@pytest.mark.parametrize("written", ["1e400", "1e16", "-2e15"])
def test_a_number_too_large_to_be_a_figure_is_refused_as_such(written: str) -> None:
    problem = only(f"{LONG}\nCH 141,2024-04,{written},,,\n")
    assert "is too large to be a figure (at most 10^15)" in problem.message


def test_counts_too_large_are_refused_as_such() -> None:
    found = problems(f"{LONG}\nRV 1,2024-04,,1e400,1e401,\n")
    assert [(p.column, "too large" in p.message) for p in found] == [
        ("D (numerator)", True),
        ("E (denominator)", True),
    ]


def test_a_note_holding_a_control_character_is_refused_at_the_note() -> None:
    problem = only(f'{LONG}\nCH 141,2024-04,175,,,"late\x1b[31m"\n')
    assert (problem.row, problem.column) == (2, "F (note)")
    assert "the note holds the hidden character U+001B" in problem.message


def test_a_note_longer_than_ten_thousand_characters_is_refused() -> None:
    problem = only(f"{LONG}\nCH 141,2024-04,175,,,{'x' * 10_001}\n")
    assert "the note is 10,001 characters long; at most 10,000" in problem.message


def test_a_note_over_several_lines_is_kept() -> None:
    (row,) = read(f'{LONG}\nCH 141,2024-04,175,,,"first\nsecond"\n')
    assert row.note == "first\nsecond"
