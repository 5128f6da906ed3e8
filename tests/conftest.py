"""Shared test setup: a throwaway BOARD_HOME, and the store on SQLite or PostgreSQL.

The database comes from DATABASE_URL: unset means SQLite; CI runs the suite a second time with
DATABASE_URL pointing at PostgreSQL, so every store test runs on both.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("BOARD_HOME", tempfile.mkdtemp(prefix="board-test-"))
os.environ.setdefault("BOARD_ENV", "test")

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini_programme_file() -> Path:
    return FIXTURES / "mini-programme.yaml"
