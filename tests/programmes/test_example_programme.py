"""The illustrative 2025-26 programme: a plan of today, in the same format as the 2006 seed, from
its file to a pack with figures computed from (synthetic) child-level records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from improvement_board.core.programme import load_programme
from improvement_board.core.records.synthetic import SyntheticSpec, generate_records
from improvement_board.core.smart import check_plan
from improvement_board.meetings.services import pack_write
from improvement_board.programmes.models import Measurement
from improvement_board.programmes.records import records_compute
from improvement_board.programmes.services import programme_load

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "intervention-2025-26.yaml"


def test_the_example_plan_is_read_and_is_smart() -> None:
    programme = load_programme(EXAMPLE)
    assert programme.programme.synthetic and "illustrative" in programme.programme.council
    assert len(programme.indicators) == 9
    assert all(indicator.measure for indicator in programme.indicators)
    assert check_plan(programme) == []


def test_the_example_gets_its_figures_from_records_and_a_pack(
    settings: Any, tmp_path: Path
) -> None:
    settings.BOARD_HOME = tmp_path
    programme, _ = programme_load(path=EXAMPLE)
    spec = SyntheticSpec(councils=(programme.council_code,), first_year=2025, years=2, seed=7)
    generate_records(tmp_path / "records" / "synthetic" / "example", spec)
    report = records_compute(programme=programme)
    assert sorted(report.measures) == sorted(i.measure for i in programme.indicators.all())
    assert report.without_records == []
    months = Measurement.objects.filter(indicator__key="assessments-45-days")
    assert months.count() == 12 and all(m.denominator for m in months)
    written = pack_write(meeting=programme.meetings.get(period="2025-11"), folder=tmp_path)
    html = written.html.read_text(encoding="utf-8")
    assert html.count('class="indicator"') == 9
    assert "synthetic" in html and "Example Borough Council (illustrative)" in html
