"""The protective marking the settings give, on every page of a pack written or issued."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from improvement_board.meetings.marking import marking_for
from improvement_board.meetings.selectors import meeting_get
from improvement_board.meetings.services import pack_issue, pack_write
from improvement_board.programmes.services import programme_load
from tests.meetings.signing import approved

pytestmark = pytest.mark.django_db

BANNER = '<p class="protective-marking">{}</p>'


@pytest.fixture
def meeting(mini_programme_file: Path, settings: Any, tmp_path: Path) -> Any:
    settings.BOARD_HOME = tmp_path
    programme, _ = programme_load(path=mini_programme_file)
    first = programme.meetings.order_by("period").first()
    assert first is not None
    return meeting_get(programme=programme, period=first.period)


def test_a_pack_is_official_sensitive_unless_the_settings_say_otherwise(
    meeting: Any, settings: Any, tmp_path: Path
) -> None:
    del settings.BOARD_MARKING_PACK  # as when the setting is not given
    html = pack_write(meeting=meeting, folder=tmp_path).html.read_text(encoding="utf-8")
    assert html.count(BANNER.format("OFFICIAL-SENSITIVE")) == 2
    assert marking_for(publish=False) == "OFFICIAL-SENSITIVE"
    assert marking_for(publish=True) == "OFFICIAL"


def test_every_page_of_an_issued_pack_carries_the_marking_the_settings_give(
    meeting: Any, settings: Any
) -> None:
    settings.BOARD_MARKING_PACK = "OFFICIAL-SENSITIVE: BOARD ONLY"
    html, pdf = pack_issue(meeting=meeting, user=approved(meeting), pdf=True)
    text = html.file.read_text(encoding="utf-8")
    assert text.count(BANNER.format("OFFICIAL-SENSITIVE: BOARD ONLY")) == 2
    pages = PdfReader(io.BytesIO(pdf.file.read_bytes())).pages
    for number, page in enumerate(pages, start=1):
        assert page.extract_text().count("OFFICIAL-SENSITIVE: BOARD ONLY") >= 2, f"page {number}"
