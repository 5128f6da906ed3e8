"""Free text in a publishable output: only once reviewed; what was withheld, said in words."""

from __future__ import annotations

from improvement_board.core.disclosure import (
    PENDING_REVIEW,
    FreeText,
    Withheld,
    published_text,
    published_texts,
    withheld_lines,
)


def test_a_text_not_reviewed_is_withheld_from_a_publishable_output_only() -> None:
    text = FreeText("Two children in one placement moved twice")
    assert published_text(text, publish=False) == text.text
    assert published_text(text, publish=True) == PENDING_REVIEW


def test_a_reviewed_text_is_published_as_written() -> None:
    text = FreeText("Recruitment campaign launched in October", reviewed_for_publication=True)
    assert published_text(text, publish=True) == text.text


def test_an_empty_text_needs_no_review() -> None:
    assert published_text(FreeText("  "), publish=True) == "  "
    assert not FreeText("").pending


def test_several_texts_show_the_reviewed_and_count_the_rest_without_their_words() -> None:
    texts = [
        FreeText("Minutes of 26 September", reviewed_for_publication=True),
        FreeText("Child A's review held late"),
        FreeText("Letter from the inspector"),
        FreeText(""),
    ]
    assert published_texts(texts, publish=True, noun="evidence note") == (
        "Minutes of 26 September",
        "2 evidence notes withheld pending review for publication.",
    )
    assert published_texts(texts, publish=False) == (
        "Minutes of 26 September",
        "Child A's review held late",
        "Letter from the inspector",
    )
    assert published_texts(texts[1:2], publish=True) == (
        "1 note withheld pending review for publication.",
    )


def test_withheld_things_are_grouped_by_their_reason() -> None:
    lines = withheld_lines(
        [
            Withheld("status", "worked out from the September 2006 figure, which is suppressed"),
            None,
            Withheld("forecast", "worked out from the September 2006 figure, which is suppressed"),
            Withheld("baseline", "a count of 1 to 5 is behind it"),
            Withheld("status", "worked out from the September 2006 figure, which is suppressed"),
        ]
    )
    assert lines == (
        "Status and forecast: worked out from the September 2006 figure, which is suppressed.",
        "Baseline: a count of 1 to 5 is behind it.",
    )
