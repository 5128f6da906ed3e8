"""Referral and assessment measures, on small hand-made records with hand-counted answers.

Working-day counts in the comments are counted on a calendar: the start day is not counted,
weekends and England bank holidays are skipped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import MeasureResult, compute_measures
from improvement_board.core.records.synthetic import write_tables

C = "Z1"


def run(
    folder: Path,
    measure: str,
    tables: dict[str, list[dict[str, object]]],
    periods: list[str],
    population: dict[tuple[str, int], int] | None = None,
) -> dict[str, MeasureResult]:
    write_tables(folder, tables)
    found = compute_measures(
        [folder],
        measures=[measure],
        periods=[Period.parse(p) for p in periods],
        population=population or {},
    )
    return {str(r.period): r for r in found}


def referral(child: str, day: date, number: int = 1) -> dict[str, object]:
    return {
        "council": C,
        "child_id": child,
        "referral_id": f"{child}-{number}",
        "referral_date": day,
    }


def test_referral_rate_counts_the_twelve_months_ending_with_the_period(tmp_path: Path) -> None:
    referrals = [
        referral("a", date(2023, 3, 31)),  # before April 2023: outside the year to March 2024
        referral("b", date(2023, 4, 1)),  # first day of the year to March 2024
        referral("c", date(2024, 3, 31)),  # last day of March
        referral("d", date(2024, 4, 1)),  # first day of April
    ]
    found = run(
        tmp_path,
        "referrals_per_10k",
        {"referrals": referrals},
        ["2024-03", "2024-04"],
        {(C, 2023): 20_000},
    )
    # March 2024: b and c, over mid-2023's 20,000 children: 2 / 20,000 × 10,000 = 1.0.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (2, 20_000)
    assert found["2024-03"].value == pytest.approx(1.0)
    # April 2024 (May 2023 to April 2024): c and d; b has dropped out.
    assert found["2024-04"].numerator == 2


def test_referral_rate_uses_the_latest_population_estimate_available(tmp_path: Path) -> None:
    found = run(
        tmp_path,
        "referrals_per_10k",
        {"referrals": [referral("a", date(2024, 6, 15))]},
        ["2024-06"],
        {(C, 2022): 10_000, (C, 2023): 40_000},
    )
    # June 2024 wants mid-2024, which is not published yet: mid-2023 is used.
    assert found["2024-06"].denominator == 40_000
    assert found["2024-06"].value == pytest.approx(0.25)


def test_referral_rate_without_a_population_keeps_the_count_and_has_no_value(
    tmp_path: Path,
) -> None:
    found = run(
        tmp_path, "referrals_per_10k", {"referrals": [referral("a", date(2024, 3, 1))]}, ["2024-03"]
    )
    assert found["2024-03"].numerator == 1
    assert found["2024-03"].denominator is None
    assert found["2024-03"].value is None


def test_a_month_without_referrals_is_a_zero_not_a_gap(tmp_path: Path) -> None:
    found = run(
        tmp_path,
        "rereferrals_within_12_months",
        {"referrals": [referral("a", date(2024, 1, 10))]},
        ["2024-01", "2024-02"],
    )
    assert (found["2024-02"].numerator, found["2024-02"].denominator) == (0, 0)
    assert found["2024-02"].value is None


def test_referrals_leading_to_an_initial_assessment_count_each_referral_once(
    tmp_path: Path,
) -> None:
    referrals = [
        referral("a", date(2006, 11, 1)),
        referral("b", date(2006, 11, 30)),
        referral("c", date(2006, 11, 15)),
        referral("d", date(2006, 12, 1)),  # December: not in November's figure
    ]
    assessments = [
        # Referral a had two initial assessments recorded: still one referral assessed.
        {"council": C, "child_id": "a", "referral_id": "a-1", "kind": "initial",
         "start_date": date(2006, 11, 2)},
        {"council": C, "child_id": "a", "referral_id": "a-1", "kind": "initial",
         "start_date": date(2006, 11, 3)},
        {"council": C, "child_id": "b", "referral_id": "b-1", "kind": "initial",
         "start_date": date(2006, 12, 1)},
        # A core assessment is not an initial assessment.
        {"council": C, "child_id": "c", "referral_id": "c-1", "kind": "core",
         "start_date": date(2006, 11, 20)},
    ]  # fmt: skip
    found = run(
        tmp_path,
        "referrals_to_initial_assessment",
        {"referrals": referrals, "assessments": assessments},
        ["2006-11"],
    )
    # November: referrals a, b, c; a and b led to an initial assessment: 2 / 3.
    assert (found["2006-11"].numerator, found["2006-11"].denominator) == (2, 3)
    assert found["2006-11"].value == pytest.approx(200 / 3)


def test_initial_assessment_measures_skip_councils_with_single_assessments(tmp_path: Path) -> None:
    assessments = [
        {"council": C, "child_id": "a", "referral_id": "a-1", "kind": "single",
         "start_date": date(2024, 1, 2), "completed_date": date(2024, 1, 20)},
    ]  # fmt: skip
    tables = {"referrals": [referral("a", date(2024, 1, 2))], "assessments": assessments}
    assert run(tmp_path, "initial_assessments_within_7_days", tables, ["2024-01"]) == {}


def test_initial_assessments_are_timed_from_referral_over_christmas(tmp_path: Path) -> None:
    def initial(child: str, completed: date | None, referral_id: str | None) -> dict[str, object]:
        return {"council": C, "child_id": child, "referral_id": referral_id, "kind": "initial",
                "start_date": date(2023, 12, 27), "completed_date": completed}  # fmt: skip

    referrals = [referral(x, date(2023, 12, 21)) for x in "abc"]  # Thursday
    assessments = [
        # 22, 27, 28, 29 Dec, 2 Jan (25, 26 Dec and 1 Jan are holidays): 5 working days.
        initial("a", date(2024, 1, 2), "a-1"),
        # ... 3 Jan, 4 Jan: exactly 7 working days: on time.
        initial("b", date(2024, 1, 4), "b-1"),
        # ... 5 Jan: 8 working days: late.
        initial("c", date(2024, 1, 5), "c-1"),
        # No referral recorded: timed from its own start, Wed 27 Dec to Fri 29 Dec: 2 days.
        initial("d", date(2023, 12, 29), None),
        # Not completed: not in any month's figure.
        initial("e", None, None),
    ]
    found = run(
        tmp_path,
        "initial_assessments_within_7_days",
        {"referrals": referrals, "assessments": assessments},
        ["2023-12", "2024-01"],
    )
    assert (found["2024-01"].numerator, found["2024-01"].denominator) == (2, 3)
    assert (found["2023-12"].numerator, found["2023-12"].denominator) == (1, 1)


def test_core_assessments_within_35_working_days_across_easter(tmp_path: Path) -> None:
    def core(child: str, completed: date) -> dict[str, object]:
        return {"council": C, "child_id": child, "kind": "core",
                "start_date": date(2024, 3, 28), "completed_date": completed}  # fmt: skip

    # Start Thursday 28 March 2024. Good Friday 29 March, Easter Monday 1 April and
    # 6 May are holidays. Working days: 2-5 Apr (4), 8-12 (9), 15-19 (14), 22-26 (19),
    # 29 Apr-3 May (24), 7-10 May (28), 13-17 (33), 20 May (34), 21 May (35).
    assessments = [core("a", date(2024, 5, 21)), core("b", date(2024, 5, 22))]
    found = run(
        tmp_path, "core_assessments_within_35_days", {"assessments": assessments}, ["2024-05"]
    )
    assert (found["2024-05"].numerator, found["2024-05"].denominator) == (1, 2)


def test_single_assessments_within_45_working_days_across_a_bank_holiday(tmp_path: Path) -> None:
    def single(child: str, completed: date) -> dict[str, object]:
        return {"council": C, "child_id": child, "kind": "single",
                "start_date": date(2024, 8, 23), "completed_date": completed}  # fmt: skip

    # Start Friday 23 August 2024; Monday 26 August is a bank holiday. Working days:
    # 27-30 Aug (4), then five a week to 21-25 Oct (44); Monday 28 October is the 45th.
    assessments = [
        single("a", date(2024, 10, 28)),  # 45: on time
        single("b", date(2024, 10, 29)),  # 46: late
        single("c", date(2024, 10, 31)),  # late, and still October
        single("d", date(2024, 11, 1)),  # November
    ]
    found = run(
        tmp_path,
        "assessments_within_45_days",
        {"assessments": assessments},
        ["2024-10", "2024-11"],
    )
    assert (found["2024-10"].numerator, found["2024-10"].denominator) == (1, 3)
    assert (found["2024-11"].numerator, found["2024-11"].denominator) == (0, 1)


def test_core_assessment_rate_counts_starts_in_the_rolling_year(tmp_path: Path) -> None:
    assessments = [
        {"council": C, "child_id": x, "kind": "core", "start_date": day}
        for x, day in [
            ("a", date(2005, 11, 30)),
            ("b", date(2005, 12, 1)),
            ("c", date(2006, 11, 30)),
        ]
    ]
    found = run(
        tmp_path,
        "core_assessments_per_10k",
        {"assessments": assessments},
        ["2006-11"],
        {(C, 2006): 52_000},
    )
    # December 2005 to November 2006: b and c. 2 / 52,000 × 10,000.
    assert found["2006-11"].numerator == 2
    assert found["2006-11"].value == pytest.approx(2 / 52_000 * 10_000)


def test_rereferrals_count_exactly_twelve_months_but_not_a_day_more(tmp_path: Path) -> None:
    referrals = [
        referral("a", date(2023, 3, 15), 1),
        referral("a", date(2024, 3, 15), 2),  # exactly 12 months later: a re-referral
        referral("b", date(2023, 3, 14), 1),
        referral("b", date(2024, 3, 15), 2),  # 12 months and a day: not
        referral("c", date(2024, 3, 20), 1),
        referral("c", date(2024, 3, 20), 2),  # same day twice: neither is a re-referral
        referral("d", date(2023, 6, 1), 1),
        referral("d", date(2023, 9, 1), 2),
        referral("d", date(2024, 3, 1), 3),  # within 12 months of September: a re-referral
        referral("e", date(2023, 10, 1), 1),
        referral("e", date(2024, 3, 25), 2),  # a re-referral, recorded twice: counted once
        referral("e", date(2024, 3, 25), 3),
    ]
    found = run(tmp_path, "rereferrals_within_12_months", {"referrals": referrals}, ["2024-03"])
    # March 2024: a-2, b-2, c-1, c-2, d-3, e-2, e-3 (7 referrals); re-referrals: a-2, d-3 and
    # one of e's two.
    assert (found["2024-03"].numerator, found["2024-03"].denominator) == (3, 7)


def test_two_councils_children_with_the_same_identifier_are_two_children(tmp_path: Path) -> None:
    # Identifiers are each council's own: Z2's child "a" is not Z1's child "a", so Z2's March
    # referral is a first referral, and Z1's assessment is not of Z2's referral.
    elsewhere = {**referral("a", date(2024, 3, 10)), "council": "Z2"}
    referrals = [referral("a", date(2024, 1, 10)), elsewhere]
    assessments = [
        {"council": C, "child_id": "a", "referral_id": "a-1", "kind": "initial",
         "start_date": date(2024, 1, 11), "completed_date": date(2024, 1, 12)},
        {"council": "Z2", "child_id": "b", "referral_id": "b-1", "kind": "initial",
         "start_date": date(2024, 3, 11), "completed_date": date(2024, 3, 12)},
    ]  # fmt: skip
    write_tables(tmp_path, {"referrals": referrals, "assessments": assessments})
    found = {
        (r.measure, r.council, str(r.period)): (r.numerator, r.denominator)
        for r in compute_measures(
            [tmp_path],
            measures=["rereferrals_within_12_months", "referrals_to_initial_assessment"],
            periods=[Period(2024, 1), Period(2024, 3)],
            population={},
        )
    }
    assert found[("rereferrals_within_12_months", "Z2", "2024-03")] == (0, 1)
    assert found[("referrals_to_initial_assessment", "Z1", "2024-01")] == (1, 1)
    assert found[("referrals_to_initial_assessment", "Z2", "2024-03")] == (0, 1)
