"""A pack with the judgement behind it: what every sheet drawn from a pack reads.

The pack is built by ``build_pack`` from the same inputs as the HTML pack and the pages, and the
judgements are ``judge_all``'s for the same month, so a workbook cannot disagree with the pack.
The disclosures say what of each judgement a publishable export may print (``core.disclosure``),
as the Minister's report asks them.
"""

from __future__ import annotations

from dataclasses import dataclass

from improvement_board.core.disclosure import Disclosure, disclose
from improvement_board.core.judge import Judgement, Observation
from improvement_board.core.packs.build import PackInputs, build_pack, judge_all
from improvement_board.core.packs.model import IndicatorPanel, Pack
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator


@dataclass(frozen=True)
class Judged:
    inputs: PackInputs
    pack: Pack
    judgements: dict[str, Judgement]
    disclosures: dict[str, Disclosure]

    @classmethod
    def of(cls, inputs: PackInputs) -> Judged:
        """The pack for ``inputs.meeting``, judged at the month before it."""
        judgements = judge_all(inputs, inputs.meeting.shift(-1))
        disclosures = {
            i.key: disclose(i, judgements[i.key], inputs.series.get(i.key, []))
            for i in inputs.programme.indicators
        }
        return cls(inputs, build_pack(inputs), judgements, disclosures)

    @property
    def reporting(self) -> Period:
        return self.inputs.meeting.shift(-1)

    def panels(self) -> list[tuple[Indicator, IndicatorPanel]]:
        """Each indicator with its panel in the pack, in the programme's order."""
        return list(zip(self.inputs.programme.indicators, self.pack.indicators, strict=True))

    def observations(self, indicator: Indicator, panel: IndicatorPanel) -> list[Observation]:
        """The figures the panel's table shows, in its order."""
        by_period = {str(o.period): o for o in self.inputs.series.get(indicator.key, [])}
        return [by_period[row.period] for row in panel.months if row.period in by_period]

    def planned(self, indicator: Indicator, period: Period) -> float | None:
        """The figure the trajectory planned for ``period``; None without a plan."""
        trajectory = self.judgements[indicator.key].trajectory
        planned = trajectory.at(period) if trajectory is not None else None
        return planned.value if planned is not None else None
