"""Reading returns against a programme of every cadence (tests/fixtures/cadenced-programme.yaml):
monthly figures, quarters to June, September, December and March, a census as at 30 September,
and DfE's years to 31 March."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import load_programme
from improvement_board.core.returns import ReturnRow, parse_return

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "cadenced-programme.yaml"
PROGRAMME = load_programme(FIXTURE)
LONG = "indicator,period,value,numerator,denominator,note"


def read(text: str, name: str = "return.csv") -> list[ReturnRow]:
    return parse_return(text.encode("utf-8"), PROGRAMME, source=name)


def ignored(text: str, name: str = "return.csv") -> list[str]:
    """What the load's report names as not read in this return."""
    from improvement_board.core.returns import parse_return_file

    return parse_return_file(text.encode("utf-8"), PROGRAMME, source=name).ignored


def problems(text: str, name: str = "return.csv") -> list[Problem]:
    with pytest.raises(ProblemsFound) as raised:
        read(text, name)
    found = raised.value.problems
    assert found and all(p.file.startswith(name) for p in found)
    return found


def only(text: str, name: str = "return.csv") -> Problem:
    found = problems(text, name)
    assert len(found) == 1, found
    return found[0]


def workbook(rows: list[list[Any]], *, sheets: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for title in sheets:
        book.create_sheet(title)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
