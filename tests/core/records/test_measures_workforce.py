"""Workforce measures from one census (30 September 2023), hand-counted in FTE.

In post on 30 September 2023 (employed): w1 1.0, w2 0.5, w4 1.0 = 2.5 FTE.
Agency in post: w5 1.0. Left in the year (1 October 2022 to 30 September 2023): w3 1.0.
In post a year before (30 September 2022): w1, w2 (started that day), w3 = 2.5; of whom still
in post: w1, w2 = 1.5. w6 left on 30 September 2022 (not in post that day, and more than a year
before the census). w7 is not a qualified social worker and is left out of everything.
Case holders in post: w1 20 cases, w4 10, w5 15 = 45 cases over 3.0 FTE.
"""

from __future__ import annotations

from datetime import date

import pytest

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import MeasureResult, compute_measures
from improvement_board.core.records.synthetic import write_tables

C = "Z1"
CENSUS = date(2023, 9, 30)
WORKERS = [
    # id, fte, agency, qualified, start, leaving, cases
    ("w1", 1.0, False, True, date(2015, 1, 1), None, 20),
    ("w2", 0.5, False, True, date(2022, 9, 30), None, 0),
    ("w3", 1.0, False, True, date(2020, 1, 1), date(2023, 9, 30), 0),
    ("w4", 1.0, False, True, date(2023, 1, 1), None, 10),
    ("w5", 1.0, True, True, date(2023, 6, 1), None, 15),
    ("w6", 1.0, False, True, date(2018, 1, 1), date(2022, 9, 30), 0),
    ("w7", 1.0, False, False, date(2019, 1, 1), None, 12),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], MeasureResult]:
    folder = tmp_path_factory.mktemp("workforce")
    workers = [
        {"council": C, "worker_id": w, "census_date": CENSUS, "fte": fte, "agency": agency,
         "qualified": qualified, "start_date": start, "leaving_date": leaving, "cases": cases}
        for w, fte, agency, qualified, start, leaving, cases in WORKERS
    ]  # fmt: skip
    vacancies = [{"council": C, "census_date": CENSUS, "vacancy_fte": 1.5}]
    write_tables(folder, {"workers": workers, "vacancies": vacancies})
    found = compute_measures(
        [folder],
        measures=[
            "social_workers_per_10k",
            "turnover",
            "vacancy_rate",
            "retention",
            "agency_rate",
            "average_caseload",
        ],
        periods=[Period(2023, 9), Period(2023, 10)],
        population={(C, 2023): 1_000},
    )
    return {(r.measure, str(r.period)): r for r in found}


@pytest.mark.parametrize(
    ("measure", "numerator", "denominator", "value"),
    [
        ("social_workers_per_10k", 2.5, 1_000, 25.0),
        ("turnover", 1.0, 2.5, 40.0),
        ("vacancy_rate", 1.5, 4.0, 37.5),
        ("retention", 1.5, 2.5, 60.0),
        ("agency_rate", 1.0, 3.5, 100 / 3.5),
        ("average_caseload", 45, 3.0, 15.0),
    ],
)
def test_workforce_measures_in_the_census_month(
    results: dict[tuple[str, str], MeasureResult],
    measure: str,
    numerator: float,
    denominator: float,
    value: float,
) -> None:
    found = results[(measure, "2023-09")]
    assert found.numerator == pytest.approx(numerator)
    assert found.denominator == pytest.approx(denominator)
    assert found.value == pytest.approx(value)


def test_workforce_measures_appear_only_in_the_census_month(
    results: dict[tuple[str, str], MeasureResult],
) -> None:
    assert {period for _, period in results} == {"2023-09"}
