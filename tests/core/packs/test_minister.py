"""The report to the Minister, built from a pack's plain inputs without a database."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from improvement_board.core.judge import Observation
from improvement_board.core.packs.build import ReportState, build_pack
from improvement_board.core.packs.minister import build_minister_report, quarter_label
from improvement_board.core.packs.minister_figures import shown
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from tests.core.packs.minister_inputs import (
    DECEMBER,
    MARCH,
    PROGRAMME,
    cells,
    minister_inputs,
    series_upto,
    small_counts,
    with_figure,
)

# Agreement with the packs -------------------------------------------------------------------


@pytest.mark.parametrize("quarter_end", ["2006-06", "2006-09", "2006-12", "2007-03"])
def test_every_indicator_has_the_status_the_pack_for_the_next_meeting_gives(
    quarter_end: str,
) -> None:
    end = Period.parse(quarter_end)
    inputs = minister_inputs(meeting=end.shift(1))
    report = build_minister_report(inputs, end)
    pack = build_pack(inputs)
    assert {i.key: i.rag_word for i in report.indicators} == {
        p.key: p.rag_word for p in pack.indicators
    }
    assert report.summary == pack.summary


def test_the_exceptions_are_the_next_meetings_pack_exceptions() -> None:
    inputs = minister_inputs()
    assert build_minister_report(inputs, DECEMBER).exceptions == build_pack(inputs).exceptions


def test_figures_after_the_quarter_end_change_nothing() -> None:
    full = render_minister_html(build_minister_report(minister_inputs(), DECEMBER))
    cut = render_minister_html(
        build_minister_report(minister_inputs(series=series_upto(DECEMBER)), DECEMBER)
    )
    assert full == cut


def test_the_same_inputs_give_the_same_bytes() -> None:
    inputs = minister_inputs(charts=True)
    first = render_minister_html(build_minister_report(inputs, DECEMBER, publish=True))
    again = render_minister_html(build_minister_report(inputs, DECEMBER, publish=True))
    assert first.encode("utf-8") == again.encode("utf-8")


# The quarter ---------------------------------------------------------------------------------


def test_the_quarter_is_named_by_its_months_and_as_a_financial_quarter() -> None:
    report = build_minister_report(minister_inputs(), DECEMBER)
    assert report.quarter_label == "October to December 2006"
    assert report.quarter_name == "quarter 3 of 2006-07"
    assert report.meeting_label == "January 2007"
    assert quarter_label(Period(2007, 3)) == "January to March 2007"


def test_a_month_that_ends_no_quarter_is_refused() -> None:
    with pytest.raises(ValueError, match="not the last month of a quarter"):
        build_minister_report(minister_inputs(meeting=DECEMBER), Period(2006, 11))


def test_inputs_gathered_for_another_meeting_are_refused() -> None:
    with pytest.raises(ValueError, match="2007-01 meeting, not 2006-12"):
        build_minister_report(minister_inputs(meeting=DECEMBER), DECEMBER)


# The document ----------------------------------------------------------------------------------


def test_the_report_has_one_h1_and_says_when_its_figures_are_synthetic() -> None:
    html = render_minister_html(build_minister_report(minister_inputs(), DECEMBER))
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "<h1>Quarterly report to the Minister: October to December 2006</h1>" in html
    assert "Synthetic demonstration:" in html
    plain = render_minister_html(build_minister_report(minister_inputs(synthetic=False), DECEMBER))
    assert "Synthetic demonstration" not in plain


def test_the_report_says_whether_it_is_marked_for_publication() -> None:
    internal = render_minister_html(build_minister_report(minister_inputs(), DECEMBER))
    published = render_minister_html(
        build_minister_report(minister_inputs(), DECEMBER, publish=True)
    )
    assert "Internal: not for publication" in internal
    assert "Marked for publication: small numbers suppressed" not in internal
    assert "Marked for publication: small numbers suppressed" in published
    assert "Internal: not for publication" not in published


def test_only_red_indicators_get_a_trend_chart_with_a_table_beside_it() -> None:
    report = build_minister_report(minister_inputs(charts=True), DECEMBER)
    red = [i.key for i in report.indicators if i.rag_word == "Red"]
    assert red and [c.key for c in report.charts] == red
    for chart in report.charts:
        assert chart.svg.lstrip().startswith("<svg")
        assert chart.months[-1].label == "December 2006"
    assert all(c.svg == "" for c in build_minister_report(minister_inputs(), DECEMBER).charts)


def test_direction_over_the_quarter_compares_with_three_months_earlier() -> None:
    inputs = minister_inputs()
    for month, value in ((9, 40.0), (11, 70.0), (12, 60.0)):
        inputs = with_figure(inputs, "ch-143", Observation(Period(2006, month), value))
    line = next(i for i in build_minister_report(inputs, DECEMBER).indicators if i.key == "ch-143")
    assert line.direction == "Improving since September 2006"
    panel = next(p for p in build_pack(inputs).indicators if p.key == "ch-143")
    assert panel.direction.startswith("Worsening since November 2006")


def test_a_quarterly_figure_is_compared_with_the_quarter_before() -> None:
    line = next(
        i
        for i in build_minister_report(minister_inputs(), DECEMBER).indicators
        if i.key == "sw-turnover"
    )
    assert line.direction.endswith("since September 2006")
    assert line.figure_period == ""


def test_a_month_with_no_meeting_in_the_schedule_is_never_cited_as_a_meeting() -> None:
    june = Period(2006, 6)
    assert Period(2006, 7) not in [Period.parse(m.period) for m in PROGRAMME.meetings]
    report = build_minister_report(minister_inputs(meeting=june.shift(1)), june)
    assert report.meeting_label is None
    html = render_minister_html(report)
    assert not re.search(r"July 2006 (meeting|pack)", html)
    assert "None scheduled in the month after the quarter" in html
    assert "exactly as the board's packs judge them" in html
    evidence = {e.number: e.report for c in report.criteria for e in c.evidence}
    assert evidence[7] == "Not recorded"  # the inputs' reports belong to no meeting


def test_the_meeting_after_the_quarter_is_cited_where_the_schedule_has_it() -> None:
    report = build_minister_report(minister_inputs(), DECEMBER)
    assert report.meeting_label == "January 2007"
    assert "the board's January 2007 pack judges them" in render_minister_html(report)


# Success criteria, milestones, risks -----------------------------------------------------------


def test_each_criterion_lists_its_evidence_items_with_what_is_known_of_their_reports() -> None:
    report = build_minister_report(minister_inputs(), DECEMBER)
    evidence = {e.number: e for c in report.criteria for e in c.evidence}
    assert [c.number for c in report.criteria] == [1, 2, 3, 4, 5]
    assert evidence[7].report == "Received at the January 2007 meeting"
    assert evidence[1].report == "Deferred at the January 2007 meeting"
    assert evidence[10].report == "Not recorded"
    assert evidence[9].report == "Not yet due"
    assert evidence[5].report == "Not yet due"
    assert evidence[4].milestones == ("Implementation plan: done on time (due 30 Nov 2006)",)
    assert evidence[10].milestones == ("Strategy report: overdue (due 31 Dec 2006)",)
    assert evidence[9].milestones == ()


def test_a_criterion_without_evidence_items_is_shown_through_the_risk_log() -> None:
    criterion = build_minister_report(minister_inputs(), DECEMBER).criteria[4]
    assert criterion.evidence == ()
    assert criterion.summary == (
        "Shown through the risk log: 2 open risks, 1 above the appetite of 12, "
        "1 needing review as at 24 January 2007."
    )


def test_milestones_due_in_the_quarter_carry_the_packs_status_words() -> None:
    report = build_minister_report(minister_inputs(), DECEMBER)
    assert [(m.title, m.status) for m in report.milestones] == [
        ("Implementation plan", "Done on time"),
        ("Strategy report", "Overdue"),
    ]
    pack_status = {m.title: m.status for m in build_pack(minister_inputs()).milestones}
    assert all(pack_status[m.title] == m.status for m in report.milestones)


def test_only_risks_above_the_appetite_are_listed() -> None:
    report = build_minister_report(minister_inputs(), DECEMBER)
    assert [(r.title, r.score) for r in report.risks] == [("Vacancies", 16)]


# Disclosure ----------------------------------------------------------------------------------


def test_a_figure_over_a_hidden_count_is_hidden_and_a_small_denominator_flagged() -> None:
    percent = PROGRAMME.indicator("sc-5037")
    assert shown(percent, 95.0, 19, 20, publish=True).figure == "c"
    inside = shown(percent, 87.5, 7, 8, publish=False)
    assert (inside.figure, inside.counts, inside.low_reliability) == ("87.5%", "7/8", True)
    count = PROGRAMME.indicator("cafs-completed")
    assert shown(count, 3, None, None, publish=True).figure == "c"
    assert shown(count, 3, None, None, publish=False).figure == "3"


def test_published_report_prints_no_count_of_one_to_five_and_internal_prints_them() -> None:
    inputs = with_figure(minister_inputs(), "cafs-completed", Observation(DECEMBER, 3))
    published = render_minister_html(build_minister_report(inputs, DECEMBER, publish=True))
    internal = render_minister_html(build_minister_report(inputs, DECEMBER, publish=False))
    assert small_counts(cells(published, "counts")) == []
    assert "c" in {part for cell in cells(published, "counts") for part in cell.split("/")}
    assert sorted(small_counts(cells(internal, "counts"))) == ["2", "5", "5"]
    assert "3" not in cells(published, "figure")
    assert "3" in cells(internal, "figure")


def test_a_hidden_baseline_is_not_printed_in_a_published_report() -> None:
    inputs = minister_inputs()
    published = render_minister_html(build_minister_report(inputs, DECEMBER, publish=True))
    internal = render_minister_html(build_minister_report(inputs, DECEMBER))
    assert "89.5% (19/20)" in internal
    assert "19/20" not in published and "<td>c (c/20)</td>" in published


def test_an_item_due_before_the_quarter_says_what_became_of_it_since() -> None:
    # Evidence item 6 was due at the October 2006 meeting, deferred there and (in this variant
    # of the schedule) received in November: the report for January to March says both.
    programme = PROGRAMME.model_copy(deep=True)
    october = next(m for m in programme.meetings if m.period == "2006-10")
    november = next(m for m in programme.meetings if m.period == "2006-11")
    report = next(r for r in october.reports if r.evidence_item == 6)
    november.reports.append(report)
    state = ReportState(report.key, report.title, (), "deferred", False)
    inputs = minister_inputs(
        meeting=Period(2007, 4),
        programme=programme,
        earlier_reports={"2006-10": [state], "2006-11": [replace(state, status="received")]},
    )
    evidence = {e.number: e for c in build_minister_report(inputs, MARCH).criteria
                for e in c.evidence}  # fmt: skip
    assert evidence[6].report == (
        "Deferred at the October 2006 meeting; Received at the November 2006 meeting"
    )
