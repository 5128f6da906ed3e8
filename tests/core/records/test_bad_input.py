"""Bad and hostile input: each gives located problems, stores nothing and raises nothing."""

from __future__ import annotations

import re
import socket
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from improvement_board.core.records.load import LoadResult, load_records
from tests.core.records.builders import (
    COUNCIL,
    KEY,
    cin_census,
    cin_child,
    episodes_903,
    header_903,
    write_csv,
)

YEAR_END = date(2018, 3, 31)


def load(dataset: str, paths: list[Path], store: Path, **given: object) -> LoadResult:
    result = load_records(dataset, paths, store=store, key=KEY, **given)  # type: ignore[arg-type]
    assert not result.ok and result.stored is None
    assert not any(store.rglob("*")), "something was stored"
    return result


def rules(result: LoadResult) -> set[str]:
    return {problem.rule for problem in result.problems}


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local server nobody should ever connect to (proof that nothing is fetched)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.2)
    yield server
    server.close()


def assert_nobody_called(server: socket.socket) -> None:
    with pytest.raises(TimeoutError):
        connection, _ = server.accept()
        connection.close()


def test_entity_expansion_is_refused_at_its_line(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">\n' for i in range(1, 10))
    path = tmp_path / "census.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE Message [\n<!ENTITY l0 "lol">\n{laughs}]>\n'
        "<Message>&l9;</Message>\n"
    )

    result = load("cin-census", [path], tmp_path / "store")

    [problem] = result.problems
    assert problem.rule == "xml-forbidden" and problem.where.file == "census.xml"
    assert problem.where.line == 2


def test_an_external_entity_is_refused_and_nothing_is_read_or_fetched(
    tmp_path: Path, listener: socket.socket
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    port = listener.getsockname()[1]
    path = tmp_path / "census.xml"
    path.write_bytes(
        cin_census(cin_child("C1")).replace(
            b"<Message>",
            f'<!DOCTYPE Message [<!ENTITY s SYSTEM "file://{secret}">'
            f'<!ENTITY w SYSTEM "http://127.0.0.1:{port}/x">]>\n<Message>&s;&w;'.encode(),
        )
    )

    result = load("cin-census", [path], tmp_path / "store")

    assert rules(result) == {"xml-forbidden"}
    assert "TOP-SECRET" not in repr(result)
    assert_nobody_called(listener)


def test_an_external_document_type_is_refused_unfetched(
    tmp_path: Path, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    path = tmp_path / "return.xml"
    path.write_text(
        f'<!DOCTYPE EXPSSDA903 SYSTEM "http://127.0.0.1:{port}/903.dtd">\n<EXPSSDA903/>'
    )

    result = load("ssda903", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert rules(result) == {"xml-forbidden"}
    assert_nobody_called(listener)


def test_a_truncated_census_is_located_where_it_stops(tmp_path: Path) -> None:
    whole = cin_census(cin_child("C1") + cin_child("C2"))
    path = tmp_path / "census.xml"
    path.write_bytes(
        whole[: whole.index(b"<CINreferralDate>2021-06-01</CINreferralDate><Ref") + 30]
    )
    last_line = path.read_bytes().count(b"\n") + 1

    result = load("cin-census", [path], tmp_path / "store")

    [problem] = result.problems
    assert problem.rule == "xml-well-formed"
    assert problem.where.line == last_line and problem.where.element is not None


def test_a_census_with_a_byte_that_is_not_utf8_is_located_by_line(tmp_path: Path) -> None:
    path = tmp_path / "census.xml"
    path.write_bytes(cin_census(cin_child("C1")).replace(b"<LAchildID>C1", b"<LAchildID>C\xe91"))
    lines = path.read_bytes().split(b"\n")
    line = next(number for number, text in enumerate(lines, start=1) if b"\xe9" in text)

    result = load("cin-census", [path], tmp_path / "store")

    [problem] = result.problems
    assert problem.rule == "xml-well-formed" and problem.where.line == line


def test_a_csv_saved_as_windows_1252_is_an_encoding_problem_at_its_row(tmp_path: Path) -> None:
    header_903(
        tmp_path, [["1", "1", "01/02/2010", "WBRI", "A1"], ["2", "2", "01/02/2011", "WBRI", "A2"]]
    )
    path = tmp_path / "header.csv"
    path.write_bytes(path.read_bytes().replace(b"\n2,2,", b"\n2\xe9,2,"))

    result = load("ssda903", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    [problem] = result.problems
    assert (problem.rule, problem.where.row) == ("encoding", 3)
    assert "0xE9" in problem.message


def test_swapped_day_and_month_is_reported_at_its_row_and_field(tmp_path: Path) -> None:
    header_903(tmp_path, [["1", "1", "01/02/2010", "WBRI", "A1"]])
    path = episodes_903(
        tmp_path,
        [
            ["1", "03/04/2017", "S", "C2", "U1", "10/05/2017", "X1"],
            ["1", "05/25/2017", "P", "C2", "U1", "", ""],
        ],
    )

    result = load("ssda903", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    [problem] = result.problems
    assert (problem.where.row, problem.field, problem.rule) == (3, "DECOM", "day-month-swapped")


def test_duplicate_children_in_a_census_are_located_by_element(tmp_path: Path) -> None:
    path = tmp_path / "census.xml"
    path.write_bytes(cin_census(cin_child("C1") + cin_child("C2") + cin_child("C1", "2021-07-01")))

    result = load("cin-census", [path], tmp_path / "store")

    [problem] = result.problems
    assert problem.rule == "duplicate" and problem.field == "LAchildID"
    assert problem.where.element == "Message/Children[1]/Child[3]"
    assert "Child[1]" in problem.message


def test_duplicate_children_in_an_ssda903_header_are_located_by_row(tmp_path: Path) -> None:
    path = header_903(
        tmp_path, [["7", "1", "01/02/2010", "WBRI", "A1"], ["7", "2", "01/03/2011", "WBRI", "A2"]]
    )

    result = load("ssda903", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert [(p.where.row, p.field, p.rule) for p in result.problems] == [(3, "CHILD", "duplicate")]


def test_an_ssda903_return_needs_its_council_and_period(tmp_path: Path) -> None:
    path = header_903(tmp_path, [["7", "1", "01/02/2010", "WBRI", "A1"]])

    result = load("ssda903", [path], tmp_path / "store")

    assert rules(result) == {"collection"} and len(result.problems) == 2


def test_a_workbook_that_expands_enormously_is_refused_unopened(tmp_path: Path) -> None:
    path = tmp_path / "annex.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 2**20))

    result = load("annex-a", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert [p.rule for p in result.problems] == ["workbook"]
    assert "expands" in result.problems[0].message


def test_a_workbook_of_too_many_parts_is_refused_unopened(tmp_path: Path) -> None:
    path = tmp_path / "annex.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(1_001):
            archive.writestr(f"part{number}.xml", b"<a/>")

    result = load("annex-a", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert [p.rule for p in result.problems] == ["workbook"]


def test_a_text_file_given_as_a_workbook_is_a_workbook_problem(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "annex.xlsx", ["a"], [["b"]])

    result = load("annex-a", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert [p.rule for p in result.problems] == ["workbook"]


def test_a_csv_that_is_no_table_of_the_return_is_unrecognised(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "notes.csv", ["WHO", "WHAT"], [["x", "y"]])

    result = load("ssda903", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert [(p.where.file, p.rule) for p in result.problems] == [("notes.csv", "unrecognised-file")]


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    result = load("plain", [tmp_path / "referrals.csv"], tmp_path / "store", council=COUNCIL)

    assert [(p.where.file, p.rule) for p in result.problems] == [
        ("referrals.csv", "unrecognised-file")
    ]


def test_a_workbook_whose_sheet_declares_entities_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "List 3"
    book.active.append(["Child Unique ID", "Date of Referral"])
    book.save(plain)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData>'
        b"</worksheet>"
    )
    path = tmp_path / "annex.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, bomb if item.filename.endswith("sheet1.xml") else data)

    result = load("annex-a", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert [p.rule for p in result.problems] == ["workbook"]


def test_a_sheet_claiming_a_million_rows_and_columns_is_read_within_bounds(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "List 3"
    book.active.append(["Child Unique ID", "Date of Referral"])
    book.save(plain)
    path = tmp_path / "annex.xlsx"
    far = b'<row r="210000"><c r="A210000" t="inlineStr"><is><t>1</t></is></c></row></sheetData>'
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data
                )
                data = data.replace(b"</sheetData>", far)
            target.writestr(item, data)

    result = load("annex-a", [path], tmp_path / "store", council=COUNCIL, period_end=YEAR_END)

    assert [(p.where.sheet, p.rule) for p in result.problems] == [("List 3", "file-size")]
