"""The web tests' store: the seed programme with the demo's synthetic figures for April to
October 2006, as the board stood at its November 2006 meeting. It is loaded once per test module
inside a transaction rolled back after it, and each test runs in a savepoint of its own, so tests
cannot see one another's changes and the seed is not reloaded for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from improvement_board.core.demo import demo_csv, demo_figures
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.programmes.measurements import measurements_load
from improvement_board.programmes.models import Programme
from improvement_board.programmes.services import programme_load
from tests.store import loaded_for_module
from tests.web.factories import UserFactory

PROGRAMME = "herefordshire-2006"
LAST_MONTH = Period(2006, 10)


def _figures_to(tmp: pytest.TempPathFactory, last: Period) -> Path:
    """The demo's synthetic monthly return, cut at ``last``."""
    figures = [f for f in demo_figures(load_programme(SEED_PROGRAMME)) if f.period <= last]
    path = tmp.mktemp("inputs") / "herefordshire-2006-monthly-SYNTHETIC.csv"
    path.write_text(demo_csv(figures), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    def load() -> None:
        programme, _ = programme_load(path=SEED_PROGRAMME)
        figures = _figures_to(tmp_path_factory, LAST_MONTH)
        measurements_load(programme=programme, path=figures, user=None)

    with loaded_for_module(django_db_blocker, load):
        yield


@pytest.fixture
def programme(seeded: None, db: None) -> Programme:
    return Programme.objects.get(key=PROGRAMME)


@pytest.fixture
def home(settings: Any, tmp_path: Path) -> Path:
    """A BOARD_HOME of the test's own, for uploads waiting to be confirmed and cached packs."""
    settings.BOARD_HOME = tmp_path
    return tmp_path


def client_for(role: str | None) -> Client:
    """A browser signed in with ``role``, or signed out for None."""
    client = Client()
    if role is not None:
        client.force_login(UserFactory(role=role))
    return client


@pytest.fixture
def reader(db: None) -> Client:
    return client_for("reader")


@pytest.fixture
def officer(db: None) -> Client:
    return client_for("officer")


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def tasks_at_once(settings: Any) -> None:
    """Background work done as it is queued, so a test needs no worker (the tests only)."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def tasks_held(settings: Any) -> Iterator[Any]:
    """Background work kept in the queue, never run: the test runs it when it chooses."""
    from django_tasks import task_backends

    settings.TASKS = DUMMY
    yield task_backends["default"]
