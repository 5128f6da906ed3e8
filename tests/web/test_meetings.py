"""Meetings: officers record which reports came; anyone can download the meeting's pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.meetings.models import Meeting, ReportItem
from tests.meetings.signing import approved
from tests.web.conftest import PROGRAMME, client_for
from tests.web.pages import check_page, errors, fetch, submit

MEETING = reverse("meeting", args=[PROGRAMME, "2006-11"])
REPORT = reverse("report-mark", args=[PROGRAMME, "2006-11", "health-assessments"])


def _item() -> ReportItem:
    return ReportItem.objects.get(meeting__period="2006-11", key="health-assessments")


def test_an_officer_marks_a_report_received_and_the_meeting_page_shows_it(
    programme: Any, officer: Client, reader: Client
) -> None:
    form = fetch(officer, REPORT)
    assert form.h1 == "Update report - Health Assessments (JAR recommendation 7)"
    response = officer.post(REPORT, {"status": "received", "on": "24/11/2006"})
    assert response.status_code == 302 and response["Location"] == MEETING
    item = _item()
    assert (item.status, str(item.received_on)) == ("received", "2006-11-24")
    assert item.history.first().history_change_reason == "marked received"
    page = fetch(reader, MEETING)
    row = page.text.split("Update report - Health Assessments")[1][:200]
    assert "Received 24 Nov 2006" in row


def test_a_report_marked_received_needs_the_date_it_came(programme: Any, officer: Client) -> None:
    page = submit(officer, REPORT, {"status": "received", "on": ""})
    assert errors(page) == ["Enter the date the report was received. For example, 24/11/2006"]
    assert _item().status == "due"


def test_a_deferred_report_needs_no_date(programme: Any, officer: Client) -> None:
    assert officer.post(REPORT, {"status": "deferred", "on": ""}).status_code == 302
    assert (_item().status, _item().received_on) == ("deferred", None)


def test_undoing_or_redating_a_receipt_needs_a_typed_reason_shown_on_the_meeting_page(
    programme: Any, officer: Client, reader: Client
) -> None:
    assert officer.post(REPORT, {"status": "received", "on": "24/11/2006"}).status_code == 302
    page = submit(officer, REPORT, {"status": "received", "on": "27/11/2006"})
    assert errors(page) == [
        "Give a reason for the change: the report was recorded as received on 24 November 2006"
    ]
    assert str(_item().received_on) == "2006-11-24"
    done = officer.post(
        REPORT, {"status": "received", "on": "27/11/2006", "reason": "came by post on the 27th"}
    )
    assert done.status_code == 302
    assert _item().history.first().history_change_reason == "came by post on the 27th"
    meeting = fetch(reader, MEETING)
    assert "Changes to this report's record (3)" in meeting.text
    assert "came by post on the 27th" in meeting.text


def test_a_report_status_must_be_one_the_board_uses(programme: Any, officer: Client) -> None:
    page = submit(officer, REPORT, {"status": "lost"})
    assert errors(page) == ["Select whether the report has come"]
    assert page.error_links[0][0] == "#id_status_0"


def test_the_pack_downloads_as_a_self_contained_html_attachment(
    programme: Any, reader: Client
) -> None:
    response = reader.get(reverse("pack-html", args=[PROGRAMME, "2006-11"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="board-pack-2006-11.html"'
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    html = response.content.decode("utf-8")
    assert "<h1>Board pack for the November 2006 meeting</h1>" in html
    assert "Update report - Health Assessments" in html and "<svg" in html


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tasks_at_once: None) -> list[str]:
    """Printing is the core's job (tested there); here each print is counted."""
    calls: list[str] = []

    def render_pdf(html: str) -> bytes:
        calls.append(html)
        return b"%PDF-1.7 printed"

    monkeypatch.setattr("improvement_board.rendering.services.render_pdf", render_pdf)
    return calls


def test_the_pdf_pack_is_printed_once_and_reprinted_only_when_the_pack_changes(
    programme: Any, reader: Client, officer: Client, home: Path, printed: list[str]
) -> None:
    url = reverse("pack-pdf", args=[PROGRAMME, "2006-11"])
    first = reader.get(url)
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == 'attachment; filename="board-pack-2006-11.pdf"'
    assert first.content == b"%PDF-1.7 printed"
    assert reader.get(url).content == first.content
    assert len(printed) == 1
    officer.post(REPORT, {"status": "received", "on": "24/11/2006"})
    reader.get(url)
    assert len(printed) == 2 and "Received" in printed[1]


def test_a_meeting_page_has_one_form_per_report_page_not_per_row(
    programme: Any, officer: Client
) -> None:
    page = check_page(officer.get(MEETING))
    prepare = reverse("pack-prepare", args=[PROGRAMME, "2006-11"])
    assert [f.action for f in page.forms] == [reverse("logout"), prepare]
    assert REPORT in page.html


def test_an_approver_issues_the_pack_and_readers_get_exactly_what_was_issued(
    programme: Any, reader: Client, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("improvement_board.meetings.services.render_pdf", lambda html: b"%PDF-")
    approved(Meeting.objects.get(programme=programme, period="2006-11"))
    approver = client_for("approver")
    assert check_page(reader.get(MEETING)).text.count("No version of this pack") == 1
    response = approver.post(reverse("pack-issue", args=[PROGRAMME, "2006-11"]))
    assert response.status_code == 302 and response["Location"] == MEETING
    page = check_page(reader.get(MEETING))
    assert "Unchanged" in page.text and "Issue the pack" not in page.text
    url = reverse("issued-html", args=[PROGRAMME, "2006-11", 1])
    served = reader.get(url)
    [stored] = home.rglob("board-pack-2006-11-v1.html")
    assert served.status_code == 200 and served.content == stored.read_bytes()
    assert 'filename="board-pack-2006-11-v1.html"' in served["Content-Disposition"]
    stored.write_bytes(b"edited")
    assert "Changed since issued" in check_page(reader.get(MEETING)).text
    assert reader.get(url).status_code == 409
