"""A Minister's report marked for publication gives nothing away that a suppressed figure hides."""

from __future__ import annotations

import re

from improvement_board.core.judge import Observation
from improvement_board.core.packs.minister import build_minister_report
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from tests.core.packs.minister_inputs import (
    DECEMBER,
    PROGRAMME,
    demo_benchmarks,
    list_items,
    minister_inputs,
    register,
    series_upto,
    with_figure,
)

SEPTEMBER = Period(2006, 9)
CARE_LEAVERS = PROGRAMME.indicator("sc-5037")


def _september(**changes: object) -> dict[str, object]:
    """The demo's figures to September 2006 and its comparators, as the October inputs."""
    values: dict[str, object] = {
        "meeting": Period(2006, 10),
        "series": series_upto(SEPTEMBER),
        "benchmarks": demo_benchmarks(),
        "charts": True,
    }
    return values | changes


def test_the_september_2006_report_shows_nothing_of_sc_5037_but_c() -> None:
    inputs = minister_inputs(**_september())
    html = render_minister_html(build_minister_report(inputs, SEPTEMBER, publish=True))
    row = register(html)[CARE_LEAVERS.label]
    assert [kind for kind, _ in row] == [
        "",
        "figure",
        "counts",
        "",
        "",
        "",
        "benchmark",
        "withheld",
    ]
    # baseline (its cohort of 20 is a total that hides nothing), figure, counts, target (the
    # plan's, not a figure), status, direction over the quarter
    assert [text for _, text in row[:6]] == ["c (c/20)", "c", "c/c", "100%", "c", "c"]
    comparison = row[6][1]
    assert comparison.startswith(
        "Compared with other councils: 2005-06 (published 28 September 2006): "
        "Herefordshire, County of c."
    )
    assert "89.5" not in comparison and "Rank " not in comparison
    assert not [line for line in list_items(html, "exceptions") if "SC 5037" in line]
    assert 'id="trend-sc-5037"' not in html
    internal = render_minister_html(build_minister_report(inputs, SEPTEMBER))
    assert "Herefordshire, County of 89.5%" in internal
    assert any("SC 5037" in line for line in list_items(internal, "exceptions"))


def test_the_register_says_in_words_what_was_withheld_and_why() -> None:
    inputs = minister_inputs(**_september())
    report = build_minister_report(inputs, SEPTEMBER, publish=True)
    line = next(i for i in report.indicators if i.key == "sc-5037")
    assert line.withheld[0] == (
        "Figure and baseline: a count of 1 to 5 is behind it, or could be worked out from it."
    )
    assert line.withheld[1] == (
        "Status and the council's own comparator figure and rank: worked out from the "
        "September 2006 figure, which is suppressed."
    )
    assert not any(re.search(r"\d+(\.\d+)?%", sentence) for sentence in line.withheld)
    internal = build_minister_report(inputs, SEPTEMBER)
    assert all(i.withheld == () for i in internal.indicators)


def test_the_summary_counts_withheld_statuses_apart_without_their_colour() -> None:
    inputs = minister_inputs(**_september())
    published = dict(build_minister_report(inputs, SEPTEMBER, publish=True).summary)
    internal = dict(build_minister_report(inputs, SEPTEMBER).summary)
    withheld = published.pop("Status withheld (c)")
    assert withheld >= 1
    assert sum(published.values()) + withheld == sum(internal.values()) == 18


def test_a_hidden_figure_is_no_exception_and_gets_no_chart() -> None:
    hidden = Observation(DECEMBER, 5 / 37 * 100, 5, 37)
    inputs = with_figure(minister_inputs(charts=True), "sw-turnover", hidden)
    published = build_minister_report(inputs, DECEMBER, publish=True)
    assert not [line for line in published.exceptions if "turnover rate" in line]
    assert "sw-turnover" not in [c.key for c in published.charts]
    line = next(i for i in published.indicators if i.key == "sw-turnover")
    assert (line.figure, line.rag_word, line.direction) == ("c", "c", "c")
    internal = build_minister_report(inputs, DECEMBER)
    assert any("13.5% against" in e for e in internal.exceptions)
    chart = next(c for c in internal.charts if c.key == "sw-turnover")
    assert chart.months[-1].actual == "13.5%"


def test_a_forecast_through_a_suppressed_month_goes_and_the_red_it_was_beside_stays() -> None:
    # CAFs completed: April 2006's count is small, and the six months of the trend include it.
    inputs = minister_inputs(**_september())
    internal = build_minister_report(inputs, SEPTEMBER).exceptions
    published = build_minister_report(inputs, SEPTEMBER, publish=True).exceptions
    [before] = [line for line in internal if line.startswith("No of CAF")]
    [after] = [line for line in published if line.startswith("No of CAF")]
    assert "red in September 2006: 17 against 20 planned" in before and "forecast:" in before
    assert after == before.split("; forecast:")[0]


def test_a_red_indicator_with_a_suppressed_earlier_month_is_charted_with_that_month_as_c() -> None:
    inputs = minister_inputs(**_september())
    report = build_minister_report(inputs, SEPTEMBER, publish=True)
    chart = next(c for c in report.charts if c.key == "cafs-completed")
    assert chart.months[0].actual == "c"
    assert chart.months[-1].actual == "17"


def test_a_suppressed_baseline_withholds_the_status_judged_against_its_plan() -> None:
    figures = [Observation(Period(2006, m), 75.0, 30, 40) for m in range(4, 13)]
    series = dict(minister_inputs().series) | {"sc-5037": figures}
    inputs = minister_inputs(series=series)
    line = next(
        i
        for i in build_minister_report(inputs, DECEMBER, publish=True).indicators
        if i.key == "sc-5037"
    )
    assert (line.figure, line.counts, line.baseline) == ("75.0%", "30/40", "c (c/20)")
    assert line.rag_word == "c"
    assert line.withheld[-1] == (
        "Status: judged against a plan that starts from the baseline, which is suppressed."
    )
