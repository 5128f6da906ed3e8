"""Writing the report to the Minister from the store: the seed programme with the demo's synthetic
figures to December 2006, its synthetic comparators, and one report received at the January 2007
meeting. Runs on SQLite, and on PostgreSQL when DATABASE_URL names it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from pypdf import PdfReader
from typer.testing import CliRunner

from improvement_board.cli.minister import report
from improvement_board.core.demo import (
    DEMO_COMPARATORS,
    DEMO_COUNCIL,
    demo_comparators,
    demo_csv,
    demo_figures,
)
from improvement_board.core.disclosure import PENDING_REVIEW
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.meetings.minister import minister_report_write
from improvement_board.meetings.models import ReportItem
from improvement_board.meetings.services import pack_write, report_item_mark
from improvement_board.plans.models import Evidence
from improvement_board.plans.services import milestone_complete
from improvement_board.programmes.comparators import comparator_group_set, comparators_load
from improvement_board.programmes.measurements import measurements_load
from improvement_board.programmes.models import Commentary, Programme
from improvement_board.programmes.services import commentary_save, programme_load
from tests.store import loaded_for_module

pytestmark = pytest.mark.django_db

DECEMBER = Period(2006, 12)
ANALYSIS = "Two social workers in the duty team left in February"
EVIDENCE = "CAF pilot evaluation tabled 25 January 2007"
REPORT_NOTE = "IPC are not currently commissioned to undertake this piece of work."  # the seed's


def _load(folder: Path) -> None:
    """The seed, its synthetic figures to December 2006 and comparators, through real services."""
    seed = load_programme(SEED_PROGRAMME)
    programme, _ = programme_load(path=SEED_PROGRAMME)
    figures = folder / "herefordshire-2006-monthly-SYNTHETIC.csv"
    figures.write_text(
        demo_csv([f for f in demo_figures(seed) if f.period <= DECEMBER]), encoding="utf-8"
    )
    measurements_load(programme=programme, path=figures, user=None)
    comparators = folder / "comparators-2005-06-SYNTHETIC.csv"
    comparators.write_text(demo_comparators(seed), encoding="utf-8")
    comparator_group_set(
        programme=programme,
        council=DEMO_COUNCIL,
        members=list(DEMO_COMPARATORS),
        label="synthetic comparator councils",
        synthetic=True,
    )
    comparators_load(programme=programme, path=comparators, user=None)
    item = programme.meetings.get(period="2007-01").reports.get(key="piap-implementation")
    report_item_mark(item=item, status="received")
    commentary_save(
        indicator=programme.indicators.get(key="sw-vacancy"),
        period="2007-03",
        analysis=ANALYSIS,
        action="Market supplement approved",
        user=None,
        reason="a correction",
    )
    caf = programme.actions.get(key="caf-evaluation")
    milestone = caf.milestones.get(key="evaluation-report")
    milestone_complete(milestone=milestone, on=date(2007, 1, 25), evidence=EVIDENCE, user=None)


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Loaded once for the module inside a transaction that is rolled back after it."""
    with loaded_for_module(django_db_blocker, lambda: _load(tmp_path_factory.mktemp("inputs"))):
        yield


@pytest.fixture
def programme(seeded: None, db: None) -> Programme:
    return Programme.objects.get(key="herefordshire-2006")


def _register_statuses(html: str) -> list[str]:
    """The status words of the indicator register table, in order."""
    table = html.split('<table class="register">')[1].split("</table>")[0]
    return re.findall(r'<span class="rag rag-\w+">([A-Za-z ]+)</span>', table)


def _counts(html: str) -> list[str]:
    return [
        part
        for cell in re.findall(r'<td class="counts">([^<]*)</td>', html)
        for part in cell.split("/")
    ]


def test_the_report_agrees_with_the_pack_for_the_meeting_after_the_quarter(
    programme: Programme, tmp_path: Path
) -> None:
    written = minister_report_write(programme=programme, quarter_end="2006-12", folder=tmp_path)
    assert written.html.name == "minister-report-2006-12-internal.html"
    assert written.pdf is None
    html = written.html.read_text(encoding="utf-8")
    meeting = programme.meetings.get(period="2007-01")
    pack = pack_write(meeting=meeting, folder=tmp_path).html.read_text(encoding="utf-8")
    statuses = _register_statuses(html)
    assert len(statuses) == 18 and "Red" in statuses
    assert statuses == _register_statuses(pack)
    assert "Synthetic demonstration:" in html and "Internal: not for publication" in html
    assert "synthetic comparator councils: average" in html
    assert "Received at the January 2007 meeting" in html
    assert {"2", "5"} <= set(_counts(html))


def test_a_report_marked_for_publication_is_written_as_html_and_pdf(
    programme: Programme, settings: Any, tmp_path: Path
) -> None:
    settings.BOARD_HOME = tmp_path
    written = minister_report_write(
        programme=programme, quarter_end="2006-12", pdf=True, publish=True
    )
    assert written.html.parent == tmp_path / "reports" / "herefordshire-2006"
    assert written.html.name == "minister-report-2006-12-for-publication.html"
    html = written.html.read_text(encoding="utf-8")
    assert "Marked for publication: small numbers suppressed" in html
    counts = _counts(html)
    assert "c" in counts and not {"1", "2", "3", "4", "5"} & set(counts)
    assert written.pdf is not None and written.pdf.read_bytes().startswith(b"%PDF")


def test_a_quarter_with_no_meeting_after_it_shows_what_its_own_meetings_received(
    programme: Programme, tmp_path: Path
) -> None:
    written = minister_report_write(programme=programme, quarter_end="2007-03", folder=tmp_path)
    html = written.html.read_text(encoding="utf-8")
    assert "January to March 2007" in html
    # Marked received at the January meeting (above); the March meeting has no receipts.
    assert "Received at the January 2007 meeting" in html
    assert "Not received for the March 2007 meeting" in html
    # The schedule has no April 2007 meeting, so the report cites none.
    assert not re.search(r"April 2007 (meeting|pack)", html)
    assert "None scheduled in the month after the quarter" in html


def test_a_report_received_at_an_earlier_meeting_of_the_quarter_is_shown(
    programme: Programme, tmp_path: Path
) -> None:
    # Evidence item 10 was due at the December 2006 meeting; the report for the quarter to
    # December is built from the January meeting's inputs, and still knows what December had.
    december = programme.meetings.get(period="2006-12")
    item = december.reports.get(evidence_item=10)
    report_item_mark(item=item, status="received")
    written = minister_report_write(programme=programme, quarter_end="2006-12", folder=tmp_path)
    html = written.html.read_text(encoding="utf-8")
    assert "Received at the December 2006 meeting" in html


def test_the_report_command_writes_the_report_and_refuses_a_month_that_ends_no_quarter(
    programme: Programme, tmp_path: Path
) -> None:
    app = typer.Typer()
    app.command()(report)
    runner = CliRunner()
    args = ["--quarter-end", "2006-12", "--folder", str(tmp_path), "--publish"]
    result = runner.invoke(app, args, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "marked for publication" in result.output
    assert (tmp_path / "minister-report-2006-12-for-publication.html").exists()
    result = runner.invoke(app, ["--quarter-end", "2006-11"], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "not the last month of a quarter" in result.output


def test_free_text_not_marked_reviewed_for_publication_is_withheld_from_it(
    programme: Programme, tmp_path: Path
) -> None:
    internal = minister_report_write(programme=programme, quarter_end="2007-03", folder=tmp_path)
    html = internal.html.read_text(encoding="utf-8")
    assert ANALYSIS in html and EVIDENCE in html and REPORT_NOTE in html
    published = minister_report_write(
        programme=programme, quarter_end="2007-03", folder=tmp_path, publish=True
    )
    html = published.html.read_text(encoding="utf-8")
    assert ANALYSIS not in html and EVIDENCE not in html and REPORT_NOTE not in html
    assert PENDING_REVIEW in html
    assert "1 evidence note withheld pending review for publication." in html


@pytest.mark.parametrize("model", [Commentary, Evidence, ReportItem])
def test_free_text_marked_reviewed_is_published_once_the_store_keeps_the_mark(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: type
) -> None:
    # The store gains the mark as a field on each of these; until then nothing is reviewed.
    monkeypatch.setattr(model, "reviewed_for_publication", True, raising=False)
    written = minister_report_write(
        programme=programme, quarter_end="2007-03", folder=tmp_path, publish=True
    )
    html = written.html.read_text(encoding="utf-8")
    assert (ANALYSIS in html) is (model is Commentary)
    assert (EVIDENCE in html) is (model is Evidence)
    assert (REPORT_NOTE in html) is (model is ReportItem)


def test_the_settings_name_the_marking_of_each_kind_of_report(
    programme: Programme, settings: Any, tmp_path: Path
) -> None:
    settings.BOARD_MARKING_PUBLISHED = "OFFICIAL: FOR PUBLICATION"
    settings.BOARD_MARKING_PACK = "OFFICIAL-SENSITIVE: BOARD ONLY"
    published = minister_report_write(
        programme=programme, quarter_end="2006-12", folder=tmp_path, publish=True, pdf=True
    )
    assert published.pdf is not None
    pages = PdfReader(io.BytesIO(published.pdf.read_bytes())).pages
    for number, page in enumerate(pages, start=1):
        assert page.extract_text().count("OFFICIAL: FOR PUBLICATION") >= 2, f"page {number}"
    internal = minister_report_write(programme=programme, quarter_end="2006-12", folder=tmp_path)
    assert "OFFICIAL-SENSITIVE: BOARD ONLY" in internal.html.read_text(encoding="utf-8")
