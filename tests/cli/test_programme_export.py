"""``board programme export``: the programme as stored, written back as a programme file that
loads into a fresh store as exactly the same programme."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import models
from typer.testing import CliRunner

from improvement_board.audit import audited_save
from improvement_board.cli import app
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.meetings.models import Meeting, ReportItem
from improvement_board.plans.models import Action, EvidenceItem, Milestone, Risk, SuccessCriterion
from improvement_board.programmes.models import Indicator, Programme, Recommendation

pytestmark = pytest.mark.django_db
runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
FILES = [
    Path(SEED_PROGRAMME),
    ROOT / "examples" / "herefordshire-2022-26.yaml",
    ROOT / "examples" / "devon-2024-27.yaml",
]
STORED: tuple[type[models.Model], ...] = (
    Programme,
    Recommendation,
    Indicator,
    Action,
    Milestone,
    EvidenceItem,
    SuccessCriterion,
    Risk,
    Meeting,
    ReportItem,
)
NOT_FROM_THE_FILE = {"id", "file_sha256"}
"""The row's number, and the digest of the file last loaded (an exported file is new text)."""


def board(*args: Any, user: str = "olly") -> tuple[int, str]:
    result = runner.invoke(app, ["--as", user, *map(str, args)], env={"COLUMNS": "300"})
    return result.exit_code, result.output


def stored(*, leave_out: frozenset[str] = frozenset()) -> dict[str, list[dict[str, Any]]]:
    """Every stored object of the programme, field by field, related rows by their keys."""
    every: dict[str, list[dict[str, Any]]] = {}
    for model in STORED:
        rows = []
        for row in model._default_manager.all():
            fields: dict[str, Any] = {}
            for field in model._meta.concrete_fields:
                if field.name in NOT_FROM_THE_FILE | leave_out:
                    continue
                value = getattr(row, field.name)
                if field.is_relation:
                    value = getattr(value, "key", None) or getattr(value, "period", None)
                fields[field.name] = value
            rows.append(fields)
        every[model.__name__] = sorted(rows, key=repr)
    return every


def export_into_a_fresh_store(tmp_path: Path, key: str) -> str:
    """Export the programme, empty the store, load the export; the exported text."""
    written = tmp_path / f"{key}.yaml"
    code, output = board("programme", "export", written, "--programme", key)
    assert code == 0, output
    assert f"Programme {key} written: {written}" in output
    Programme.objects.all().delete()
    code, output = board("programme", "load", written)
    assert code == 0, output
    return written.read_text(encoding="utf-8")


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.stem)
def test_a_loaded_programme_exports_and_reloads_as_every_same_stored_object(
    file: Path, tmp_path: Path
) -> None:
    assert board("programme", "load", file)[0] == 0
    key = Programme.objects.get().key
    before = stored()
    assert before["Programme"] and before["Indicator"]
    exported = export_into_a_fresh_store(tmp_path, key)
    assert stored() == before
    assert export_into_a_fresh_store(tmp_path, key) == exported


def test_edits_made_in_the_app_are_in_the_exported_file(tmp_path: Path) -> None:
    board("programme", "load", SEED_PROGRAMME)
    indicator = Indicator.objects.get(key="ch-141")
    indicator.target = {**indicator.target, "value": 230.0, "text": "230"}
    indicator.owner = "Head of Children's Social Care"
    audited_save(indicator, user=None, reason="target raised by the board")
    risk = Risk.objects.order_by("position").first()
    assert risk is not None
    risk.likelihood, risk.review_date = 2, date(2006, 12, 1)
    audited_save(risk, user=None, reason="reviewed")
    before = stored(leave_out=frozenset({"spec"}))
    exported = export_into_a_fresh_store(tmp_path, "herefordshire-2006")
    assert "value: 230\n" in exported and "Head of Children's Social Care" in exported
    assert stored(leave_out=frozenset({"spec"})) == before
    assert Indicator.objects.get(key="ch-141").target["value"] == 230.0


def test_without_a_file_the_programme_is_printed() -> None:
    board("programme", "load", SEED_PROGRAMME)
    code, output = board("programme", "export")
    assert code == 0
    assert output.startswith("# The programme herefordshire-2006 as the board holds it")
    assert "\n  key: herefordshire-2006\n" in output


def test_someone_outside_the_programme_is_refused(tmp_path: Path) -> None:
    board("programme", "load", SEED_PROGRAMME)
    board("programme", "load", ROOT / "examples" / "devon-2024-27.yaml", user="dee")
    written = tmp_path / "out.yaml"
    code, output = board(
        "programme", "export", written, "--programme", "herefordshire-2006", user="dee"
    )
    assert code == 1
    assert "not a member of the programme herefordshire-2006" in output
    assert not written.exists()


def test_a_store_the_file_rules_refuse_is_not_written_and_each_place_is_named(
    tmp_path: Path,
) -> None:
    board("programme", "load", SEED_PROGRAMME)
    indicator = Indicator.objects.get(key="ch-143")
    indicator.target = {**indicator.target, "value": 150.0}
    indicator.recommendations = ["99"]
    audited_save(indicator, user=None, reason="a mistaken edit")
    written = tmp_path / "out.yaml"
    code, output = board("programme", "export", written)
    assert code == 1
    assert "indicators.1.target.value" in output and "indicators.1.recommendations.0" in output
    assert not written.exists()
