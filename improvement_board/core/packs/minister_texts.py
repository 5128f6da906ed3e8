"""The free text the Minister's report may carry, each with whether it was reviewed for publication.

The pack's inputs hold commentary and evidence as plain words. The report is given them again
here with the review a person recorded (commentary, evidence notes, the notes of the reports due
at each meeting, risk mitigations); a text with no review recorded is not reviewed, so a report
marked for publication withholds it until someone has read it for publication.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from improvement_board.core.disclosure import FreeText
from improvement_board.core.packs.build import PackInputs


@dataclass(frozen=True, slots=True)
class Commentary:
    """An indicator's analysis and corrective action for the quarter's last month; one review
    covers both, as one person signs off the commentary of a month."""

    analysis: str = ""
    action: str = ""
    reviewed_for_publication: bool = False

    @property
    def texts(self) -> tuple[FreeText, FreeText]:
        reviewed = self.reviewed_for_publication
        return FreeText(self.analysis, reviewed), FreeText(self.action, reviewed)


@dataclass(frozen=True)
class MinisterTexts:
    """Every free text of the report, by what it belongs to."""

    commentary: Mapping[str, Commentary] = field(default_factory=dict)
    """By indicator key, for the quarter's last month."""
    evidence: Mapping[str, tuple[FreeText, ...]] = field(default_factory=dict)
    """By milestone key (``action/milestone``)."""
    report_notes: Mapping[str, Mapping[str, FreeText]] = field(default_factory=dict)
    """By meeting month (``YYYY-MM``), then report key."""
    mitigations: Mapping[str, FreeText] = field(default_factory=dict)
    """By risk key."""

    def evidence_of(self, key: str, given: tuple[str, ...]) -> tuple[FreeText, ...]:
        """A milestone's evidence notes; those only in the pack's inputs are not reviewed."""
        return self.evidence.get(key, tuple(FreeText(note) for note in given))

    def mitigation_of(self, key: str, given: str) -> FreeText:
        return self.mitigations.get(key, FreeText(given))

    def report_note(self, meeting: str, key: str) -> FreeText:
        return self.report_notes.get(meeting, {}).get(key, FreeText(""))


def unreviewed(inputs: PackInputs) -> MinisterTexts:
    """The pack inputs' own commentary, none of it reviewed: for a caller that knows no review."""
    return MinisterTexts(
        commentary={
            key: Commentary(note.analysis, note.action) for key, note in inputs.notes.items()
        }
    )
