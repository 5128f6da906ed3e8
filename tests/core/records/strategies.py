"""Generated and mutated files for every records reader, and the rules every load must keep.

Shared by the property tests (a modest number of cases) and ``scripts/robustness/records.py``
(a thousand or more per reader). Each strategy draws ``(file name, bytes)`` for one reader: a
file built from the format's own elements or columns with drawn values, or a real file of the
format (from ../shared/data/peers) cut short, overwritten or with bytes put in.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from improvement_board.core.records.load import LoadResult, load_records
from improvement_board.core.records.problems import FORMAT_RULES
from improvement_board.core.records.spec import load_spec
from improvement_board.core.records.store import STAGING
from tests.core.records.builders import COUNCIL, EPISODES_903, HEADER_903, KEY
from tests.shared import PEERS, require

PERIOD_END = date(2022, 3, 31)
READERS = ("cin-census", "ssda903-csv", "ssda903-xml", "annex-a", "workforce", "plain")
DATASET = {"ssda903-csv": "ssda903", "ssda903-xml": "ssda903"}
SEEDS = {
    "cin-census": ("census.xml", PEERS / "cin_census" / "BAR_cin_2022.xml"),
    "ssda903-csv": ("episodes.csv", PEERS / "ssda903_2020" / "SSDA903_2020_episodes.csv"),
    "ssda903-xml": ("return.xml", PEERS / "ssda903_fake" / "fake_903.xml"),
    "annex-a": ("annex.xlsx", PEERS / "annex_a" / "Annex_A_2024_Jan.xlsx"),
    "workforce": ("census.xml", PEERS / "workforce" / "social_work_workforce_2022_sample.xml"),
}
# Rules whose problem concerns a row but no one column of it.
NO_COLUMN = frozenset({"row-shape"})

CELLS = st.one_of(
    st.sampled_from(
        ["", "S", "P", "X1", "E45", "C2", "U1", "1", "2", "M", "F", "01/02/2020", "31/02/2020",
         "12/25/2020", "2020-01-01", "2031-05-01", "ZZ", "0", '"', 'a"b', "1e9", "-1"]
    ),
    st.text(max_size=12),
)  # fmt: skip
XML_TEXT = st.one_of(
    st.sampled_from(
        ["", "1", "9", "M", "U", "true", "2021-05-01", "2030-01-01", "2021-13-01", "PHY", "6",
         "5D", "0.5", "x" * 120]
    ),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=10
    ).map(escape),
)  # fmt: skip


@dataclass(frozen=True)
class File:
    """A drawn file; shown by its name, size and first bytes (real workbooks are large)."""

    name: str
    data: bytes

    def __repr__(self) -> str:
        return f"File({self.name!r}, {len(self.data)} bytes: {self.data[:60]!r}...)"


def dataset_of(reader: str) -> str:
    return DATASET.get(reader, reader)


@st.composite
def mutated(draw: st.DrawFn, reader: str) -> File:
    """The reader's real file cut short, with bytes changed, or with random bytes put in."""
    name, original = seed(reader)
    how = draw(st.sampled_from(["cut", "change", "insert"]))
    at = draw(st.integers(0, len(original)))
    if how == "cut":
        return File(name, original[:at])
    junk = draw(st.binary(min_size=1, max_size=12))
    if how == "change":
        return File(name, original[:at] + junk + original[at + len(junk) :])
    return File(name, original[:at] + junk + original[at:])


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def _element(tag: str, text: str) -> str:
    return f"<{tag}>{text}</{tag}>" if text else ""


@st.composite
def cin_censuses(draw: st.DrawFn) -> tuple[str, bytes]:
    year = draw(st.sampled_from([2016, 2022, 2024, 2025, 2026, 2031]))
    children = []
    for _ in range(draw(st.integers(1, 4))):
        sex = draw(st.sampled_from(["GenderCurrent", "Sex", "Neither"]))
        parts = [
            _element("LAchildID", draw(st.sampled_from(["C1", "C2", "", "C1 "]))),
            _element("PersonBirthDate", draw(XML_TEXT)),
            _element(sex, draw(XML_TEXT)) if sex != "Neither" else "",
        ]
        details = "".join(
            _element(tag, draw(XML_TEXT))
            for tag in ("CINreferralDate", "ReferralSource", "ReferralNFA", "CINclosureDate")
        )
        assessment = _element("AssessmentActualStartDate", draw(XML_TEXT))
        children.append(
            f"<Child><ChildIdentifiers>{''.join(parts)}</ChildIdentifiers><CINdetails>"
            f"{details}<Assessments>{assessment}</Assessments></CINdetails></Child>"
        )
    header = (
        f"<Header><CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>"
        f"<ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>"
        "<Source><LEA>201</LEA></Source></Header>"
    )
    text = f"<Message>{header}<Children>{''.join(children)}</Children></Message>"
    return "census.xml", text.encode()


@st.composite
def ssda903_tables(draw: st.DrawFn) -> tuple[str, bytes]:
    columns = draw(st.permutations(HEADER_903 + EPISODES_903[1:]))
    columns = columns[: draw(st.integers(3, len(columns)))]
    rows = draw(st.lists(st.lists(CELLS, max_size=len(columns) + 2), max_size=8))
    name = draw(st.sampled_from(["header.csv", "episodes.csv", "table.csv"]))
    return name, _csv([columns, *rows])


@st.composite
def ssda903_xmls(draw: st.DrawFn) -> tuple[str, bytes]:
    children = []
    for _ in range(draw(st.integers(1, 3))):
        header = "".join(
            _element(tag, draw(XML_TEXT)) for tag in ("CHILDID", "SEX", "DOB", "IN_TOUCH", "ACCOM")
        )
        episodes = "".join(
            "<EPISODE>"
            + "".join(_element(tag, draw(CELLS.map(escape))) for tag in ("DECOM", "RNE", "LS",
                                                                         "PL", "DEC", "REC"))
            + "</EPISODE>"
            for _ in range(draw(st.integers(0, 3)))
        )  # fmt: skip
        children.append(f"<CHILD><HEADER>{header}</HEADER>{episodes}</CHILD>")
    return "return.xml", f"<EXPSSDA903>{''.join(children)}</EXPSSDA903>".encode()


@st.composite
def workforce_censuses(draw: st.DrawFn) -> tuple[str, bytes]:
    workers = "".join(
        "<CSWWWorker>"
        + "".join(
            _element(tag, draw(XML_TEXT))
            for tag in ("AgencyWorker", "SWENo", "FTE", "QualLevel", "RoleStartDate",
                        "RoleEndDate", "Cases30")
        )
        + "</CSWWWorker>"
        for _ in range(draw(st.integers(0, 4)))
    )  # fmt: skip
    vacancies = "".join(
        _element(tag, draw(XML_TEXT)) for tag in ("NumberOfVacancies", "NoAgencyFTE")
    )
    reference = draw(st.sampled_from(["2022-09-30", "2016-09-30", "2022-13-01", ""]))
    text = (
        "<Message><Header><CollectionDetails><Collection>CSWW</Collection><Year>2022</Year>"
        f"{_element('ReferenceDate', reference)}</CollectionDetails><Source><LEA>301</LEA>"
        f"</Source></Header><LALevelVacancies>{vacancies}</LALevelVacancies>{workers}</Message>"
    )
    return "census.xml", text.encode()


@st.composite
def annex_a_workbooks(draw: st.DrawFn) -> tuple[str, bytes]:
    spec = load_spec("annex_a")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for source in draw(st.lists(st.sampled_from(list(spec.model.sources.values())),
                                min_size=1, max_size=3, unique_by=lambda s: s.sheet)):  # fmt: skip
        sheet = workbook.create_sheet(str(source.sheet))
        fields = source.fields_for(2021)
        headers = [f.source for f in fields.values()]
        headers = draw(st.permutations(headers))[: draw(st.integers(1, len(headers)))]
        sheet.append(headers)
        text = CELLS.map(lambda value: ILLEGAL_CHARACTERS_RE.sub("", value))
        cell = st.one_of(text, st.dates(date(1890, 1, 1), date(2040, 1, 1)), st.integers())
        for _ in range(draw(st.integers(0, 5))):
            sheet.append(draw(st.lists(cell, max_size=len(headers) + 1)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return "annex.xlsx", buffer.getvalue()


@st.composite
def plain_tables(draw: st.DrawFn) -> tuple[str, bytes]:
    spec = load_spec("plain")
    table = draw(st.sampled_from(sorted(spec.model.sources)))
    fields = spec.model.sources[table].fields_for(None)
    columns = draw(st.permutations([f.source for f in fields.values()] + ["extra"]))
    columns = columns[: draw(st.integers(1, len(columns)))]
    rows = draw(st.lists(st.lists(CELLS, max_size=len(columns) + 1), max_size=6))
    return f"{table}.csv", _csv([columns, *rows])


GENERATED = {
    "cin-census": cin_censuses(),
    "ssda903-csv": ssda903_tables(),
    "ssda903-xml": ssda903_xmls(),
    "annex-a": annex_a_workbooks(),
    "workforce": workforce_censuses(),
    "plain": plain_tables(),
}


@cache
def seed(reader: str) -> tuple[str, bytes]:
    """A real file of the reader's format to mutate (the plain layout: a small table)."""
    if reader == "plain":
        return "referrals.csv", b"child_id,referral_id,referral_date,source\nC1,R1,2021-05-01,6\n"
    name, path = SEEDS[reader]
    return name, require(path).read_bytes()


def files(reader: str) -> st.SearchStrategy[File]:
    """A generated file, a mutated real one, or random bytes, for ``reader``."""
    name = seed(reader)[0]
    return st.one_of(
        GENERATED[reader].map(lambda drawn: File(*drawn)),
        mutated(reader),
        st.binary(max_size=2000).map(lambda data: File(name, data)),
    )


@dataclass(frozen=True)
class Outcome:
    """What one load did, and the rules it broke (none, for a sound load)."""

    result: LoadResult
    stored_files: int
    broken: tuple[str, ...]


def load_once(reader: str, file: File, *, keep_problems: bool = False) -> Outcome:
    """Load one file into a fresh store; report every rule the load broke."""
    name, data = file.name, file.data
    with tempfile.TemporaryDirectory() as folder:
        path, store = Path(folder) / name, Path(folder) / "store"
        path.write_bytes(data)
        result = load_records(
            dataset_of(reader), [path], store=store, key=KEY, council=COUNCIL,
            period_end=PERIOD_END, keep_problems=keep_problems,
        )  # fmt: skip
        stored = [p for p in store.rglob("*") if p.is_file() and STAGING not in p.parts]
        staged = list((store / STAGING).glob("*")) if (store / STAGING).exists() else []
        return Outcome(result, len(stored), tuple(_broken(result, name, stored, staged)))


def _broken(result: LoadResult, name: str, stored: list[Path], staged: list[Path]) -> list[str]:
    broken = []
    if result.problems and stored:
        broken.append("a refused load stored something")
    if not result.problems and not stored:
        broken.append("a sound load stored nothing")
    if staged:
        broken.append("a load left staging behind")
    for problem in (*result.problems, *result.kept):
        if problem.where.file != name or not problem.rule or not problem.message:
            broken.append(f"a problem without its file: {problem}")
        elif problem.rule not in FORMAT_RULES and problem.field != "council":
            if problem.where.row is None and problem.where.element is None:
                broken.append(f"a problem without its row or element: {problem}")
            if problem.field is None and problem.rule not in NO_COLUMN:
                broken.append(f"a problem without its column: {problem}")
    return broken
