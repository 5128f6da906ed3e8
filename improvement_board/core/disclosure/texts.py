"""Words in a publishable output: free text only once reviewed, and what was withheld, said plainly.

Commentary, evidence notes and report notes are written by people inside the council and may
name a child, a worker or a count. A publishable output prints such a text only when a person
has marked it reviewed for publication; otherwise it says the text is withheld pending review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from improvement_board.core.disclosure.derived import Withheld

PENDING_REVIEW = "Withheld pending review for publication."


@dataclass(frozen=True, slots=True)
class FreeText:
    """Words a person wrote, and whether a person has reviewed them for publication."""

    text: str
    reviewed_for_publication: bool = False

    @property
    def pending(self) -> bool:
        """Whether a publishable output must withhold it: it has words and no review."""
        return bool(self.text.strip()) and not self.reviewed_for_publication


def published_text(text: FreeText, *, publish: bool) -> str:
    """The words inside the council; in a publishable output only once reviewed."""
    if publish and text.pending:
        return PENDING_REVIEW
    return text.text


def published_texts(
    texts: Iterable[FreeText], *, publish: bool, noun: str = "note"
) -> tuple[str, ...]:
    """The words of several texts; in a publishable output the reviewed ones, then how many
    were withheld pending review (never which words)."""
    given = [t for t in texts if t.text.strip()]
    if not publish:
        return tuple(t.text for t in given)
    pending = sum(t.pending for t in given)
    shown = tuple(t.text for t in given if not t.pending)
    if not pending:
        return shown
    nouns = noun if pending == 1 else f"{noun}s"
    return (*shown, f"{pending} {nouns} withheld pending review for publication.")


def withheld_lines(items: Iterable[Withheld | None]) -> tuple[str, ...]:
    """One sentence per reason: "Status and forecast: worked out from ... which is suppressed."."""
    grouped: dict[str, list[str]] = {}
    for item in items:
        if item is not None and item.what not in grouped.get(item.why, []):
            grouped.setdefault(item.why, []).append(item.what)
    return tuple(f"{_joined(whats)}: {why}." for why, whats in grouped.items())


def _joined(words: list[str]) -> str:
    text = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return text[0].upper() + text[1:]
