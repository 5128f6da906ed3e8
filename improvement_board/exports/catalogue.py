"""Every export, by the name ``board export`` and the download links use, with what it reads.

An export is one table (a CSV file is that table; a workbook has it as a sheet, the figures with
a second sheet laid out as a monthly return) or a book of several tables (a workbook only). Each
says whether it may be marked for publication, and what it may be narrowed to: a month, a
meeting, an indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from improvement_board.core import programme as core
from improvement_board.core.exports.comparators import comparators_sheet
from improvement_board.core.exports.figures import figures_sheet
from improvement_board.core.exports.model import Sheet
from improvement_board.core.exports.pack import pack_sheets
from improvement_board.core.exports.register import register_sheet
from improvement_board.core.exports.returns import return_sheet
from improvement_board.core.periods import Period
from improvement_board.exports import plan, risks
from improvement_board.exports.history import history_sheet
from improvement_board.exports.schedule import schedule_sheet
from improvement_board.exports.selectors import (
    figures_by_period,
    judged_at,
    judged_for,
    stored_figures,
    texts_for,
)
from improvement_board.meetings.models import Meeting
from improvement_board.programmes.models import Indicator, Programme

WORKING_RECORD = (
    "it is the board's working record (who decided what, and when), not a publishable output"
)


@dataclass(frozen=True)
class Scope:
    """What one export is asked for."""

    programme: Programme
    model: core.Programme
    today: date
    publish: bool
    month: Period
    meeting: Meeting | None = None
    indicator: Indicator | None = None

    @property
    def core_indicators(self) -> list[core.Indicator] | None:
        if self.indicator is None:
            return None
        return [self.model.indicator(self.indicator.key)]


@dataclass(frozen=True)
class Export:
    name: str
    title: str
    description: str
    build: Callable[[Scope], tuple[Sheet, ...]]
    table: bool = True
    """One table, so a CSV file can hold it (its first sheet)."""
    unpublished: str = ""
    """Why it may not be marked for publication; empty when it may."""
    month: bool = False
    meeting: Literal["no", "optional", "required"] = "no"
    indicator: bool = False
    parts: tuple[str, ...] = ()
    """For a book, the one-table exports its sheets are, each of which a CSV file can hold."""

    @property
    def publishable(self) -> bool:
        return not self.unpublished

    @property
    def formats(self) -> tuple[str, ...]:
        return ("csv", "xlsx") if self.table else ("xlsx",)


def _figures(scope: Scope) -> tuple[Sheet, ...]:
    figures = stored_figures(
        programme=scope.programme, model=scope.model, indicator=scope.indicator
    )
    title = "every figure"
    if scope.indicator is not None:
        title = f"every figure of {scope.indicator.code or scope.indicator.title}"
    sheet = figures_sheet(figures, publish=scope.publish, title=title)
    if scope.publish:
        return (sheet,)
    info = scope.model.programme
    first, last = Period.parse(info.first_period), Period.parse(info.last_period)
    return sheet, return_sheet(figures, first=first, last=last)


def _pack(scope: Scope) -> tuple[Sheet, ...]:
    if scope.meeting is None:
        raise LookupError("the board pack's data is a meeting's: name the meeting")
    judged = judged_for(scope.meeting)
    figures = stored_figures(programme=scope.programme, model=scope.model)
    return pack_sheets(
        judged,
        publish=scope.publish,
        texts=texts_for(scope.programme, judged.reporting),
        stored=figures_by_period(figures),
    )


def _plan(scope: Scope) -> tuple[Sheet, ...]:
    return (
        plan.actions_sheet(programme=scope.programme, today=scope.today, publish=scope.publish),
        plan.milestones_sheet(programme=scope.programme, today=scope.today, publish=scope.publish),
        plan.evidence_sheet(programme=scope.programme, publish=scope.publish),
    )


def _risk_log(scope: Scope) -> tuple[Sheet, ...]:
    return (
        risks.risks_sheet(programme=scope.programme, today=scope.today, publish=scope.publish),
        risks.reviews_sheet(programme=scope.programme),
        risks.escalations_sheet(programme=scope.programme),
    )


EXPORTS: dict[str, Export] = {
    e.name: e
    for e in (
        Export(
            "indicators",
            "Indicator register",
            "each indicator's latest figure, plan, status, direction, forecast, SPC and "
            "comparison at a month",
            lambda s: (register_sheet(judged_at(s.programme, s.month), publish=s.publish),),
            month=True,
        ),
        Export(
            "figures",
            "Figures",
            "every figure with its period, value, counts, DfE marker, note, status and revision",
            _figures,
            indicator=True,
        ),
        Export(
            "comparators",
            "Comparison with other councils",
            "the ten-year comparison of each indicator with other councils, its region and England",
            lambda s: (
                comparators_sheet(
                    judged_at(s.programme, s.month),
                    publish=s.publish,
                    indicators=s.core_indicators,
                ),
            ),
            month=True,
            indicator=True,
        ),
        Export(
            "plan",
            "Action plan",
            "the actions, milestones and evidence, one sheet each",
            _plan,
            table=False,
            parts=("actions", "milestones", "evidence"),
        ),
        Export(
            "actions",
            "Actions",
            "each action with the status its milestones give",
            lambda s: _plan(s)[:1],
        ),
        Export(
            "milestones",
            "Milestones",
            "each milestone with its due date, completion and status",
            lambda s: _plan(s)[1:2],
        ),
        Export(
            "evidence",
            "Evidence",
            "the evidence recorded for actions and milestones",
            lambda s: _plan(s)[2:],
        ),
        Export(
            "risk-log",
            "Risk log",
            "the risks, their reviews and the escalations, one sheet each",
            _risk_log,
            table=False,
            parts=("risks", "reviews", "escalations"),
            unpublished=f"the reviews and escalations are in it, and {WORKING_RECORD}",
        ),
        Export(
            "risks",
            "Risks",
            "each risk with its scores before mitigation and now, and its next review",
            lambda s: _risk_log(s)[:1],
        ),
        Export(
            "reviews",
            "Risk reviews",
            "every review of a risk: scores, what was decided, next review, by whom",
            lambda s: (risks.reviews_sheet(programme=s.programme),),
            unpublished=WORKING_RECORD,
        ),
        Export(
            "escalations",
            "Escalations",
            "exceptions escalated beyond the board: to whom, when, why, and what came of it",
            lambda s: (risks.escalations_sheet(programme=s.programme),),
            unpublished=WORKING_RECORD,
        ),
        Export(
            "schedule",
            "Reports due",
            "the meetings and the reports due at each, received or not",
            lambda s: (
                schedule_sheet(programme=s.programme, meeting=s.meeting, publish=s.publish),
            ),
            meeting="optional",
        ),
        Export(
            "history",
            "History of changes",
            "every change: who, when, what changed and why",
            lambda s: (history_sheet(programme=s.programme, indicator=s.indicator),),
            unpublished="it holds every earlier version of every figure, which would give a "
            "suppressed figure back, and who changed what",
            indicator=True,
        ),
        Export(
            "pack",
            "Board pack data",
            "the whole pack for a meeting: summary and exceptions, indicators, figures, "
            "comparators, reports due, milestones, risks and success criteria",
            _pack,
            table=False,
            meeting="required",
        ),
    )
}
