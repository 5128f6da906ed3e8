"""Packs and the Minister's report print as tagged PDF (PDF/UA-1), readable by a screen reader:
a title and language, headings, tables with header cells, and every chart with alternative text.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess  # nosec B404: pdfinfo, a fixed command on a file the test wrote
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from improvement_board.core.packs.build import build_pack
from improvement_board.core.packs.minister import build_minister_report
from improvement_board.core.packs.render import render_html, render_pdf, svg_titled
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from tests.core.packs.minister_inputs import DECEMBER, PROGRAMME, demo_benchmarks, minister_inputs

# Three indicators keep the PDFs short: two with comparators (a benchmark chart each), two red
# in December 2006 (a trend chart each in the Minister's report).
KEYS = ("ch-141", "ch-143", "joint-commissioning")


def _inputs(**changes: Any) -> Any:
    chosen = [i for i in PROGRAMME.indicators if i.key in KEYS]
    programme = PROGRAMME.model_copy(update={"indicators": chosen})
    benchmarks = {k: c for k, c in demo_benchmarks().items() if k in KEYS}
    return minister_inputs(programme=programme, charts=True, benchmarks=benchmarks, **changes)


@pytest.fixture(scope="module")
def pack_pdf() -> bytes:
    return render_pdf(render_html(build_pack(_inputs(meeting=Period(2006, 11)))))


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return render_pdf(render_minister_html(build_minister_report(_inputs(), DECEMBER)))


def _pdfinfo(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    command = shutil.which("pdfinfo")
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("pdfinfo is missing: .ci/run installs poppler-utils")
        pytest.skip("pdfinfo is not installed (apt-get install poppler-utils)")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    shown = subprocess.run([command, str(path)], capture_output=True, text=True, check=True)  # nosec B603
    return dict(
        (name.strip(), value.strip())
        for name, value in (line.split(":", 1) for line in shown.stdout.splitlines() if ":" in line)
    )


def _structure(pdf: bytes) -> tuple[DictionaryObject, list[DictionaryObject]]:
    """The catalog and every element of the structure tree, in document order."""
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    elements: list[DictionaryObject] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                elements.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(catalog["/StructTreeRoot"])
    return catalog, elements


def _kinds(elements: list[DictionaryObject]) -> Counter[str]:
    return Counter(str(e["/S"]) for e in elements)


def test_pdfinfo_finds_a_board_pack_tagged_with_its_title(pack_pdf: bytes, tmp_path: Path) -> None:
    info = _pdfinfo(pack_pdf, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Board pack: Herefordshire")
    assert info["Title"].endswith("November 2006")


def test_pdfinfo_finds_the_ministers_report_tagged_with_its_title(
    report_pdf: bytes, tmp_path: Path
) -> None:
    info = _pdfinfo(report_pdf, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Report to the Minister: Herefordshire")


@pytest.mark.parametrize("which", ["pack_pdf", "report_pdf"])
def test_the_pdf_has_a_structure_tree_a_language_and_shows_its_title(
    which: str, request: pytest.FixtureRequest
) -> None:
    catalog, elements = _structure(request.getfixturevalue(which))
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    kinds = _kinds(elements)
    assert kinds["/H1"] == 1
    assert kinds["/H2"] >= 4 and kinds["/H3"] >= 1
    assert kinds["/Table"] >= 3 and kinds["/TH"] >= 10 and kinds["/TD"] >= 10
    assert kinds["/Caption"] >= 3 and kinds["/L"] >= 1


def test_a_packs_header_cells_are_table_headers_of_their_tables(pack_pdf: bytes) -> None:
    _, elements = _structure(pack_pdf)
    headers = [e for e in elements if e["/S"] == "/TH"]
    assert headers and all(e["/A"]["/O"] == "/Table" for e in headers)


def test_every_chart_in_a_pack_is_a_figure_whose_alternative_text_is_its_title(
    pack_pdf: bytes,
) -> None:
    _, elements = _structure(pack_pdf)
    figures = [e for e in elements if e["/S"] == "/Figure"]
    alts = [str(f.get("/Alt", "")) for f in figures]
    pack = build_pack(_inputs(meeting=Period(2006, 11)))
    titles = [p.chart_title for p in pack.indicators if p.chart_svg]
    titles += [p.benchmark_title for p in pack.indicators if p.benchmark_svg]
    assert len(titles) >= len(KEYS)
    assert sorted(alts) == sorted(titles)
    assert sum(bool(re.match(r"CH ?143: ", alt)) for alt in alts) >= 1


def test_the_ministers_report_gives_each_trend_chart_its_alternative_text(
    report_pdf: bytes,
) -> None:
    _, elements = _structure(report_pdf)
    alts = [str(e.get("/Alt", "")) for e in elements if e["/S"] == "/Figure"]
    assert len(alts) == 2 and all(alts)


def test_a_charts_title_goes_into_its_svg_escaped_and_an_empty_chart_stays_empty() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4"><rect/></svg>'
    titled = svg_titled(svg, "NI 61: 5 < 6 & rising")
    assert titled == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="4">'
        "<title>NI 61: 5 &lt; 6 &amp; rising</title><rect/></svg>"
    )
    assert svg_titled("", "A title") == ""
