"""Generated and mutated files, of every dataset: never an exception, always located problems,
and nothing stored unless the load was clean."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from improvement_board.core.records.load import LoadResult, load_records
from improvement_board.core.records.problems import FORMAT_RULES
from tests.core.records.builders import (
    COUNCIL,
    EPISODES_903,
    HEADER_903,
    KEY,
    cin_census,
    cin_child,
)
from tests.shared import PEERS, require

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PERIOD_END = date(2022, 3, 31)
SEEDS = {
    "cin-census": ("census.xml", PEERS / "cin_census" / "BAR_cin_2022.xml"),
    "workforce": ("census.xml", PEERS / "workforce" / "social_work_workforce_2022_sample.xml"),
    "ssda903": ("episodes.csv", PEERS / "ssda903_2020" / "SSDA903_2020_episodes.csv"),
    "annex-a": ("annex.xlsx", PEERS / "annex_a" / "Annex_A_2024_Jan.xlsx"),
}


def seed(dataset: str) -> tuple[str, bytes]:
    """A real file of the dataset to mutate (the plain layout: a small referrals table)."""
    if dataset == "plain":
        return "referrals.csv", b"child_id,referral_id,referral_date,source\nC1,R1,2021-05-01,6\n"
    name, path = SEEDS[dataset]
    return name, require(path).read_bytes()


def load_bytes(dataset: str, name: str, data: bytes) -> LoadResult:
    """Load one file holding ``data`` into a fresh store; check what every load must satisfy."""
    with tempfile.TemporaryDirectory() as folder:
        path, store = Path(folder) / name, Path(folder) / "store"
        path.write_bytes(data)
        result = load_records(
            dataset, [path], store=store, key=KEY, council=COUNCIL, period_end=PERIOD_END
        )
        stored = [item for item in store.rglob("*")] if store.exists() else []
        assert result.ok == bool(stored), "stored exactly when there was no problem"
        for problem in result.problems:
            assert problem.where.file == name and problem.rule and problem.message
            if problem.rule not in FORMAT_RULES and problem.field != "council":
                assert problem.where.row is not None or problem.where.element is not None
        return result


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """The file cut short, with bytes changed, or with random bytes put in."""
    how = draw(st.sampled_from(["cut", "change", "insert"]))
    at = draw(st.integers(0, len(original)))
    if how == "cut":
        return original[:at]
    junk = draw(st.binary(min_size=1, max_size=12))
    if how == "change":
        return original[:at] + junk + original[at + len(junk) :]
    return original[:at] + junk + original[at:]


@FUZZ
@given(dataset=st.sampled_from([*SEEDS, "plain"]), data=st.binary(max_size=3000))
def test_random_bytes_as_any_dataset_never_raise(dataset: str, data: bytes) -> None:
    load_bytes(dataset, seed(dataset)[0], data)


@FUZZ
@given(data=st.data(), dataset=st.sampled_from([*SEEDS, "plain"]))
def test_mutated_real_files_never_raise(data: st.DataObject, dataset: str) -> None:
    name, original = seed(dataset)
    load_bytes(dataset, name, data.draw(mutated(original)))


CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "S",
            "P",
            "X1",
            "E45",
            "C2",
            "U1",
            "1",
            "01/02/2020",
            "31/02/2020",
            "12/25/2020",
            "2020-01-01",
            "ZZ",
            "0",
        ]
    ),
    st.text(max_size=12),
)


@FUZZ
@given(
    columns=st.permutations(HEADER_903 + EPISODES_903[1:]).map(lambda c: c[: len(c) // 2 + 3]),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=14), max_size=8),
)
def test_generated_ssda903_tables_never_raise(columns: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([columns, *rows])
    load_bytes("ssda903", "table.csv", buffer.getvalue().encode("utf-8", "surrogatepass"))


XML_TEXT = st.one_of(
    st.sampled_from(
        ["", "1", "9", "M", "true", "2021-05-01", "2030-01-01", "2021-13-01", "PHY", "6"]
    ),
    st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="<&"
        ),
        max_size=10,
    ),
)


@FUZZ
@given(
    children=st.lists(
        st.tuples(st.sampled_from(["C1", "C2", ""]), XML_TEXT, XML_TEXT), min_size=1, max_size=5
    ),
    year=st.sampled_from([2016, 2022, 2026, 2031]),
)
def test_generated_cin_censuses_never_raise(
    children: list[tuple[str, str, str]], year: int
) -> None:
    body = "".join(cin_child(child, referral, sex=sex) for child, referral, sex in children)
    census = cin_census(body, year=year, reference=f"{year}-03-31")
    result = load_bytes("cin-census", "census.xml", census)
    if not 2017 <= year <= 2026:
        assert [p.rule for p in result.problems] == ["collection"]
