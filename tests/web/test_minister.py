"""The report to the Minister in the web app: the quarters with where each report stands, a
quarter's draft in both variants, its sign-off by two people with refusals that say why, the
issued files, and the success criteria with their evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.meetings.minister import minister_report_build
from improvement_board.meetings.models import IssuedMinisterReport, MinisterSignOff
from improvement_board.plans.services import milestone_complete
from improvement_board.programmes.models import Programme
from improvement_board.publication import publication_review_mark
from tests.meetings.signing import person
from tests.web.conftest import PROGRAMME, client_for
from tests.web.pages import check_page, errors

Q = "2006-09"
REPORTS = reverse("minister-reports", args=[PROGRAMME])
REPORT = reverse("minister-report", args=[PROGRAMME, Q])
PREPARE = reverse("minister-prepare", args=[PROGRAMME, Q])
APPROVE = reverse("minister-approve", args=[PROGRAMME, Q])
ISSUE = reverse("minister-issue", args=[PROGRAMME, Q])
CRITERIA = reverse("success-criteria", args=[PROGRAMME])


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch: pytest.MonkeyPatch, tasks_at_once: None) -> None:
    """Printing is the core's job (tested there); here only the steps and who takes them. The
    worker's printing is done as it is asked for."""
    monkeypatch.setattr("improvement_board.meetings.minister.render_pdf", lambda html: b"%PDF-")
    monkeypatch.setattr("improvement_board.rendering.services.render_pdf", lambda html: b"%PDF-")


def _actions(client: Client) -> list[str | None]:
    return [f.action for f in check_page(client.get(REPORT)).forms][1:]  # after sign-out


def test_the_quarters_are_listed_with_where_each_report_stands(
    programme: Programme, reader: Client, home: Path
) -> None:
    page = check_page(reader.get(REPORTS))
    assert page.h1 == "Reports to the Minister"
    for label in ("June 2006", "September 2006", "December 2006", "March 2007"):
        assert f"Quarter ending {label}" in page.text
    assert page.text.count("Draft") == 4
    assert reverse("success-criteria", args=[PROGRAMME]) in page.html


def test_the_report_page_shows_the_internal_draft_and_the_variant_marked_for_publication(
    programme: Programme, reader: Client, home: Path
) -> None:
    internal = check_page(reader.get(REPORT))
    assert internal.h1 == "Report to the Minister: July to September 2006"
    assert (
        "OFFICIAL-SENSITIVE" in internal.text and "Internal: not for publication" in internal.text
    )
    published = check_page(reader.get(REPORT + "?variant=for-publication"))
    assert "OFFICIAL-SENSITIVE" not in published.text and "OFFICIAL" in published.text
    assert "Marked for publication: small numbers suppressed" in published.text
    report = minister_report_build(programme=programme, quarter_end=Q, publish=True)
    for line in report.indicators:  # what the core lets out, and nothing it withholds
        assert line.name in published.text
        for withheld in line.withheld:
            assert withheld in published.text
    draft = reader.get(reverse("minister-draft-html", args=[PROGRAMME, Q, "for-publication"]))
    assert draft.status_code == 200 and draft["Content-Disposition"].startswith("inline")
    assert "Marked for publication" in draft.content.decode()
    pdf = reader.get(reverse("minister-draft-pdf", args=[PROGRAMME, Q, "internal"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert reader.get(reverse("minister-draft-html", args=[PROGRAMME, Q, "other"])).status_code == (
        404
    )


def test_a_month_that_is_not_one_of_the_programmes_quarters_is_not_found(
    programme: Programme, reader: Client
) -> None:
    for quarter in ("2006-10", "2009-03"):
        check_page(reader.get(reverse("minister-report", args=[PROGRAMME, quarter])), 404)


def test_an_officer_prepares_an_approver_approves_and_issues(
    programme: Programme, officer: Client, reader: Client, home: Path
) -> None:
    approver = client_for("approver")
    assert _actions(reader) == [] and _actions(officer) == [PREPARE]
    assert officer.post(PREPARE)["Location"] == REPORT
    assert "Not yet: waiting for an approver" in check_page(reader.get(REPORT)).text
    assert _actions(approver) == [PREPARE, APPROVE]
    assert approver.post(APPROVE)["Location"] == REPORT
    page = check_page(approver.get(REPORT))
    assert "prepared by" in page.text and "is approved" in page.text
    assert _actions(approver) == [PREPARE, ISSUE]
    assert approver.post(ISSUE)["Location"] == REPORT
    files = IssuedMinisterReport.objects.all()
    assert {(f.variant, f.kind, f.version) for f in files} == {
        ("internal", "html", 1),
        ("internal", "pdf", 1),
        ("for-publication", "html", 1),
        ("for-publication", "pdf", 1),
    }
    assert {f.sign_off for f in files} == {MinisterSignOff.objects.get()}
    page = check_page(reader.get(REPORT))
    assert page.text.count("Unchanged") == 4
    assert "has not been prepared for approval since it was last issued" in page.text
    issued = reader.get(reverse("minister-issued-html", args=[PROGRAMME, Q, 1, "for-publication"]))
    assert issued.status_code == 200 and b"Marked for publication" in issued.content
    assert "Version 1 issued" in check_page(reader.get(REPORTS)).text


def test_the_preparer_is_not_offered_approval_and_is_refused_saying_why(
    programme: Programme, home: Path
) -> None:
    approver = client_for("approver")
    approver.post(PREPARE)
    assert _actions(approver) == [PREPARE]
    [reason] = errors(check_page(approver.post(APPROVE), 409))
    assert "prepared this report, so someone else must approve it" in reason
    [reason] = errors(check_page(approver.post(ISSUE), 409))
    assert "has not been approved" in reason
    assert IssuedMinisterReport.objects.count() == 0


def test_an_issued_file_changed_on_disc_is_not_served(programme: Programme, home: Path) -> None:
    client_for("officer").post(PREPARE)
    approver = client_for("approver")
    approver.post(APPROVE)
    approver.post(ISSUE)
    file = IssuedMinisterReport.objects.get(variant="internal", kind="html")
    file.file.write_text("changed", encoding="utf-8")
    url = reverse("minister-issued-html", args=[PROGRAMME, Q, 1, "internal"])
    assert approver.get(url).status_code == 409
    assert "Changed since issued" in check_page(approver.get(REPORT)).text


def test_the_success_criteria_page_shows_checks_evidence_review_and_linked_indicators(
    programme: Programme, reader: Client, home: Path
) -> None:
    milestone = programme.actions.get(key="caf-evaluation").milestones.get(key="evaluation-report")
    milestone_complete(
        milestone=milestone, on=date(2006, 10, 20), evidence="Evaluation tabled", user=None
    )
    page = check_page(reader.get(CRITERIA))
    assert page.h1 == "Success criteria and their evidence"
    assert "these figures are synthetic" in page.text
    for criterion in programme.criteria.all():
        assert f"Criterion {criterion.number}: {criterion.title}" in page.text
    assert "Evaluation tabled" in page.text and "Not reviewed for publication" in page.text
    assert "Lacks a measure (no evidence items show it)" in page.text  # criterion 5
    assert reverse("indicator", args=[PROGRAMME, "cafs-completed"]) in page.html
    evidence = milestone.evidence.get()
    publication_review_mark(row=evidence, user=person("ann", "approver", programme))
    page = check_page(reader.get(CRITERIA))
    assert "Reviewed for publication by ann" in page.text


def test_the_draft_pdf_is_printed_by_the_worker_never_in_the_request(
    programme: Programme, reader: Client, home: Path, tasks_held: Any
) -> None:
    url = reverse("minister-draft-pdf", args=[PROGRAMME, Q, "internal"])
    waiting = reader.get(url)
    assert waiting.status_code == 202 and waiting["Refresh"]
    html = waiting.content.decode()
    assert '<h1 class="govuk-heading-l">The PDF of the report to the Minister is being ' in html
    assert reverse("minister-draft-html", args=[PROGRAMME, Q, "internal"]) in html
