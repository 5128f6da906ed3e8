"""The status of every indicator for a month, and the exceptions: what ``board status`` shows."""

from __future__ import annotations

from dataclasses import dataclass

from improvement_board.core.packs.build import build_pack
from improvement_board.core.periods import Period
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.programmes.models import Programme

COLUMNS = (
    "indicator", "latest", "planned", "status", "direction", "forecast", "spc", "benchmark",
)  # fmt: skip


@dataclass(frozen=True)
class StatusReport:
    programme: str
    period_label: str
    rows: list[tuple[str, str, str, str, str, str, str, str]]
    exceptions: tuple[str, ...]
    synthetic: bool

    def record(self) -> dict[str, object]:
        """The report as plain data, for ``--json``."""
        return {
            "programme": self.programme,
            "period": self.period_label,
            "indicators": [dict(zip(COLUMNS, row, strict=True)) for row in self.rows],
            "exceptions": list(self.exceptions),
            "synthetic": self.synthetic,
        }


def status_report(*, programme: Programme, period: str) -> StatusReport:
    """Judged exactly as the pack for the following month's meeting judges it."""
    month = Period.parse(period)
    meeting_period = month.shift(1)
    meeting = programme.meetings.filter(period=str(meeting_period)).first()
    inputs = pack_inputs(programme=programme, period=meeting_period, meeting=meeting, charts=False)
    pack = build_pack(inputs)
    rows = [
        (
            f"{p.code or p.title}",
            f"{p.latest} ({p.counts})" if p.counts else p.latest,
            p.planned,
            p.rag_word,
            p.direction,
            p.forecast,
            p.spc,
            p.benchmark_brief,
        )
        for p in pack.indicators
    ]
    return StatusReport(pack.programme, month.label, rows, pack.exceptions, pack.synthetic)
