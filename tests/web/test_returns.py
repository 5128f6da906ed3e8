"""Officers upload monthly returns: every problem at once with its row and column, nothing
stored until the whole file is right and the officer has seen what it changes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from improvement_board.programmes.models import Measurement
from improvement_board.web.uploads import MAX_UPLOAD_BYTES
from tests.web.conftest import PROGRAMME, client_for
from tests.web.pages import check_page, errors, fetch

HEADER = "indicator,period,value,numerator,denominator,note\n"
UPLOAD = reverse("return-upload", args=[PROGRAMME])
CONFIRM = reverse("return-confirm", args=[PROGRAMME])


def _upload(client: Client, body: str, name: str = "november.csv", reason: str = "") -> Any:
    file = SimpleUploadedFile(name, body.encode("utf-8"), content_type="text/csv")
    return client.post(UPLOAD, {"file": file, "reason": reason})


def _pending(home: Path) -> list[Path]:
    folder = home / "uploads" / "pending"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_return_with_errors_lists_every_one_by_row_and_column_and_stores_nothing(
    programme: Any, officer: Client, home: Path
) -> None:
    before = Measurement.history.count()
    body = HEADER + (
        "CH 141,2006-11,201,719,35798,\n"
        "CF/C64,2006-11,150,,,\n"
        "XX 1,2006-11,3,,,\n"
        "short-breaks,2006-11,lots,,,\n"
    )
    page = check_page(_upload(officer, body))
    assert page.h1 == "Upload a monthly return"
    assert "november.csv cannot be loaded and nothing was stored" in page.text
    shown = errors(page)
    assert len(shown) == 3
    assert shown[0].startswith("Row 3, column C (value): a percentage must be between 0 and 100")
    assert shown[1].startswith("Row 4, column A (indicator):")
    assert shown[2].startswith("Row 5, column C (value): 'lots' is text")
    assert {href for href, _ in page.error_links} == {"#id_file"}
    assert Measurement.history.count() == before
    assert not Measurement.objects.filter(period="2006-11").exists()
    assert _pending(home) == []


def test_a_good_return_is_shown_for_checking_then_stored_when_confirmed(
    programme: Any, officer: Client, reader: Client, home: Path
) -> None:
    body = HEADER + "CH 141,2006-11,201.1,720,35798,\nshort-breaks,2006-11,66,,,\n"
    page = check_page(_upload(officer, body))
    assert page.h1 == "Check what the return changes"
    assert "New figures 2" in page.text and "Unchanged figures 0" in page.text
    assert not Measurement.objects.filter(period="2006-11").exists()
    [confirm] = [f for f in page.forms if f.action == CONFIRM]
    assert confirm.has_csrf
    token = page.html.split('name="token" value="')[1].split('"')[0]

    response = officer.post(CONFIRM, {"token": token}, follow=True)
    done = check_page(response)
    assert (
        "november.csv: stored 2 new, 0 changed, 0 with a new note and 0 unchanged figures."
        in done.text
    )
    stored = Measurement.objects.get(indicator__key="ch-141", period="2006-11")
    assert (stored.value, stored.numerator, stored.source) == (201.1, 720, "november.csv")
    assert _pending(home) == []
    again = check_page(officer.post(CONFIRM, {"token": token}))
    assert errors(again) == ["This upload has expired or was already loaded: upload the file again"]


def test_a_return_that_changes_figures_needs_a_reason_and_shows_what_changes(
    programme: Any, officer: Client, home: Path
) -> None:
    body = HEADER + "CH 141,2006-10,205,734,35798,\n"
    refused = check_page(_upload(officer, body))
    assert "restates the stored 2006-10 figure 200.3" in errors(refused)[0]
    page = check_page(_upload(officer, body, reason="Late referrals keyed"))
    assert "Changed figures 1" in page.text
    assert "200.3 → 205.0" in page.text


def test_a_file_over_five_megabytes_is_refused_before_it_is_read(
    programme: Any, officer: Client, home: Path
) -> None:
    big = HEADER + "x" * (MAX_UPLOAD_BYTES + 1)
    page = check_page(_upload(officer, big))
    assert errors(page) == ["The file must be smaller than 5 MB"]
    assert _pending(home) == []


def test_an_excel_workbook_is_read_like_a_csv_file(
    programme: Any, officer: Client, home: Path
) -> None:
    sheet = Workbook()
    sheet.active.append(HEADER.strip().split(","))
    sheet.active.append(["CH 141", "2006-11", "201.1", "720", "35798", ""])
    data = io.BytesIO()
    sheet.save(data)
    file = SimpleUploadedFile("november.xlsx", data.getvalue())
    page = check_page(officer.post(UPLOAD, {"file": file, "reason": ""}))
    assert page.h1 == "Check what the return changes" and "New figures 1" in page.text


def test_a_file_is_judged_by_its_content_not_its_name(
    programme: Any, officer: Client, home: Path
) -> None:
    page = check_page(_upload(officer, HEADER + "CH 141,2006-11,201,,,\n", name="return.xlsx"))
    assert "is named .xlsx but is not an Excel workbook" in errors(page)[0]


def test_an_upload_page_with_no_file_asks_for_one(programme: Any, officer: Client) -> None:
    fetch(officer, UPLOAD)
    page = check_page(officer.post(UPLOAD, {"reason": ""}))
    assert errors(page) == ["Choose the monthly return to upload"]


def test_another_officer_cannot_confirm_an_upload_they_did_not_make(
    programme: Any, officer: Client, home: Path
) -> None:
    page = check_page(_upload(officer, HEADER + "short-breaks,2006-11,66,,,\n"))
    token = page.html.split('name="token" value="')[1].split('"')[0]
    refused = check_page(client_for("officer").post(CONFIRM, {"token": token}))
    assert errors(refused) == [
        "This upload has expired or was already loaded: upload the file again"
    ]
    assert not Measurement.objects.filter(period="2006-11").exists()


def test_the_preview_lists_figures_given_as_markers_and_what_is_not_read(
    programme: Any, officer: Client, home: Path
) -> None:
    body = "PI,Title,Nov-06\nCH 141,Referrals per 10000,u\nshort-breaks,Short breaks,66\n"
    page = check_page(_upload(officer, body))
    assert page.h1 == "Check what the return changes" and "New figures 2" in page.text
    assert "Figures given as a marker" in page.text
    assert "2006-11: u (not available: low reliability)" in page.text
    assert "What the file holds that is not read" in page.text
    assert "column B (Title): a description, not read" in page.text
