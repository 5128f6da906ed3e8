"""The measures catalogue in docs/ is the one the definitions write."""

from __future__ import annotations

from pathlib import Path

from improvement_board.core.records.catalogue import catalogue_markdown
from improvement_board.core.records.measures import MEASURES

DOC = Path(__file__).resolve().parents[3] / "docs" / "measures.md"


def test_the_catalogue_in_docs_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == catalogue_markdown(), (
        "regenerate: python -m improvement_board.core.records.catalogue > docs/measures.md"
    )


def test_every_measure_has_a_worked_example() -> None:
    missing = [name for name, m in MEASURES.items() if "worked example" not in m.doc.lower()]
    assert missing == []
