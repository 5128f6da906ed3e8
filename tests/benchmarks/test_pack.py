"""The pack benchmark builds what it says: a synthetic large programme of the asked size, loaded
and built through the store, and the same HTML with a minimal print stylesheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.pack import (
    MINIMAL_CSS,
    build,
    minimal_print,
    programme_yaml,
    ratio,
    store_inputs,
    synthetic_meeting,
    synthetic_programme,
)
from improvement_board.core.programme import load_programme


def test_the_large_programme_has_60_indicators_over_36_reporting_months_and_says_synthetic(
    tmp_path: Path,
) -> None:
    path = tmp_path / "large.yaml"
    path.write_text(programme_yaml(synthetic_programme(60, 36)), encoding="utf-8")
    programme = load_programme(path)  # valid as any programme file is
    keys = [i.key for i in programme.indicators]
    assert len(keys) == len(set(keys)) == 60
    assert str(programme.programme.first_period) == "2004-03"
    assert str(programme.programme.last_period) == "2007-03"  # the meeting reads February 2007
    assert len(programme.periods) == 37
    assert "SYNTHETIC" in programme.programme.name
    seed_actions, seed_risks = 9, 5
    assert len(programme.actions) == 4 * seed_actions and len(programme.risks) == 4 * seed_risks
    tied = [m.indicator for a in programme.actions for m in a.milestones if m.indicator]
    assert tied and set(tied) <= set(keys)


def test_the_minimal_stylesheet_takes_the_place_of_every_one_of_the_packs() -> None:
    html = (
        "<html><head><style>body { color: red }</style><style>@page { x: y }</style></head>"
        "<body><h1>Pack</h1></body></html>"
    )
    bare = minimal_print(html)
    assert "color: red" not in bare and "x: y" not in bare
    assert bare.count("<style>") == 1 and MINIMAL_CSS in bare
    assert "<h1>Pack</h1>" in bare


def test_a_ratio_is_written_with_two_decimals_and_a_times_sign() -> None:
    assert ratio(10.7, 10.0) == "1.07×"
    assert ratio(3.0, 2.0) == "1.50×"


@pytest.mark.django_db
def test_a_synthetic_pack_is_built_end_to_end_from_the_store_with_every_phase_timed(
    tmp_path: Path,
) -> None:
    meeting = synthetic_meeting(tmp_path, None, 2, 12)
    built = build("two indicators", store_inputs(meeting))
    assert built.pages >= 5
    assert min(built.figures, built.judgement, built.charts, built.html, built.pdf) >= 0
    assert built.total > 0 and built.cpu > 0
    assert "synthetic" in built.html_text.lower()
    assert built.html_text.count("<svg") >= 2  # each indicator's chart was drawn
