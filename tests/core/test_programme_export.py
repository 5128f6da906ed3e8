"""The programme written back as a programme file: loading the text gives the same programme."""

from __future__ import annotations

from pathlib import Path

import pytest

from improvement_board.core.programme import load_programme, parse_programme
from improvement_board.core.programme_export import programme_mapping, programme_yaml
from improvement_board.demo import SEED_PROGRAMME

ROOT = Path(__file__).resolve().parents[2]
FILES = [Path(SEED_PROGRAMME), *sorted((ROOT / "examples").glob("*.yaml"))]


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.stem)
def test_the_written_file_loads_as_the_same_programme_and_writes_the_same_text(file: Path) -> None:
    programme = load_programme(file)
    text = programme_yaml(programme)
    again = parse_programme(text, source="exported.yaml")
    assert again == programme
    assert programme_yaml(again) == text


def test_fields_saying_only_their_default_are_left_out() -> None:
    mapping = programme_mapping(load_programme(Path(SEED_PROGRAMME)))
    assert next(iter(mapping)) == "programme"
    assert "risk_appetite" not in mapping["programme"]  # 12, the default
    first = mapping["indicators"][0]
    assert first["baseline"] == {"value": 175, "period": "2006-03", "text": "175"}
    assert "decimals" not in first and "spc_rebase" not in first


def test_text_of_several_lines_is_written_as_a_block_and_read_back_whole() -> None:
    programme = load_programme(Path(SEED_PROGRAMME))
    notes = "First line.\nSecond line: with a colon.\n\n- and a dash"
    changed = programme.model_copy(
        update={"programme": programme.programme.model_copy(update={"notes": notes})}
    )
    text = programme_yaml(changed)
    assert "  notes: |-\n    First line.\n" in text
    assert parse_programme(text, source="x.yaml").programme.notes == notes


def test_the_same_date_twice_is_written_out_twice_never_as_an_alias() -> None:
    text = programme_yaml(load_programme(Path(SEED_PROGRAMME)))
    assert text.count("due: 2007-03-31") > 1
    assert "&id" not in text and "*id" not in text
