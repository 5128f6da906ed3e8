"""No suppressed value can be recovered from a published Minister's report.

Random small programmes (indicators of random units, counts 0 to 30, months missing at random)
are published, and an adversary reads the HTML: the register, the exception lines and the trend
tables. Whether a figure must be suppressed is decided here, independently of the code under
test, from DfE practice: a count of 1 to 5, or one that the total gives away by subtraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from improvement_board.core.benchmarks import Comparison, comparison_of, named_group
from improvement_board.core.benchmarks import Figure as ComparatorFigure
from improvement_board.core.dfe_measures import YEAR_TO_MARCH
from improvement_board.core.judge import Observation
from improvement_board.core.packs.minister import build_minister_report
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from improvement_board.core.programme import Baseline, Indicator, Programme, Target
from improvement_board.core.units import Unit, format_value, value_from_counts
from tests.core.packs.minister_inputs import (
    DECEMBER,
    PROGRAMME,
    list_items,
    minister_inputs,
    register,
)

MONTHS = [Period(2006, m) for m in range(4, 13)]
SEPTEMBER = Period(2006, 9)
UNITS: tuple[Unit, ...] = ("percent", "rate_per_10000", "count", "number")
SMALL = range(1, 6)


@dataclass(frozen=True)
class Figure:
    value: float | None
    numerator: int | None
    denominator: int | None


def _small(n: int | None, d: int | None) -> bool:
    """DfE practice, stated independently: a count of 1 to 5, or a remainder of 1 to 5."""
    counts = [c for c in (n, d) if c is not None]
    if n is not None and d is not None and n <= d:
        counts.append(d - n)
    return any(c in SMALL for c in counts)


def _hidden(unit: Unit, figure: Figure | None) -> bool:
    if figure is None:
        return False
    if figure.numerator is None and unit == "count":
        return figure.value is not None and figure.value in SMALL
    return _small(figure.numerator, figure.denominator)


@st.composite
def _figure(draw: st.DrawFn, unit: Unit) -> Figure:
    if unit == "count":
        return Figure(float(draw(st.integers(0, 30))), None, None)
    d = draw(st.integers(0, 30))
    n = draw(st.integers(0, d)) if draw(st.booleans()) else draw(st.integers(0, 30))
    return Figure(value_from_counts(n, d, unit) if d else None, n, d)


@st.composite
def _indicator(draw: st.DrawFn, number: int) -> tuple[Indicator, dict[Period, Figure]]:
    unit = draw(st.sampled_from(UNITS))
    base = draw(_figure(unit))
    value = base.value if base.value is not None else 10.0
    indicator = Indicator(
        key=f"ind-{number}",
        title=f"Indicator number {number}",
        unit=unit,
        polarity=draw(st.sampled_from(["higher", "lower"])),
        baseline=Baseline(
            value=value, numerator=base.numerator, denominator=base.denominator, period="2006-03"
        ),
        target=Target(value=draw(st.floats(0, 200, allow_nan=False)), period="2007-03"),
    )
    months = draw(st.lists(st.sampled_from(MONTHS), min_size=1, unique=True))
    return indicator, {month: draw(_figure(unit)) for month in sorted(months)}


Drawn = list[tuple[Indicator, dict[Period, Figure]]]


@st.composite
def _indicators(draw: st.DrawFn) -> Drawn:
    return [draw(_indicator(n)) for n in range(draw(st.integers(1, 4)))]


def _benchmarks(programme: Programme) -> dict[str, Comparison]:
    """Each indicator's council figure (its baseline) against three others."""
    group = named_group("comparators", ["b", "c", "d"])
    found = {}
    for i in programme.indicators:
        values = {"a": i.baseline.value, "b": 1.0, "c": 50.0, "d": 9999.0}
        figures = [
            ComparatorFigure(
                code, code, "council", Period(2006, 3), value, published=date(2006, 4, 1)
            )
            for code, value in values.items()
        ]
        comparison = comparison_of(
            council="a",
            figures=figures,
            group=group,
            as_of=date(2006, 12, 31),
            polarity=i.polarity,
            cadence=YEAR_TO_MARCH,
            source="test",
            title=i.label,
            unit=i.unit,
        )
        if comparison is not None:
            found[i.key] = comparison
    return found


def _shown_numbers(text: str) -> list[str]:
    return [part for part in text.replace(",", "").replace("(", " ").replace(")", " ").split()]


def _recoverable(unit: Unit, figure: str, counts: str) -> bool:
    """Whether a printed figure and counts give a count of 1 to 5 back: read as counts, by
    subtraction from a total, or as a rate times its printed denominator."""
    parts = counts.replace(",", "").split("/") if counts else []
    known = [int(p) for p in parts if p.isdigit()]
    if any(k in SMALL for k in known):
        return True
    if len(known) == 2 and known[0] <= known[1] and known[1] - known[0] in SMALL:
        return True
    if unit == "count" and figure.replace(",", "").isdigit():
        return int(figure.replace(",", "")) in SMALL
    if len(parts) == 2 and parts[1].isdigit() and figure not in ("c", "–"):
        d = int(parts[1])
        fits = [
            n for n in range(d + 1) if format_value(value_from_counts(n, d, unit), unit) == figure
        ]
        return len(fits) == 1 and _small(fits[0], d)
    return False


def _lines_about(lines: Iterable[str], name: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{name}:")]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_indicators())
def test_no_suppressed_value_can_be_recovered_from_the_published_report(drawn: Drawn) -> None:
    programme = PROGRAMME.model_copy(update={"indicators": [i for i, _ in drawn]})
    figures = {i.key: found for i, found in drawn}
    series = {
        key: [Observation(p, f.value, f.numerator, f.denominator) for p, f in found.items()]
        for key, found in figures.items()
    }
    inputs = minister_inputs(programme=programme, series=series, benchmarks=_benchmarks(programme))
    html = render_minister_html(build_minister_report(inputs, DECEMBER, publish=True))
    rows = register(html)
    exceptions = list_items(html, "exceptions")
    for indicator in programme.indicators:
        unit, name, found = indicator.unit, indicator.label, figures[indicator.key]
        row = rows[name]
        baseline, figure, counts, _, status, direction = (text for _, text in row[:6])
        comparison = row[6][1]
        base = indicator.baseline
        base_figure = Figure(base.value, base.numerator, base.denominator)
        december, september = found.get(DECEMBER), found.get(SEPTEMBER)
        hidden_now = _hidden(unit, december)
        hidden_base = _hidden(unit, base_figure)
        # the figure and its counts, and the baseline with its counts
        assert not _recoverable(unit, figure, counts), (name, figure, counts)
        assert not hidden_now or figure == "c"
        if base.numerator is not None:
            base_value, _, base_counts = baseline.partition(" ")
            assert not _recoverable(unit, base_value, base_counts.strip("()"))
        assert not hidden_base or baseline.startswith("c")
        # what is worked out from a hidden figure (status and gap, direction, forecast through
        # it, comparator, rank) or judged against a plan from a hidden baseline (status and gap)
        if hidden_now or hidden_base:
            assert status == "c"
            assert not [line for line in _lines_about(exceptions, name) if "red in" in line]
            assert f'id="trend-{indicator.key}"' not in html
            assert " c. " in comparison and "rank and quartile band: c" in comparison
            assert not re.search(r"[Rr]ank \d", comparison)
            assert row[-1][0] == "withheld"
        if hidden_now:
            assert not _lines_about(exceptions, name)
        if hidden_now or _hidden(unit, september):
            assert direction == "c"
        # a forecast whose trend runs through a hidden month
        recent = [p for p in found if p > SEPTEMBER.shift(-3)]
        if any(_hidden(unit, found[p]) for p in recent):
            assert not [line for line in _lines_about(exceptions, name) if "forecast" in line]
    # the monthly tables beside the trend charts
    for chart in html.split('<article class="indicator" id="trend-')[1:]:
        key = chart.split('"')[0]
        indicator = programme.indicator(key)
        for month in MONTHS:
            cell = chart.split(f'<th scope="row">{month.label}</th><td class="figure">')
            if len(cell) > 1 and _hidden(indicator.unit, figures[key].get(month)):
                assert cell[1].startswith("c<"), (key, month)
