"""Child protection plan measures, on small hand-made records with hand-counted answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import MeasureResult, compute_measures
from improvement_board.core.records.synthetic import write_tables

C = "Z1"


def run(
    folder: Path, measure: str, plans: list[dict[str, object]], periods: list[str]
) -> dict[str, MeasureResult]:
    write_tables(folder, {"protection_plans": plans})
    found = compute_measures(
        [folder],
        measures=[measure],
        periods=[Period.parse(p) for p in periods],
        population={(C, 2023): 40_000},
    )
    return {str(r.period): r for r in found}


def plan(child: str, start: date, end: date | None = None, **more: object) -> dict[str, object]:
    return {"council": C, "child_id": child, "start_date": start, "end_date": end, **more}


def test_children_on_plans_are_counted_at_the_last_day_of_the_month(tmp_path: Path) -> None:
    plans = [
        plan("a", date(2024, 1, 10)),  # open: counted at both month ends
        plan("b", date(2023, 6, 1), date(2024, 3, 31)),  # ended on 31 March: not at March's end
        plan("c", date(2024, 4, 1)),  # starts on the first of April
        plan("d", date(2023, 9, 1)),  # two overlapping plans: one child
        plan("d", date(2024, 2, 1), date(2024, 5, 1)),
    ]
    found = run(tmp_path, "protection_plans_per_10k", plans, ["2024-03", "2024-04"])
    # 31 March: a and d. 30 April: a, c and d. Over mid-2023's 40,000 children.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (2, 40_000)
    assert found["2024-03"].value == pytest.approx(0.5)
    assert found["2024-04"].numerator == 3


def test_a_plan_is_subsequent_after_an_earlier_plan_or_a_recorded_previous_one(
    tmp_path: Path,
) -> None:
    plans = [
        plan("x", date(2019, 5, 1), date(2020, 1, 1)),
        plan("x", date(2024, 3, 10)),  # second plan, five years on: counts (ever)
        plan("y", date(2024, 3, 12), previous_plans=1),  # first in the records, not in life
        plan("z", date(2024, 3, 31), previous_plans=0),  # a first plan
        plan("w", date(2024, 4, 1)),  # April
    ]
    found = run(tmp_path, "second_or_subsequent_plans", plans, ["2024-03", "2024-04"])
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (2, 3)
    assert (found["2024-04"].numerator, found["2024-04"].denominator) == (0, 1)


def test_plans_lasting_two_years_include_a_plan_started_exactly_two_years_before(
    tmp_path: Path,
) -> None:
    plans = [
        plan("a", date(2022, 3, 31)),  # two years on 31 March 2024: counts
        plan("b", date(2022, 4, 1)),  # a day short
        plan("c", date(2021, 1, 1), date(2024, 3, 31)),  # long, but ended: not open at the end
        # e: a plan ended and the next began the same day: the current plan is 15 months old.
        plan("e", date(2021, 1, 1), date(2023, 1, 1)),
        plan("e", date(2023, 1, 1)),
        # f: two overlapping plans (a recording error) count as one, from June 2021.
        plan("f", date(2021, 6, 1), date(2024, 6, 1)),
        plan("f", date(2023, 6, 1)),
    ]
    found = run(tmp_path, "plans_lasting_2_years", plans, ["2024-03"])
    # On a plan on 31 March 2024: a, b, e, f. For two years or more: a, f.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (2, 4)
    assert found["2024-03"].value == pytest.approx(50.0)
