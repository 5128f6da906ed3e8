"""What the API reads is what the board reads: statuses and exceptions as the pack judges them,
an action's status as the plan page derives it, every version of a figure with its DfE marker,
the risk log and the meetings with their issued packs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from improvement_board.core.periods import Period
from improvement_board.meetings.models import Meeting
from improvement_board.meetings.services import pack_issue
from improvement_board.plans.models import Action, Milestone, Risk
from improvement_board.plans.selectors import action_status_of
from improvement_board.plans.services import milestone_complete, risk_review
from improvement_board.programmes.measurements import Figure, measurements_apply
from improvement_board.programmes.status import COLUMNS, status_report
from improvement_board.web.queries import programme_status
from tests.api.conftest import PROGRAMME, Caller
from tests.meetings.signing import approved
from tests.web.factories import UserFactory

P = {"programme": PROGRAMME}


def test_statuses_are_the_ones_board_status_and_the_pack_give(
    programme: Any, reader_api: Caller
) -> None:
    body = reader_api.get(reverse("api:statuses", kwargs=P), month="2006-08").json()
    assert (body["month"], body["meeting"], body["synthetic"]) == ("2006-08", "2006-09", True)
    report = status_report(programme=programme, period="2006-08")
    shown = [
        {
            "indicator": s["code"] or s["title"],
            "latest": f"{s['words']['latest']} ({s['words']['counts']})"
            if s["words"]["counts"]
            else s["words"]["latest"],
            "planned": s["words"]["planned"],
            "status": s["words"]["status"],
            "direction": s["words"]["direction"],
            "forecast": s["words"]["forecast"],
            "spc": s["words"]["spc"],
            "benchmark": s["words"]["benchmark"],
        }
        for s in body["indicators"]
    ]
    assert shown == [dict(zip(COLUMNS, row, strict=True)) for row in report.rows]
    assert all(s["status"].capitalize() == s["words"]["status"] for s in body["indicators"])
    assert {s["status"] for s in body["indicators"]} >= {"red", "green"}


def test_statuses_judge_the_latest_month_with_a_figure_unless_told(reader_api: Caller) -> None:
    body = reader_api.get(reverse("api:statuses", kwargs=P)).json()
    assert (body["month"], body["meeting"]) == ("2006-10", "2006-11")
    outside = reader_api.get(reverse("api:statuses", kwargs=P), month="2001-01")
    assert outside.status_code == 404
    assert "outside the programme" in outside.json()["detail"]


def test_exceptions_are_the_packs_exception_report(programme: Any, reader_api: Caller) -> None:
    body = reader_api.get(reverse("api:exceptions", kwargs=P), month="2006-10").json()
    pack = programme_status(programme=programme, month=Period(2006, 10))
    lines = tuple(
        f"{i['title']}: {'; '.join(i['reasons'])}"
        + (f"; {i['escalated']}" if i["escalated"] else "")
        for i in body["items"]
    )
    assert lines == pack.exceptions and lines
    assert {i["kind"] for i in body["items"]} >= {"indicator"}


def test_a_figure_shows_every_version_with_who_and_why_and_a_marker_in_place_of_its_value(
    programme: Any, reader_api: Caller
) -> None:
    officer = UserFactory(username="olly", role="officer")
    for figure, reason in (
        (Figure("ch-141", "2006-10", 199.0, 712, 35798), "recount after audit"),
        (Figure("ch-141", "2006-09", None, marker="u"), "low reliability this month"),
    ):
        measurements_apply(
            programme=programme,
            figures=[figure],
            places=[("test", None)],
            source="the test",
            user=officer,
            reason=reason,
        )
    url = reverse("api:figures", kwargs={**P, "indicator": "ch-141"})
    figures = {f["period"]: f for f in reader_api.get(url).json()}
    october = figures["2006-10"]
    assert (october["value"], october["revision"], october["recorded_by"]) == (199.0, 2, "olly")
    assert [(v["revision"], v["value"], v["who"], v["why"]) for v in october["versions"]] == [
        (2, 199.0, "olly", "recount after audit"),
        (1, 200.3, "the system", "first recorded from herefordshire-2006-monthly-SYNTHETIC.csv"),
    ]
    september = figures["2006-09"]
    assert september["value"] is None
    assert september["marker"] == {
        "symbol": "u",
        "meaning": "not available: low reliability",
        "stored": "u",
    }
    assert september["versions"][0]["marker"]["symbol"] == "u"
    assert september["versions"][1]["marker"] is None
    by_code = reader_api.get(reverse("api:figures", kwargs={**P, "indicator": "nothing"}))
    assert by_code.status_code == 404


def test_an_actions_status_is_the_one_the_plan_derives_from_its_milestones(
    programme: Any, reader_api: Caller
) -> None:
    milestone = Milestone.objects.get(action__programme=programme, key="interim-report")
    milestone_complete(milestone=milestone, on=date(2006, 9, 29), evidence="Interim report")
    on = date(2006, 10, 15)
    body = reader_api.get(reverse("api:actions", kwargs=P), on=on.isoformat()).json()
    actions = {a.key: a for a in Action.objects.filter(programme=programme)}
    for shown in body:
        derived = action_status_of(action=actions[shown["key"]], as_at=on)
        assert (shown["status"], shown["status_word"], shown["status_basis"]) == (
            derived.status,
            derived.word,
            derived.basis,
        )
    ipc = next(a for a in body if a["key"] == "ipc-analysis")
    assert ipc["status"] == "in_progress"
    done = next(m for m in ipc["milestones"] if m["key"] == "interim-report")
    assert done["completed_on"] == "2006-09-29"
    assert [e["note"] for e in done["evidence"]] == ["Interim report"]


def test_the_risk_log_gives_the_score_now_and_every_review(
    programme: Any, reader_api: Caller
) -> None:
    risk = Risk.objects.get(programme=programme, key="social-worker-vacancies")
    risk_review(risk=risk, on=date(2006, 10, 2), likelihood=2, impact=3, note="agency cover")
    body = reader_api.get(reverse("api:risks", kwargs=P)).json()
    shown = next(r for r in body if r["key"] == "social-worker-vacancies")
    assert shown["inherent_score"] == risk.likelihood * risk.impact
    assert (shown["residual_likelihood"], shown["residual_impact"], shown["score"]) == (2, 3, 6)
    assert [(v["reviewed_on"], v["note"]) for v in shown["reviews"]] == [
        ("2006-10-02", "agency cover")
    ]
    assert len(body) == Risk.objects.filter(programme=programme).count()


@pytest.fixture
def stub_pdf(monkeypatch: pytest.MonkeyPatch, home: Any) -> None:
    """Printing a PDF takes seconds and is the core's job; here only the issue's record matters."""
    monkeypatch.setattr(
        "improvement_board.meetings.services.render_pdf", lambda html: b"%PDF-1.7 stub"
    )


def test_meetings_give_their_reports_and_every_pack_issued(
    programme: Any, reader_api: Caller, stub_pdf: None
) -> None:
    meeting = Meeting.objects.get(programme=programme, period="2006-11")
    issued = pack_issue(meeting=meeting, user=approved(meeting))
    body = reader_api.get(reverse("api:meetings", kwargs=P)).json()
    assert [m["period"] for m in body] == list(
        programme.meetings.order_by("period").values_list("period", flat=True)
    )
    november = next(m for m in body if m["period"] == "2006-11")
    assert {r["key"] for r in november["reports"]} >= {"health-assessments"}
    assert sorted((p["kind"], p["sha256"]) for p in november["issued"]) == sorted(
        (p.kind, p.sha256) for p in issued
    )
    assert {p["issued_by"] for p in november["issued"]} == {"approver"}


def test_programmes_give_the_role_the_token_carries_in_each(
    programme: Any, reader_api: Caller, officer_api: Caller
) -> None:
    assert [p["role"] for p in reader_api.get(reverse("api:programmes")).json()] == ["reader"]
    listed = officer_api.get(reverse("api:programmes")).json()
    assert [(p["key"], p["role"]) for p in listed] == [(PROGRAMME, "officer")]
    one = officer_api.get(reverse("api:programme", kwargs=P)).json()
    assert (one["first_period"], one["last_period"]) == ("2006-04", "2007-03")
    indicators = officer_api.get(reverse("api:indicators", kwargs=P)).json()
    assert [i["key"] for i in indicators] == list(
        programme.indicators.values_list("key", flat=True)
    )
