"""Whatever a programme file holds, reading it gives a programme or located problems: no
exception escapes, every refusal names the file, a line it has and a field it writes, and what is
accepted is plausible. The robustness script runs a thousand cases (scripts/robustness/inputs.py);
this run is kept small."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.core.programme_files import Written, parse_once, programme_files


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written=programme_files())
def test_a_mutated_programme_file_gives_a_programme_or_located_problems(written: Written) -> None:
    assert parse_once(written).broken == []
