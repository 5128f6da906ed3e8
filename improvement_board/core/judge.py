"""One judgement per indicator per period: what a pack row, a page and the Minister's report show.

Every output asks this one function, so the RAG, the direction of travel, the forecast and the
SPC reading can never disagree between a pack and a page. Only figures up to the period judged
are used, so an old pack judged again says what it said then.

Periods follow the indicator's cadence: an annual figure as at 30 September is judged in
September, compared with the September before, and a trend counts its figures, not months. A
figure given as a DfE marker (``u``, ``c``, ...) has no value: it is shown with its meaning and
never judged as a number. A context indicator has no target: trend, numbers and benchmarks only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from improvement_board.core.direction import ChangeRule, Travel, travel
from improvement_board.core.forecast import Forecast, Verdict, forecast
from improvement_board.core.markers import Marker
from improvement_board.core.periods import MONTHLY, Cadence, Period
from improvement_board.core.programme import Indicator, ProgrammeInfo, Tolerance
from improvement_board.core.rag import Rag, RagJudgement, allowance, judge_rag, tolerance_for
from improvement_board.core.spc import SpcSettings, SpcSummary, analyse
from improvement_board.core.trajectory import Planned, Trajectory, trajectory_for
from improvement_board.core.units import Polarity, Unit, value_from_counts


@dataclass(frozen=True, slots=True)
class Observation:
    """An indicator's figure for one period, with the counts behind it where there are any.

    A figure published as a marker has ``marker`` and no value; a return's note rides along.
    """

    period: Period
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    marker: Marker | None = None
    note: str = ""
    draft: bool = False
    """Not yet validated by a second person: a pack says so beside it."""


SeriesItem = Observation | tuple[Period, float | None, float | None, float | None]


@dataclass(frozen=True, slots=True)
class JudgeSettings:
    """The knobs of every rule, in one place so a pack records what it used."""

    forecast_window: int = 6
    forecast_minimum: int = 3
    change_rule: ChangeRule = field(default_factory=ChangeRule)
    spc: SpcSettings = field(default_factory=SpcSettings)


@dataclass(frozen=True, slots=True)
class Judgement:
    """Everything the board is told about one indicator at one period."""

    key: str
    label: str
    owner: str | None
    unit: Unit
    decimals: int
    polarity: Polarity
    period: Period
    value: float | None
    numerator: float | None
    denominator: float | None
    trajectory: Trajectory | None
    planned: Planned | None
    target: Planned | None
    tolerance: Tolerance
    rag: RagJudgement
    previous: Travel
    year_ago: Travel
    forecast: Forecast
    spc: SpcSummary
    cadence: Cadence = MONTHLY
    marker: Marker | None = None
    note: str = ""
    draft: bool = False
    """Not yet validated by a second person: a pack says so beside it."""

    @property
    def status(self) -> Rag:
        return self.rag.rag

    @property
    def label_of_period(self) -> str:
        """The period judged, as the board reads it (``as at 30 September 2024``)."""
        return self.cadence.label(self.period)


def judge(
    indicator: Indicator,
    series: Iterable[SeriesItem],
    *,
    programme: ProgrammeInfo,
    period: Period | None = None,
    settings: JudgeSettings | None = None,
) -> Judgement:
    """Judge an indicator at its latest period at or before ``period`` (default: its latest
    figure), from the figures of its series that fall on its cadence."""
    settings = settings or JudgeSettings()
    cadence = indicator.cadence
    trajectory = trajectory_for(indicator, programme)
    observations = {
        p: o for p, o in _observations(series, indicator.unit).items() if cadence.holds(p)
    }
    start = trajectory.start if trajectory is not None else None
    latest = max(observations, default=start or Period.of(programme.baseline_date))
    period = cadence.latest(latest if period is None else period)
    known = {p: o for p, o in observations.items() if p <= period}
    current = known.get(period, Observation(period, None))
    tolerance = tolerance_for(indicator, programme.default_tolerance)
    planned = trajectory.at(period) if trajectory is not None else None
    values = {p: o.value for p, o in known.items()}
    return Judgement(
        key=indicator.key,
        label=indicator.label,
        owner=indicator.owner,
        unit=indicator.unit,
        decimals=indicator.decimals,
        polarity=indicator.polarity,
        period=period,
        value=current.value,
        numerator=current.numerator,
        denominator=current.denominator,
        trajectory=trajectory,
        planned=planned,
        target=trajectory.final if trajectory is not None else None,
        tolerance=tolerance,
        rag=_rag(indicator, current, planned, tolerance),
        previous=_travel(values, period, cadence.step, indicator, tolerance, settings),
        year_ago=_travel(values, period, 12, indicator, tolerance, settings),
        forecast=_forecast(indicator, values, trajectory, tolerance, settings),
        spc=_spc(indicator, known, trajectory, settings),
        cadence=cadence,
        marker=current.marker,
        note=current.note,
    )


def _rag(
    indicator: Indicator, current: Observation, planned: Planned | None, tolerance: Tolerance
) -> RagJudgement:
    """A marked figure is never judged as a number: no data, with the marker's meaning."""
    if current.marker is not None and indicator.polarity != "context":
        return RagJudgement(Rag.NO_DATA, planned, None, None, current.marker.text)
    return judge_rag(current.value, planned, indicator.polarity, tolerance)


def _points(values: Mapping[Period, float | None]) -> list[tuple[Period, float]]:
    return [(p, v) for p, v in sorted(values.items()) if v is not None]


def _forecast(
    indicator: Indicator,
    values: Mapping[Period, float | None],
    trajectory: Trajectory | None,
    tolerance: Tolerance,
    settings: JudgeSettings,
) -> Forecast:
    if trajectory is None:
        return Forecast(Verdict.NOT_APPLICABLE, "Not applicable", "context only: no target")
    return forecast(
        _points(values),
        target=trajectory.final,
        polarity=indicator.polarity,
        unit=indicator.unit,
        tolerance=tolerance,
        window=settings.forecast_window,
        minimum=settings.forecast_minimum,
        cadence=indicator.cadence,
        decimals=indicator.decimals,
    )


def _spc(
    indicator: Indicator,
    known: Mapping[Period, Observation],
    trajectory: Trajectory | None,
    settings: JudgeSettings,
) -> SpcSummary:
    return analyse(
        _points({p: o.value for p, o in known.items()}),
        polarity=indicator.polarity,
        target=trajectory.final if trajectory is not None else None,
        settings=settings.spc,
        smallest_count=_smallest_count(known.values(), indicator.unit),
    )


def _observations(series: Iterable[SeriesItem], unit: Unit) -> dict[Period, Observation]:
    """One observation per period (the last given wins), its value derived from counts if absent."""
    found: dict[Period, Observation] = {}
    for item in series:
        observation = item if isinstance(item, Observation) else Observation(*item)
        found[observation.period] = _with_value(observation, unit)
    return found


def _with_value(observation: Observation, unit: Unit) -> Observation:
    """A figure given only as 19/20 gets its value (95.0); a non-finite value counts as none;
    a marked figure has no value whatever else it carries."""
    value = observation.value
    if value is not None and not math.isfinite(value):
        value = None
    numerator, denominator = observation.numerator, observation.denominator
    if observation.marker is not None:
        value = None
    elif value is None and numerator is not None and denominator is not None:
        value = value_from_counts(numerator, denominator, unit)
    return Observation(
        observation.period,
        value,
        numerator,
        denominator,
        observation.marker,
        observation.note,
        observation.draft,
    )


def _travel(
    values: Mapping[Period, float | None],
    period: Period,
    months_back: int,
    indicator: Indicator,
    tolerance: Tolerance,
    settings: JudgeSettings,
) -> Travel:
    earlier = values.get(period.shift(-months_back))
    allowed = allowance(tolerance, earlier if earlier is not None else 0.0)
    return travel(
        values,
        period,
        months_back,
        indicator.polarity,
        allowance=allowed,
        rule=settings.change_rule,
    )


def _smallest_count(observations: Iterable[Observation], unit: Unit) -> float | None:
    """The fewest things behind any figure: numerators, denominators and, for counts, the value."""
    counts: list[float] = []
    for o in observations:
        counts += [c for c in (o.numerator, o.denominator) if c is not None]
        if unit == "count" and o.value is not None:
            counts.append(o.value)
    return min(counts, default=None)
