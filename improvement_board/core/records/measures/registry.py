"""The registry of record-based measures: each written once, as SQL any engine can run.

A measure is a function whose docstring says what it counts (with a worked example) and which
returns its SQL; the ``measure`` decorator records it with its metadata. The SQL reads only:

- the canonical tables (``records.schema.TABLES``), one per table. An engine may hold the
  identifiers (``child_id``, ``referral_id``, ``worker_id``) and ``council`` as integer keys
  (DuckDB's does, for speed), so SQL compares them only with each other, for equality, and
  returns ``council`` as it finds it;
- ``periods``: ``period`` (text ``YYYY-MM``), ``month_index`` (``Period.index``), ``month_start``,
  ``month_end``, ``year_start`` (first day of the 12 months ending with the period) and
  ``population_year`` (the ONS mid-year estimate a rate for the period uses);
- ``population``: ``council``, ``year``, ``population`` (aged 0–17);
- ``working_calendar``: ``day``, ``workday_number`` (see ``core.workingdays``);
- shared steps (``step`` decorator), each materialised once before the measures that need them,
  after the steps it reads itself (its ``steps``).

Values from outside (kinds, thresholds) are bound parameters (``$name``), never pasted into the
text. Every query returns ``council``, ``period``, ``numerator`` and ``denominator``; the value is
derived from those counts in Python, so the counts are always kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Unit = Literal["per_10k", "percent", "ratio"]
Polarity = Literal["higher", "lower", "band", "context"]
PeriodRule = Literal["month", "rolling_12_months", "month_end", "annual_return"]
Era = Literal["seed", "today"]

SCALES: dict[Unit, float] = {"per_10k": 10_000.0, "percent": 100.0, "ratio": 1.0}
PERIOD_RULES: dict[PeriodRule, str] = {
    "month": "events in the calendar month",
    "rolling_12_months": "events in the 12 months ending with the month (not annualised)",
    "month_end": "a count on the last day of the month",
    "annual_return": "an annual return, shown in the month holding its reference date",
}
_PARAMETER = re.compile(r"\$([a-z_]+)")


@dataclass(frozen=True)
class Step:
    """A named intermediate table shared by several measures, built after the steps it reads."""

    name: str
    tables: tuple[str, ...]
    sql: str
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One measure: its SQL, the parameters bound to it and what a board needs to read it."""

    name: str
    title: str
    code: str | None
    era: Era
    unit: Unit
    polarity: Polarity
    period_rule: PeriodRule
    numerator: str
    denominator: str
    tables: tuple[str, ...]
    sql: str
    doc: str
    steps: tuple[str, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def scale(self) -> float:
        return SCALES[self.unit]

    def value(self, numerator: float, denominator: float | None) -> float | None:
        """The figure a board reads, from the counts; None when there is nothing to divide by."""
        if not denominator:
            return None
        return numerator / denominator * self.scale


MEASURES: dict[str, Measure] = {}
STEPS: dict[str, Step] = {}


def parameters_in(sql: str) -> set[str]:
    return set(_PARAMETER.findall(sql))


def step(
    name: str, *, tables: tuple[str, ...], steps: tuple[str, ...] = ()
) -> Callable[[Callable[[], str]], Callable[[], str]]:
    """Record a shared step; its function returns the SQL that builds it."""

    def record(build: Callable[[], str]) -> Callable[[], str]:
        if name in STEPS:
            raise ValueError(f"step {name!r} is defined twice")
        STEPS[name] = Step(name=name, tables=tables, sql=build(), steps=steps)
        return build

    return record


def steps_for(measures: Iterable[Measure]) -> list[Step]:
    """Every step the measures read, each once, after the steps it reads itself."""
    ordered: dict[str, Step] = {}

    def add(name: str) -> None:
        if name not in ordered:
            for earlier in STEPS[name].steps:
                add(earlier)
            ordered[name] = STEPS[name]

    for chosen in measures:
        for name in chosen.steps:
            add(name)
    return list(ordered.values())


def measure(
    name: str,
    *,
    title: str,
    code: str | None,
    era: Era,
    unit: Unit,
    polarity: Polarity,
    period_rule: PeriodRule,
    numerator: str,
    denominator: str,
    tables: tuple[str, ...],
    steps: tuple[str, ...] = (),
    params: Mapping[str, object] | None = None,
) -> Callable[[Callable[[], str]], Callable[[], str]]:
    """Record a measure; its function's docstring is its definition, and it returns the SQL."""

    def record(build: Callable[[], str]) -> Callable[[], str]:
        if name in MEASURES:
            raise ValueError(f"measure {name!r} is defined twice")
        MEASURES[name] = Measure(
            name=name,
            title=title,
            code=code,
            era=era,
            unit=unit,
            polarity=polarity,
            period_rule=period_rule,
            numerator=numerator,
            denominator=denominator,
            tables=tables,
            sql=build(),
            doc=(build.__doc__ or "").strip(),
            steps=steps,
            params=dict(params or {}),
        )
        return build

    return record


# SQL building blocks shared by the definitions. They are fixed text: nothing from outside is
# ever placed into them.


def month_index(column: str) -> str:
    """The ``Period.index`` of a date column, so events join their month by equality."""
    return f"(year({column}) * 12 + month({column}) - 1)"


def rolling_12_months(monthly: str) -> str:
    """Sum a (council, month_index, n) table over the 12 months ending with each period."""
    return f"""
        SELECT m.council, p.period, sum(m.n) AS numerator
        FROM ({monthly}) AS m
        JOIN periods AS p ON m.month_index BETWEEN p.month_index - 11 AND p.month_index
        GROUP BY m.council, p.period"""


def per_10k(councils: str, counts: str) -> str:
    """Every council × period, with its count (zero when none) over the 0–17 population."""
    return f"""
        WITH counts AS ({counts}), councils AS ({councils})
        SELECT c.council, p.period, coalesce(n.numerator, 0) AS numerator,
               pop.population AS denominator
        FROM councils AS c
        CROSS JOIN periods AS p
        LEFT JOIN counts AS n ON n.council = c.council AND n.period = p.period
        LEFT JOIN population AS pop ON pop.council = c.council AND pop.year = p.population_year"""


def share(councils: str, counts: str) -> str:
    """Every council × period, with numerator and denominator (zero when none)."""
    return f"""
        WITH counts AS ({counts}), councils AS ({councils})
        SELECT c.council, p.period, coalesce(n.numerator, 0) AS numerator,
               coalesce(n.denominator, 0) AS denominator
        FROM councils AS c
        CROSS JOIN periods AS p
        LEFT JOIN counts AS n ON n.council = c.council AND n.period = p.period"""


def annual_per_10k(counts: str) -> str:
    """An annual return's count over the 0–17 population, in the months that have a return."""
    return f"""
        WITH counts AS ({counts})
        SELECT n.council, n.period, n.numerator, pop.population AS denominator
        FROM counts AS n
        JOIN periods AS p ON p.period = n.period
        LEFT JOIN population AS pop ON pop.council = n.council AND pop.year = p.population_year"""
