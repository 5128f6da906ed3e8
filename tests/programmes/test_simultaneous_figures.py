"""Officers recording the same month's first figure at the same moment: no save fails, and no
figure is written over unseen. A second figure for a month already recorded is a restatement,
which needs a reason; the same figure again changes nothing.

The races run in threads, each on its own connection, in a store that commits: a SQLite file,
or PostgreSQL where DATABASE_URL names it (tests/concurrency.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from improvement_board.core.problems import ProblemsFound
from improvement_board.programmes import measurements
from improvement_board.programmes.measurements import Figure, measurements_apply
from improvement_board.programmes.models import Measurement, Programme
from improvement_board.programmes.services import programme_load
from tests.concurrency import hold_first_writes, race, store_file
from tests.web.factories import UserFactory

PERIOD = "2006-10"
OFFICERS = 3


@pytest.fixture
def racing(
    transactional_db: None,
    tmp_path: Path,
    mini_programme_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Programme]:
    with store_file(tmp_path):
        programme, _ = programme_load(path=mini_programme_file)
        hold_first_writes(monkeypatch, measurements, OFFICERS)
        yield programme


def _record(programme: Programme, value: float) -> Callable[[], object]:
    user = UserFactory(role="officer")
    return lambda: measurements_apply(
        programme=programme,
        figures=[Figure("referrals", PERIOD, value)],
        places=[("the form", None)],
        source="web form",
        user=user,
    )


@pytest.mark.django_db(transaction=True)
def test_three_officers_recording_different_first_figures_at_once_one_stored_two_told(
    racing: Programme,
) -> None:
    outcomes = race([_record(racing, 200.0 + n) for n in range(OFFICERS)])

    told = [o for o in outcomes if isinstance(o, ProblemsFound)]
    assert len(told) == OFFICERS - 1, outcomes
    assert all("say why" in str(o) for o in told)
    stored = Measurement.objects.get(indicator__programme=racing, period=PERIOD)
    assert stored.revision == 1
    assert stored.history.count() == 1


@pytest.mark.django_db(transaction=True)
def test_three_officers_recording_the_same_first_figure_at_once_all_succeed(
    racing: Programme,
) -> None:
    outcomes = race([_record(racing, 210.0) for _ in range(OFFICERS)])

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    stored = Measurement.objects.get(indicator__programme=racing, period=PERIOD)
    assert (stored.value, stored.revision) == (210.0, 1)
