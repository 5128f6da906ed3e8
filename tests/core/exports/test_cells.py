"""Text written to a CSV file or a workbook never runs as a formula."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_board.core.exports import FORMULA_STARTS, neutral


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_text_starting_as_a_formula_gets_a_leading_apostrophe(start: str) -> None:
    assert neutral(f"{start}HYPERLINK(A1)") == f"'{start}HYPERLINK(A1)"


def test_plain_text_is_written_as_it_is() -> None:
    assert neutral("Recruit 12 social workers; review in March") == (
        "Recruit 12 social workers; review in March"
    )
    assert neutral("a - b = c") == "a - b = c"


def test_control_characters_a_workbook_cannot_hold_are_shown_not_dropped() -> None:
    assert neutral("before\x07after") == "before\ufffdafter"
    assert neutral("\x00=1+1") == "'\ufffd=1+1"
    assert neutral("line one\nline two\ttabbed") == "line one\nline two\ttabbed"


@given(st.text())
def test_no_neutral_text_starts_as_a_formula_or_holds_a_control_character(text: str) -> None:
    written = neutral(text)
    assert not written.startswith(FORMULA_STARTS)
    assert not any(ch < " " and ch not in "\t\n\r" for ch in written)
