"""The exception report lists what is beyond tolerance, each with its reasons in words."""

from __future__ import annotations

from datetime import date
from typing import Any

from improvement_board.core.exceptions import (
    MilestoneDue,
    ReportExpected,
    RiskEntry,
    exception_report,
)
from improvement_board.core.judge import Judgement, judge
from improvement_board.core.periods import Period
from improvement_board.core.programme import Indicator, ProgrammeInfo

AS_AT = date(2006, 11, 15)
MEETING = date(2006, 11, 20)

INFO = ProgrammeInfo.model_validate(
    {
        "key": "herefordshire",
        "name": "Children's services improvement",
        "council": "Herefordshire",
        "baseline_date": date(2006, 3, 31),
        "target_date": date(2007, 3, 31),
        "first_period": "2006-03",
        "last_period": "2007-03",
        "population": {2006: 40_000},
    }
)


def judged(values: list[float], **fields: Any) -> Judgement:
    """DIS 1704 (70.1 -> 75, 5-point tolerance) judged on figures from May to October 2006."""
    data: dict[str, Any] = {
        "key": "dis-1704",
        "code": "DIS 1704",
        "title": "Initial assessments completed within 7 days",
        "unit": "percent",
        "polarity": "higher",
        "baseline": {"value": 70.1},
        "target": {"value": 75},
        "owner": "Head of Safeguarding",
        **fields,
    }
    series = [(Period(2006, 5).shift(i), v, None, None) for i, v in enumerate(values)]
    return judge(Indicator.model_validate(data), series, programme=INFO)


def test_a_red_indicator_is_an_exception_with_its_reason() -> None:
    # October's trajectory 70.1 + 4.9 * 7 / 12 = 72.958; 60 is 12.96 behind, beyond 5 points
    report = exception_report(as_at=AS_AT, judgements=[judged([60.0] * 6)])
    (item,) = report.of_kind("indicator")
    assert (item.key, item.owner) == ("dis-1704", "Head of Safeguarding")
    assert item.reasons[0] == (
        "red in October 2006: 60.0% against 73.0% planned: "
        "13.0 percentage points behind (tolerance 5.0 percentage points)"
    )
    # flat at 60 against 75: will miss by 15
    assert item.reasons[1].startswith("forecast: Will miss by about 15.0 percentage points")


def test_an_amber_indicator_forecast_to_miss_is_an_exception() -> None:
    # October 70: 72.958 - 70 = 2.96 behind, amber (not red)
    # the trend falls 0.4 a month: March, 5 months on, is 70 - 0.4 * 5 = 68, 7 short of 75
    values = [72.0, 71.6, 71.2, 70.8, 70.4, 70.0]
    (item,) = exception_report(as_at=AS_AT, judgements=[judged(values)]).items
    assert item.reasons == (
        "forecast: Will miss by about 7.0 percentage points (linear trend over the last 6 months)",
    )


def test_a_green_indicator_on_course_is_not_an_exception() -> None:
    # rising 1 a month to 78 in October, above the trajectory and on course for 75
    report = exception_report(as_at=AS_AT, judgements=[judged([73, 74, 75, 76, 77, 78])])
    assert report.items == ()


def test_an_amber_indicator_at_risk_is_not_an_exception() -> None:
    # flat at 70: amber (2.96 behind) and 5.0 short of 75, within tolerance: at risk
    assert exception_report(as_at=AS_AT, judgements=[judged([70.0] * 6)]).items == ()


def test_a_red_band_indicator_says_how_far_outside_the_band() -> None:
    ch_01 = judged(
        [21.0] * 6,
        key="ch-01",
        unit="rate_per_10000",
        polarity="band",
        target={"value": 17, "qualifier": "band", "low": 15, "high": 19},
        tolerance={"value": 1},
    )
    (item,) = exception_report(as_at=AS_AT, judgements=[ch_01]).items
    # 21 - 19 = 2 above the band, beyond 1 point; the trend, flat at 21, also misses by 2
    assert item.reasons[0] == (
        "red in October 2006: 21.0 against the band 15.0 to 19.0: "
        "2.0 per 10,000 children outside (tolerance 1.0 per 10,000 children)"
    )


def test_an_overdue_milestone_says_by_how_many_days() -> None:
    milestone = MilestoneDue("ipc-options", "IPC options analysis report", date(2006, 10, 31))
    (item,) = exception_report(as_at=AS_AT, milestones=[milestone]).items
    # 31 October to 15 November is 15 days
    assert item.reasons == ("overdue by 15 days (due 31 October 2006)",)


def test_completed_and_future_milestones_are_not_exceptions() -> None:
    done = MilestoneDue("a", "Done", date(2006, 10, 31), completed=date(2006, 10, 30))
    due_today = MilestoneDue("b", "Due today", AS_AT)
    later = MilestoneDue("c", "Later", date(2006, 12, 31))
    assert exception_report(as_at=AS_AT, milestones=[done, due_today, later]).items == ()


def test_a_milestone_completed_after_the_date_reported_on_was_overdue_then() -> None:
    late = MilestoneDue("a", "Late", date(2006, 11, 14), completed=date(2006, 11, 30))
    (item,) = exception_report(as_at=AS_AT, milestones=[late]).items
    assert item.reasons == ("overdue by 1 day (due 14 November 2006)",)


def test_reports_due_and_not_received_are_exceptions() -> None:
    reports = [
        ReportExpected("health", "Update report - Health Assessments", MEETING, "received"),
        ReportExpected("ipc-plan", "Implementation plan", MEETING),
        ReportExpected("disabled", "Services for disabled children", MEETING, "late"),
        ReportExpected("workforce", "Workforce strategy", MEETING, "deferred"),
    ]
    found = {
        item.key: item.reasons for item in exception_report(as_at=AS_AT, reports=reports).items
    }
    assert found == {
        "ipc-plan": ("not received for the meeting of 20 November 2006",),
        "disabled": ("not received for the meeting of 20 November 2006 (late)",),
        "workforce": ("deferred: was due at the meeting of 20 November 2006",),
    }


def test_a_risk_scored_above_the_appetite_is_an_exception() -> None:
    # 4 x 4 = 16 > 12
    risk = RiskEntry("capacity", "Management capacity", 4, 4, last_reviewed=date(2006, 11, 1))
    (item,) = exception_report(as_at=AS_AT, risks=[risk], risk_appetite=12).items
    assert item.reasons == ("score 16 (4 × 4) is above the appetite of 12",)


def test_a_risk_scored_at_the_appetite_is_within_it() -> None:
    # 3 x 4 = 12, not above 12
    risk = RiskEntry("capacity", "Management capacity", 3, 4, last_reviewed=date(2006, 11, 1))
    assert exception_report(as_at=AS_AT, risks=[risk], risk_appetite=12).items == ()


def test_a_risk_past_its_review_date_is_an_exception() -> None:
    risk = RiskEntry("data", "Data quality", 2, 2, review_date=date(2006, 11, 1))
    (item,) = exception_report(as_at=AS_AT, risks=[risk]).items
    assert item.reasons == ("review was due on 1 November 2006",)


def test_a_risk_not_reviewed_within_the_review_days_is_an_exception() -> None:
    # 5 August to 15 November is 26 + 30 + 31 + 15 = 102 days, more than 92
    stale = RiskEntry("data", "Data quality", 2, 2, last_reviewed=date(2006, 8, 5))
    # 15 August to 15 November is 16 + 30 + 31 + 15 = 92 days: not more than 92
    fresh = RiskEntry("staff", "Staffing", 2, 2, last_reviewed=date(2006, 8, 15))
    report = exception_report(as_at=AS_AT, risks=[stale, fresh], review_days=92)
    (item,) = report.items
    assert item.key == "data"
    assert item.reasons == ("not reviewed in 92 days (last reviewed 5 August 2006)",)


def test_a_risk_never_reviewed_counts_from_when_it_was_raised() -> None:
    risk = RiskEntry("data", "Data quality", 2, 2, raised=date(2006, 4, 1))
    (item,) = exception_report(as_at=AS_AT, risks=[risk]).items
    assert item.reasons == ("not reviewed in 92 days (raised 1 April 2006)",)


def test_a_risk_with_no_review_and_no_review_date_is_an_exception() -> None:
    (item,) = exception_report(as_at=AS_AT, risks=[RiskEntry("x", "X", 1, 1)]).items
    assert item.reasons == ("no review recorded and no review date set",)


def test_a_risk_can_be_an_exception_for_several_reasons_at_once() -> None:
    risk = RiskEntry(
        "capacity",
        "Management capacity",
        5,
        4,
        review_date=date(2006, 9, 1),
        raised=date(2006, 1, 9),
    )
    (item,) = exception_report(as_at=AS_AT, risks=[risk]).items
    # 5 x 4 = 20 > 12; review due 1 September; raised 9 January, over 92 days ago
    assert item.reasons == (
        "score 20 (5 × 4) is above the appetite of 12",
        "review was due on 1 September 2006",
        "not reviewed in 92 days (raised 9 January 2006)",
    )


def test_the_report_lists_indicators_then_milestones_reports_and_risks() -> None:
    report = exception_report(
        as_at=AS_AT,
        judgements=[judged([60.0] * 6)],
        milestones=[MilestoneDue("m", "M", date(2006, 10, 1))],
        reports=[ReportExpected("r", "R", MEETING)],
        risks=[RiskEntry("k", "K", 5, 5)],
    )
    assert [item.kind for item in report.items] == ["indicator", "milestone", "report", "risk"]


def test_a_reviewed_risk_is_measured_against_the_appetite_by_its_residual_score() -> None:
    from improvement_board.core.exceptions import RiskEntry, risk_exceptions

    mitigated = RiskEntry(
        "v", "Vacancies", 4, 4, date(2007, 1, 1), date(2006, 11, 1),
        residual_likelihood=3, residual_impact=4,
    )  # fmt: skip
    assert risk_exceptions([mitigated], date(2006, 11, 24), 12, 35) == []
    worse = RiskEntry("v", "Vacancies", 3, 3, residual_likelihood=4, residual_impact=4,
                      review_date=date(2007, 1, 1), last_reviewed=date(2006, 11, 1))  # fmt: skip
    (item,) = risk_exceptions([worse], date(2006, 11, 24), 12, 35)
    assert item.reasons == ("residual score 16 (4 × 4) is above the appetite of 12",)


def test_an_open_escalation_is_said_beside_its_exception_until_resolved() -> None:
    from improvement_board.core.exceptions import Escalation, RiskEntry, exception_report

    risk = RiskEntry("v", "Vacancies", 5, 4, date(2007, 1, 1), date(2006, 11, 1))
    raised = Escalation("risk", "v", date(2006, 11, 2), "the Director")
    report = exception_report(as_at=date(2006, 11, 24), risks=[risk], escalations=[raised])
    assert report.items[0].escalated == (
        "escalated on 2 November 2006 to the Director (outcome awaited)"
    )
    earlier = exception_report(as_at=date(2006, 11, 1), risks=[risk], escalations=[raised])
    assert earlier.items[0].escalated == ""
