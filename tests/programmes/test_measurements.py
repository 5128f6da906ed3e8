"""Loading monthly returns into the store: atomic, idempotent, and never losing a figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from improvement_board.core.problems import ProblemsFound
from improvement_board.programmes.measurements import measurements_load
from improvement_board.programmes.models import Measurement
from improvement_board.programmes.selectors import indicator_find, measurement_versions
from improvement_board.programmes.services import programme_load

pytestmark = pytest.mark.django_db

HEADER = "indicator,period,value,numerator,denominator,note\n"


@pytest.fixture
def programme(mini_programme_file: Path):
    loaded, _ = programme_load(path=mini_programme_file)
    return loaded


def _return(tmp_path: Path, body: str, name: str = "return.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_return_stores_each_figure_with_its_counts(programme, tmp_path: Path) -> None:
    path = _return(tmp_path, "CH 141,2006-10,200.3,717,35798,\nleavers,2006-10,95,19,20,\n")
    report = measurements_load(programme=programme, path=path, user=None)
    assert len(report.new) == 2
    row = Measurement.objects.get(indicator__key="leavers", period="2006-10")
    assert (row.value, row.numerator, row.denominator) == (95, 19, 20)
    assert row.source == "return.csv"


def test_loading_the_same_return_twice_changes_nothing(programme, tmp_path: Path) -> None:
    path = _return(tmp_path, "CH 141,2006-10,200.3,717,35798,\n")
    measurements_load(programme=programme, path=path, user=None)
    versions = Measurement.history.count()
    report = measurements_load(programme=programme, path=path, user=None)
    assert (report.new, report.restated, report.unchanged) == ([], [], 1)
    assert Measurement.history.count() == versions


def test_a_restated_figure_keeps_its_earlier_version_with_the_reason(
    programme, tmp_path: Path
) -> None:
    measurements_load(
        programme=programme, path=_return(tmp_path, "cafs,2006-10,12,,,\n"), user=None
    )
    restated = _return(tmp_path, "cafs,2006-10,14,,,late forms counted\n", "restated.csv")
    report = measurements_load(programme=programme, path=restated, user=None)
    assert len(report.restated) == 1
    indicator = indicator_find(programme=programme, text="cafs")
    versions = measurement_versions(indicator=indicator, period="2006-10")
    assert [(v.revision, v.value) for v in versions] == [(2, 14), (1, 12)]
    assert versions[0].history_change_reason == "late forms counted"
    assert versions[1].source == "return.csv"


def test_a_new_note_on_the_same_figure_is_kept_and_an_empty_one_erases_nothing(
    programme, tmp_path: Path
) -> None:
    measurements_load(
        programme=programme, path=_return(tmp_path, "cafs,2006-10,12,,,\n"), user=None
    )
    noted = _return(tmp_path, "cafs,2006-10,12,,,two forms still to come\n", "noted.csv")
    report = measurements_load(programme=programme, path=noted, user=None)
    assert report.restated == [] and report.noted[0].endswith("2006-10: two forms still to come")
    row = Measurement.objects.get(indicator__key="cafs", period="2006-10")
    assert (row.value, row.revision, row.note) == (12, 1, "two forms still to come")
    versions = measurement_versions(indicator=row.indicator, period="2006-10")
    assert [v.note for v in versions] == ["two forms still to come", ""]
    assert versions[0].history_change_reason == "note from noted.csv"
    silent = _return(tmp_path, "cafs,2006-10,12,,,\n", "silent.csv")
    report = measurements_load(programme=programme, path=silent, user=None)
    assert (report.noted, report.unchanged) == ([], 1)
    assert Measurement.objects.get(pk=row.pk).note == "two forms still to come"


def test_a_restatement_without_a_reason_is_refused_and_nothing_is_stored(
    programme, tmp_path: Path
) -> None:
    measurements_load(
        programme=programme, path=_return(tmp_path, "cafs,2006-10,12,,,\n"), user=None
    )
    restated = _return(tmp_path, "cafs,2006-11,15,,,\ncafs,2006-10,14,,,\n", "restated.csv")
    with pytest.raises(ProblemsFound) as found:
        measurements_load(programme=programme, path=restated, user=None)
    [problem] = found.value.problems
    assert problem.file.endswith("restated.csv")
    assert (problem.row, problem.column) == (3, "note")
    assert not Measurement.objects.filter(period="2006-11").exists()


def test_a_dry_run_reports_changes_and_stores_nothing(programme, tmp_path: Path) -> None:
    path = _return(tmp_path, "CH 141,2006-10,200.3,717,35798,\n")
    report = measurements_load(programme=programme, path=path, user=None, dry_run=True)
    assert report.dry_run and len(report.new) == 1
    assert Measurement.objects.count() == 0


def test_a_malformed_return_lists_every_problem_and_stores_nothing(
    programme, tmp_path: Path
) -> None:
    path = _return(
        tmp_path,
        "CH 141,2006-10,200.3,717,35798,\n"  # fine, but must not be stored
        "CH 999,2006-10,1,,,\n"  # unknown indicator
        "leavers,2006-13,95,19,20,\n"  # not a month
        "leavers,2006-11,ninety,,,\n"  # text for a number
        "leavers,2006-12,120,,,\n"  # a percentage over 100
        "leavers,2007-01,95,21,20,\n"  # numerator over denominator
        "leavers,2007-02,80,19,20,\n",  # value disagrees with its counts
    )
    with pytest.raises(ProblemsFound) as found:
        measurements_load(programme=programme, path=path, user=None)
    rows = sorted({p.row for p in found.value.problems if p.row is not None})
    assert rows == [3, 4, 5, 6, 7, 8]
    assert all(p.file.endswith("return.csv") and p.column for p in found.value.problems)
    assert Measurement.objects.count() == 0


def test_a_marker_is_stored_in_place_of_the_value_and_reported(programme, tmp_path: Path) -> None:
    path = _return(tmp_path, "leavers,2006-10,u,,,Two young people\nCH 141,2006-10,200.3,,,\n")
    report = measurements_load(programme=programme, path=path, user=None)
    assert len(report.new) == 2
    assert report.marked == [
        "SC 5037: Care leavers at 19 in suitable accommodation 2006-10: "
        "u (not available: low reliability)"
    ]
    row = Measurement.objects.get(indicator__key="leavers", period="2006-10")
    assert (row.value, row.marker, row.note) == (None, "u", "Two young people")


def test_a_marker_for_a_stored_figure_is_a_restatement_that_needs_a_reason(
    programme, tmp_path: Path
) -> None:
    measurements_load(
        programme=programme, path=_return(tmp_path, "cafs,2006-10,12,,,\n"), user=None
    )
    marked = _return(tmp_path, "cafs,2006-10,c,,,\n", "marked.csv")
    with pytest.raises(ProblemsFound) as found:
        measurements_load(programme=programme, path=marked, user=None)
    [problem] = found.value.problems
    assert "restates the stored 2006-10 figure 12.0 (revision 1) as c (suppressed" in (
        problem.message
    )
    report = measurements_load(programme=programme, path=marked, user=None, reason="suppressed")
    assert report.restated == ["No of CAFs completed 2006-10: 12.0 → c"]
    versions = measurement_versions(
        indicator=indicator_find(programme=programme, text="cafs"), period="2006-10"
    )
    assert [(v.revision, v.value, v.marker) for v in versions] == [(2, None, "c"), (1, 12, "")]


def test_what_a_return_holds_that_is_not_read_is_named_in_the_report(
    programme, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("PI,Title,Oct-06\nCH 141,Referrals,200.3\n", encoding="utf-8")
    report = measurements_load(programme=programme, path=path, user=None, dry_run=True)
    assert report.ignored == ["column B (Title): a description, not read"]


def test_a_wide_return_with_a_mistyped_first_month_stores_nothing(
    programme, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("PI,Octo-06,Nov-06\nCH 141,200.3,201\ncafs,12,13\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        measurements_load(programme=programme, path=path, user=None)
    [problem] = found.value.problems
    assert (problem.row, problem.column) == (1, "B (Octo-06)")
    assert Measurement.objects.count() == 0
