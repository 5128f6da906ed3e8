"""Units, polarity and qualified targets: what a figure means and how to show it.

A board reads "175 per 10,000 (633 referrals)" and "89.5% (19/20)", so a unit knows both how to
format a value and whether counts stand behind it.
"""

from __future__ import annotations

from typing import Literal

Unit = Literal["percent", "rate_per_10000", "count", "money", "number"]
"""percent: 0-100 with numerator/denominator; rate_per_10000: per 10,000 under-18s; count: whole
things (short breaks, CAFs); money: pounds, shown as £M; number: any other plain quantity."""

Polarity = Literal["higher", "lower", "band", "context"]
"""higher / lower is better; band: inside a range is good (too low can mean missed need);
context: watched for trend only, never given a RAG."""

Qualifier = Literal["reach", "at_least", "at_most", "up_to", "maintain", "band"]
"""How a target reads. reach: get to the value by the target date; at_least: never fall below it
(a floor, such as retention 93.2 -> 92.0); at_most: never rise above it; up_to: reach as much as the
value, the plan's own "Up to 75%" (an aspiration judged like reach); maintain: hold the baseline
(100% -> 100%); band: stay between low and high."""

UNITS: tuple[Unit, ...] = ("percent", "rate_per_10000", "count", "money", "number")
POLARITIES: tuple[Polarity, ...] = ("higher", "lower", "band", "context")
QUALIFIERS: tuple[Qualifier, ...] = ("reach", "at_least", "at_most", "up_to", "maintain", "band")

UNIT_LABELS: dict[Unit, str] = {
    "percent": "%",
    "rate_per_10000": "per 10,000 children",
    "count": "number",
    "money": "£M",
    "number": "",
}


def format_value(value: float | None, unit: Unit, decimals: int = 1) -> str:
    """Show a value the way the sector writes it; ``–`` where there is none."""
    if value is None:
        return "–"
    if unit == "percent":
        return f"{value:.{decimals}f}%"
    if unit == "money":
        return f"£{value / 1_000_000:.2f}M"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.{decimals}f}"


def format_counts(numerator: float | None, denominator: float | None) -> str:
    """The actual numbers behind a rate: ``19/20``, or empty when there are none."""
    if numerator is None:
        return ""
    if denominator is None:
        return f"{numerator:,.0f}"
    return f"{numerator:,.0f}/{denominator:,.0f}"


def value_from_counts(numerator: float, denominator: float, unit: Unit) -> float | None:
    """The value that a numerator and denominator imply, or None where the unit has no ratio."""
    if denominator == 0:
        return None
    if unit == "percent":
        return 100 * numerator / denominator
    if unit == "rate_per_10000":
        return 10_000 * numerator / denominator
    if unit == "number":
        return numerator / denominator
    return None


def better(polarity: Polarity, a: float, b: float) -> bool:
    """True when ``a`` is strictly better than ``b`` for a directional polarity."""
    if polarity == "higher":
        return a > b
    if polarity == "lower":
        return a < b
    return False
