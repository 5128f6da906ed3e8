"""The measure registry and the engine that computes it over stored Parquet records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlglot
from sqlglot.errors import ErrorLevel

from improvement_board.core.periods import Period, period_range
from improvement_board.core.records.compute import (
    MeasureEngine,
    compute_measures,
    find_upload_dirs,
    open_engine,
    population_year,
    read_population,
)
from improvement_board.core.records.measures import MEASURES, STEPS, parameters_in, steps_for
from improvement_board.core.records.pseudonymise import IDENTIFIER_COLUMNS
from improvement_board.core.records.schema import TABLES
from improvement_board.core.records.synthetic import (
    SyntheticSpec,
    generate_records,
    write_tables,
)
from tests.shared import DFE, require

SQL = [(f"measure {m.name}", m.sql) for m in MEASURES.values()] + [
    (f"step {s.name}", s.sql) for s in STEPS.values()
]


def referral(council: str, referral_id: str, day: date) -> dict[str, object]:
    return {"council": council, "child_id": referral_id, "referral_id": referral_id,
            "referral_date": day}  # fmt: skip


@pytest.mark.parametrize("name", list(MEASURES))
def test_every_measure_says_what_it_counts_with_a_worked_example(name: str) -> None:
    measure = MEASURES[name]
    assert "Worked example" in measure.doc
    assert measure.title and measure.numerator and measure.denominator
    assert set(measure.tables) <= set(TABLES)
    assert set(measure.steps) <= set(STEPS)


@pytest.mark.parametrize("name", list(MEASURES))
def test_every_parameter_a_measure_uses_is_bound_and_no_other(name: str) -> None:
    measure = MEASURES[name]
    assert parameters_in(measure.sql) == set(measure.params)


@pytest.mark.parametrize(("label", "sql"), SQL, ids=[label for label, _ in SQL])
def test_every_definition_translates_to_spark_sql(label: str, sql: str) -> None:
    spark = sqlglot.transpile(sql, read="duckdb", write="spark", unsupported_level=ErrorLevel.RAISE)
    assert len(spark) == 1
    assert "$" not in spark[0]  # parameters become Spark's :name markers


@pytest.mark.parametrize("name", list(MEASURES))
def test_every_step_a_measure_reads_comes_after_the_steps_it_reads(name: str) -> None:
    steps = [step.name for step in steps_for([MEASURES[name]])]
    assert set(MEASURES[name].steps) <= set(steps)
    for at, step in enumerate(steps):
        assert set(STEPS[step].steps) <= set(steps[:at])


def test_an_engine_asked_again_for_more_gives_what_a_fresh_one_gives(tmp_path: Path) -> None:
    # The first call holds referrals with the columns its queries name; each later one needs
    # another column, read by one query (the second call) or by two (the third).
    spec = SyntheticSpec(councils=2, first_year=2013, years=1, seed=3, size=0.2)
    generated = generate_records(tmp_path, spec)
    periods = list(period_range(Period(2013, 1), Period(2013, 12)))
    calls = [
        ["referrals_per_10k"],
        ["referrals_to_initial_assessment", "turnover"],
        ["rereferrals_within_12_months"],
    ]
    with MeasureEngine([tmp_path]) as engine:
        again = [
            engine.compute(periods=periods, population=generated.population, measures=call)
            for call in calls
        ]
    for call, found in zip(calls, again, strict=True):
        fresh = compute_measures(
            [tmp_path], periods=periods, population=generated.population, measures=call
        )
        assert found == fresh
        assert {r.council for r in found} == set(spec.codes)


def test_the_population_year_is_the_latest_mid_year_on_or_before_the_period_end() -> None:
    assert population_year(Period(2024, 3)) == 2023  # the DfE's year 2024 uses mid-2023
    assert population_year(Period(2024, 5)) == 2023
    assert population_year(Period(2024, 6)) == 2024


def test_the_ons_file_gives_each_council_by_new_and_old_code() -> None:
    population = read_population(
        require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv")
    )
    # County Durham, 2024: 100,432 children aged 0 to 17 in the published file.
    assert population[("E06000047", 2024)] == 100_432
    assert population[("840", 2024)] == 100_432
    # Bournemouth 2018 is suppressed ("x") in the file: left out, not zero.
    assert ("E06000028", 2018) not in population
    # Regions and England are not councils.
    assert ("E12000001", 2024) not in population


def test_a_later_upload_restates_an_earlier_one(tmp_path: Path) -> None:
    write_tables(tmp_path / "2024-04-10", {"referrals": [
        referral("Z1", "r1", date(2024, 3, 5)),
        referral("Z1", "r2", date(2024, 3, 6)),
    ]})  # fmt: skip
    # The May return corrects r1's date into April and repeats r2 unchanged.
    write_tables(tmp_path / "2024-05-10", {"referrals": [
        referral("Z1", "r1", date(2024, 4, 2)),
        referral("Z1", "r2", date(2024, 3, 6)),
    ]})  # fmt: skip
    assert find_upload_dirs(tmp_path) == [tmp_path / "2024-04-10", tmp_path / "2024-05-10"]
    found = compute_measures(
        tmp_path,
        measures=["rereferrals_within_12_months"],
        periods=[Period(2024, 3), Period(2024, 4)],
        population={},
    )
    assert [(str(r.period), r.denominator) for r in found] == [("2024-03", 1), ("2024-04", 1)]


def test_results_can_be_limited_to_some_councils(tmp_path: Path) -> None:
    write_tables(tmp_path, {"referrals": [
        referral("Z1", "a", date(2024, 3, 5)),
        referral("Z2", "b", date(2024, 3, 6)),
    ]})  # fmt: skip
    found = compute_measures(
        [tmp_path],
        measures=["referrals_per_10k"],
        periods=[Period(2024, 3)],
        population={("Z1", 2023): 10_000, ("Z2", 2023): 10_000},
        councils=["Z2"],
    )
    assert [(r.council, r.numerator) for r in found] == [("Z2", 1)]


def test_a_measure_whose_tables_were_never_uploaded_gives_no_results(tmp_path: Path) -> None:
    write_tables(tmp_path, {"referrals": [referral("Z1", "a", date(2024, 3, 5))]})
    found = compute_measures(
        [tmp_path],
        measures=["looked_after_per_10k", "turnover", "placement_stability_long_term"],
        periods=[Period(2024, 3)],
        population={("Z1", 2023): 10_000},
    )
    assert found == []


def test_an_unknown_measure_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no_such_measure"):
        compute_measures(
            [tmp_path], measures=["no_such_measure"], periods=[Period(2024, 3)], population={}
        )


def test_every_measure_runs_on_a_synthetic_council(tmp_path: Path) -> None:
    spec = SyntheticSpec(councils=1, first_year=2013, years=2, seed=5, size=0.3)
    generated = generate_records(tmp_path, spec)
    periods = list(period_range(Period(2013, 1), Period(2014, 12)))
    found = compute_measures(tmp_path, periods=periods, population=generated.population)
    assert {r.measure for r in found} == set(MEASURES)
    for r in found:
        if MEASURES[r.measure].unit == "percent" and r.denominator:
            assert 0 <= r.numerator <= r.denominator, r


def test_a_file_stored_before_a_column_existed_reads_it_as_null(tmp_path: Path) -> None:
    older = pa.schema([f for f in TABLES["protection_plans"] if f.name != "previous_plans"])
    plans = pa.Table.from_pylist(
        [{"council": "Z1", "child_id": 1, "start_date": date(2024, 3, 1)}], schema=older
    )
    pq.write_table(plans, tmp_path / "protection_plans.parquet")
    found = compute_measures(
        [tmp_path],
        measures=["second_or_subsequent_plans"],
        periods=[Period(2024, 3)],
        population={},
    )
    assert [(r.numerator, r.denominator) for r in found] == [(0, 1)]


def text_pseudonym_referrals(folder: Path, rows: list[tuple[str, str, str, date]]) -> None:
    """Referrals as a load stored them before pseudonyms were integers (64 hex characters)."""
    text = pa.schema(
        [f.with_type(pa.string()) if f.name in IDENTIFIER_COLUMNS else f
         for f in TABLES["referrals"]]
    )  # fmt: skip
    folder.mkdir(parents=True)
    referrals = [
        {"council": council, "child_id": child * 64, "referral_id": ref * 64, "referral_date": day}
        for council, child, ref, day in rows
    ]
    pq.write_table(pa.Table.from_pylist(referrals, schema=text), folder / "referrals.parquet")


def test_an_upload_stored_with_text_pseudonyms_still_joins_its_own_records(
    tmp_path: Path,
) -> None:
    text_pseudonym_referrals(tmp_path / "old", [
        ("Z1", "a", "1", date(2023, 9, 1)),
        ("Z1", "a", "2", date(2024, 3, 1)),  # the same child again: a re-referral
        ("Z2", "a", "3", date(2024, 3, 2)),  # another council's child, first referral
    ])  # fmt: skip
    found = compute_measures(
        [tmp_path / "old"],
        measures=["rereferrals_within_12_months"],
        periods=[Period(2024, 3)],
        population={},
    )
    assert [(r.council, r.numerator, r.denominator) for r in found] == [
        ("Z1", 1, 1), ("Z2", 0, 1)
    ]  # fmt: skip


def test_text_and_integer_pseudonyms_are_refused_together_naming_the_older_upload(
    tmp_path: Path,
) -> None:
    text_pseudonym_referrals(tmp_path / "old", [("Z1", "a", "1", date(2023, 9, 1))])
    write_tables(tmp_path / "new", {"referrals": [referral("Z1", "a", date(2024, 3, 1))]})
    with pytest.raises(ValueError, match=r"text pseudonyms \(.*old\).*Load the older upload"):
        compute_measures(
            [tmp_path / "old", tmp_path / "new"],
            measures=["rereferrals_within_12_months"],
            periods=[Period(2024, 3)],
            population={},
        )


def test_uploads_in_the_store_are_ordered_by_the_period_they_cover(tmp_path: Path) -> None:
    # Store folders are named by hash; the manifest says which return is the later one.
    for name, period_end, day in [
        ("aaaa", "2024-03-31", date(2024, 3, 20)),  # the 2023-24 return
        ("ffff", "2023-03-31", date(2024, 2, 20)),  # the 2022-23 return, loaded later
    ]:
        folder = tmp_path / "cin-census" / name
        write_tables(folder, {"referrals": [referral("Z1", "r1", day)]})
        manifest = {"period_ends": [period_end], "loaded_at": f"{period_end}T00:00:00"}
        (folder / "manifest.json").write_text(json.dumps(manifest))
    dirs = find_upload_dirs(tmp_path)
    assert [d.name for d in dirs] == ["ffff", "aaaa"]
    found = compute_measures(
        tmp_path,
        measures=["rereferrals_within_12_months"],
        periods=[Period(2024, 3)],
        population={},
    )
    assert [r.denominator for r in found] == [1]  # r1 as the 2023-24 return has it: in March


def test_a_population_figure_that_is_not_a_number_counts_as_unknown(tmp_path: Path) -> None:
    write_tables(tmp_path, {"referrals": [referral("Z1", "a", date(2024, 3, 5))]})
    found = compute_measures(
        [tmp_path],
        measures=["referrals_per_10k"],
        periods=[Period(2024, 3)],
        population={("Z1", 2022): 10_000, ("Z1", 2023): "x"},  # 2023 suppressed
    )
    assert [r.denominator for r in found] == [10_000]


def test_an_engine_is_chosen_by_name_and_an_unknown_one_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such engine: polars"):
        open_engine("polars", [tmp_path])
