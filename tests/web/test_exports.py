"""Downloads: a link on every page that shows a table, each answering with the file the
export service makes, to anyone who may read the programme."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.core.demo import DEMO_COMPARATORS, DEMO_COUNCIL, demo_comparators
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.exports.catalogue import EXPORTS
from improvement_board.programmes.comparators import comparator_group_set, comparators_load
from tests.web.conftest import PROGRAMME, client_for
from tests.web.factories import UserFactory
from tests.web.pages import fetch

pytestmark = pytest.mark.django_db
P = PROGRAMME


def _export(what: str, fmt: str) -> str:
    return reverse("export", args=[P, what, fmt])


@pytest.mark.parametrize(
    ("page", "args", "links"),
    [
        ("overview", [P], ["indicators.csv", "indicators.xlsx", "figures.csv", "history.xlsx"]),
        ("indicator", [P, "ch-141"], ["figures.csv?indicator=ch-141", "history.xlsx"]),
        ("plan", [P], ["plan.xlsx", "actions.csv", "milestones.csv", "evidence.csv"]),
        ("risks", [P], ["risk-log.xlsx", "risks.csv", "reviews.csv", "escalations.csv"]),
        ("meetings", [P], ["schedule.csv", "schedule.xlsx"]),
        ("meeting", [P, "2006-11"], ["pack.xlsx?meeting=2006-11", "schedule.csv?meeting=2006-11"]),
    ],
)
def test_each_page_with_a_table_links_to_its_downloads(
    programme: Any, reader: Client, page: str, args: list[str], links: list[str]
) -> None:
    html = fetch(reader, reverse(page, args=args)).html
    for link in links:
        assert f"/programmes/{P}/exports/{link}" in html.replace("&amp;", "&"), link


def _comparators(programme: Any, tmp_path: Path) -> None:
    """The demo's synthetic comparator group and 2005-06 figures, loaded as the demo loads them."""
    path = tmp_path / "comparators-2005-06-SYNTHETIC.csv"
    path.write_text(demo_comparators(load_programme(SEED_PROGRAMME)), encoding="utf-8")
    comparator_group_set(
        programme=programme,
        council=DEMO_COUNCIL,
        members=list(DEMO_COMPARATORS),
        label="synthetic comparator councils",
        synthetic=True,
    )
    comparators_load(programme=programme, path=path, user=None)


def test_the_indicator_page_links_to_its_comparison_once_it_has_one(
    programme: Any, reader: Client, tmp_path: Path
) -> None:
    page = reverse("indicator", args=[P, "sc-5037"]) + "?month=2006-10"
    assert "comparators.csv" not in fetch(reader, page).html
    _comparators(programme, tmp_path)
    link = "comparators.csv?month=2006-10&indicator=sc-5037"
    assert link in fetch(reader, page).html.replace("&amp;", "&")
    made = reader.get(f"/programmes/{P}/exports/{link}")
    rows = list(csv.DictReader(io.StringIO(made.content.decode("utf-8"))))
    assert [(r["Code"], r["Period"], r["Council"]) for r in rows] == [
        ("SC 5037", "2005-06", "89.5")
    ]
    published = reader.get(f"/programmes/{P}/exports/{link}&publish=1")
    [row] = csv.DictReader(io.StringIO(published.content.decode("utf-8")))
    assert (row["Council"], row["National rank"], row["Quartile band"]) == ("c", "c", "c")
    assert row["England"] == "73"


def test_the_downloads_page_lists_every_export_internal_and_for_publication(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, reverse("exports", args=[P]))
    assert page.h1 == "Downloads"
    html = page.html.replace("&amp;", "&")
    for export in EXPORTS.values():
        if export.meeting == "required":
            continue
        for fmt in export.formats:
            assert f"/exports/{export.name}.{fmt}" in html
    assert "pack.xlsx?meeting=2006-11&publish=1" in html
    assert "history.xlsx?publish=1" not in html and "Not published" in page.text


def test_a_download_is_an_attachment_named_with_its_marking(programme: Any, reader: Client) -> None:
    response = reader.get(_export("figures", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == EXPORTS_XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="herefordshire-2006-figures-official-sensitive.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Figures", "Return"]
    published = reader.get(_export("pack", "xlsx") + "?meeting=2006-11&publish=1")
    assert published.status_code == 200
    assert "for-publication-official.xlsx" in published["Content-Disposition"]
    schedule = reader.get(_export("schedule", "csv") + "?meeting=2006-11")
    assert schedule["Content-Type"] == "text/csv; charset=utf-8"
    assert schedule.content.startswith(b"Meeting,Meeting date,Report")


EXPORTS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_an_export_that_cannot_be_made_says_why_and_what_is_not_there_is_not_found(
    programme: Any, reader: Client
) -> None:
    refused = reader.get(_export("plan", "csv"))
    assert refused.status_code == 400
    assert b"a CSV file holds one" in refused.content
    assert reader.get(_export("history", "csv") + "?publish=1").status_code == 400
    assert reader.get(_export("everything", "csv")).status_code == 404
    assert reader.get(_export("pack", "xlsx") + "?meeting=2008-01").status_code == 404
    assert reader.get(f"/programmes/{P}/exports/figures.pdf").status_code == 404


def test_another_councils_officer_is_told_there_is_no_such_programme(programme: Any) -> None:
    outsider = Client()
    outsider.force_login(UserFactory(role="officer", member_of=[]))
    assert outsider.get(_export("figures", "csv")).status_code == 404
    assert outsider.get(reverse("exports", args=[P])).status_code == 404
    assert client_for(None).get(_export("figures", "csv")).status_code == 302
