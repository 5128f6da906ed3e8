"""The README's demo, run as a person would, and its pack opened in a real browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_the_demo_uses_a_store_of_its_own(demo_pack: Path) -> None:
    demo_home = demo_pack.parents[1]
    assert (demo_home / "board.sqlite3").exists()
    assert not (demo_home.parent / "board.sqlite3").exists()


def test_the_demo_pack_shows_all_eighteen_indicators_with_numbers_and_charts(
    browser: Any, demo_pack: Path, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(demo_pack.as_uri())
    assert page.title() == (
        "Board pack: Herefordshire Children & Young People's Services Improvement Project "
        "2006-07, November 2006"
    )
    panels = page.locator("article.indicator")
    assert panels.count() == 18
    for index in range(18):
        panel = panels.nth(index)
        box = panel.locator("figure.chart svg").bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        rows = panel.locator("table.months tbody tr")
        assert rows.count() in {7, 2}  # monthly: April to October 2006; quarterly: June, September
        assert panel.locator(".rag").first.inner_text() in {"Red", "Amber", "Green"}
    register = page.locator("table.register tbody tr")
    assert register.count() == 18
    # CH 141's count of referrals over the 0-17 population the programme file gives
    assert re.search(r"\d{3}/35,798", register.first.inner_text())
    assert "synthetic" in page.locator(".banner").inner_text()
    page.screenshot(path=str(tmp_path / "pack.png"), full_page=True)
    assert (tmp_path / "pack.png").stat().st_size > 10_000
    page.close()


def test_the_demo_pack_meets_wcag_2_2_aa(browser: Any, demo_pack: Path, axe_source: str) -> None:
    page = browser.new_page()
    page.goto(demo_pack.as_uri())
    assert axe_violations(page, axe_source) == []
    page.close()
