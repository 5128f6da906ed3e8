"""One check of every value: the rules the programme file and the returns share.

Each check gives back the value (a code normalised) or a ValueProblem whose message says what was
found and what was expected, so either door (a YAML field, a return's cell) reports it the same.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core import values
from improvement_board.core.periods import Period
from improvement_board.core.values import ValueProblem


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 1e16, -1e16, 1e300])
def test_a_number_must_be_finite_and_no_larger_than_a_million_billion(bad: float) -> None:
    with pytest.raises(ValueProblem, match=r"not a number|too large"):
        values.number(bad)


def test_numbers_up_to_a_million_billion_are_figures() -> None:
    assert values.number(10**15) == 10**15
    assert values.number(-2_690_000.5) == -2_690_000.5


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (100.5, "percent", "a percentage must be between 0 and 100 (found 100.5)"),
        (-0.1, "percent", "a percentage must be between 0 and 100 (found -0.1)"),
        (-1, "count", "a count cannot be negative (found -1)"),
        (-3, "rate_per_10000", "a rate per 10,000 children cannot be negative (found -3)"),
    ],
)
def test_a_figure_outside_its_units_range_says_what_the_range_is(
    value: float, unit: str, expected: str
) -> None:
    with pytest.raises(ValueProblem) as raised:
        values.in_unit(value, unit)  # type: ignore[arg-type]
    assert str(raised.value) == expected


@pytest.mark.parametrize(("value", "unit"), [(0, "percent"), (100, "percent"), (-5, "money")])
def test_figures_within_their_units_range_pass(value: float, unit: str) -> None:
    assert values.in_unit(value, unit) == value  # type: ignore[arg-type]


def test_a_whole_number_must_fit_the_stores_integer_columns() -> None:
    assert values.whole(2**31 - 1) == 2**31 - 1
    with pytest.raises(ValueProblem, match="from 0 to 2,147,483,647"):
        values.whole(99999999999999999999)


@pytest.mark.parametrize("written", ["١٧٥", "１７５", "2006-٠٤", "۱۲"])
def test_digits_other_than_0_to_9_are_refused_and_named(written: str) -> None:
    with pytest.raises(ValueProblem, match="digits other than 0-9"):
        values.digits(written)


def test_ascii_digits_pass_unchanged() -> None:
    assert values.digits("2006-04 and 175") == "2006-04 and 175"


@pytest.mark.parametrize("hidden", ["\x07", "\x00", "\u202e", "\u200b", "\ufeff", "\n"])
def test_a_name_holding_a_control_or_hidden_character_is_refused(hidden: str) -> None:
    with pytest.raises(ValueProblem, match="holds"):
        values.line(f"Demo{hidden}shire", 200)


def test_a_paragraph_may_hold_line_breaks_and_tabs_but_not_other_controls() -> None:
    assert values.paragraph("First line\r\n\tsecond line") == "First line\r\n\tsecond line"
    with pytest.raises(ValueProblem, match="U\\+001B"):
        values.paragraph("colour \x1b[31m red")


def test_a_name_longer_than_its_limit_is_refused_with_both_lengths() -> None:
    with pytest.raises(ValueProblem, match="is 1,000,000 characters long; at most 300"):
        values.line("x" * 1_000_000, 300)


def test_a_code_in_cyrillic_look_alikes_is_refused_naming_the_letters() -> None:
    with pytest.raises(ValueProblem) as raised:
        values.code("СН 141")
    assert "CYRILLIC CAPITAL LETTER ES" in str(raised.value)


def test_a_code_mixing_scripts_says_so() -> None:
    with pytest.raises(ValueProblem, match="mixes Cyrillic and Latin letters"):
        values.code("CН 141")


def test_a_code_is_normalised_with_nfkc() -> None:
    assert values.code("ＣＨ １４１") == "CH 141"
    assert values.code(" CF/C64 ") == "CF/C64"


def test_the_seed_codes_are_in_the_declared_character_set() -> None:
    for code in ["CH 141", "CF/C64", "Local PI OT", "SC 5037", "DIS 1704", "C19", "E06000019"]:
        assert values.code(code) == code


def test_a_programme_runs_at_most_ten_years() -> None:
    values.programme_span(Period(2006, 4), Period(2016, 3))
    with pytest.raises(ValueProblem, match="121 months long"):
        values.programme_span(Period(2006, 4), Period(2016, 4))
    with pytest.raises(ValueProblem, match="95,925 months long"):
        values.programme_span(Period(2006, 4), Period(9999, 12))


def test_other_months_fall_within_ten_years_of_the_programme() -> None:
    first, last = Period(2006, 4), Period(2007, 3)
    values.near_programme(Period(1996, 4), first, last)
    values.near_programme(Period(2017, 3), first, last)
    with pytest.raises(ValueProblem, match="from 1996-04 to 2017-03"):
        values.near_programme(Period(2017, 4), first, last)


@pytest.mark.parametrize(
    ("written", "decimals"), [(89.5, 1), (90.0, 0), (89.47, 2), (2.69e6, 0), (1.5e-3, 4)]
)
def test_the_decimals_of_a_number_are_those_it_was_written_to(
    written: float, decimals: int
) -> None:
    assert values.decimals_of(written) == decimals


def test_counts_agree_with_a_value_rounded_from_them() -> None:
    assert values.counts_disagree(89.5, 17, 19, "percent", 1) is None


def test_counts_that_make_no_percentage_are_named() -> None:
    message = values.counts_disagree(89.5, 99999, 20, "percent", 1)
    assert message is not None and "numerator 99999 is more than the denominator 20" in message


def test_a_value_far_from_its_counts_is_named_with_what_they_give() -> None:
    message = values.counts_disagree(89.3, 17, 19, "percent", 1)
    assert message is not None and "which give 89.47" in message


@given(st.floats())
def test_number_either_returns_a_finite_figure_or_says_why(value: float) -> None:
    try:
        assert math.isfinite(values.number(value))
    except ValueProblem as problem:
        assert str(problem)


@given(st.text(max_size=50))
def test_code_either_returns_a_code_of_the_declared_characters_or_says_why(text: str) -> None:
    try:
        code = values.code(text)
    except ValueProblem as problem:
        assert str(problem)
    else:
        assert all(ch.isascii() and (ch.isalnum() or ch in " /-._()") for ch in code)
