"""Reading YAML is bounded by the file: aliases and deep nesting are refused at their line, and
the memory a file takes grows with its size, not with what it would expand to."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from improvement_board.core import yamlmap
from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import parse_programme
from improvement_board.core.yamlmap import read_yaml


def alias_bomb(levels: int = 9) -> str:
    """About a kilobyte that a loader expanding aliases turns into 9^levels strings."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels):
        previous = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{previous}]")
    return "\n".join(lines) + "\n"


def test_an_alias_is_refused_at_the_line_where_it_is_used() -> None:
    with pytest.raises(ProblemsFound) as raised:
        parse_programme("base: &b {value: 1}\nother: *b\n", source="p.yaml")
    (problem,) = raised.value.problems
    assert problem.row == 2
    assert "alias *b" in problem.message


def test_a_merge_key_is_an_alias_and_is_refused() -> None:
    with pytest.raises(yamlmap.YamlRefused):
        read_yaml("base: &b {value: 1}\nother:\n  <<: *b\n  extra: 2\n")


def test_a_file_of_nested_aliases_is_refused_in_bounded_memory() -> None:
    text = alias_bomb()
    tracemalloc.start()
    try:
        with pytest.raises(ProblemsFound) as raised:
            parse_programme(text, source="bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (problem,) = raised.value.problems
    assert (problem.file, problem.row) == ("bomb.yaml", 2)
    assert "does not use YAML anchors" in problem.message
    assert peak < 5 * 1024 * 1024


def test_nesting_deeper_than_the_limit_is_refused_at_its_line() -> None:
    text = "notes:\n  x: " + "[" * 40 + "]" * 40 + "\n"
    with pytest.raises(ProblemsFound) as raised:
        parse_programme(text, source="deep.yaml")
    (problem,) = raised.value.problems
    assert problem.row == 2 and f"more than {yamlmap.DEEPEST} levels" in problem.message


def test_nesting_thousands_of_levels_deep_is_refused_at_its_line() -> None:
    text = "notes:\n  x: " + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(ProblemsFound) as raised:
        parse_programme(text, source="deep.yaml")
    (problem,) = raised.value.problems
    assert problem.row == 2


def test_an_anchor_without_an_alias_is_harmless() -> None:
    data, _, _ = read_yaml("key: &k value\n")
    assert data == {"key": "value"}


def test_lines_and_repeated_keys_are_still_found() -> None:
    data, lines, repeated = read_yaml("a:\n  b: 1\n  b: 2\nc: [1, 2]\n")
    assert data == {"a": {"b": 2}, "c": [1, 2]}
    assert lines[("a", "b")] == 3 and lines[("c", 1)] == 4
    assert repeated == [(("a", "b"), 3)]


SEED = (
    Path(__file__).resolve().parents[2] / "improvement_board" / "data" / "herefordshire-2006.yaml"
)


def test_both_parsers_give_the_same_programme_and_lines() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert read_yaml(text, yamlmap.PythonLoader) == read_yaml(text)


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: " + "[" * 40 + "]" * 40 + "\n"])
def test_both_parsers_refuse_aliases_and_deep_nesting(text: str) -> None:
    for loader in {yamlmap.PythonLoader, yamlmap.Loader}:
        with pytest.raises(yamlmap.YamlRefused):
            read_yaml(text, loader)
