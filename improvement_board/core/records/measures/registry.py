"""The registry of record-based measures: each written once, as SQL any engine can run.

A measure is a function whose docstring says what it counts (with a worked example) and which
returns its SQL; the ``measure`` decorator records it with its metadata. The SQL reads only:

- the canonical tables (``records.schema.TABLES``), one per table. An identifier (``child_id``,
  ``referral_id``, ``worker_id``) names one child, referral or worker of one council (pseudonyms
  are made with the council), so SQL keys on it alone, never with ``council``. An engine may hold
  identifiers and ``council`` as integer keys (DuckDB's does, for speed), so SQL compares them
  only with each other, for equality, and returns ``council`` as it finds it;
- ``periods``: ``period`` (text ``YYYY-MM``), ``position`` (0, 1, 2… in month order),
  ``month_index`` (``Period.index``), ``month_start``,
  ``month_end``, ``year_start`` (first day of the 12 months ending with the period) and
  ``population_year`` (the ONS mid-year estimate a rate for the period uses);
- ``population``: ``council``, ``year``, ``population`` (aged 0–17);
- ``working_calendar``: ``day``, ``workday_number`` (see ``core.workingdays``);
- shared steps (``step`` decorator), each materialised once before the measures that need them,
  after the steps it reads itself (its ``steps``).

Values from outside (kinds, thresholds) are bound parameters (``$name``), never pasted into the
text. Every measure returns ``council``, ``period``, ``numerator`` and ``denominator``; the value
is derived from those counts in Python, so the counts are always kept. Counts inside a definition
are by ``month_index`` (an integer), and the building blocks below name the periods last.
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
        return figure(numerator, denominator, self.scale)


def figure(numerator: float, denominator: float | None, scale: float) -> float | None:
    """Numerator over denominator times the unit's scale; None when there is nothing to divide
    by. A plain function, so a run making a hundred thousand of them looks the scale up once."""
    if not denominator:
        return None
    return numerator / denominator * scale


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


def in_periods(column: str) -> str:
    """A date column within the months asked for (from the first one's start to the last one's
    end); counts grouped by month are then joined to the periods themselves."""
    return (
        f"{column} BETWEEN (SELECT min(month_start) FROM periods) "
        "AND (SELECT max(month_end) FROM periods)"
    )


def rolling_12_months(monthly: str) -> str:
    """Sum a (council, month_index, n) table over the 12 months ending with each period."""
    return f"""
        SELECT m.council, p.month_index, sum(m.n) AS numerator
        FROM ({monthly}) AS m
        JOIN periods AS p ON m.month_index BETWEEN p.month_index - 11 AND p.month_index
        GROUP BY m.council, p.month_index"""


def per_10k(councils: str, counts: str) -> str:
    """Every council × period, with its count (zero when none) over the 0–17 population.

    ``counts`` gives ``council``, ``month_index`` and ``numerator``.
    """
    return f"""
        WITH counts AS ({counts}), councils AS ({councils})
        SELECT c.council, p.period, coalesce(n.numerator, 0) AS numerator,
               pop.population AS denominator
        FROM councils AS c
        CROSS JOIN periods AS p
        LEFT JOIN counts AS n ON n.council = c.council AND n.month_index = p.month_index
        LEFT JOIN population AS pop ON pop.council = c.council AND pop.year = p.population_year"""


def share(councils: str, counts: str) -> str:
    """Every council × period, with numerator and denominator (zero when none).

    ``counts`` gives ``council``, ``month_index``, ``numerator`` and ``denominator``.
    """
    return f"""
        WITH counts AS ({counts}), councils AS ({councils})
        SELECT c.council, p.period, coalesce(n.numerator, 0) AS numerator,
               coalesce(n.denominator, 0) AS denominator
        FROM councils AS c
        CROSS JOIN periods AS p
        LEFT JOIN counts AS n ON n.council = c.council AND n.month_index = p.month_index"""


def annual_return(counts: str) -> str:
    """An annual return's counts, in the months asked for that have a return.

    ``counts`` gives ``council``, ``month_index``, ``numerator`` and ``denominator``.
    """
    return f"""
        WITH counts AS ({counts})
        SELECT n.council, p.period, n.numerator, n.denominator
        FROM counts AS n
        JOIN periods AS p ON p.month_index = n.month_index"""


def annual_per_10k(counts: str) -> str:
    """An annual return's count over the 0–17 population, in the months that have a return.

    ``counts`` gives ``council``, ``month_index`` and ``numerator``.
    """
    return f"""
        WITH counts AS ({counts})
        SELECT n.council, p.period, n.numerator, pop.population AS denominator
        FROM counts AS n
        JOIN periods AS p ON p.month_index = n.month_index
        LEFT JOIN population AS pop ON pop.council = n.council AND pop.year = p.population_year"""


# Counting what is open at each month end. Joining every spell to every month end it spans costs
# a row per spell and month; instead each spell becomes the positions (in ``periods``) of the
# first month end at which it is counted and the first at which it no longer is, and a running
# sum of +1 and -1 over the periods gives the count at each month end.


def reach(days: str) -> str:
    """For each distinct ``day`` the query gives, how many of the periods' month ends fall before
    it, counted four ways; each is the position of the first period for which it holds:

    - ``month_end``: the month end is on or after the day (so something starting that day is
      counted from this period on, and something ending that day no longer is);
    - ``two_years`` and ``thirty_months``: the day is on or before the month end less two years,
      or less 30 months (calendar arithmetic, as ``month_end - INTERVAL 2 YEAR``);
    - ``year_start``: the first day of the 12 months ending with the month is on or after it.

    A day after every month end gives the number of periods: never counted.
    """
    return f"""
        SELECT d.day,
               count(CASE WHEN p.month_end < d.day THEN 1 END) AS month_end,
               count(CASE WHEN p.month_end - INTERVAL 2 YEAR < d.day THEN 1 END) AS two_years,
               count(CASE WHEN p.month_end - INTERVAL 30 MONTH < d.day THEN 1 END)
                   AS thirty_months,
               count(CASE WHEN p.year_start < d.day THEN 1 END) AS year_start
        FROM (SELECT DISTINCT day FROM ({days}) AS given WHERE day IS NOT NULL) AS d
        CROSS JOIN periods AS p
        GROUP BY d.day"""


def running_counts(spans: str, counts: Mapping[str, tuple[str, str]]) -> str:
    """Per council and period, how many spans are counted at the month end, for each count.

    ``spans`` gives ``council`` and the positions each count names: a span is counted from the
    period at its first position up to, not including, the one at its second. Every council
    with spans gets every period, zero where none is open.
    """
    names = list(counts)

    def change(counted: str, position: str, step: int, where: str) -> str:
        """+1 (or -1) to one count at a position; 0 to the others."""
        values = ", ".join(f"{step if n == counted else 0} AS {n}" for n in names)
        return f"SELECT council, {position} AS position, {values} FROM spans WHERE {where}"

    changes = " UNION ALL ".join(
        f"{change(name, start, 1, f'{start} < {end}')} "
        f"UNION ALL {change(name, end, -1, f'{start} < {end}')}"
        for name, (start, end) in counts.items()
    )
    totals = ", ".join(
        f"sum(coalesce(c.{n}, 0)) OVER (PARTITION BY k.council ORDER BY p.position "
        f"ROWS UNBOUNDED PRECEDING) AS {n}"
        for n in names
    )
    grouped = ", ".join(f"sum({n}) AS {n}" for n in names)
    return f"""
        WITH spans AS ({spans}),
        changes AS (
            SELECT council, position, {grouped}
            FROM ({changes}) AS change
            GROUP BY council, position
        )
        SELECT k.council, p.month_index, {totals}
        FROM (SELECT DISTINCT council FROM spans) AS k
        CROSS JOIN periods AS p
        LEFT JOIN changes AS c ON c.council = k.council AND c.position = p.position"""
