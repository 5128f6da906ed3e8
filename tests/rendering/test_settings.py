"""The queue's settings fail closed: a name not known, or printing in the request outside the
tests, stops the app before it serves anything, saying why."""

from __future__ import annotations

from pathlib import Path

from tests.web.test_settings import _manage


def test_an_unknown_queue_refuses_to_start_and_names_the_allowed_ones(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check", BOARD_TASKS="celery")
    assert result.returncode != 0
    assert "BOARD_TASKS must be one of database, redis, immediate, not 'celery'" in result.stderr


def test_printing_in_the_request_is_refused_outside_the_tests(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check", BOARD_TASKS="immediate", BOARD_ENV="development")
    assert result.returncode != 0
    assert "BOARD_TASKS=immediate prints in the request and is for the tests only" in (
        result.stderr
    )


def test_redis_needs_its_address(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check", BOARD_TASKS="redis", BOARD_REDIS_URL="localhost:6379")
    assert result.returncode != 0
    assert "BOARD_TASKS=redis needs BOARD_REDIS_URL such as redis://127.0.0.1:6379/0" in (
        result.stderr
    )


def test_the_database_queue_is_the_default_and_passes_the_checks(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check")
    assert result.returncode == 0, result.stderr
