"""Generated and mutated files for every reader: no exception escapes, every refusal names the
file (and the row and column where there is one), and a refused load stores nothing.

The suite runs a modest number of cases; scripts/robustness/records.py runs a thousand or more
per reader with the same strategies and rules (tests/core/records/strategies.py).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.records.strategies import READERS, File, files, load_once

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("reader", READERS)
def test_any_file_given_to_a_reader_is_stored_whole_or_refused_with_located_problems(
    reader: str,
) -> None:
    @FUZZ
    @given(file=files(reader))
    def check(file: File) -> None:
        outcome = load_once(reader, file)
        assert outcome.broken == ()

    check()


@pytest.mark.parametrize("reader", READERS)
def test_a_load_keeping_problems_stores_only_when_every_problem_is_tied_to_a_record(
    reader: str,
) -> None:
    @FUZZ
    @given(file=files(reader))
    def check(file: File) -> None:
        outcome = load_once(reader, file, keep_problems=True)
        assert outcome.broken == ()
        assert (outcome.stored_files > 0) == (outcome.result.problems == ())

    check()


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_cin_census_outside_the_years_covered_is_refused_for_its_collection(
    data: st.DataObject,
) -> None:
    year = data.draw(st.sampled_from([2015, 2016, 2027, 2031]))
    body = f"<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>{year}"
    body += f"</Year><ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>"
    body += "<Source><LEA>201</LEA></Source></Header><Children/></Message>"

    outcome = load_once("cin-census", File("census.xml", body.encode()))

    assert [p.rule for p in outcome.result.problems] == ["collection"]
