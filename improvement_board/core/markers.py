"""DfE's markers: the symbols published in place of a figure, and what each one means.

A marker is never a number and is never judged as one: a figure marked ``u`` (low reliability)
has no value, only the marker and its meaning, and everything that reads figures (judgement,
charts, benchmarks) passes it by while saying why. Returns, comparator files and DfE's own
statistics all use the same markers, so one module reads them.

The symbols are those of DfE's Explore Education Statistics files (and of the older tables the
boards of the 2000s kept): ``c`` confidential (suppressed to protect individuals), ``x`` not
available, ``z`` not applicable, ``u`` low reliability, ``k`` and ``low`` a figure that rounds to
zero but is not zero, ``:`` and ``..`` not available (older tables). A range written in place of
a figure (``1 to 5``, ``<5``) is a marker too: it says where the figure lies, not what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal, get_args

Symbol = Literal["c", "x", "z", "u", "k", "low", ":", "..", "range"]
SYMBOLS: Final[tuple[Symbol, ...]] = get_args(Symbol)

MEANINGS: Final[dict[Symbol, str]] = {
    "c": "suppressed to protect individuals",
    "x": "not available",
    "z": "not applicable",
    "u": "not available: low reliability",
    "k": "rounds to zero, but is not zero",
    "low": "rounds to zero, but is not zero",
    ":": "not available",
    "..": "not available",
    "range": "a range, not a figure",
}

WRITTEN: Final = "c, x, z, u, k, low, : or .."
"""The symbols as messages list them (a range is described separately)."""

_RANGE = re.compile(
    r"(?:(?P<low>\d+(?:\.\d+)?)(?:\s+to\s+|\s*–\s*)(?P<high>\d+(?:\.\d+)?)"
    r"|(?P<bound>[<>≤≥]=?)\s*(?P<limit>\d+(?:\.\d+)?))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A published symbol in place of a figure; ``written`` keeps a range as it was given."""

    symbol: Symbol
    written: str = ""

    @property
    def meaning(self) -> str:
        if self.symbol == "range":
            return f"a range ({self.written}), not a figure"
        return MEANINGS[self.symbol]

    @property
    def text(self) -> str:
        """How a page shows it: the symbol and its meaning, such as ``u (not available: low
        reliability)``; a range as written."""
        if self.symbol == "range":
            return f"{self.written} (a range, not a figure)"
        return f"{self.symbol} ({self.meaning})"

    @property
    def stored(self) -> str:
        """The form kept in the store: the symbol, or ``range:`` and the range as written."""
        return f"range:{self.written}" if self.symbol == "range" else self.symbol


def read_marker(text: str) -> Marker | None:
    """The marker a cell holds, or None when it holds none (a number, a blank, other text).

    Symbols are read whatever their case (``C``, ``Low``); a range must be a whole cell.
    """
    cleaned = " ".join(text.split())
    folded = cleaned.casefold()
    for symbol in SYMBOLS:
        if symbol != "range" and folded == symbol:
            return Marker(symbol)
    if _RANGE.fullmatch(cleaned):
        return Marker("range", cleaned)
    return None


def stored_marker(text: str) -> Marker | None:
    """A marker as the store keeps it (``u``, ``range:1 to 5``); None for an empty text."""
    if not text:
        return None
    if text.startswith("range:"):
        return Marker("range", text.removeprefix("range:"))
    if text in SYMBOLS:
        return Marker(text)
    raise ValueError(f"{text!r} is not a stored marker")
