"""Loading a programme file into the store: idempotent, recorded, and all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from improvement_board.core.problems import ProblemsFound
from improvement_board.programmes.models import Indicator, Programme
from improvement_board.programmes.selectors import programme_model
from improvement_board.programmes.services import programme_load

pytestmark = pytest.mark.django_db


def test_loading_a_programme_stores_every_part(mini_programme_file: Path) -> None:
    programme, report = programme_load(path=mini_programme_file)
    assert programme.indicators.count() == 3
    assert programme.actions.get().milestones.count() == 1
    assert programme.meetings.get().reports.count() == 2
    assert "indicator referrals" in report.created


def test_the_store_gives_back_the_programme_the_file_describes(mini_programme_file: Path) -> None:
    from improvement_board.core.programme import load_programme

    programme, _ = programme_load(path=mini_programme_file)
    assert programme_model(programme=programme) == load_programme(mini_programme_file)


def test_loading_the_same_file_twice_changes_nothing(mini_programme_file: Path) -> None:
    programme_load(path=mini_programme_file)
    history_before = Indicator.history.count()
    _, report = programme_load(path=mini_programme_file)
    assert not report.changed_anything
    assert Indicator.history.count() == history_before


def test_a_changed_file_updates_and_records_what_changed(
    mini_programme_file: Path, tmp_path: Path
) -> None:
    programme_load(path=mini_programme_file)
    changed = tmp_path / "changed.yaml"
    text = mini_programme_file.read_text().replace("target: {value: 220}", "target: {value: 230}")
    changed.write_text(text)
    _, report = programme_load(path=changed)
    assert report.changed == ["indicator referrals (target)"]
    indicator = Indicator.objects.get(key="referrals")
    assert indicator.target["value"] == 230
    assert "changed target" in indicator.history.first().history_change_reason


def test_an_edit_in_the_store_survives_reloading_an_unchanged_file(
    mini_programme_file: Path,
) -> None:
    programme_load(path=mini_programme_file)
    Indicator.objects.filter(key="referrals").update(owner="Head of Safeguarding")
    programme_load(path=mini_programme_file)
    assert Indicator.objects.get(key="referrals").owner == "Head of Safeguarding"


def test_a_malformed_file_stores_nothing_and_lists_every_problem(
    mini_programme_file: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    text = mini_programme_file.read_text()
    text = text.replace("unit: percent", "unit: percentage").replace(
        "likelihood: 4", "likelihood: 9"
    )
    text = text.replace('recommendations: ["6(2)"]\n  -', 'recommendations: ["6(3)"]\n  -')
    bad.write_text(text + "colour: blue\n")
    with pytest.raises(ProblemsFound) as found:
        programme_load(path=bad)
    fields = {p.column for p in found.value.problems}
    assert {"indicators.1.unit", "risks.0.likelihood", "colour"} <= fields
    assert all(p.row is not None for p in found.value.problems)
    assert Programme.objects.count() == 0
