"""YAML with line numbers: so a validation error can point at the line an officer must fix."""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]


def read_yaml(text: str) -> tuple[Any, dict[Path, int], list[tuple[Path, int]]]:
    """Parse YAML safely; also return the 1-based line of every mapping key and list item, and
    every key written twice in one mapping (YAML would silently keep only the last)."""
    lines: dict[Path, int] = {}
    repeated: list[tuple[Path, int]] = []
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is not None:
        _index(node, (), lines, repeated)
    return yaml.safe_load(text), lines, repeated


def _index(
    node: yaml.Node, path: Path, lines: dict[Path, int], repeated: list[tuple[Path, int]]
) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            child = (*path, str(key.value))
            if child[-1] in seen:
                repeated.append((child, key.start_mark.line + 1))
            seen.add(str(child[-1]))
            _index(value, child, lines, repeated)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*path, position), lines, repeated)


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of the deepest part of ``path`` that the file has (a missing key: its parent)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
