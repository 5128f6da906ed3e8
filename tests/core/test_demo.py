"""The demo's synthetic figures: seeded, complete, internally consistent and labelled."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from improvement_board.core.demo import NOTE, demo_csv, demo_figures
from improvement_board.core.programme import load_programme
from improvement_board.core.units import value_from_counts
from improvement_board.demo import SEED_PROGRAMME


def _seed():
    return load_programme(Path(SEED_PROGRAMME))


def test_every_indicator_has_a_figure_for_each_period_it_reports_april_to_march() -> None:
    programme = _seed()
    figures = demo_figures(programme)
    per_year = {"monthly": 12, "quarterly": 4, "annual": 1}
    for indicator in programme.indicators:
        mine = [f for f in figures if f.indicator == indicator.key]
        assert len(mine) == per_year[indicator.frequency], indicator.key
        assert {str(f.period) for f in mine} <= {str(p) for p in programme.periods}


def test_the_same_seed_gives_the_same_figures() -> None:
    assert demo_csv(demo_figures(_seed())) == demo_csv(demo_figures(_seed()))


def test_every_rate_is_derived_from_the_counts_behind_it() -> None:
    programme = _seed()
    units = {i.key: i.unit for i in programme.indicators}
    for figure in demo_figures(programme):
        if figure.numerator is None or figure.denominator is None:
            continue
        derived = value_from_counts(figure.numerator, figure.denominator, units[figure.indicator])
        assert derived is not None
        assert abs(derived - figure.value) <= 0.05 + 1e-9, figure


def test_every_row_of_the_demo_return_says_it_is_synthetic() -> None:
    rows = list(csv.DictReader(io.StringIO(demo_csv(demo_figures(_seed())))))
    assert rows
    assert {row["note"] for row in rows} == {NOTE}
    assert "synthetic" in NOTE
