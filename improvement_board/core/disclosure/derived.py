"""What a publishable output may say about one indicator judged at one period.

A figure printed as ``c`` hides nothing if the words beside it give it back, so whatever is
worked out from a suppressed figure is withheld with it, each with its own dependencies:

- the figure, and its status and gap to plan: the figure at the period judged;
- the planned figures, the status and the gap: the plan, which starts from the baseline, so a
  suppressed baseline withholds them (two planned figures and the target give the baseline back);
- direction of travel: the two figures compared;
- forecast: the figures of its trend, taken generously (the last ``window`` figures and every
  figure within ``window`` periods of the latest), so a trend through a hidden month is withheld;
- SPC signal: every figure up to the period (its limits are an average of them);
- the council's own comparator figure, rank and quartile: the figure judged and the baseline
  (a comparator year's figure is usually the baseline, as in the seed).

Nothing here prints a value: a ``Withheld`` names what is left out and why, in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from improvement_board.core.disclosure.figures import figure_hidden
from improvement_board.core.disclosure.tables import DFE_RULES, DisclosureRules
from improvement_board.core.judge import Judgement, JudgeSettings, Observation
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator

_STEP = {"monthly": 1, "quarterly": 3, "annual": 12}
FIGURE_WHY = "a count of 1 to 5 is behind it, or could be worked out from it"
BASELINE_WHY = "judged against a plan that starts from the baseline, which is suppressed"


@dataclass(frozen=True, slots=True)
class Withheld:
    """Something a publishable output leaves out, and why, in words: never its value."""

    what: str
    why: str


@dataclass(frozen=True, slots=True)
class Disclosure:
    """Which figures of an indicator are suppressed up to the period judged, and so which of the
    things worked out from them a publishable output must withhold."""

    period: Period
    hidden: frozenset[Period]
    """Periods whose figure is printed as ``c``."""
    baseline_hidden: bool
    baseline_period: Period | None
    forecast_periods: frozenset[Period]
    spc_periods: frozenset[Period]
    previous: Period | None
    year_ago: Period | None

    @property
    def figure_hidden(self) -> bool:
        return self.period in self.hidden

    def over(self, what: str, periods: Iterable[Period], *, plan: bool = False) -> Withheld | None:
        """``what`` withheld when it is worked out from a suppressed figure among ``periods``, or
        (with ``plan``) judged against a plan whose baseline is suppressed."""
        given = set(periods)
        found = sorted(given & self.hidden)
        if found:
            return Withheld(what, _worked_out_from(found))
        if not self.baseline_hidden:
            return None
        if plan:
            return Withheld(what, BASELINE_WHY)
        if self.baseline_period in given:
            return Withheld(what, "worked out from the baseline, which is suppressed")
        return None

    @property
    def figure(self) -> Withheld | None:
        if not self.figure_hidden:
            return None
        return Withheld("figure", FIGURE_WHY)

    @property
    def status(self) -> Withheld | None:
        """The RAG status and the gap to plan behind it."""
        return self.over("status", [self.period], plan=True)

    @property
    def plan(self) -> Withheld | None:
        return self.over("planned figures", [], plan=True)

    @property
    def direction(self) -> Withheld | None:
        return self.over("direction of travel", _present(self.period, self.previous))

    @property
    def direction_year_ago(self) -> Withheld | None:
        return self.over("direction on a year earlier", _present(self.period, self.year_ago))

    @property
    def forecast(self) -> Withheld | None:
        return self.over("forecast", self.forecast_periods)

    @property
    def spc(self) -> Withheld | None:
        return self.over("SPC signal", self.spc_periods)

    @property
    def benchmark(self) -> Withheld | None:
        """The council's own comparator figure, its rank and quartile (the group's stay)."""
        what = "the council's own comparator figure and rank"
        return self.over(what, [self.period], plan=True)


def _present(*periods: Period | None) -> list[Period]:
    return [p for p in periods if p is not None]


def _worked_out_from(periods: list[Period]) -> str:
    if len(periods) == 1:
        return f"worked out from the {periods[0].label} figure, which is suppressed"
    named = [p.label for p in periods[:3]]
    if len(periods) > 3:
        named[-1] = f"{periods[2].label} and {len(periods) - 3} more"
    return f"worked out from figures that include suppressed ones ({', '.join(named)})"


def disclose(
    indicator: Indicator,
    judgement: Judgement,
    series: Iterable[Observation],
    *,
    rules: DisclosureRules = DFE_RULES,
    forecast_window: int | None = None,
) -> Disclosure:
    """What may be published of ``judgement``, given the indicator's figures (``series``)."""
    period = judgement.period
    known = sorted(
        (o for o in series if o.period <= period and _has_figure(o)), key=lambda o: o.period
    )
    hidden = {
        o.period
        for o in known
        if figure_hidden(indicator.unit, o.value, o.numerator, o.denominator, rules)
    }
    if figure_hidden(
        indicator.unit, judgement.value, judgement.numerator, judgement.denominator, rules
    ):
        hidden.add(period)
    base = indicator.baseline
    base_hidden = figure_hidden(indicator.unit, base.value, base.numerator, base.denominator, rules)
    window = forecast_window or JudgeSettings().forecast_window
    return Disclosure(
        period=period,
        hidden=frozenset(hidden),
        baseline_hidden=base_hidden,
        baseline_period=Period.parse(base.period) if base.period else None,
        forecast_periods=_trend_periods(known, window, _STEP.get(indicator.frequency, 1)),
        spc_periods=frozenset(o.period for o in known) | {period},
        previous=_compared_with(judgement, "previous"),
        year_ago=_compared_with(judgement, "year_ago"),
    )


def _has_figure(observation: Observation) -> bool:
    return any(v is not None for v in (observation.value, observation.numerator))


def _trend_periods(known: list[Observation], window: int, step: int) -> frozenset[Period]:
    """Every figure a trend of ``window`` figures or ``window`` periods could have used."""
    if not known:
        return frozenset()
    latest = known[-1].period
    after = latest.shift(-window * step)
    recent = {o.period for o in known if o.period > after}
    return frozenset(recent | {o.period for o in known[-window:]})


def _compared_with(judgement: Judgement, name: str) -> Period | None:
    """The period a comparison of the judgement was made with, if the judgement has one."""
    travel = getattr(judgement, name, None)
    found = getattr(travel, "compared_with", None)
    return found if isinstance(found, Period) else None
