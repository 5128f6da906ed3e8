"""The SMART check names each item lacking a measure, a numeric milestone, an owner or a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from improvement_board.core.programme import Programme
from improvement_board.core.smart import Finding, check_plan

INFO = {
    "key": "herefordshire",
    "name": "Children's services improvement",
    "council": "Herefordshire",
    "baseline_date": date(2006, 3, 31),
    "target_date": date(2007, 3, 31),
    "first_period": "2006-03",
    "last_period": "2007-03",
    "population": {2006: 40_000},
}

COMPLETE_INDICATOR = {
    "key": "dis-1704",
    "code": "DIS 1704",
    "title": "Initial assessments within 7 days",
    "unit": "percent",
    "polarity": "higher",
    "baseline": {"value": 70.1},
    "target": {"value": 75},
    "owner": "Head of Safeguarding",
    "definition": "Initial assessments completed within 7 working days of referral",
}

COMPLETE_ACTION = {
    "key": "recruit",
    "title": "Recruit qualified social workers",
    "owner": "Head of Workforce",
    "due": date(2007, 3, 31),
    "milestones": [
        {"key": "ten-posts", "title": "Ten posts filled", "due": date(2006, 12, 31), "value": 10}
    ],
    "evidence_items": [10],
}


def plan(**sections: Any) -> Programme:
    evidence = [
        {
            "number": 10,
            "area": "Project management",
            "title": "Workforce strategy",
            "due": "2006-12",
        }
    ]
    data: dict[str, Any] = {"programme": INFO, "evidence_items": evidence, **sections}
    return Programme.model_validate(data)


def missing(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.kind, f.key, f.missing) for f in findings]


def test_a_complete_plan_has_no_findings() -> None:
    complete = plan(
        indicators=[COMPLETE_INDICATOR],
        actions=[COMPLETE_ACTION],
        success_criteria=[{"number": 3, "title": "Improved data", "evidence_items": [10]}],
    )
    assert check_plan(complete) == []


def test_an_indicator_without_a_definition_or_owner_is_listed_for_each() -> None:
    bare = {k: v for k, v in COMPLETE_INDICATOR.items() if k not in ("owner", "definition")}
    assert missing(check_plan(plan(indicators=[bare]))) == [
        ("indicator", "dis-1704", "a measure (a definition of how it is counted)"),
        ("indicator", "dis-1704", "an owner"),
    ]


def test_an_indicator_measure_counts_as_its_definition() -> None:
    measured = {**COMPLETE_INDICATOR, "definition": None, "measure": "initial_assessments_7_days"}
    assert check_plan(plan(indicators=[measured])) == []


def test_a_band_indicator_without_bounds_lacks_a_numeric_band() -> None:
    ch_01 = {**COMPLETE_INDICATOR, "key": "ch-01", "polarity": "band", "target": {"value": 17}}
    assert missing(check_plan(plan(indicators=[ch_01]))) == [
        ("indicator", "ch-01", "a numeric band (target low and high)")
    ]


def test_an_action_with_nothing_but_a_title_lacks_everything() -> None:
    bare = {"key": "caf", "title": "Implement the CAF"}
    assert missing(check_plan(plan(actions=[bare]))) == [
        ("action", "caf", "a measure (link a milestone to an indicator, or name its evidence)"),
        ("action", "caf", "a numerical milestone"),
        ("action", "caf", "an owner"),
        ("action", "caf", "a due date"),
    ]


def test_an_action_milestone_linked_to_an_indicator_is_a_measure() -> None:
    linked = {
        **COMPLETE_ACTION,
        "evidence_items": [],
        "milestones": [
            {
                "key": "m",
                "title": "M",
                "due": date(2006, 12, 31),
                "indicator": "dis-1704",
                "value": 72,
            }
        ],
    }
    assert check_plan(plan(indicators=[COMPLETE_INDICATOR], actions=[linked])) == []


def test_an_action_whose_milestones_have_no_figures_lacks_a_numerical_milestone() -> None:
    vague = {
        **COMPLETE_ACTION,
        "milestones": [{"key": "m", "title": "Strategy drafted", "due": date(2006, 12, 31)}],
    }
    assert missing(check_plan(plan(actions=[vague]))) == [
        ("action", "recruit", "a numerical milestone")
    ]


def test_a_success_criterion_without_evidence_lacks_a_measure() -> None:
    criterion = {"number": 5, "title": "Effective risk management"}
    assert missing(check_plan(plan(success_criteria=[criterion]))) == [
        ("success criterion", "5", "a measure (no evidence items show it)")
    ]


def test_a_success_criterion_whose_evidence_has_no_date_lacks_a_date() -> None:
    undated = plan(
        evidence_items=[{"number": 6, "area": "Performance", "title": "Audit Commission outcome"}],
        success_criteria=[{"number": 4, "title": "IPC delivered", "evidence_items": [6]}],
    )
    assert missing(check_plan(undated)) == [
        ("success criterion", "4", "a date (none of its evidence items has a due month)")
    ]


def test_evidence_at_every_meeting_dates_a_criterion() -> None:
    standing = plan(
        evidence_items=[{"number": 7, "area": "Projects", "title": "PIAP", "every_meeting": True}],
        success_criteria=[{"number": 2, "title": "Actions on time", "evidence_items": [7]}],
    )
    assert check_plan(standing) == []


def test_findings_read_as_sentences() -> None:
    (finding,) = check_plan(plan(actions=[{**COMPLETE_ACTION, "owner": None}]))
    assert str(finding) == "Action recruit (Recruit qualified social workers) lacks an owner"


def test_findings_list_criteria_then_actions_then_indicators() -> None:
    findings = check_plan(
        plan(
            indicators=[{**COMPLETE_INDICATOR, "owner": None}],
            actions=[{**COMPLETE_ACTION, "owner": None}],
            success_criteria=[{"number": 1, "title": "PRINCE2"}],
        )
    )
    assert [f.kind for f in findings] == ["success criterion", "action", "indicator"]
