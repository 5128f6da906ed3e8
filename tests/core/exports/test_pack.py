"""The pack's data as one workbook: built from the same inputs and pack as the HTML, so the two
agree; marked for publication, it withholds what the Minister's report withholds."""

from __future__ import annotations

import io

import openpyxl
import pytest

from improvement_board.core.disclosure import FreeText
from improvement_board.core.exports import Book, Sheet, xlsx_bytes
from improvement_board.core.exports.judged import Judged
from improvement_board.core.exports.pack import WITHHELD, pack_sheets
from improvement_board.core.packs.minister_texts import MinisterTexts
from improvement_board.core.returns import parse_return
from tests.core.packs.minister_inputs import PROGRAMME, demo_benchmarks, minister_inputs

SECTIONS = [
    "Summary",
    "Indicators",
    "Figures",
    "Comparators",
    "Reports due",
    "Milestones",
    "Risks",
    "Success criteria",
]


@pytest.fixture(scope="module")
def judged() -> Judged:
    return Judged.of(minister_inputs(benchmarks=demo_benchmarks()))


def _sheet(sheets: tuple[Sheet, ...], name: str) -> Sheet:
    return next(s for s in sheets if s.name == name)


def _column(sheet: Sheet, heading: str) -> list[object]:
    index = sheet.headings.index(heading)
    return [row[index] for row in sheet.rows]


def _row(sheet: Sheet, code: str) -> dict[str, object]:
    [row] = [r for r in sheet.rows if r[1] == code]
    return dict(zip(sheet.headings, row, strict=True))


def test_a_sheet_for_each_section_and_the_figures_as_a_return(judged: Judged) -> None:
    inside = pack_sheets(judged, publish=False, texts=MinisterTexts())
    assert [s.name for s in inside] == [*SECTIONS, "Return"]
    published = pack_sheets(judged, publish=True, texts=MinisterTexts())
    assert [s.name for s in published] == SECTIONS


def test_the_workbook_says_what_the_pack_says(judged: Judged) -> None:
    pack = judged.pack
    sheets = pack_sheets(judged, publish=False, texts=MinisterTexts())
    register = _sheet(sheets, "Indicators")
    assert _column(register, "Status") == [p.rag_word for p in pack.indicators]
    assert _column(register, "Direction") == [p.direction for p in pack.indicators]
    summary = _sheet(sheets, "Summary")
    assert [r[1] for r in summary.rows if r[0] == "Exception"] == list(pack.exceptions)
    assert [(r[1], r[2]) for r in summary.rows if r[0] == "Status"] == list(pack.summary)
    milestones = _sheet(sheets, "Milestones")
    assert _column(milestones, "Milestone") == [m.title for m in pack.milestones]
    assert _column(milestones, "Status") == [m.status for m in pack.milestones]
    assert _column(_sheet(sheets, "Risks"), "Risk") == [r.title for r in pack.risks]
    assert _column(_sheet(sheets, "Success criteria"), "Number") == [
        c.number for c in pack.criteria
    ]
    figures = _sheet(sheets, "Figures")
    assert len(figures.rows) == sum(len(p.months) for p in pack.indicators)


def test_the_packs_figures_load_back_as_a_return(judged: Judged) -> None:
    sheets = pack_sheets(judged, publish=False, texts=MinisterTexts())
    data = xlsx_bytes(Book(PROGRAMME.programme.name, "pack", "OFFICIAL-SENSITIVE", sheets))
    rows = parse_return(data, PROGRAMME, source="pack.xlsx")
    series = judged.inputs.series
    for row in rows:
        [stored] = [o for o in series[row.indicator] if o.period == row.period]
        assert (row.value, row.numerator, row.denominator) == (
            stored.value,
            stored.numerator,
            stored.denominator,
        )
    assert len(rows) == len(_sheet(sheets, "Figures").rows)


def test_published_sc_5037_shows_nothing_but_c(judged: Judged) -> None:
    """Care leavers in suitable accommodation, December 2006: 5 of 5, suppressed."""
    sheets = pack_sheets(judged, publish=True, texts=MinisterTexts())
    register = _row(_sheet(sheets, "Indicators"), "SC 5037")
    for heading in ("Latest", "Numerator", "Denominator", "Planned by now", "Status"):
        assert register[heading] == "c", heading
    for heading in ("Direction", "Forecast", "SPC"):
        assert register[heading] == "c", heading
    assert "County of c." in str(register["Compared with other councils"])
    assert "suppressed" in str(register["Withheld"])
    summary = _sheet(sheets, "Summary")
    assert not any("SC 5037" in str(r[1]) for r in summary.rows if r[0] == "Exception")
    assert any(r[1] == WITHHELD for r in summary.rows)
    comparators = _sheet(sheets, "Comparators")
    sc = [dict(zip(comparators.headings, r, strict=True)) for r in comparators.rows]
    sc = [r for r in sc if r["Code"] == "SC 5037"]
    assert sc and all(r["Council"] == r["National rank"] == "c" for r in sc)


def test_published_no_hidden_figure_stands_beside_its_counts(judged: Judged) -> None:
    figures = _sheet(pack_sheets(judged, publish=True, texts=MinisterTexts()), "Figures")
    rows = [dict(zip(figures.headings, r, strict=True)) for r in figures.rows]
    hidden = [r for r in rows if r["Value"] == "c"]
    assert hidden
    assert all("c" in (r["Numerator"], r["Denominator"]) or r["Numerator"] is None for r in hidden)
    assert all(r["Planned"] == "c" for r in hidden if r["Code"] == "SC 5037")


def test_published_free_text_appears_only_once_reviewed(judged: Judged) -> None:
    key = "ipc-analysis/interim-report"
    unreviewed = pack_sheets(judged, publish=True, texts=MinisterTexts())
    reviewed = pack_sheets(
        judged,
        publish=True,
        texts=MinisterTexts(evidence={key: (FreeText("Minutes of 26 September", True),)}),
    )
    row = 0  # the interim report is the first milestone due
    assert _sheet(unreviewed, "Milestones").rows[row][6] == (
        "1 evidence note withheld pending review for publication."
    )
    assert _sheet(reviewed, "Milestones").rows[row][6] == "Minutes of 26 September"


def test_the_workbook_opens_with_every_sheet_marked(judged: Judged) -> None:
    sheets = pack_sheets(judged, publish=True, texts=MinisterTexts())
    data = xlsx_bytes(Book(PROGRAMME.programme.name, "pack", "OFFICIAL", sheets))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == SECTIONS
    assert {ws["A2"].value for ws in workbook.worksheets} == {"OFFICIAL"}
