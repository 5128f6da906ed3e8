"""Synthetic monthly figures for a programme: the demo's data, seeded so every run is the same.

These are not any council's figures. Each indicator moves from its baseline towards its target at
its own pace (some ahead of plan, some behind, so the demo shows every status), with noise, and
the counts behind every rate are generated first and the rate derived from them, as a real return
would be. How each unit is simulated:

- percent: a monthly cohort (denominator, e.g. referrals that month) and how many of it met the
  standard (numerator); the value is 100 × numerator ÷ denominator.
- rate per 10,000: a rolling 12-month count (or a count at month end) over the programme's 0-17
  population; the value is 10,000 × numerator ÷ denominator.
- count: a cumulative count from the start of the year (staff trained, CAFs completed) or a level.
- money: the annual amount in pounds at the month end.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass

from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, Programme
from improvement_board.core.units import value_from_counts

SEED = 2006
NOTE = "synthetic demo figure"


@dataclass(frozen=True, slots=True)
class DemoFigure:
    indicator: str
    period: Period
    value: float
    numerator: float | None
    denominator: float | None


def _cohort_size(indicator: Indicator) -> int:
    """A plausible monthly cohort for a percentage, from the baseline counts when given."""
    if indicator.baseline.denominator:
        return max(2, round(indicator.baseline.denominator / 12 * 3))
    return 40


def demo_figures(programme: Programme, *, upto: Period | None = None) -> list[DemoFigure]:
    """Every indicator's synthetic figure for every month of the programme (up to ``upto``)."""
    rng = random.Random(SEED)
    periods = [p for p in programme.periods if upto is None or p <= upto]
    figures: list[DemoFigure] = []
    for indicator in programme.indicators:
        pace = rng.choice([0.35, 0.7, 0.9, 1.0, 1.1, 1.25])
        for step, period in enumerate(periods, start=1):
            share = min(1.0, pace * step / len(programme.periods))
            figure = _figure(indicator, period, share, rng, programme)
            if _reported(indicator, period):
                figures.append(figure)
    return figures


def _reported(indicator: Indicator, period: Period) -> bool:
    """A figure comes for each period of the indicator's cadence (quarter ends, 31 March, ...)."""
    return indicator.cadence.holds(period)


def _planned(indicator: Indicator, share: float) -> float:
    start = indicator.baseline.value
    if start is None:
        start = 0.0
    target = indicator.target
    if target is None:
        return start  # a context indicator: watched, not steered
    if target.qualifier in {"maintain", "at_least", "at_most"} and not _moves(indicator):
        return start
    return start + (target.value - start) * share


def _moves(indicator: Indicator) -> bool:
    base = indicator.baseline.value
    target = indicator.target.value if indicator.target is not None else base
    if base is None or target is None:
        return True
    return (target > base) == (indicator.polarity == "higher") and target != base


def _figure(
    indicator: Indicator, period: Period, share: float, rng: random.Random, programme: Programme
) -> DemoFigure:
    aim = _planned(indicator, share)
    if indicator.unit == "percent":
        size = _cohort_size(indicator)
        denominator = max(1, round(size * rng.uniform(0.8, 1.2)))
        chance = min(1.0, max(0.0, aim / 100 + rng.gauss(0, 0.03)))
        numerator = sum(rng.random() < chance for _ in range(denominator))
        value = value_from_counts(numerator, denominator, "percent")
        return DemoFigure(indicator.key, period, round(value or 0.0, 1), numerator, denominator)
    if indicator.unit == "rate_per_10000":
        population = _population(programme, period)
        count = max(0, round(aim * population / 10_000 * rng.uniform(0.97, 1.03)))
        value = value_from_counts(count, population, "rate_per_10000") or 0.0
        return DemoFigure(indicator.key, period, round(value, 1), count, population)
    if indicator.unit == "money":
        amount = round(aim * rng.uniform(0.995, 1.005), -3)
        return DemoFigure(indicator.key, period, amount, None, None)
    value = max(0.0, round(aim * rng.uniform(0.95, 1.05)))
    return DemoFigure(indicator.key, period, value, None, None)


def _population(programme: Programme, period: Period) -> int:
    population = programme.programme.population
    year = max((y for y in population if y <= period.year), default=min(population))
    return population[year]


def demo_csv(figures: list[DemoFigure]) -> str:
    """The figures as a monthly return in the long layout, each row marked synthetic."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["indicator", "period", "value", "numerator", "denominator", "note"])
    for f in figures:
        counts = [_text(f.value), _text(f.numerator), _text(f.denominator)]
        writer.writerow([f.indicator, str(f.period), *counts, NOTE])
    return buffer.getvalue()


def _text(number: float | None) -> str:
    if number is None:
        return ""
    return f"{number:g}" if abs(number) < 1e6 else f"{number:.0f}"


DEMO_COUNCIL = "E06000019"
DEMO_COMPARATORS = tuple(f"E999999{n:02d}" for n in range(1, 11))
ENGLAND = "E92000001"
DEMO_PUBLISHED = "2006-09-28"
"""When the synthetic 2005-06 figures count as published: before the October 2006 meeting."""


def demo_comparators(programme: Programme) -> str:
    """Synthetic 2005-06 comparator figures for the rates and percentages, in the plain layout.

    Ten made-up councils (codes E99999901 to E99999910, which no real council has) and England,
    scattered around the programme's baselines; labelled synthetic in every row's name.
    """
    rng = random.Random(SEED + 1)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["council_code", "council_name", "year", "indicator", "value", "published"])
    day = DEMO_PUBLISHED
    for indicator in programme.indicators:
        base = indicator.baseline.value
        if base is None or indicator.unit not in {"percent", "rate_per_10000"}:
            continue
        writer.writerow([DEMO_COUNCIL, "This council (synthetic)", 2006, indicator.key, base, day])
        for number, code in enumerate(DEMO_COMPARATORS, start=1):
            value = _scatter(base, indicator.unit, rng)
            name = f"Synthetic comparator {number}"
            writer.writerow([code, name, 2006, indicator.key, value, day])
        england = _scatter(base, indicator.unit, rng)
        writer.writerow([ENGLAND, "England (synthetic)", 2006, indicator.key, england, day])
    return buffer.getvalue()


def _scatter(base: float, unit: str, rng: random.Random) -> float:
    value = base * rng.uniform(0.8, 1.25)
    return round(min(value, 100.0) if unit == "percent" else value, 1)
