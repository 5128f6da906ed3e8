"""Building and rendering a pack from plain inputs, without a database."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from improvement_board.core.demo import demo_figures
from improvement_board.core.judge import Observation
from improvement_board.core.packs.build import (
    MilestoneState,
    PackInputs,
    ReportState,
    RiskState,
    build_pack,
)
from improvement_board.core.packs.render import render_html
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME

NOVEMBER = Period(2006, 11)


def _inputs(**changes: object) -> PackInputs:
    programme = load_programme(Path(SEED_PROGRAMME))
    series: dict[str, list[Observation]] = {}
    for f in demo_figures(programme):
        series.setdefault(f.indicator, []).append(
            Observation(f.period, f.value, f.numerator, f.denominator)
        )
    values: dict[str, object] = {
        "programme": programme,
        "meeting": NOVEMBER,
        "as_at": date(2006, 11, 24),
        "series": series,
        "synthetic": True,
        "milestones": [
            MilestoneState("a/late", "Action A", "Report A", "Owner", date(2006, 10, 31), None),
            MilestoneState(
                "a/done",
                "Action A",
                "Report B",
                "Owner",
                date(2006, 9, 30),
                date(2006, 9, 26),
                ("Minutes of 26 September",),
            ),
        ],
        "reports": [ReportState("r1", "Health assessments", ("7",), "due", False)],
        "risks": [RiskState("k", "Vacancies", "Head of HR", 5, 4, date(2006, 10, 1), "Recruit")],
    }
    values.update(changes)
    return PackInputs(**values)  # type: ignore[arg-type]


def test_the_pack_shows_figures_up_to_the_month_before_the_meeting() -> None:
    inputs = _inputs()
    pack = build_pack(inputs)
    assert pack.reporting_label == "October 2006"
    frequency = {i.key: i.frequency for i in inputs.programme.indicators}
    last = {"monthly": "October 2006", "quarterly": "Quarter to 30 September 2006"}
    for panel in pack.indicators:
        assert [m.label for m in panel.months][-1] == last[frequency[panel.key]]
        assert panel.latest_label == last[frequency[panel.key]].replace("Q", "q")


def test_every_indicator_has_its_latest_figure_numbers_status_and_chart() -> None:
    pack = build_pack(_inputs())
    assert len(pack.indicators) == 18
    for panel in pack.indicators:
        assert panel.latest != "–"
        assert panel.rag_word in {"Red", "Amber", "Green", "Not applicable"}
        assert panel.chart_svg.lstrip().startswith("<svg")
    rates = [p for p in pack.indicators if p.unit_label == "per 10,000 children"]
    assert rates and all("/" in p.counts for p in rates)


def test_exceptions_name_the_overdue_milestone_the_missing_report_and_the_risk() -> None:
    text = " | ".join(build_pack(_inputs()).exceptions)
    assert "Report A (Action A): overdue by 24 days" in text
    assert "Health assessments: not received" in text
    assert "Vacancies: score 20" in text
    assert "Report B" not in text


def test_the_risk_log_flags_each_risk_with_the_exception_reports_reasons() -> None:
    risks = [
        RiskState("k", "Vacancies", "Head of HR", 5, 4, date(2006, 10, 1), "Recruit"),
        # Within appetite and with no review date, but last looked at in May: stale.
        RiskState("s", "Data quality", "Head of PI", 2, 3, None, "Audit", date(2006, 5, 1)),
        RiskState("q", "Accommodation", "Head of LAC", 2, 2, None, "Plan", date(2006, 11, 1)),
    ]
    pack = build_pack(_inputs(risks=risks))
    flags = {r.title: r.flag for r in pack.risks}
    assert flags["Vacancies"].startswith("score 20 (5 × 4) is above the appetite of")
    assert "review was due on 1 October 2006" in flags["Vacancies"]
    assert flags["Data quality"].startswith("not reviewed in")
    assert flags["Accommodation"] == ""
    for title, flag in flags.items():
        listed = [line for line in pack.exceptions if line.startswith(f"{title}: ")]
        assert listed == ([f"{title}: {flag}"] if flag else [])


def test_a_milestone_done_on_time_with_evidence_says_so() -> None:
    lines = {m.title: m for m in build_pack(_inputs()).milestones}
    assert lines["Report B"].status == "Done on time"
    assert lines["Report B"].evidence == ("Minutes of 26 September",)
    assert lines["Report A"].status == "Overdue"


def test_the_same_inputs_render_byte_identical_html() -> None:
    assert render_html(build_pack(_inputs())) == render_html(build_pack(_inputs()))


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.h1 += tag == "h1"
        self.ids += [v for k, v in attrs if k == "id" and v and tag != "svg"]


def test_the_html_has_one_title_one_h1_a_synthetic_banner_and_no_outside_fetches() -> None:
    html = render_html(build_pack(_inputs()))
    outline = _Outline()
    outline.feed(re.sub(r"<svg.*?</svg>", "", html, flags=re.S))
    assert outline.h1 == 1
    assert len(outline.ids) == len(set(outline.ids))
    assert "<title>Board pack: " in html
    assert "synthetic" in html.lower()
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_a_real_programme_pack_carries_no_synthetic_banner() -> None:
    html = render_html(build_pack(_inputs(synthetic=False)))
    assert 'class="banner"' not in html


def test_an_indicator_rebased_for_spc_gets_limits_from_the_rebase_onwards() -> None:
    from improvement_board.core.packs.build import judge_all

    inputs = _inputs()
    plain = judge_all(inputs, Period(2006, 10))["ch-141"].spc
    indicators = [
        i.model_copy(update={"spc_rebase": ["2006-07"]}) if i.key == "ch-141" else i
        for i in inputs.programme.indicators
    ]
    rebased_programme = inputs.programme.model_copy(update={"indicators": indicators})
    rebased = judge_all(_inputs(programme=rebased_programme), Period(2006, 10))["ch-141"].spc
    assert rebased.limits != plain.limits
    july_onwards = [p.value for p in rebased.points if p.period >= Period(2006, 7)]
    assert rebased.limits is not None
    assert rebased.limits.mean == pytest.approx(sum(july_onwards) / len(july_onwards))


def _tied(threshold: float, completed: date | None = None) -> MilestoneState:
    return MilestoneState(
        "caf/cafs-completed",
        "Implement CAF",
        "40 CAFs completed",
        "CAF lead",
        date(2006, 12, 31),
        completed,
        indicator="cafs-completed",
        threshold=threshold,
    )


def test_a_milestone_tied_to_a_threshold_is_met_by_the_first_figure_that_reaches_it() -> None:
    series = {
        "cafs-completed": [
            Observation(Period(2006, 8), 12.0),
            Observation(Period(2006, 9), 25.0),
            Observation(Period(2006, 10), 41.0),
        ]
    }
    pack = build_pack(_inputs(series=series, milestones=[_tied(25)]))
    (line,) = pack.milestones[:1]
    assert (line.status, line.evidence) == (
        "Done on time",
        ("No of CAF’s completed reached 25 with 25 in September 2006 (from the figures)",),
    )


def test_a_restated_figure_below_the_threshold_undoes_the_completion() -> None:
    restated = {"cafs-completed": [Observation(Period(2006, 9), 24.0)]}
    pack = build_pack(_inputs(series=restated, milestones=[_tied(25)]))
    assert pack.milestones[0].status == "Not yet due"


def test_a_figure_after_the_meeting_does_not_meet_a_milestone_before_it() -> None:
    late = {"cafs-completed": [Observation(Period(2006, 12), 99.0)]}
    pack = build_pack(_inputs(series=late, milestones=[_tied(25)]))
    assert pack.milestones[0].status == "Not yet due"
