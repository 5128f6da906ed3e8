"""Free text in the Minister's report: all of it inside the council, only what a person reviewed for
publication in the report marked for publication."""

from __future__ import annotations

from improvement_board.core.disclosure import PENDING_REVIEW, FreeText
from improvement_board.core.packs.build import Note
from improvement_board.core.packs.minister import (
    Commentary,
    MinisterTexts,
    build_minister_report,
)
from improvement_board.core.packs.render_minister import render_minister_html
from tests.core.packs.minister_inputs import DECEMBER, minister_inputs

UNREVIEWED = "Two of the five care leavers are in bed and breakfast"
REVIEWED = "Recruitment campaign launched in October"


def _texts() -> MinisterTexts:
    return MinisterTexts(
        commentary={
            "sc-5037": Commentary(UNREVIEWED, "Placements team reviewing each case"),
            "sw-vacancy": Commentary(REVIEWED, "Agency cover agreed", True),
        },
        evidence={
            "ipc-analysis/interim-report": (
                FreeText("Minutes of 26 September", reviewed_for_publication=True),
                FreeText("Email naming the interim report's authors"),
            ),
            "performance-framework/implementation-plan": (FreeText("Plan v3 (draft)"),),
        },
        report_notes={"2007-01": {"piap-implementation": FreeText("Taken as read")}},
        mitigations={"vacancies": FreeText("Recruit", reviewed_for_publication=True)},
    )


def test_commentary_is_published_only_once_reviewed() -> None:
    inputs = minister_inputs()
    published = build_minister_report(inputs, DECEMBER, publish=True, texts=_texts())
    lines = {line.key: line for line in published.commentary}
    assert (lines["sw-vacancy"].analysis, lines["sw-vacancy"].action) == (
        REVIEWED,
        "Agency cover agreed",
    )
    assert lines["sc-5037"].analysis == lines["sc-5037"].action == PENDING_REVIEW
    internal = build_minister_report(inputs, DECEMBER, texts=_texts())
    assert {line.key: line.analysis for line in internal.commentary}["sc-5037"] == UNREVIEWED


def test_commentary_given_with_no_review_is_withheld_from_publication() -> None:
    inputs = minister_inputs(notes={"sc-5037": Note(UNREVIEWED, "")})
    published = render_minister_html(build_minister_report(inputs, DECEMBER, publish=True))
    assert UNREVIEWED not in published and PENDING_REVIEW in published
    internal = render_minister_html(build_minister_report(inputs, DECEMBER))
    assert UNREVIEWED in internal


def test_evidence_notes_not_reviewed_are_counted_never_quoted() -> None:
    published = build_minister_report(minister_inputs(), DECEMBER, publish=True, texts=_texts())
    evidence = {m.title: m.evidence for m in published.milestones}
    assert evidence["Implementation plan"] == (
        "1 evidence note withheld pending review for publication.",
    )
    html = render_minister_html(
        build_minister_report(minister_inputs(), DECEMBER, publish=True, texts=_texts())
    )
    assert "Plan v3 (draft)" not in html and "Email naming" not in html


def test_evidence_notes_only_in_the_pack_inputs_are_not_reviewed() -> None:
    published = build_minister_report(minister_inputs(), DECEMBER, publish=True)
    assert {m.title: m.evidence for m in published.milestones}["Implementation plan"] == (
        "1 evidence note withheld pending review for publication.",
    )
    internal = build_minister_report(minister_inputs(), DECEMBER)
    assert {m.title: m.evidence for m in internal.milestones}["Implementation plan"] == (
        "Evidence for Implementation plan",
    )


def test_a_reports_note_is_shown_beside_its_receipt_once_reviewed() -> None:
    def notes(publish: bool) -> tuple[str, ...]:
        report = build_minister_report(minister_inputs(), DECEMBER, publish=publish, texts=_texts())
        return next(e for c in report.criteria for e in c.evidence if e.number == 7).notes

    assert notes(False) == ("January 2007 meeting: Taken as read",)
    assert notes(True) == (f"January 2007 meeting: {PENDING_REVIEW}",)


def test_a_risk_mitigation_is_published_once_reviewed() -> None:
    reviewed = build_minister_report(minister_inputs(), DECEMBER, publish=True, texts=_texts())
    assert [r.mitigation for r in reviewed.risks] == ["Recruit"]
    unreviewed = build_minister_report(minister_inputs(), DECEMBER, publish=True)
    assert [r.mitigation for r in unreviewed.risks] == [PENDING_REVIEW]
