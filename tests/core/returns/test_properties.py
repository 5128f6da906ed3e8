"""Whatever a return holds, reading it gives checked figures or located problems: no exception
escapes, every refusal names the file (and the row and column it gives, within the file), and
every figure accepted obeys the rules. The robustness script runs a thousand cases of each shape
(scripts/robustness/inputs.py); these runs are kept small."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.core.returns.strategies import Drawn, read_once, returns


@settings(max_examples=80, deadline=None)
@given(drawn=returns("csv-long"))
def test_a_long_csv_return_gives_checked_figures_or_located_problems(drawn: Drawn) -> None:
    assert read_once(drawn).broken == []


@settings(max_examples=80, deadline=None)
@given(drawn=returns("csv-wide"))
def test_a_wide_csv_return_gives_checked_figures_or_located_problems(drawn: Drawn) -> None:
    assert read_once(drawn).broken == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=returns("xlsx"))
def test_a_workbook_return_gives_checked_figures_or_located_problems(drawn: Drawn) -> None:
    assert read_once(drawn).broken == []
