"""Hostile-safe XML: a small element tree with line numbers, built only through defusedxml.

A return may come from anywhere, so a document type declaration (the door to entity expansion
"billion laughs" and external entities that fetch files or URLs) is refused outright; statutory
returns never need one. Every refusal and every parse error becomes a located problem.

The tree is bounded: elements nested deeper than ``MAX_DEPTH`` or more than ``MAX_ELEMENTS`` of
them are refused where the limit is crossed, so memory stays linear in the file's size. An
element keeps its tag, line, position among its siblings of the same tag and its parent; its path
(``Message/Children[1]/Child[12]/CINdetails[2]``, for pointing at it in a problem) is worked out
when asked for, never stored, so a deep document costs no more per element than a flat one.
"""

from __future__ import annotations

import io
import xml.sax
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

import defusedxml.sax
from defusedxml import DefusedXmlException

from improvement_board.core.records.problems import RecordProblem, Where, problem

# A CIN census nests seven deep (Message/Children/Child/CINdetails/ChildProtectionPlans/Reviews/
# CPPreviewDate); no statutory return comes near these.
MAX_DEPTH = 32
# A large council's CIN census holds about a million elements; each costs about 200 bytes here.
MAX_ELEMENTS = 5_000_000


class Node:
    """One element: its tag, the line it starts on, its place among its parent's children."""

    __slots__ = ("children", "index", "line", "parent", "tag", "text")

    def __init__(self, tag: str, line: int, index: int, parent: Node | None) -> None:
        self.tag = tag
        self.line = line
        self.index = index  # 1 for the first child of its tag, 2 for the second, ...
        self.parent = parent
        self.children: list[Node] = []
        self.text = ""

    @property
    def path(self) -> str:
        """Where the element is: tags with their positions from the root, worked out on demand."""
        steps = []
        node: Node | None = self
        while node is not None:
            steps.append(node.tag if node.parent is None else f"{node.tag}[{node.index}]")
            node = node.parent
        return "/".join(reversed(steps))

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

    def iter(self) -> list[Node]:
        """This element and every element under it, in document order."""
        found, stack = [], [self]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(node.children))
        return found


def _step(node: Node, step: str) -> list[Node]:
    if step == ".":
        return [node]
    if step == "..":
        return [node.parent] if node.parent is not None else []
    return [child for child in node.children if child.tag == step]


class _TooLarge(xml.sax.SAXException):
    """A limit crossed; carries the located problem to report."""

    def __init__(self, found: RecordProblem) -> None:
        super().__init__(found.message)
        self.found = found


class _TreeBuilder(ContentHandler):
    """Builds the tree; the per-element bookkeeping (text pieces, counts of each child tag)
    lives on the stack of open elements only, so it is freed as each element closes."""

    def __init__(self, file: str, max_depth: int, max_elements: int) -> None:
        super().__init__()
        self.file, self.max_depth, self.max_elements = file, max_depth, max_elements
        self.root: Node | None = None
        self.stack: list[tuple[Node, list[str], dict[str, int]]] = []
        self.locator: Locator | None = None
        self.elements = 0

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator is not None else None

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        self.elements += 1
        self._check_limits(name)
        if self.stack:
            parent, _, counts = self.stack[-1]
            counts[name] = counts.get(name, 0) + 1
            node = Node(name, self.line() or 0, counts[name], parent)
            parent.children.append(node)
        else:
            node = Node(name, self.line() or 0, 1, None)
            self.root = node
        self.stack.append((node, [], {}))

    def _check_limits(self, name: str) -> None:
        if len(self.stack) >= self.max_depth:
            where = Where(self.file, line=self.line(), element=self.open_path())
            message = (
                f"elements nested more than {self.max_depth} deep (<{name}> here): no return "
                "is nested so deeply, so the file is refused"
            )
            raise _TooLarge(problem(where, "xml-limits", message))
        if self.elements > self.max_elements:
            where = Where(self.file, line=self.line(), element=self.open_path())
            message = f"more than {self.max_elements:,} elements: refused"
            raise _TooLarge(problem(where, "xml-limits", message))

    def endElement(self, name: str) -> None:
        node, chunks, _ = self.stack.pop()
        node.text = "".join(chunks).strip()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1][1].append(content)

    def open_path(self) -> str | None:
        return self.stack[-1][0].path if self.stack else None


def parse_xml(
    data: bytes, file: str, *, max_depth: int = MAX_DEPTH, max_elements: int = MAX_ELEMENTS
) -> Node | RecordProblem:
    """The document's root element, or the problem that stopped it being read."""
    builder = _TreeBuilder(file, max_depth, max_elements)
    try:
        defusedxml.sax.parse(io.BytesIO(data), builder, forbid_dtd=True)
    except _TooLarge as error:
        return error.found
    except xml.sax.SAXParseException as error:
        where = Where(file, line=error.getLineNumber(), element=builder.open_path())
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
