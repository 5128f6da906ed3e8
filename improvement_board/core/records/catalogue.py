"""The catalogue of measures, written from the definitions themselves so it cannot go stale.

``docs/measures.md`` is this module's output (run it with ``python -m``); a test fails when the
two differ.
"""

from __future__ import annotations

import inspect

from improvement_board.core.records.measures import MEASURES, Measure

_RULES = {
    "month": "events in the calendar month",
    "rolling_12_months": "events in the 12 months to the month's end (not annualised)",
    "month_end": "a count on the month's last day",
    "annual_return": "an annual return, shown in the month of its reference date",
}


def _entry(measure: Measure) -> str:
    code = f" ({measure.code})" if measure.code else ""
    doc = inspect.cleandoc(measure.doc)
    return "\n".join(
        [
            f"## `{measure.name}`: {measure.title}{code}",
            "",
            "| | |",
            "|---|---|",
            f"| unit | {measure.unit} |",
            f"| polarity | {measure.polarity} |",
            f"| numerator | {measure.numerator} |",
            f"| denominator | {measure.denominator} |",
            f"| period | {_RULES.get(measure.period_rule, measure.period_rule)} |",
            f"| records | {', '.join(measure.tables)} |",
            f"| era | {measure.era} |",
            "",
            doc,
            "",
        ]
    )


def catalogue_markdown() -> str:
    """Every measure a programme's indicator may name (its ``measure:``), with its definition."""
    head = [
        "# Measures computed from child-level records",
        "",
        "An indicator names one of these in its `measure:` field; `board records compute` then",
        "computes it month by month from the records loaded, keeping the numerator and denominator",
        "beside every figure. Working days leave out weekends and England and Wales bank holidays.",
        "This page is generated from the definitions (`python -m improvement_board.core.records."
        "catalogue`).",
        "",
        "",
    ]
    return "\n".join(head) + "\n".join(_entry(m) for m in MEASURES.values())


if __name__ == "__main__":
    import sys

    sys.stdout.write(catalogue_markdown())
