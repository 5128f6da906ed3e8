"""Free text is published only once an approver has read it for publication, and any change to
the words withdraws the mark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

from improvement_board.meetings.minister import minister_report_write
from improvement_board.programmes.models import Commentary
from improvement_board.programmes.services import commentary_save
from tests.web.factories import UserFactory
from tests.web.pages import fetch

ANALYSIS = "Referrals rose after the new front door opened in August"


def _report(programme: Any, folder: Path) -> str:
    written = minister_report_write(
        programme=programme, quarter_end="2006-09", folder=folder, publish=True
    )
    return written.html.read_text(encoding="utf-8")


def test_commentary_is_published_once_reviewed_and_withdrawn_when_it_changes(
    programme: Any, home: Path
) -> None:
    indicator = programme.indicators.get(key="ch-141")
    commentary_save(
        indicator=indicator, period="2006-09", analysis=ANALYSIS, action="", reason="a correction"
    )
    assert ANALYSIS not in _report(programme, home)
    approver = Client()
    approver.force_login(UserFactory(role="approver"))
    url = reverse("publication-review", args=[programme.key])
    page = fetch(approver, url)
    assert ANALYSIS in page.text and "Not reviewed" in page.text
    row = Commentary.objects.get(indicator=indicator, period="2006-09")
    assert approver.post(url, {"item": [f"commentary:{row.pk}"]}).status_code == 302
    assert ANALYSIS in _report(programme, home)
    commentary_save(
        indicator=indicator,
        period="2006-09",
        analysis=ANALYSIS + ".",
        action="",
        reason="a correction",
    )
    assert ANALYSIS not in _report(programme, home)
    assert "Changed since it was reviewed" in fetch(approver, url).text


def test_only_an_approver_of_the_programme_marks_text_reviewed(
    programme: Any, officer: Client
) -> None:
    assert officer.get(reverse("publication-review", args=[programme.key])).status_code == 403
