"""The demo as a new user runs it: the report for the quarter to September 2006, marked for
publication, shows nothing of SC 5037 (care leavers in suitable accommodation, 19/20 at baseline
and a cohort of five a month) but ``c``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from improvement_board.demo import demo_run
from improvement_board.meetings.minister import minister_report_write
from improvement_board.programmes.models import Programme
from tests.core.packs.minister_inputs import list_items, register

pytestmark = pytest.mark.django_db

CARE_LEAVERS = (
    "SC 5037: % of Care Leavers at age 19 years living in suitable accommodation "
    "(No of Young People)"
)


def test_the_published_september_2006_report_shows_nothing_of_sc_5037_but_c(
    settings: Any, tmp_path: Path
) -> None:
    settings.BOARD_HOME = tmp_path
    demo_run(home=tmp_path / "demo", user=None)
    programme = Programme.objects.get(key="herefordshire-2006")
    published = minister_report_write(
        programme=programme, quarter_end="2006-09", folder=tmp_path, publish=True
    )
    html = published.html.read_text(encoding="utf-8")
    row = register(html)[CARE_LEAVERS]
    baseline, figure, counts, target, status, direction = (text for _, text in row[:6])
    assert (figure, counts, status, direction) == ("c", "c/c", "c", "c")
    assert baseline == "c (c/20)"  # 20, the baseline's cohort, is a total that hides nothing
    assert target == "100%"  # the plan's, not a figure
    comparison = row[6][1]
    assert comparison.startswith(
        "Compared with other councils: 2005-06 (published 28 September 2006): "
        "Herefordshire, County of c."
    )
    assert "89.5" not in comparison and "Rank " not in comparison
    assert row[7][0] == "withheld"
    assert not [line for line in list_items(html, "exceptions") if "SC 5037" in line]
    words = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)  # charts' drawing, not their words
    assert "15.1" not in words  # the forecast "will miss by about 15.1 points"
    assert 'id="trend-sc-5037"' not in html
    internal = minister_report_write(programme=programme, quarter_end="2006-09", folder=tmp_path)
    text = internal.html.read_text(encoding="utf-8")
    assert "Herefordshire, County of 89.5%" in text
    assert "Will miss by about 15.1 percentage points" in text
