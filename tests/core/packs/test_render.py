"""Rendering packs and the Minister's report: the protective marking on every page."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from improvement_board.core.packs.build import build_pack
from improvement_board.core.packs.minister import build_minister_report
from improvement_board.core.packs.render import (
    PACK_MARKING,
    PUBLISHED_MARKING,
    checked_marking,
    css_string,
    render_html,
    render_pdf,
)
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from tests.core.packs.minister_inputs import DECEMBER, minister_inputs

BANNER = re.compile(r'<p class="protective-marking">([^<]*)</p>')


def _pack_html(**marking: str) -> str:
    return render_html(build_pack(minister_inputs(meeting=Period(2006, 11))), **marking)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_board_pack_is_marked_official_sensitive_at_the_top_and_bottom() -> None:
    html = _pack_html()
    assert PACK_MARKING == "OFFICIAL-SENSITIVE"
    assert BANNER.findall(html) == [PACK_MARKING, PACK_MARKING]
    header = html.split('<header class="masthead">')[1].split("</header>")[0]
    footer = html.split('<footer class="footer">')[1].split("</footer>")[0]
    assert header.lstrip().startswith(f'<p class="protective-marking">{PACK_MARKING}</p>')
    assert footer.endswith(f'<p class="protective-marking">{PACK_MARKING}</p>')


def test_the_marking_is_the_callers_to_choose() -> None:
    html = _pack_html(marking="OFFICIAL-SENSITIVE PERSONAL")
    assert BANNER.findall(html) == ["OFFICIAL-SENSITIVE PERSONAL"] * 2
    assert "@top-center { content: " in html and "@bottom-center { content: " in html


def test_the_ministers_report_is_marked_by_whether_it_is_for_publication() -> None:
    internal = render_minister_html(build_minister_report(minister_inputs(), DECEMBER))
    published = render_minister_html(
        build_minister_report(minister_inputs(), DECEMBER, publish=True)
    )
    assert BANNER.findall(internal) == [PACK_MARKING] * 2
    assert BANNER.findall(published) == [PUBLISHED_MARKING] * 2
    chosen = render_minister_html(
        build_minister_report(minister_inputs(), DECEMBER, publish=True), marking="PUBLIC"
    )
    assert BANNER.findall(chosen) == ["PUBLIC"] * 2


def test_a_marking_reaches_the_style_only_as_an_escaped_css_string() -> None:
    hostile = 'X"; } </style><script>alert(1)</script> { content: "'
    text = str(css_string(hostile))
    assert text.startswith('"') and text.endswith('"')
    assert not set(text[1:-1]) & set("\"';{}<>/\n")
    assert "\\00003c " in text  # "<" as a CSS hex escape, ended by the space CSS takes
    html = _pack_html(marking=hostile)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_an_empty_or_overlong_marking_is_refused_and_one_over_lines_is_made_one_line() -> None:
    with pytest.raises(ValueError, match="one line of 1 to 80 characters"):
        checked_marking("   ")
    with pytest.raises(ValueError, match="such as 'OFFICIAL-SENSITIVE'"):
        checked_marking("X" * 81)
    assert checked_marking(" OFFICIAL\n SENSITIVE ") == "OFFICIAL SENSITIVE"


def test_every_page_of_a_pack_pdf_carries_its_marking_top_and_bottom_and_its_number() -> None:
    pages = _pages(render_pdf(_pack_html()))
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert text.count(PACK_MARKING) >= 2, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text


def test_every_page_of_the_published_reports_pdf_is_marked_official_only() -> None:
    report = build_minister_report(minister_inputs(), DECEMBER, publish=True)
    pages = _pages(render_pdf(render_minister_html(report)))
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert text.count(PUBLISHED_MARKING) >= 2, f"page {number}"
        assert "SENSITIVE" not in text, f"page {number}"


def test_a_marking_with_punctuation_prints_as_written_in_the_pdf() -> None:
    report = build_minister_report(minister_inputs(), DECEMBER, publish=True)
    marking = "OFFICIAL: FOR PUBLICATION (v2)"
    [first, *_] = _pages(render_pdf(render_minister_html(report, marking=marking)))
    assert first.count(marking) >= 2
