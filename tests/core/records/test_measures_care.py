"""Looked-after children and care leaver measures, on small hand-made records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import MeasureResult, compute_measures
from improvement_board.core.records.synthetic import write_tables

C = "Z1"


def run(
    folder: Path, measure: str, tables: dict[str, list[dict[str, object]]], periods: list[str]
) -> dict[str, MeasureResult]:
    write_tables(folder, tables)
    found = compute_measures(
        [folder],
        measures=[measure],
        periods=[Period.parse(p) for p in periods],
        population={(C, 2023): 60_000},
    )
    return {str(r.period): r for r in found}


def episode(child: str, start: date, end: date | None, reason: str) -> dict[str, object]:
    return {
        "council": C, "child_id": child, "start_date": start, "end_date": end,
        "reason_new": reason, "legal_status": "C2", "placement": "U1",
    }  # fmt: skip


def child(name: str, born: date) -> dict[str, object]:
    return {"council": C, "child_id": name, "birth_date": born}


def test_looked_after_children_are_counted_once_at_the_month_end(tmp_path: Path) -> None:
    episodes = [
        episode("a", date(2023, 5, 1), None, "S"),
        episode("b", date(2023, 1, 1), date(2024, 2, 10), "S"),  # two episodes, one child
        episode("b", date(2024, 2, 10), None, "P"),
        episode("c", date(2022, 1, 1), date(2024, 3, 31), "S"),  # left on 31 March
        episode("d", date(2024, 4, 1), None, "S"),  # came into care on 1 April
    ]
    found = run(
        tmp_path, "looked_after_per_10k", {"care_episodes": episodes}, ["2024-03", "2024-04"]
    )
    # 31 March: a and b, over 60,000 children. 30 April: a, b and d.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (2, 60_000)
    assert found["2024-03"].value == pytest.approx(2 / 6)
    assert found["2024-04"].numerator == 3


def test_month_end_counts_hold_for_periods_asked_out_of_order_and_with_gaps(
    tmp_path: Path,
) -> None:
    episodes = [
        episode("a", date(2023, 1, 1), None, "S"),
        episode("b", date(2023, 4, 1), date(2023, 10, 1), "S"),  # wholly between two periods
        episode("c", date(2024, 1, 1), date(2024, 6, 1), "S"),
    ]
    found = run(
        tmp_path,
        "looked_after_per_10k",
        {"care_episodes": episodes},
        ["2024-09", "2023-03", "2024-03"],
    )
    assert {period: r.numerator for period, r in found.items()} == {
        "2023-03": 1,  # a
        "2024-03": 2,  # a and c
        "2024-09": 1,  # a
    }


def test_placement_moves_count_placements_in_the_year_not_legal_changes(tmp_path: Path) -> None:
    episodes = [
        # a: in a placement on 1 April 2023, moved 1 May, legal change 1 Sept, moved 15 Jan:
        # three placements in April 2023 to March 2024.
        episode("a", date(2022, 6, 1), date(2023, 5, 1), "S"),
        episode("a", date(2023, 5, 1), date(2023, 9, 1), "P"),
        episode("a", date(2023, 9, 1), date(2024, 1, 15), "L"),
        episode("a", date(2024, 1, 15), None, "P"),
        # b: two placements.
        episode("b", date(2023, 4, 1), date(2023, 10, 1), "S"),
        episode("b", date(2023, 10, 1), None, "T"),
        # c: three placements, but not looked after on 31 March 2024.
        episode("c", date(2023, 5, 1), date(2023, 7, 1), "S"),
        episode("c", date(2023, 7, 1), date(2023, 9, 1), "P"),
        episode("c", date(2023, 9, 1), date(2024, 2, 1), "U"),
        # d: the first placement ended on 1 April 2023, the first day of the year: not counted;
        # so two placements (1 April and 1 August).
        episode("d", date(2022, 1, 1), date(2023, 4, 1), "S"),
        episode("d", date(2023, 4, 1), date(2023, 8, 1), "P"),
        episode("d", date(2023, 8, 1), None, "B"),
    ]
    found = run(tmp_path, "placement_stability_moves", {"care_episodes": episodes}, ["2024-03"])
    # Looked after on 31 March 2024: a, b, d. Three or more placements: a.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (1, 3)


def test_long_term_stability_needs_two_and_a_half_years_in_care_and_under_16(
    tmp_path: Path,
) -> None:
    # For 31 March 2024: in care since 30 September 2021 or before; placement since
    # 31 March 2022 or before; 16th birthday after 31 March 2024.
    episodes = [
        # p: in care exactly 2.5 years, in the same placement exactly 2 years: both edges count.
        episode("p", date(2021, 9, 30), date(2022, 3, 31), "S"),
        episode("p", date(2022, 3, 31), None, "P"),
        # q: in care a day short of 2.5 years: outside the cohort.
        episode("q", date(2021, 10, 1), None, "S"),
        # r: turns 16 on 31 March 2024: outside. r2: turns 16 a day later: in, moved too lately.
        episode("r", date(2019, 1, 1), None, "S"),
        episode("r2", date(2019, 1, 1), date(2022, 4, 1), "S"),
        episode("r2", date(2022, 4, 1), None, "P"),
        # s: a gap in care (even if the next episode says only "moved") starts a new period
        # of care, from December 2021: outside.
        episode("s", date(2020, 1, 1), date(2021, 6, 1), "S"),
        episode("s", date(2021, 12, 1), None, "P"),
        # t: a change of legal status only keeps the placement that began in 2020.
        episode("t", date(2020, 5, 1), date(2023, 1, 1), "S"),
        episode("t", date(2023, 1, 1), None, "L"),
    ]
    children = [
        child("p", date(2010, 1, 1)),
        child("q", date(2010, 1, 1)),
        child("r", date(2008, 3, 31)),
        child("r2", date(2008, 4, 1)),
        child("s", date(2012, 1, 1)),
        child("t", date(2012, 1, 1)),
    ]
    found = run(
        tmp_path,
        "placement_stability_long_term",
        {"care_episodes": episodes, "children": children},
        ["2024-03", "2026-03"],
    )
    # Cohort: p, r2, t. Same placement 2 years: p, t.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (2, 3)
    # 31 March 2026: p and q (born 2010) and r2 are 16 or over; s (in care since December
    # 2021) has joined t, both in their placements for two years or more.
    assert (found["2026-03"].numerator, found["2026-03"].denominator) == (2, 2)


def test_health_assessments_appear_only_in_the_month_of_the_year_end(tmp_path: Path) -> None:
    outcomes = [
        {"council": C, "child_id": x, "year_end": date(2024, 3, 31), "health_check": ok}
        for x, ok in [("a", True), ("b", True), ("c", False)]
    ]
    found = run(
        tmp_path, "health_assessments_on_time", {"care_outcomes": outcomes}, ["2024-02", "2024-03"]
    )
    assert set(found) == {"2024-03"}
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (2, 3)


LEAVERS = [
    # (born, suitable): age on 31 March 2024 and whether the birthday fell in the year
    (date(2005, 3, 31), True),  # 19th birthday on the year end: 19
    (date(2004, 4, 1), False),  # 19th birthday on 1 April 2023, first day of the year: 19
    (date(2004, 3, 31), True),  # 20
    (date(2005, 4, 1), True),  # 18: 19th birthday falls next year
    (date(2002, 4, 1), True),  # 21
    (date(2002, 3, 31), False),  # 22
]


def leavers() -> list[dict[str, object]]:
    return [
        {"council": C, "child_id": f"l{n}", "birth_date": born, "year_end": date(2024, 3, 31),
         "suitable": suitable}
        for n, (born, suitable) in enumerate(LEAVERS)
    ]  # fmt: skip


def test_care_leavers_at_19_are_those_whose_19th_birthday_fell_in_the_year(tmp_path: Path) -> None:
    found = run(tmp_path, "care_leavers_19_suitable", {"care_leavers": leavers()}, ["2024-03"])
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (1, 2)


def test_care_leavers_aged_19_to_21(tmp_path: Path) -> None:
    found = run(
        tmp_path, "care_leavers_19_to_21_suitable", {"care_leavers": leavers()}, ["2024-03"]
    )
    # Aged 19, 19, 20, 21: suitable 3 of 4.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (3, 4)
    assert found["2024-03"].value == pytest.approx(75.0)
