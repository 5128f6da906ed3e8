"""Sign-off in the web app: the meeting page offers each step to the roles that may take it, and
a refused step comes back on the meeting page saying why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.meetings.models import IssuedPack, PackSignOff
from tests.web.conftest import PROGRAMME, client_for
from tests.web.pages import check_page, errors

MEETING = reverse("meeting", args=[PROGRAMME, "2006-11"])
PREPARE = reverse("pack-prepare", args=[PROGRAMME, "2006-11"])
APPROVE = reverse("pack-approve", args=[PROGRAMME, "2006-11"])
ISSUE = reverse("pack-issue", args=[PROGRAMME, "2006-11"])


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Printing is the core's job (tested there); here only the steps and who takes them."""
    monkeypatch.setattr("improvement_board.meetings.services.render_pdf", lambda html: b"%PDF-")


def _actions(client: Client) -> list[str | None]:
    return [f.action for f in check_page(client.get(MEETING)).forms][1:]  # after sign-out


def test_an_officer_prepares_an_approver_approves_and_issues(
    programme: Any, officer: Client, reader: Client, home: Path
) -> None:
    approver = client_for("approver")
    assert _actions(reader) == [] and _actions(officer) == [PREPARE]
    assert officer.post(PREPARE)["Location"] == MEETING
    assert "Not yet: waiting for an approver" in check_page(reader.get(MEETING)).text
    assert _actions(approver) == [PREPARE, APPROVE]
    assert approver.post(APPROVE)["Location"] == MEETING
    page = check_page(approver.get(MEETING))
    assert "The November 2006 pack prepared by" in page.text and "is approved" in page.text
    assert _actions(approver) == [PREPARE, ISSUE]
    assert approver.post(ISSUE)["Location"] == MEETING
    [html, pdf] = IssuedPack.objects.order_by("kind")
    assert html.sign_off == pdf.sign_off == PackSignOff.objects.get()
    table = check_page(reader.get(MEETING)).text
    assert "Unchanged" in table and "has not been prepared for approval since it was last" in table


def test_the_preparer_is_not_offered_approval_and_is_refused_saying_why(
    programme: Any, home: Path
) -> None:
    approver = client_for("approver")
    approver.post(PREPARE)
    assert _actions(approver) == [PREPARE]
    page = check_page(approver.post(APPROVE), 409)
    [reason] = errors(page)
    assert "prepared this pack, so someone else must approve it" in reason
    assert page.error_links[0][0] == "#sign-off"
    assert PackSignOff.objects.get().approved_by is None


def test_issuing_an_unapproved_pack_is_refused_on_the_meeting_page(
    programme: Any, home: Path
) -> None:
    page = check_page(client_for("approver").post(ISSUE), 409)
    assert page.title.startswith("Error: ")
    assert "has not been prepared for approval" in errors(page)[0]
    assert IssuedPack.objects.count() == 0
