"""Pushing a monthly return through the API: the same checks as an upload and `board
measurements load`, every problem located and nothing stored unless the whole return is good;
a good return stores exactly what the console would."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from typer.testing import CliRunner

from improvement_board.api.models import Call
from improvement_board.api.services import token_create
from improvement_board.cli import app as board
from improvement_board.programmes.models import Measurement
from tests.api.conftest import PROGRAMME, Caller
from tests.web.factories import UserFactory

ROWS_URL = reverse("api:return-rows", kwargs={"programme": PROGRAMME})
FILE_URL = reverse("api:return-file", kwargs={"programme": PROGRAMME})
HEADER = ("indicator", "period", "value", "numerator", "denominator", "note")
NOVEMBER = [
    ("CH 141", "2006-11", 180.2, 645, 35798, None),
    ("sc-5037", "2006-11", None, 19, 20, None),
    ("short-breaks", "2006-11", 71, None, None, "two new carers"),
    ("ch-141", "2006-10", 200.1, 716, 35798, "a referral was recorded twice"),
]
"""Three new November figures and an October figure restated, with its reason in the note."""


def _csv(rows: list[tuple[Any, ...]]) -> bytes:
    lines = [",".join(HEADER)]
    lines += [",".join("" if cell is None else str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows: list[tuple[Any, ...]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _json(rows: list[tuple[Any, ...]], **extra: Any) -> dict[str, Any]:
    return {"rows": [dict(zip(HEADER, row, strict=True)) for row in rows], **extra}


def _stored() -> list[tuple[Any, ...]]:
    """Every figure and every version of it, as people read them (not when they were made)."""
    figures = Measurement.objects.filter(indicator__programme__key=PROGRAMME)
    current = [
        (m.indicator.key, m.period, m.value, m.numerator, m.denominator, m.marker, m.note,
         m.source, m.revision, m.reason, m.status, m.recorded_by.username if m.recorded_by else "")
        for m in figures.select_related("indicator", "recorded_by").order_by("indicator", "period")
    ]  # fmt: skip
    versions = [
        (v.indicator_id, v.period, v.revision, v.value, v.note, v.history_change_reason,
         v.history_user.username if v.history_user else "", v.history_type)
        for v in Measurement.history.filter(indicator__programme__key=PROGRAMME)
        .select_related("history_user")
        .order_by("indicator_id", "period", "history_date")
    ]  # fmt: skip
    return [*current, *versions]


@pytest.fixture
def olly(programme: Any) -> Any:
    return UserFactory(username="olly", role="officer")


@pytest.fixture
def api(olly: Any) -> Caller:
    return Caller(token_create(user=olly, name="case system", by=olly).secret)


@pytest.fixture
def undone() -> Iterator[None]:
    """What a test stores inside this is undone after it, so the next push starts afresh."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _by_console(tmp_path: Path, name: str, data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    monkeypatch.setenv("BOARD_USER", "olly")
    result = CliRunner().invoke(board, ["measurements", "load", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_good_file_stores_exactly_what_the_console_would(
    kind: str, api: Caller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _csv(NOVEMBER) if kind == "csv" else _xlsx(NOVEMBER)
    name = f"november.{kind}"
    with transaction.atomic():
        answer = api.post_file(FILE_URL, file=SimpleUploadedFile(name, data))
        by_api = _stored()
        transaction.set_rollback(True)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["stored"] is True and body["dry_run"] is False and body["source"] == name
    assert len(body["new"]) == 3 and len(body["restated"]) == 1 and body["unchanged"] == 0
    _by_console(tmp_path, name, data, monkeypatch)
    assert by_api == _stored()


def test_good_json_rows_store_exactly_what_the_console_would_from_the_same_rows_as_a_file(
    api: Caller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction.atomic():
        answer = api.post_json(ROWS_URL, _json(NOVEMBER, source="november.csv"))
        by_api = _stored()
        transaction.set_rollback(True)
    assert answer.status_code == 200, answer.content
    assert answer.json()["restated"] == [
        "CH 141: Referrals of children in need per 10,000 population aged under 18 2006-10: "
        "200.3 → 200.1"
    ]
    _by_console(tmp_path, "november.csv", _csv(NOVEMBER), monkeypatch)
    assert by_api == _stored()


def test_a_bad_return_as_json_is_answered_with_every_problem_located_and_nothing_stored(
    api: Caller,
) -> None:
    before = _stored()
    rows = [
        ("CH 141", "2006-11", 180.2, 645, 35798, None),
        ("XX 1", "2006-11", 3, None, None, None),
        ("ch-143", "2006-13", "120%", None, None, None),
        ("CH 141", "2006-11", 181, None, None, None),
    ]
    answer = api.post_json(ROWS_URL, _json(rows, source="mosaic export"))
    assert answer.status_code == 422
    body = answer.json()
    assert body["detail"] == "4 problem(s) found in mosaic export; nothing was stored"
    where = [(p["file"], p["row"], p["column"], p["item"]) for p in body["problems"]]
    assert where == [
        ("mosaic export", 3, "indicator", 1),
        ("mosaic export", 4, "period", 2),
        ("mosaic export", 4, "value", 2),
        ("mosaic export", 5, "period", 3),
    ]
    messages = " | ".join(p["message"] for p in body["problems"])
    assert "'XX 1' is not an indicator of this programme" in messages
    assert "a percentage must be between 0 and 100 (found 120)" in messages
    assert "is given twice (also row 2)" in messages
    assert _stored() == before


def test_a_bad_file_is_answered_with_its_rows_and_columns_as_excel_shows_them(
    api: Caller,
) -> None:
    before = _stored()
    bad = b"indicator,period,value\nCH 141,2006-11,lots\nSC 5037,2006-11,150\n"
    answer = api.post_file(FILE_URL, file=SimpleUploadedFile("november.csv", bad))
    assert answer.status_code == 422
    assert [(p["file"], p["row"], p["column"]) for p in answer.json()["problems"]] == [
        ("november.csv", 2, "C (value)"),
        ("november.csv", 3, "C (value)"),
    ]
    assert _stored() == before


def test_a_restatement_without_a_reason_is_a_problem_at_the_note_and_nothing_is_stored(
    api: Caller,
) -> None:
    before = _stored()
    rows = [
        ("CH 141", "2006-11", 180.2, 645, 35798, None),
        ("ch-141", "2006-10", 199, None, None, None),
    ]
    answer = api.post_json(ROWS_URL, _json(rows))
    assert answer.status_code == 422
    [problem] = answer.json()["problems"]
    assert (problem["row"], problem["column"], problem["item"]) == (3, "note", 1)
    assert "restates the stored 2006-10 figure 200.3 (revision 1) as 199.0" in problem["message"]
    assert _stored() == before
    given = api.post_json(ROWS_URL, _json(rows, reason="recount after audit"))
    assert given.status_code == 200
    october = Measurement.objects.get(indicator__key="ch-141", period="2006-10")
    assert (october.value, october.revision, october.reason) == (199, 2, "recount after audit")


def test_a_dry_run_says_what_would_change_and_stores_nothing(api: Caller) -> None:
    before = _stored()
    answer = api.post_json(ROWS_URL, _json(NOVEMBER, dry_run=True))
    assert answer.status_code == 200
    body = answer.json()
    assert body["dry_run"] is True and body["stored"] is False
    assert len(body["new"]) == 3 and len(body["restated"]) == 1
    upload = SimpleUploadedFile("november.csv", _csv(NOVEMBER))
    assert api.post_file(FILE_URL, file=upload, dry_run="true").json()["stored"] is False
    assert _stored() == before
    assert Call.objects.filter(outcome__contains="would store 3 new, 1 restated").count() == 2


def test_a_request_the_schema_refuses_is_answered_as_located_problems(api: Caller) -> None:
    rows = {"rows": [{"indicator": "CH 141", "period": "2006-11", "value": True}, {"value": 3}]}
    answer = api.post_json(ROWS_URL, rows)
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    where = {(p["file"], p["row"], p["column"], p["item"]) for p in problems}
    assert where == {
        ("request body", 2, "value", 0),
        ("request body", 3, "indicator", 1),
        ("request body", 3, "period", 1),
    }
    assert any(
        "expected a number, text as a return's cell holds it" in p["message"] for p in problems
    )


def test_a_file_too_large_or_missing_is_a_problem(api: Caller) -> None:
    big = SimpleUploadedFile("november.csv", b"x" * (5 * 1024 * 1024 + 1))
    too_large = api.post_file(FILE_URL, file=big)
    missing = api.post_file(FILE_URL, reason="nothing attached")
    assert too_large.status_code == missing.status_code == 422
    assert too_large.json()["problems"][0]["message"] == (
        "is larger than 5 MB, the most a return may be"
    )
    assert "is missing" in missing.json()["problems"][0]["message"]
