"""A token may make API_RATE calls in its window; the next is refused (429) with when to retry,
and other tokens are not held back by it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from django.urls import reverse

from improvement_board.api.models import Call
from tests.api.conftest import Caller, token_for


def test_a_token_past_its_rate_is_refused_with_when_to_try_again(
    programme: Any, settings: Any
) -> None:
    settings.API_RATE = "3/min"
    busy, other = Caller(token_for("reader")), Caller(token_for("reader"))
    url = reverse("api:programmes")
    answers = [busy.get(url) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    assert other.get(url).status_code == 200
    refused = Call.objects.filter(status=429).get()
    assert refused.outcome.startswith("too many calls")


def test_a_rate_not_written_as_calls_per_period_stops_the_app_starting(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import improvement_board.web.settings"],
        env={"PATH": "/usr/bin:/bin", "BOARD_API_RATE": "lots", "BOARD_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: BOARD_API_RATE must be such as 120/min, not 'lots'" in (
        result.stderr
    )
