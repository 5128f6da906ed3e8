"""From a council's statutory returns to the board's monthly figures, through the real paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import defusedxml.ElementTree as ElementTree
import pytest

from improvement_board.core.records.synthetic import SyntheticSpec, simulate_council
from improvement_board.core.records.synthetic_formats import write_council_returns
from improvement_board.programmes.models import Measurement
from improvement_board.programmes.records import (
    SOURCE,
    records_compute,
    records_load,
    records_upload,
)
from improvement_board.programmes.services import programme_load
from tests.shared import PEERS, require

pytestmark = pytest.mark.django_db

COUNCIL = "999"
POPULATION = 20_000
PROGRAMME = f"""
programme:
  key: records-test
  name: Records test programme (synthetic)
  council: Testshire
  council_code: "{COUNCIL}"
  baseline_date: 2022-03-31
  target_date: 2023-03-31
  first_period: 2022-04
  last_period: 2023-03
  population: {{2022: {POPULATION}, 2023: {POPULATION}}}
  synthetic: true
indicators:
  - key: referrals
    title: Referrals per 10,000 children
    unit: rate_per_10000
    polarity: higher
    baseline: {{value: 500}}
    target: {{value: 550}}
    measure: referrals_per_10k
  - key: assessments
    title: Assessments within 45 working days
    unit: percent
    polarity: higher
    baseline: {{value: 80}}
    target: {{value: 90}}
    measure: assessments_within_45_days
"""


@pytest.fixture
def returns(tmp_path: Path, settings) -> list[Path]:
    settings.BOARD_HOME = tmp_path / "home"
    spec = SyntheticSpec(councils=1, first_year=2021, years=3, seed=7, size=0.1)
    children = simulate_council(spec, 0).children
    return write_council_returns(tmp_path / "returns", children, year=2023, lea=COUNCIL)


def _referrals_in_year_to(census: Path, end: date) -> int:
    """Counted here from the XML itself: referral dates in the 12 months ending ``end``."""
    start = date(end.year - 1, end.month + 1, 1) if end.month < 12 else date(end.year, 1, 1)
    dates = [
        date.fromisoformat(e.text or "")
        for e in ElementTree.parse(census).getroot().iter("CINreferralDate")
    ]
    return sum(start <= d <= end for d in dates)


def test_returns_load_pseudonymised_and_compute_into_monthly_figures(
    returns: list[Path], tmp_path: Path
) -> None:
    [census] = [p for p in returns if p.suffix == ".xml"]
    loaded = records_load(dataset="cin-census", paths=[census])
    assert loaded.problems == ()
    assert loaded.stored is not None and loaded.children > 0
    programme_file = tmp_path / "programme.yaml"
    programme_file.write_text(PROGRAMME, encoding="utf-8")
    programme, _ = programme_load(path=programme_file)

    report = records_compute(programme=programme)

    assert sorted(report.measures) == ["assessments_within_45_days", "referrals_per_10k"]
    march = Measurement.objects.get(indicator__key="referrals", period="2023-03")
    expected = _referrals_in_year_to(census, date(2023, 3, 31))
    assert (march.numerator, march.denominator) == (expected, POPULATION)
    assert march.value == pytest.approx(expected / POPULATION * 10_000)
    assert march.source == SOURCE
    assert Measurement.objects.filter(indicator__key="assessments").count() == 12


def test_computing_again_from_the_same_records_changes_nothing(returns: list[Path], tmp_path):
    [census] = [p for p in returns if p.suffix == ".xml"]
    records_load(dataset="cin-census", paths=[census])
    programme_file = tmp_path / "programme.yaml"
    programme_file.write_text(PROGRAMME, encoding="utf-8")
    programme, _ = programme_load(path=programme_file)
    first = records_compute(programme=programme)
    second = records_compute(programme=programme)
    assert len(first.stored.new) == 24
    assert (second.stored.new, second.stored.restated) == ([], [])


def test_the_same_upload_twice_is_recognised_and_adds_nothing(returns: list[Path]) -> None:
    [census] = [p for p in returns if p.suffix == ".xml"]
    first = records_load(dataset="cin-census", paths=[census])
    second = records_load(dataset="cin-census", paths=[census])
    assert second.already_loaded and second.stored == first.stored


def test_bad_records_store_nothing_and_say_where(tmp_path: Path, settings) -> None:
    settings.BOARD_HOME = tmp_path / "home"
    bad = tmp_path / "bad.xml"
    bad.write_text("<Message><Header><CollectionDetails>", encoding="utf-8")
    result = records_load(dataset="cin-census", paths=[bad])
    assert result.problems and result.stored is None
    assert "bad.xml" in str(result.problems[0])
    assert not (tmp_path / "home" / "records").exists() or not any(
        (tmp_path / "home" / "records").rglob("*.parquet")
    )


CARE_PROGRAMME = """
programme:
  key: care-test
  name: Care test programme
  council: Testshire
  council_code: "E06000019"
  baseline_date: 2019-03-31
  target_date: 2020-03-31
  first_period: 2019-04
  last_period: 2020-03
  population: {2019: 40000, 2020: 40000}
indicators:
  - key: looked-after
    title: Children looked after per 10,000 children
    unit: rate_per_10000
    polarity: lower
    baseline: {value: 60}
    target: {value: 55}
    measure: looked_after_per_10k
"""


def demand_model_2019() -> list[Path]:
    folder = require(PEERS / "ssda903_demand_model")
    return [folder / f"2019-{name}.csv" for name in ("header", "episodes", "uasc")]


def test_a_working_extract_kept_with_problems_gives_figures_noting_the_children_left_out(
    tmp_path: Path, settings
) -> None:
    settings.BOARD_HOME = tmp_path / "home"
    loaded = records_load(
        dataset="ssda903", paths=demand_model_2019(), council="E06000019",
        period_end=date(2020, 3, 31), keep_problems=True,
    )  # fmt: skip
    assert loaded.stored is not None and len(loaded.kept) == 5
    programme_file = tmp_path / "programme.yaml"
    programme_file.write_text(CARE_PROGRAMME, encoding="utf-8")
    programme, _ = programme_load(path=programme_file)

    records_compute(programme=programme)

    figures = Measurement.objects.filter(indicator__key="looked-after")
    assert figures.count() == 12
    assert loaded.excluded is not None
    left = f"{loaded.excluded.children} children's records with problems left out of upload "
    assert {m.note for m in figures} == {
        f"{left}{loaded.upload[:12]} (board records problems {loaded.upload[:12]})"
    }
    upload = records_upload(upload=loaded.upload[:8])
    assert [(p.where.file, p.where.row) for p in upload.problems] == [
        (p.where.file, p.where.row) for p in loaded.kept
    ]


def test_an_upload_is_found_by_the_start_of_its_id_or_refused_by_name(
    tmp_path: Path, settings
) -> None:
    settings.BOARD_HOME = tmp_path / "home"

    with pytest.raises(ValueError, match="no upload with an id starting 'abc'"):
        records_upload(upload="abc")
