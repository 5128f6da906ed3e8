"""Rules about the code's shape that a reviewer should never have to check by eye."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[2] / "improvement_board"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_core_imports_no_django() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in _imports(path) if n.startswith("django"))
        for path in (PACKAGE / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_core_imports_nothing_from_the_store_or_the_console() -> None:
    adapters = ("programmes", "plans", "meetings", "accounts", "web", "cli")
    prefixes = tuple(f"improvement_board.{name}" for name in adapters)
    offenders = [
        str(path)
        for path in (PACKAGE / "core").rglob("*.py")
        if any(n.startswith(prefixes) for n in _imports(path))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_console_entry_point_runs_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "improvement_board.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for command in ("programme", "measurements", "pack", "status", "demo"):
        assert command in result.stdout
