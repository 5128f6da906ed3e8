"""YAML with line numbers: so a validation error can point at the line an officer must fix.

Reading is bounded by the size of the file. Aliases (``*name``) are refused where they are
written: the programme file has no need of them, and a few kilobytes of nested aliases expand to
gigabytes. Nesting deeper than ``DEEPEST`` levels is refused too (the programme file uses five),
and the tree is composed once and built from that one tree, so memory grows with the file.
libyaml parses where PyYAML has it (about four times as fast as PyYAML's own parser); both give
the same events to the same bounded composer.
"""

from __future__ import annotations

from typing import Any, Final

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

Path = tuple[str | int, ...]
DEEPEST: Final = 32


class YamlRefused(Exception):
    """A well-formed file that uses what the programme file does not allow, at its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Bounded(Composer):
    """The composer, refusing aliases and deep nesting as it builds the tree."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(
                line,
                f"uses the alias *{event.anchor}: the programme file does not use YAML anchors "
                "(&) and aliases (*); write the value out where it is needed",
            )
        if self._depth >= DEEPEST:
            raise YamlRefused(line, f"nests more than {DEEPEST} levels deep; the file uses five")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class PythonLoader(_Bounded, Reader, Scanner, Parser, SafeConstructor, Resolver):
    """PyYAML's own safe loader, bounded."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


Loader: type[_Bounded] = PythonLoader
"""The loader read_yaml uses: libyaml's parser where PyYAML has it (about four times as fast,
the same events), with the same bounded composer."""

if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class LibyamlLoader(_Bounded, CParser, SafeConstructor, Resolver):
        """libyaml's parser under the bounded composer."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    Loader = LibyamlLoader


def read_yaml(
    text: str, loader: type[_Bounded] | None = None
) -> tuple[Any, dict[Path, int], list[tuple[Path, int]]]:
    """Parse YAML safely; also return the 1-based line of every mapping key and list item, and
    every key written twice in one mapping (YAML would silently keep only the last)."""
    lines: dict[Path, int] = {}
    repeated: list[tuple[Path, int]] = []
    reading: Any = (loader or Loader)(text)  # type: ignore[call-arg]
    try:
        node = reading.get_single_node()
        if node is None:
            return None, lines, repeated
        _index(node, (), lines, repeated)
        return reading.construct_document(node), lines, repeated
    finally:
        reading.dispose()


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
