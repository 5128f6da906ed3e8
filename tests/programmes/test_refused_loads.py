"""A refused load stores nothing, whatever the file: a monthly return drawn careless or hostile
(tests/core/returns/strategies.py) and a mutated programme file (tests/core/programme_files.py)
either store what they give or leave the store exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from improvement_board.core.problems import ProblemsFound
from improvement_board.programmes.measurements import measurements_load
from improvement_board.programmes.models import Indicator, Measurement, Programme
from improvement_board.programmes.services import programme_load
from tests.core.programme_files import Written, programme_files
from tests.core.returns.cadenced import FIXTURE
from tests.core.returns.strategies import Drawn, returns

pytestmark = pytest.mark.django_db
EACH_EXAMPLE = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _state() -> tuple[int, int, int, int]:
    return (
        Programme.objects.count(),
        Indicator.objects.count(),
        Measurement.objects.count(),
        Measurement.history.count(),
    )


@EACH_EXAMPLE
@given(drawn=returns())
def test_a_refused_return_stores_nothing(tmp_path: Path, drawn: Drawn) -> None:
    with transaction.atomic():
        programme, _ = programme_load(path=FIXTURE)
        path = tmp_path / drawn.name
        path.write_bytes(drawn.data)
        before = _state()
        try:
            report = measurements_load(programme=programme, path=path, user=None)
        except ProblemsFound:
            assert _state() == before
        else:
            assert Measurement.objects.count() == before[2] + len(report.new)
        transaction.set_rollback(True)


@EACH_EXAMPLE
@given(written=programme_files())
def test_a_refused_programme_file_stores_nothing(tmp_path: Path, written: Written) -> None:
    with transaction.atomic():
        path = tmp_path / written.name
        path.write_text(written.text, encoding="utf-8", errors="surrogatepass")
        before = _state()
        try:
            programme_load(path=path)
        except ProblemsFound:
            assert _state() == before
        else:
            assert Programme.objects.count() == before[0] + 1
        transaction.set_rollback(True)
