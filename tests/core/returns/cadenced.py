"""A programme for reading returns against every cadence: monthly figures, quarters to June,
September, December and March, a census as at 30 September, and DfE's years to 31 March."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from improvement_board.core.problems import Problem, ProblemsFound
from improvement_board.core.programme import Programme
from improvement_board.core.returns import ReturnRow, parse_return


def _indicator(key: str, title: str, unit: str, **more: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"key": key, "title": title, "unit": unit, "polarity": "higher"}
    data["target"] = {"value": 50}
    return data | more


PROGRAMME = Programme.model_validate(
    {
        "programme": {
            "key": "cadenced",
            "name": "A programme of every cadence",
            "council": "Demoshire",
            "baseline_date": "2023-03-31",
            "target_date": "2026-03-31",
            "first_period": "2023-04",
            "last_period": "2026-03",
            "population": {2024: 60000},
        },
        "indicators": [
            _indicator(
                "referrals", "Referrals per 10,000 children", "rate_per_10000", code="CH 141"
            ),
            _indicator("reviews", "Reviews on time", "percent", code="RV 1"),
            _indicator("visits", "Visits in the quarter", "count", frequency="quarterly"),
            _indicator(
                "turnover",
                "Social worker turnover",
                "percent",
                frequency="annual",
                reference="as_at",
                reference_month=9,
            ),
            _indicator(
                "cin-rate",
                "Children in need per 10,000",
                "rate_per_10000",
                frequency="annual",
                polarity="context",
                target=None,
            ),
        ],
    }
)
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
