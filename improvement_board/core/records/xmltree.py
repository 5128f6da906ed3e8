"""Hostile-safe XML: a small element tree with line numbers, built only through defusedxml.

A return may come from anywhere, so a document type declaration (the door to entity expansion
"billion laughs" and external entities that fetch files or URLs) is refused outright; statutory
returns never need one. Every refusal and every parse error becomes a located problem. Elements
keep their line and a path such as ``Message/Children/Child[12]/CINdetails[2]``, so a problem
can point at the exact element.
"""

from __future__ import annotations

import io
import xml.sax
from dataclasses import dataclass, field
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

import defusedxml.sax
from defusedxml import DefusedXmlException

from improvement_board.core.records.problems import RecordProblem, Where, problem


@dataclass(eq=False, slots=True)
class Node:
    """One element: its tag, the line it starts on, its path, text and children."""

    tag: str
    line: int
    path: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)
    text: str = ""
    _counts: dict[str, int] = field(default_factory=dict)

    def child_path(self, tag: str) -> str:
        self._counts[tag] = self._counts.get(tag, 0) + 1
        return f"{self.path}/{tag}[{self._counts[tag]}]"

    def findall(self, path: str) -> list[Node]:
        """Elements at ``path`` (``/``-separated tags; ``..`` is the parent, ``.`` this element)."""
        found: list[Node] = [self]
        for step in (part for part in path.split("/") if part):
            found = [node for current in found for node in _step(current, step)]
        return found

    def find(self, path: str) -> Node | None:
        found = self.findall(path)
        return found[0] if found else None

    def value(self, path: str) -> str | None:
        """The text of the first element at ``path``; None when absent or blank."""
        node = self.find(path)
        return node.text if node is not None and node.text else None

    def values(self, path: str) -> list[str]:
        return [node.text for node in self.findall(path) if node.text]


def _step(node: Node, step: str) -> list[Node]:
    if step == ".":
        return [node]
    if step == "..":
        return [node.parent] if node.parent is not None else []
    return [child for child in node.children if child.tag == step]


class _TreeBuilder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: Node | None = None
        self.stack: list[Node] = []
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator is not None else None

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        parent = self.stack[-1] if self.stack else None
        path = parent.child_path(name) if parent is not None else name
        node = Node(name, self.line() or 0, path, parent)
        if parent is None:
            self.root = node
        else:
            parent.children.append(node)
        self.stack.append(node)

    def endElement(self, name: str) -> None:
        node = self.stack.pop()
        node.text = "".join(node.chunks).strip()
        node.chunks = []

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].chunks.append(content)


def parse_xml(data: bytes, file: str) -> Node | RecordProblem:
    """The document's root element, or the problem that stopped it being read."""
    builder = _TreeBuilder()
    try:
        defusedxml.sax.parse(io.BytesIO(data), builder, forbid_dtd=True)
    except xml.sax.SAXParseException as error:
        where = Where(file, line=error.getLineNumber(), element=_open_element(builder))
        return problem(where, "xml-well-formed", f"not well-formed XML: {error.getMessage()}")
    except DefusedXmlException as error:
        where = Where(file, line=builder.line())
        message = f"refused: the XML declares a document type or entities ({type(error).__name__})"
        return problem(where, "xml-forbidden", message)
    except (xml.sax.SAXException, LookupError, UnicodeError, ValueError) as error:
        where = Where(file, line=builder.line())
        return problem(where, "xml-well-formed", f"cannot read the XML: {error}")
    if builder.root is None:
        return problem(Where(file), "xml-well-formed", "the file holds no XML element")
    return builder.root


def _open_element(builder: _TreeBuilder) -> str | None:
    return builder.stack[-1].path if builder.stack else None
