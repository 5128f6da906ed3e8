"""Reads the pages need that the apps' selectors do not give; nothing here writes.

Each lookup raises LookupError when the thing asked for is not there, which a view turns into a
404. Judgement is never done here: status, direction and charts come from the same pack build the
board pack and ``board status`` use, so a page can never disagree with the pack.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Count, F, Max, Prefetch, Q

from improvement_board.core.exceptions import ExceptionItem
from improvement_board.core.packs.build import PackInputs, build_pack, exceptions_for, judge_all
from improvement_board.core.packs.model import IndicatorPanel, Pack
from improvement_board.core.periods import Period, PeriodError, period_range
from improvement_board.history import Change, changes_by_row
from improvement_board.meetings.models import Meeting, ReportItem, ReportStatus
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.plans.models import Action, Escalation, Milestone, Risk, RiskReview
from improvement_board.programmes.models import Commentary, Indicator, Measurement, Programme
from improvement_board.programmes.selectors import measurement_histories


def programme_months(*, programme: Programme) -> list[Period]:
    """Every month of the programme, first to last."""
    first, last = Period.parse(programme.first_period), Period.parse(programme.last_period)
    return list(period_range(first, last))


def reporting_month(*, programme: Programme, asked: str | None = None) -> Period:
    """The month a page reports: the one asked for (it must be one of the programme's), else the
    latest month with any figure, else the programme's first month."""
    months = programme_months(programme=programme)
    if asked:
        try:
            month = Period.parse(asked)
        except PeriodError as error:
            raise LookupError(str(error)) from None
        if month not in months:
            raise LookupError(f"{month.label} is outside the programme")
        return month
    latest = Measurement.objects.filter(indicator__programme=programme).aggregate(Max("period"))
    return Period.parse(latest["period__max"]) if latest["period__max"] else months[0]


def month_inputs(*, programme: Programme, month: Period, charts: bool) -> PackInputs:
    """What the pack for the meeting after ``month`` reads, as at that meeting's date: the one
    read behind the register and an indicator page's panel and charts, so none can disagree
    with the pack."""
    meeting_period = month.shift(1)
    meeting = programme.meetings.filter(period=str(meeting_period)).first()
    return pack_inputs(programme=programme, period=meeting_period, meeting=meeting, charts=charts)


def programme_status(*, programme: Programme, month: Period) -> Pack:
    """Every indicator judged at ``month`` as the following month's pack judges it (no charts);
    the figures behind ``board status``, with each indicator's key so a page can link to it."""
    return build_pack(month_inputs(programme=programme, month=month, charts=False))


def indicator_panel(*, inputs: PackInputs, indicator: Indicator) -> IndicatorPanel:
    """One indicator as the pack shows it: judgement, monthly rows, commentary and the same
    trend chart, drawn for this indicator alone."""
    model = inputs.programme
    only = [i for i in model.indicators if i.key == indicator.key]
    pack = build_pack(replace(inputs, programme=model.model_copy(update={"indicators": only})))
    return pack.indicators[0]


@dataclass(frozen=True)
class MonthVersions:
    """Every stored version of one month's figure, newest first."""

    period: Period
    versions: list[Any]


def figure_history(*, indicator: Indicator) -> list[MonthVersions]:
    """Each month's versions of the indicator's figure, latest month first."""
    return [
        MonthVersions(Period.parse(period), versions)
        for period, versions in measurement_histories(indicator=indicator).items()
    ]


def measurement_current(*, indicator: Indicator, period: Period) -> Measurement | None:
    return Measurement.objects.filter(indicator=indicator, period=str(period)).first()


def commentary_get(*, indicator: Indicator, period: Period) -> Commentary | None:
    return Commentary.objects.filter(indicator=indicator, period=str(period)).first()


def meetings_of(*, programme: Programme) -> list[Meeting]:
    """The meetings in order, each with ``reports_due`` and ``reports_received`` counted."""
    received = Count("reports", filter=Q(reports__status=ReportStatus.RECEIVED))
    return list(
        programme.meetings.annotate(reports_due=Count("reports"), reports_received=received)
    )


def report_item_get(*, meeting: Meeting, key: str) -> ReportItem:
    item = meeting.reports.filter(key=key).first()
    if item is None:
        raise LookupError(f"no report {key!r} is due at the {meeting.period} meeting")
    return item


def action_plan(*, programme: Programme) -> list[Action]:
    """The actions in plan order, each with its milestones (by due date) and their evidence."""
    milestones = Milestone.objects.order_by("due", "key").prefetch_related("evidence")
    return list(
        programme.actions.prefetch_related(Prefetch("milestones", queryset=milestones), "evidence")
    )


def milestone_get(*, programme: Programme, action: str, milestone: str) -> Milestone:
    found = (
        Milestone.objects.filter(action__programme=programme, action__key=action, key=milestone)
        .select_related("action")
        .first()
    )
    if found is None:
        raise LookupError(f"no milestone {action}/{milestone} in programme {programme.key}")
    return found


def action_histories(*, programme: Programme) -> dict[str, dict[int, list[Change]]]:
    """The changes to every action and milestone of the plan, by row, in two queries."""
    actions = Action.history.filter(programme=programme).select_related("history_user")
    milestones = Milestone.history.filter(action__programme=programme).select_related(
        "history_user"
    )
    return {
        "actions": changes_by_row(actions.order_by("-history_date")),
        "milestones": changes_by_row(milestones.order_by("-history_date")),
    }


def report_histories(*, meeting: Meeting) -> dict[int, list[Change]]:
    """The changes to every report due at a meeting, by row, in one query."""
    rows = ReportItem.history.filter(meeting=meeting).select_related("history_user")
    return changes_by_row(rows.order_by("-history_date"))


def risk_histories(*, programme: Programme) -> dict[int, list[Change]]:
    """The changes to every risk, by row, in one query."""
    rows = Risk.history.filter(programme=programme).select_related("history_user")
    return changes_by_row(rows.order_by("-history_date"))


def exceptions_now(*, programme: Programme, on: date) -> list[ExceptionItem]:
    """The exception report as the pack for the next meeting after ``on`` would have it: what a
    person may escalate."""
    meeting = programme.meetings.filter(period__gt=str(Period.of(on).shift(-1))).first()
    period = Period.parse(meeting.period) if meeting else Period.of(on).shift(1)
    inputs = pack_inputs(programme=programme, period=period, meeting=meeting, charts=False)
    inputs = replace(inputs, as_at=on)
    return list(exceptions_for(inputs, judge_all(inputs, period.shift(-1))).items)


def escalations_of(*, programme: Programme) -> list[Escalation]:
    """Every escalation, open ones first, newest first."""
    return list(
        programme.escalations.select_related("raised_by").order_by(
            F("resolved_on").desc(nulls_first=True), "-escalated_on", "-id"
        )
    )


def escalation_get(*, programme: Programme, pk: int) -> Escalation:
    found = programme.escalations.filter(pk=pk).first()
    if found is None:
        raise LookupError(f"no escalation {pk} in programme {programme.key}")
    return found


def action_get(*, programme: Programme, key: str) -> Action:
    found = programme.actions.filter(key=key).prefetch_related("milestones").first()
    if found is None:
        raise LookupError(f"no action {key!r} in programme {programme.key}")
    return found


def risk_log(*, programme: Programme) -> list[Risk]:
    """Every risk, open ones first, each with its reviews newest first."""
    reviews = RiskReview.objects.order_by("-reviewed_on", "-id").select_related("reviewer")
    return list(
        programme.risks.order_by("closed", "position").prefetch_related(
            Prefetch("reviews", queryset=reviews)
        )
    )


def risk_get(*, programme: Programme, key: str) -> Risk:
    found = programme.risks.filter(key=key).first()
    if found is None:
        raise LookupError(f"no risk {key!r} in programme {programme.key}")
    return found


def meeting_pack(*, meeting: Meeting) -> Pack:
    """The meeting's board pack as it stands now, charts included."""
    period = Period.parse(meeting.period)
    return build_pack(pack_inputs(programme=meeting.programme, period=period, meeting=meeting))
