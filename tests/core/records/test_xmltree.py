"""The XML tree is bounded: nesting and element count are limited with a located refusal, and
what an element costs does not grow with how deep it sits."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from improvement_board.core.records.load import read_dataset
from improvement_board.core.records.problems import RecordProblem
from improvement_board.core.records.xmltree import MAX_DEPTH, Node, parse_xml
from tests.core.records.builders import COUNCIL


def nested(depth: int, copies: int = 1) -> bytes:
    """``copies`` chains of ``depth`` nested elements under one root."""
    chain = "<a>" * depth + "x" + "</a>" * depth
    return f"<r>{chain * copies}</r>".encode()


def peak_bytes(data: bytes) -> int:
    tracemalloc.start()
    try:
        parse_xml(data, "f.xml")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_elements_nested_deeper_than_the_limit_are_refused_where_the_limit_is_crossed() -> None:
    found = parse_xml(nested(10_000), "deep.xml")

    assert isinstance(found, RecordProblem)
    assert found.rule == "xml-limits" and found.where.file == "deep.xml"
    assert found.where.line == 1 and f"more than {MAX_DEPTH} deep" in found.message
    assert str(found.where.element).count("/") == MAX_DEPTH - 1


def test_a_document_within_the_depth_limit_is_read() -> None:
    root = parse_xml(nested(MAX_DEPTH - 1), "f.xml")

    assert isinstance(root, Node)
    deepest = root.iter()[-1]
    assert deepest.text == "x" and deepest.path.count("/") == MAX_DEPTH - 1


def test_more_elements_than_the_limit_are_refused() -> None:
    found = parse_xml(nested(2, copies=60), "many.xml", max_elements=100)

    assert isinstance(found, RecordProblem)
    assert found.rule == "xml-limits" and "more than 100 elements" in found.message


def test_an_element_costs_the_same_memory_however_deep_it_sits() -> None:
    elements = 6_000
    shallow = peak_bytes(nested(1, copies=elements))
    deep = peak_bytes(nested(30, copies=elements // 30))

    assert deep < shallow * 1.15


def test_a_census_nested_too_deeply_is_refused_by_the_reader_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "census.xml"
    path.write_bytes(b"<Message>" + nested(200) + b"</Message>")

    reading = read_dataset("cin-census", [path], council=COUNCIL)

    assert [p.rule for p in reading.problems] == ["xml-limits"]
    assert reading.counts() == {t: 0 for t in reading.counts()}
