"""``export_file``: the one service the download links and ``board export`` call."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from improvement_board.accounts.roles import Refused
from improvement_board.core.disclosure import PENDING_REVIEW
from improvement_board.core.returns import parse_return
from improvement_board.exports.catalogue import EXPORTS
from improvement_board.exports.services import ExportRefused, export_file
from improvement_board.programmes.measurements import (
    Figure,
    measurement_record,
    measurements_load,
)
from improvement_board.programmes.models import Measurement, Programme
from improvement_board.programmes.selectors import programme_model
from tests.web.factories import UserFactory

pytestmark = pytest.mark.django_db
MEETING = "2006-11"


def _export(programme: Programme, what: str, fmt: str = "xlsx", **asked: Any) -> Any:
    return export_file(
        what=what, format=fmt, programme=programme, user=UserFactory(role="reader"), **asked
    )


def _stored(programme: Programme) -> list[tuple[object, ...]]:
    rows = Measurement.objects.filter(indicator__programme=programme).select_related("indicator")
    return [
        (m.indicator.key, m.period, m.value, m.numerator, m.denominator, m.note or None)
        for m in rows.order_by("indicator__position", "period")
    ]


def test_the_exported_figures_read_back_by_the_returns_loader_are_the_stored_figures(
    programme: Programme, tmp_path: Path
) -> None:
    made = _export(programme, "figures")
    rows = parse_return(made.data, programme_model(programme=programme), source=made.name)
    read = [(r.indicator, str(r.period), r.value, r.numerator, r.denominator, r.note) for r in rows]
    assert read == _stored(programme)
    assert len(read) == Measurement.objects.filter(indicator__programme=programme).count() > 50
    path = tmp_path / made.name
    path.write_bytes(made.data)
    report = measurements_load(programme=programme, path=path, user=None, dry_run=True)
    assert (report.new, report.restated, report.noted) == ([], [], [])
    assert report.unchanged == len(read)


@pytest.mark.parametrize("what", list(EXPORTS))
def test_every_export_opens_in_each_format_it_offers_with_its_marking(
    programme: Programme, what: str
) -> None:
    asked = {"meeting": MEETING} if EXPORTS[what].meeting == "required" else {}
    for fmt in EXPORTS[what].formats:
        made = _export(programme, what, fmt, **asked)
        assert made.name.startswith(f"herefordshire-2006-{what}-")
        assert made.name.endswith(f"-official-sensitive.{fmt}")
        if fmt == "csv":
            assert made.content_type == "text/csv; charset=utf-8"
            header = next(csv.reader(io.StringIO(made.data.decode("utf-8"))))
            assert header and all(header)
        else:
            workbook = openpyxl.load_workbook(io.BytesIO(made.data))
            assert len(workbook.sheetnames) == made.sheets
            assert {ws["A2"].value for ws in workbook.worksheets} == {"OFFICIAL-SENSITIVE"}
            assert all(ws.freeze_panes == "A5" for ws in workbook.worksheets)


def test_published_figures_show_small_counts_as_c_and_withhold_unreviewed_notes(
    programme: Programme,
) -> None:
    made = _export(programme, "figures", "csv", publish=True)
    assert made.name.endswith("-for-publication-official.csv")
    rows = list(csv.DictReader(io.StringIO(made.data.decode("utf-8"))))
    stored = {(r[0], r[1]): r for r in _stored(programme)}
    small = [r for r in rows if r["Code"] == "SC 5037"]
    assert small and all(
        r["Value"] == "c" and "c" in (r["Numerator"], r["Denominator"]) for r in small
    )
    assert {r["Note"] for r in rows} == {PENDING_REVIEW}
    assert "Recorded by" not in rows[0]
    large = next(r for r in rows if r["Code"] == "CH 141")
    key = next(k for k in stored if k[0] == "ch-141")
    assert float(large["Value"]) == stored[key][2]


def test_the_history_shows_a_restated_figure_with_who_and_why(programme: Programme) -> None:
    officer = UserFactory(role="officer", username="olly")
    figure = Measurement.objects.get(indicator__key="ch-141", period="2006-10")
    measurement_record(
        indicator=figure.indicator,
        figure=Figure("ch-141", "2006-10", 180.0, 644, 35798, "corrected"),
        source="web",
        user=officer,
        reason="population estimate corrected",
        current=figure,
    )
    made = _export(programme, "history", "csv", indicator="ch-141")
    rows = list(csv.DictReader(io.StringIO(made.data.decode("utf-8"))))
    newest = rows[0]
    assert (newest["Who"], newest["What"], newest["Why"]) == (
        "olly",
        "Figure",
        "population estimate corrected",
    )
    assert newest["Item"] == "CH 141 2006-10" and "→ 180.0" in newest["What changed"]
    assert {r["What"] for r in rows} <= {"Indicator", "Figure", "Commentary", "Comparator figure"}


def test_the_schedule_of_one_meeting_lists_its_reports_received_or_not(
    programme: Programme,
) -> None:
    made = _export(programme, "schedule", "csv", meeting=MEETING)
    rows = list(csv.DictReader(io.StringIO(made.data.decode("utf-8"))))
    due = programme.meetings.get(period=MEETING).reports.count()
    assert len(rows) == due > 0
    assert {r["Meeting"] for r in rows} == {"November 2006"}
    assert {r["Received"] for r in rows} <= {"yes", "no"}


@pytest.mark.parametrize(
    ("what", "fmt", "asked", "said"),
    [
        ("plan", "csv", {}, "or each of actions, milestones, evidence as CSV"),
        ("risk-log", "xlsx", {"publish": True}, "working record"),
        ("history", "csv", {"publish": True}, "give a suppressed figure back"),
        ("pack", "xlsx", {}, "name the meeting"),
        ("figures", "csv", {"meeting": MEETING}, "leave out the meeting"),
        ("plan", "xlsx", {"month": "2006-10"}, "leave out the month"),
        ("schedule", "pdf", {}, "csv or xlsx"),
    ],
)
def test_an_export_that_cannot_be_made_as_asked_says_why(
    programme: Programme, what: str, fmt: str, asked: dict[str, Any], said: str
) -> None:
    with pytest.raises(ExportRefused, match=said):
        _export(programme, what, fmt, **asked)


def test_what_is_not_there_is_not_found(programme: Programme) -> None:
    with pytest.raises(LookupError, match="choose one of indicators, figures"):
        _export(programme, "everything")
    with pytest.raises(LookupError, match="no meeting in 2008-01"):
        _export(programme, "pack", meeting="2008-01")
    with pytest.raises(LookupError, match="no indicator 'XX 1'"):
        _export(programme, "figures", indicator="XX 1")
    with pytest.raises(LookupError, match="outside the programme"):
        _export(programme, "indicators", month="2009-01")


def test_only_a_member_of_the_programme_may_export_it(programme: Programme) -> None:
    outsider = UserFactory(role="reader", member_of=[])
    with pytest.raises(Refused, match="not a member of the programme herefordshire-2006"):
        export_file(what="figures", format="csv", programme=programme, user=outsider)
    with pytest.raises(Refused, match="only a named person"):
        export_file(what="figures", format="csv", programme=programme, user=None)
