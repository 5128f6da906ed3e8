"""Pushing a monthly return: as JSON rows or as a file, through exactly the checks an upload and
``board measurements load`` go through (the returns reader, then ``measurements_load``).

JSON rows are written out as the long layout's CSV (indicator, period, value, numerator,
denominator, note) and read back by the same reader, so no rule is written twice; a problem
names the row as that file has it (row 1 the header, so ``rows[0]`` is row 2) and the field, and
``item`` gives the index in ``rows``. Every problem comes back at once, and nothing is stored
unless the whole return is good. ``dry_run`` checks and says what would change.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path, PurePath
from typing import Any

from django.http import HttpRequest
from ninja import FileEx, FormEx, P, Router, Status
from ninja.files import UploadedFile

from improvement_board.accounts.models import Role
from improvement_board.api import schemas
from improvement_board.api.auth import programme_for, token_of
from improvement_board.api.calls import note_outcome
from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.programmes.measurements import MeasurementsReport, measurements_load
from improvement_board.programmes.models import Programme
from improvement_board.web import uploads

router = Router(tags=["returns"])
COLUMNS = ("indicator", "period", "value", "numerator", "denominator", "note")
ANSWERS: dict[int, Any] = {
    200: schemas.LoadOut,
    422: schemas.ProblemsOut,
    403: schemas.Message,
    404: schemas.Message,
}
_SUFFIX = re.compile(r"\.[a-z0-9]{1,5}")
_LABELLED = re.compile(r"^[A-Z]+ \((?P<header>.*)\)$")
DOING = "push a monthly return"


def _cell(value: object) -> str:
    """A JSON value as a return's cell holds it: numbers written as given, no value blank."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def rows_as_csv(rows: list[schemas.ReturnRowIn]) -> bytes:
    """The rows as a long-layout CSV file, header first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, column)) for column in COLUMNS])
    return out.getvalue().encode("utf-8")


def _load(
    request: HttpRequest,
    programme: Programme,
    *,
    data: bytes,
    name: str,
    source: str,
    reason: str,
    dry_run: bool,
) -> MeasurementsReport:
    """The return checked and stored as an upload is: held in a private folder for the reader."""
    suffix = PurePath(name).suffix.lower()
    suffix = suffix if _SUFFIX.fullmatch(suffix) else ""
    with tempfile.TemporaryDirectory(prefix="board-api-") as folder:
        path = Path(folder) / f"return{suffix}"
        path.write_bytes(data)
        return measurements_load(
            programme=programme,
            path=path,
            user=token_of(request).user,
            reason=reason.strip(),
            dry_run=dry_run,
            source=source,
        )


def _answer(request: HttpRequest, report: MeasurementsReport, source: str) -> dict[str, Any]:
    verb = "would store" if report.dry_run else "stored"
    note_outcome(
        request,
        f"{source}: {verb} {len(report.new)} new, {len(report.restated)} restated, "
        f"{len(report.noted)} with a new note, {report.unchanged} unchanged",
    )
    return {
        "source": source,
        "dry_run": report.dry_run,
        "stored": not report.dry_run,
        "new": report.new,
        "restated": report.restated,
        "noted": report.noted,
        "unchanged": report.unchanged,
    }


def problems_answer(
    request: HttpRequest, problems: list[dict[str, Any]], source: str
) -> Status[dict[str, Any]]:
    detail = f"{len(problems)} problem(s) found in {source}; nothing was stored"
    note_outcome(request, detail)
    return Status(422, {"detail": detail, "problems": problems})


def _located(problem: Problem, *, rows: bool) -> dict[str, Any]:
    """A problem as JSON; for JSON rows, with the field and the row's index in ``rows``."""
    column, item = problem.column, None
    if rows:
        labelled = _LABELLED.match(column or "")
        column = labelled.group("header") if labelled else column
        item = problem.row - 2 if problem.row is not None and problem.row >= 2 else None
    return {
        "file": problem.file,
        "row": problem.row,
        "column": column,
        "message": problem.message,
        "item": item,
    }


@router.post(
    "/programmes/{programme}/returns",
    response=ANSWERS,
    url_name="return-rows",
    summary="Push a monthly return as JSON rows",
)
def push_rows(request: HttpRequest, programme: str, body: schemas.ReturnIn) -> Any:
    """Push a monthly return as JSON rows (needs the officer role in the programme)."""
    found = programme_for(request, programme, Role.OFFICER, DOING)
    source = body.source.strip() or f"API: {token_of(request).name}"
    try:
        report = _load(
            request,
            found,
            data=rows_as_csv(body.rows),
            name=source,
            source=source,
            reason=body.reason,
            dry_run=body.dry_run,
        )
    except ProblemsFound as found_problems:
        located = [_located(p, rows=True) for p in found_problems.problems]
        return problems_answer(request, located, source)
    return _answer(request, report, source)


@router.post(
    "/programmes/{programme}/returns/file",
    response=ANSWERS,
    url_name="return-file",
    summary="Push a monthly return as a file",
)
def push_file(
    request: HttpRequest,
    programme: str,
    file: FileEx[
        UploadedFile | None, P(description="The return: CSV or XLSX, long or wide.")
    ] = None,
    reason: FormEx[str, P(description="Why figures are restated, for the whole return.")] = "",
    dry_run: FormEx[bool, P(description="Check and say what would change; store nothing.")] = False,
) -> Any:
    """Push a monthly return as a file, as an officer uploads it on the web (needs the officer
    role in the programme); at most 5 MB."""
    found = programme_for(request, programme, Role.OFFICER, DOING)
    if file is None:
        limit = f"{uploads.MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
        message = (
            f"is larger than {limit}, the most a return may be"
            if uploads.too_large(request)
            else "is missing: send the return as the form field file (multipart/form-data)"
        )
        return problems_answer(
            request, [_located(Problem("the file", None, None, message), rows=False)], "the file"
        )
    name = uploads.safe_name(file.name or "return")
    try:
        report = _load(
            request,
            found,
            data=file.read(),
            name=name,
            source=name,
            reason=reason,
            dry_run=dry_run,
        )
    except ProblemsFound as found_problems:
        located = [_located(p, rows=False) for p in found_problems.problems]
        return problems_answer(request, located, name)
    return _answer(request, report, name)
