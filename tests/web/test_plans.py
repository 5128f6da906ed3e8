"""The action plan and risk log: officers complete milestones with evidence and review risks."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from improvement_board.plans.models import Milestone, RiskReview
from tests.web.conftest import PROGRAMME
from tests.web.pages import errors, fetch, submit

MILESTONE = reverse("milestone-complete", args=[PROGRAMME, "ipc-analysis", "interim-report"])
RISK = reverse("risk-review", args=[PROGRAMME, "social-worker-vacancies"])


def _milestone() -> Milestone:
    return Milestone.objects.get(action__key="ipc-analysis", key="interim-report")


def test_an_officer_completes_a_milestone_with_evidence_and_the_plan_shows_both(
    programme: Any, officer: Client, reader: Client
) -> None:
    assert fetch(officer, MILESTONE).h1.startswith("Interim report on the IPC analysis")
    response = officer.post(
        MILESTONE,
        {
            "on": "26/09/2006",
            "evidence": "Interim IPC report received by the board on 26 September 2006",
            "link": "https://example.org/ipc-interim.pdf",
        },
    )
    assert response.status_code == 302
    milestone = _milestone()
    assert str(milestone.completed_on) == "2006-09-26"
    assert milestone.evidence.get().link == "https://example.org/ipc-interim.pdf"
    page = fetch(reader, reverse("plan", args=[PROGRAMME]))
    assert "Done on time" in page.text
    assert "Interim IPC report received by the board on 26 September 2006" in page.text


def test_a_milestone_cannot_be_completed_without_evidence(programme: Any, officer: Client) -> None:
    page = submit(officer, MILESTONE, {"on": "26/09/2006", "evidence": "  ", "link": ""})
    assert errors(page) == ["Enter the evidence that shows the milestone was achieved"]
    assert _milestone().completed_on is None


def test_a_completion_date_must_be_a_real_date_in_the_past(programme: Any, officer: Client) -> None:
    page = submit(officer, MILESTONE, {"on": "31/02/2006", "evidence": "Report", "link": ""})
    assert errors(page) == ["Enter a real date. For example, 24/11/2006"]
    page = submit(officer, MILESTONE, {"on": "01/01/2999", "evidence": "Report", "link": ""})
    assert errors(page) == ["The date completed must be today or in the past"]


def test_an_officer_records_a_risk_review_and_the_log_shows_the_new_score(
    programme: Any, officer: Client, reader: Client
) -> None:
    fetch(officer, RISK)
    response = officer.post(
        RISK,
        {
            "on": "24/10/2006",
            "likelihood": "3",
            "impact": "4",
            "note": "Recruitment campaign under way",
        },
    )
    assert response.status_code == 302
    review = RiskReview.objects.get()
    assert (review.likelihood, review.impact, review.risk.score) == (3, 4, 12)
    assert review.risk.inherent_score == 16  # the plan's 4 × 4, before mitigation
    assert str(review.risk.review_date) == "2006-11-28"  # 35 days on: the programme's period
    page = fetch(reader, reverse("risks", args=[PROGRAMME]))
    assert "Recruitment campaign under way" in page.text
    assert "12 (likelihood 3, impact 4), after mitigation" in page.text
    assert "16 (likelihood 4, impact 4)" in page.text
    assert "Changes to this risk" in page.text


def test_a_risk_review_needs_scores_of_one_to_five_and_a_decision(
    programme: Any, officer: Client
) -> None:
    page = submit(officer, RISK, {"on": "24/10/2006", "likelihood": "9", "note": ""})
    assert errors(page) == [
        "Select the likelihood now, from 1 to 5",
        "Select the impact now, from 1 to 5",
        "Enter what the review decided",
    ]
    assert {href for href, _ in page.error_links} == {
        "#id_likelihood_0",
        "#id_impact_0",
        "#id_note",
    }
    assert not RiskReview.objects.exists()


def test_a_review_sets_the_next_review_date_it_is_given(programme: Any, officer: Client) -> None:
    officer.post(
        RISK,
        {"on": "24/10/2006", "likelihood": "3", "impact": "4", "note": "Better",
         "next_review": "01/12/2006"},
    )  # fmt: skip
    assert str(RiskReview.objects.get().risk.review_date) == "2006-12-01"
    page = submit(
        officer,
        RISK,
        {"on": "24/10/2006", "likelihood": "3", "impact": "4", "note": "x",
         "next_review": "01/10/2006"},
    )  # fmt: skip
    assert errors(page) == ["The next review must be after this review"]


ACTION_STATUS = reverse("action-status", args=[PROGRAMME, "ipc-analysis"])


def test_an_actions_status_follows_its_milestones_until_set_with_a_reason(
    programme: Any, officer: Client, reader: Client
) -> None:
    page = fetch(reader, reverse("plan", args=[PROGRAMME]))
    assert "Not started (0 of 2 milestones done)" in " ".join(page.text.split())
    page = submit(officer, ACTION_STATUS, {"status": "deferred", "reason": ""})
    assert errors(page) == ["Enter why the status is set this way"]
    response = officer.post(
        ACTION_STATUS, {"status": "deferred", "reason": "IPC not commissioned for phase two"}
    )
    assert response.status_code == 302
    page = fetch(reader, reverse("plan", args=[PROGRAMME]))
    text = " ".join(page.text.split())
    assert "Deferred (set by hand: IPC not commissioned for phase two)" in text
    assert "status set to deferred: IPC not commissioned for phase two" in text


ESCALATE = reverse("escalation-add", args=[PROGRAMME])


def test_an_exception_escalated_shows_in_the_pack_until_resolved(
    programme: Any, officer: Client, reader: Client
) -> None:
    form = fetch(officer, ESCALATE)
    options = [o for o in form.html.split('<option value="')[2:]]
    risk = next(o.split('"')[0] for o in options if o.startswith("risk:social-worker-vacancies"))
    response = officer.post(
        ESCALATE,
        {"exception": risk, "on": "02/10/2006", "to": "Director of Children's Services",
         "reason": "Above appetite at two reviews"},
    )  # fmt: skip
    assert response.status_code == 302
    from improvement_board.web.queries import meeting_pack

    pack = meeting_pack(meeting=programme.meetings.get(period="2006-11"))
    line = next(e for e in pack.exceptions if e.startswith("Qualified social worker vacancy"))
    assert line.endswith(
        "escalated on 2 October 2006 to Director of Children's Services (outcome awaited)"
    )
    escalation = programme.escalations.get()
    outcome = reverse("escalation-outcome", args=[PROGRAMME, escalation.pk])
    officer.post(outcome, {"outcome": "Agency cover funded", "resolved_on": "20/10/2006"})
    pack = meeting_pack(meeting=programme.meetings.get(period="2006-11"))
    assert not any("escalated on" in e for e in pack.exceptions)
    page = fetch(reader, reverse("escalations", args=[PROGRAMME]))
    assert "Resolved 20 Oct 2006" in page.text and "Agency cover funded" in page.text
