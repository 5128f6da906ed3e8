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
    for command in ("programme", "measurements", "pack", "status", "report", "demo", "records"):
        assert command in result.stdout


def test_production_settings_pass_djangos_deployment_checks(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "BOARD_ENV": "production",
        "BOARD_HOME": str(tmp_path),
        "BOARD_SECRET_KEY": "k" * 20 + "-production-signing-key-" + "x" * 30,
        "BOARD_PSEUDONYM_KEY": "p" * 48,
        "BOARD_ALLOWED_HOSTS": "board.example.gov.uk",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "improvement_board.web.manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_keys(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "BOARD_ENV": "production", "BOARD_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "improvement_board.web.manage", "check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "BOARD_SECRET_KEY must be set" in result.stderr
