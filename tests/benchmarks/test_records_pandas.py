"""The benchmark's pandas baseline computes the same counts as the engine, so a speed ratio
between the two compares like with like (the benchmark checks this again at national scale)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.records_pandas import Baseline
from improvement_board.core.periods import Period, period_range
from improvement_board.core.records.compute import compute_measures
from improvement_board.core.records.synthetic import SyntheticSpec, generate_records


def test_the_pandas_baseline_gives_the_engines_counts_for_every_measure_it_covers(
    tmp_path: Path,
) -> None:
    spec = SyntheticSpec(councils=2, first_year=2013, years=2, seed=7, size=0.3)
    generated = generate_records(tmp_path, spec)
    periods = list(period_range(Period(2013, 1), Period(2014, 12)))

    engine = compute_measures(
        [tmp_path],
        periods=periods,
        population=generated.population,
        measures=list(Baseline.MEASURES),
    )
    baseline = Baseline(tmp_path, periods, generated.population).compute()

    assert {r.measure for r in engine} == set(Baseline.MEASURES)
    assert len(baseline) == len(engine) == len(Baseline.MEASURES) * 2 * len(periods)
    assert {
        (r.measure, r.council, str(r.period)): (r.numerator, r.denominator) for r in engine
    } == baseline
    assert any(numerator for numerator, _ in baseline.values())
