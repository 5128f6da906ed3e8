"""The programme manager changes the programme in the browser: each page shows the programme
file's own messages against the field they are about, and each change is in the history."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from improvement_board.programmes.models import Indicator
from tests.web.conftest import PROGRAMME, client_for
from tests.web.pages import errors, fetch, submit

INDICATOR = reverse("indicator-change", args=[PROGRAMME, "ch-141"])


def _form(page: Any) -> dict[str, Any]:
    """What the form holds as opened: every field's initial value, as a browser would send it."""
    form = page.response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_the_manager_changes_a_target_with_a_reason_and_the_indicator_page_shows_it(
    programme: Any,
) -> None:
    manager = client_for("admin")
    indicator_page = fetch(manager, reverse("indicator", args=[PROGRAMME, "ch-141"]))
    assert INDICATOR in indicator_page.html
    page = fetch(manager, INDICATOR)
    assert page.h1 == "Referrals of children in need per 10,000 population aged under 18"
    data = {**_form(page), "target": "230", "reason": "Agreed with the DfE adviser in October"}
    response = manager.post(INDICATOR, data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(programme=programme, key="ch-141")
    assert indicator.target["value"] == 230
    assert indicator.target["text"] is None  # "220", the plan's words, no longer hold
    page = fetch(manager, INDICATOR)
    assert "Agreed with the DfE adviser in October" in page.text
    indicator_page = fetch(client_for("reader"), reverse("indicator", args=[PROGRAMME, "ch-141"]))
    assert "Agreed with the DfE adviser in October" in indicator_page.text


def test_a_new_target_without_a_reason_is_refused_with_the_reason_field_marked(
    programme: Any,
) -> None:
    manager = client_for("admin")
    data = {**_form(fetch(manager, INDICATOR)), "target": "230"}
    page = submit(manager, INDICATOR, data)
    assert errors(page) == [
        "Give the reason for the change: a new target needs one the board can read"
    ]
    assert ("#id_reason", errors(page)[0]) in page.error_links


def test_the_programme_files_messages_show_against_their_fields(programme: Any) -> None:
    manager = client_for("admin")
    data = {
        **_form(fetch(manager, INDICATOR)),
        "target": "-5",
        "milestones": "2006-09 190\nSeptember 200",
        "reason": "trying",
    }
    page = submit(manager, INDICATOR, data)
    assert errors(page) == [
        "Milestone 2: 'September' is not a month written YYYY-MM (such as 2006-11)"
    ]
    data["milestones"] = "2006-09 190 extra"
    page = submit(manager, INDICATOR, data)
    assert errors(page) == ["Milestone 1: write the month and the value, such as 2007-03 200"]
    data["milestones"] = ""
    page = submit(manager, INDICATOR, data)
    assert errors(page) == ["a rate per 10,000 children cannot be negative (found -5)"]
    assert page.error_links[0][0] == "#id_target"
    assert Indicator.objects.get(programme=programme, key="ch-141").target["value"] == 220


def test_a_form_opened_before_someone_elses_change_does_not_overwrite_it(programme: Any) -> None:
    manager = client_for("admin")
    opened = _form(fetch(manager, INDICATOR))
    other = {**opened, "owner": "Head of Early Help", "reason": "new structure"}
    assert manager.post(INDICATOR, other).status_code == 302
    page = submit(manager, INDICATOR, {**opened, "owner": "Head of Safeguarding and Review"})
    assert "changed by someone else after you opened this page" in errors(page)[0]
    assert Indicator.objects.get(programme=programme, key="ch-141").owner == "Head of Early Help"


def test_only_the_programme_manager_sees_the_change_link(programme: Any, officer: Client) -> None:
    page = fetch(officer, reverse("indicator", args=[PROGRAMME, "ch-141"]))
    assert INDICATOR not in page.html
    assert officer.get(INDICATOR).status_code == 403


ACTION = reverse("action-change", args=[PROGRAMME, "ipc-analysis"])
MILESTONE = reverse("milestone-change", args=[PROGRAMME, "ipc-analysis", "interim-report"])
RISK = reverse("risk-change", args=[PROGRAMME, "social-worker-vacancies"])


def test_the_plan_and_risk_log_link_to_their_change_pages_for_the_manager_only(
    programme: Any, officer: Client
) -> None:
    manager = client_for("admin")
    plan = fetch(manager, reverse("plan", args=[PROGRAMME]))
    assert ACTION in plan.html and MILESTONE in plan.html
    assert RISK in fetch(manager, reverse("risks", args=[PROGRAMME])).html
    assert ACTION not in fetch(officer, reverse("plan", args=[PROGRAMME])).html
    assert RISK not in fetch(officer, reverse("risks", args=[PROGRAMME])).html


def test_a_milestone_is_re_dated_with_a_reason_and_the_plan_shows_why(programme: Any) -> None:
    manager = client_for("admin")
    data = {**_form(fetch(manager, MILESTONE)), "due": "15/10/2006"}
    page = submit(manager, MILESTONE, data)
    assert errors(page) == [
        "Give the reason for the change: a new due date needs one the board can read"
    ]
    data["reason"] = "IPC asked for two more weeks"
    assert manager.post(MILESTONE, data).status_code == 302
    plan = fetch(manager, reverse("plan", args=[PROGRAMME]))
    assert "IPC asked for two more weeks" in plan.text
    assert "15 Oct 2006" in plan.text


def test_an_action_naming_an_unknown_evidence_item_gets_the_files_message(programme: Any) -> None:
    manager = client_for("admin")
    data = {**_form(fetch(manager, ACTION)), "evidence_items": "1, 2, 99"}
    page = submit(manager, ACTION, data)
    assert errors(page) == ["Evidence item 3: names evidence item 99, which is not defined"]
    assert page.error_links[0][0] == "#id_evidence_items"


def test_a_risk_is_changed_and_the_log_shows_the_change(programme: Any) -> None:
    manager = client_for("admin")
    data = {
        **_form(fetch(manager, RISK)),
        "mitigation": "Agency social workers while the campaign runs",
        "reason": "Agreed at the October board",
    }
    assert manager.post(RISK, data).status_code == 302
    log = fetch(manager, reverse("risks", args=[PROGRAMME]))
    assert "Agency social workers while the campaign runs" in log.text
    assert "Agreed at the October board" in log.text


MEETING = reverse("meeting-change", args=[PROGRAMME, "2006-11"])
REPORT = reverse("report-change", args=[PROGRAMME, "2006-11", "health-assessments"])


def test_the_manager_moves_a_meeting_and_changes_a_report_from_the_meeting_page(
    programme: Any,
) -> None:
    manager = client_for("admin")
    meeting_page = fetch(manager, reverse("meeting", args=[PROGRAMME, "2006-11"]))
    assert MEETING in meeting_page.html and REPORT in meeting_page.html
    data = {**_form(fetch(manager, MEETING)), "date": "21/11/2006"}
    page = submit(manager, MEETING, data)
    assert errors(page) == [
        "Give the reason for the change: a meeting moved to another date needs one"
    ]
    data["reason"] = "The chair is away"
    assert manager.post(MEETING, data).status_code == 302
    page = fetch(manager, reverse("meeting", args=[PROGRAMME, "2006-11"]))
    assert "Tuesday 21 November 2006" in page.text
    data = {**_form(fetch(manager, REPORT)), "recommendations": "7, 77"}
    page = submit(manager, REPORT, data)
    assert errors(page) == [
        "Recommendation 2: names recommendation '77', which is not in recommendations"
    ]


PARTS = reverse("programme-parts", args=[PROGRAMME])


def test_recommendations_criteria_and_evidence_items_are_changed_from_one_page(
    programme: Any,
) -> None:
    manager = client_for("admin")
    assert PARTS in fetch(manager, reverse("plan", args=[PROGRAMME])).html
    parts = fetch(manager, PARTS)
    recommendation = reverse("recommendation-change", args=[PROGRAMME, "6(2)"])
    criterion = reverse("criterion-change", args=[PROGRAMME, "1"])
    evidence = reverse("evidence-change", args=[PROGRAMME, "1"])
    assert all(url in parts.html for url in (recommendation, criterion, evidence))
    data = {**_form(fetch(manager, criterion)), "evidence_items": "7, 8, 11"}
    page = submit(manager, criterion, data)
    assert errors(page) == ["Evidence item 3: names evidence item 11, which is not defined"]
    data = {**_form(fetch(manager, evidence)), "due": "2006-13"}
    page = submit(manager, evidence, data)
    assert errors(page) == ["'2006-13' is not a month written YYYY-MM (such as 2006-11)"]
    data = {**_form(fetch(manager, recommendation)), "title": "CAF and the Child Concern Model"}
    data["reason"] = "Shorter title for the pack"
    assert manager.post(recommendation, data).status_code == 302
    page = fetch(manager, recommendation)
    assert page.h1 == "CAF and the Child Concern Model"
    assert "Shorter title for the pack" in page.text


def test_a_target_left_empty_is_refused_as_the_file_refuses_it(programme: Any) -> None:
    manager = client_for("admin")
    data = {**_form(fetch(manager, INDICATOR)), "target": "", "target_period": "2007-03"}
    data["reason"] = "clearing"
    page = submit(manager, INDICATOR, data)
    assert errors(page) == ["Input should be a valid number (left empty)"]
    assert page.error_links[0][0] == "#id_target"
    data.update(target_period="", target_text="")
    page = submit(manager, INDICATOR, data)
    assert errors(page) == [
        "needs a target (only a context indicator, polarity: context, is watched without one)"
    ]
