"""The client example in docs/api.md, run as written against a live server: it reads the
statuses, says which indicators are red, and pushes a return after a dry run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from improvement_board.api.services import token_create
from improvement_board.core.demo import demo_csv, demo_figures
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.programmes.measurements import measurements_load
from improvement_board.programmes.models import Measurement
from improvement_board.programmes.services import programme_load
from tests.web.factories import UserFactory

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _example() -> str:
    """The Python block under the doc's "A client" heading."""
    section = DOC.read_text(encoding="utf-8").split("## A client", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None, "docs/api.md has no Python example under ## A client"
    return found.group(1)


def test_the_documented_client_reads_statuses_and_pushes_a_return(
    live_server: Any, transactional_db: None, tmp_path: Path
) -> None:
    programme, _ = programme_load(path=SEED_PROGRAMME)
    figures = demo_figures(load_programme(SEED_PROGRAMME))
    demo = tmp_path / "herefordshire-2006-monthly-SYNTHETIC.csv"
    demo.write_text(demo_csv([f for f in figures if f.period <= Period(2006, 10)]))
    measurements_load(programme=programme, path=demo, user=None)
    officer = UserFactory(username="olly", role="officer")
    token = token_create(user=officer, name="case system", by=officer).secret
    script = tmp_path / "push_return.py"
    script.write_text(_example(), encoding="utf-8")
    env = {**os.environ, "BOARD_URL": live_server.url, "BOARD_TOKEN": token}
    result = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{programme.name}: officer"
    assert any(line.startswith("red in 2006-10: CH 143 ") for line in lines)
    assert lines[-2:] == ["would store 2 new, 0 restated", "stored 2 new, 0 restated"]
    stored = Measurement.objects.filter(indicator__programme=programme, period="2006-11")
    assert sorted((m.indicator.key, m.numerator, m.denominator, m.source) for m in stored) == [
        ("ch-141", 645, 35798, "case system 2006-11"),
        ("sc-5037", 19, 20, "case system 2006-11"),
    ]
