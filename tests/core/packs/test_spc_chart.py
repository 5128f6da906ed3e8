"""The SPC control chart's spec draws what the XmR analysis judged: limits per segment, signals
marked by what they say, the target and each rebase; its table says the same in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from improvement_board.core.demo import demo_figures
from improvement_board.core.judge import JudgeSettings, Observation, judge
from improvement_board.core.packs.build import PackInputs, judge_all
from improvement_board.core.packs.spc_chart import (
    LINES,
    SpcChartPoint,
    chart_points,
    indicator_spc,
    spc_chart,
    spc_spec,
)
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.core.spc import OUTSIDE, SpcSettings, analyse, xmr_limits
from improvement_board.core.units import Polarity
from improvement_board.demo import SEED_PROGRAMME

STEADY = [10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0]
MONTHS = [Period(2024, 1).shift(n) for n in range(13)]


def _layer(spec: dict[str, Any], name: str) -> dict[str, Any]:
    found = [layer for layer in spec["layer"] if layer.get("name") == name]
    assert len(found) == 1, f"one {name} layer"
    return found[0]


def _names(spec: dict[str, Any]) -> list[str]:
    return [layer.get("name", "") for layer in spec["layer"]]


def _points(
    values: list[float],
    *,
    polarity: Polarity = "higher",
    rebase: tuple[Period, ...] = (),
    fix_after: int | None = None,
) -> list[SpcChartPoint]:
    summary = analyse(
        list(zip(MONTHS, values, strict=False)),
        polarity=polarity,
        settings=SpcSettings(rebase_at=rebase, fix_after=fix_after),
    )
    return chart_points(summary, label=lambda p: p.short_label, name=str, rebase_at=rebase)


def test_the_limits_layer_carries_the_mean_and_both_limits_of_the_xmr_analysis() -> None:
    points = _points([*STEADY, 11.0])
    spec = spc_spec(title="t", unit_label="%", points=points)
    limits = xmr_limits([*STEADY, 11.0])
    assert limits is not None
    rows = _layer(spec, "limits")["data"]["values"]
    by_line = {line: {r["value"] for r in rows if r["line"] == line} for line in LINES}
    assert by_line == {
        "Upper process limit": {limits.upper},
        "Mean": {limits.mean},
        "Lower process limit": {limits.lower},
    }
    assert len(rows) == 3 * 13


def test_a_point_outside_the_limits_is_a_signal_of_improvement_when_higher_is_better() -> None:
    spec = spc_spec(title="t", unit_label="%", points=_points([*STEADY, 30.0], fix_after=12))
    signals = _layer(spec, "signals")["data"]["values"]
    assert signals == [
        {"order": 12, "label": "Jan 25", "value": 30.0, "signal": "Improvement", "rule": OUTSIDE}
    ]


def test_the_same_point_is_a_concern_when_lower_is_better_and_drawn_in_another_shape() -> None:
    spec = spc_spec(
        title="t", unit_label="%", points=_points([*STEADY, 30.0], polarity="lower", fix_after=12)
    )
    layer = _layer(spec, "signals")
    assert [s["signal"] for s in layer["data"]["values"]] == ["Concern"]
    shapes = dict(
        zip(
            layer["encoding"]["shape"]["scale"]["domain"],
            layer["encoding"]["shape"]["scale"]["range"],
            strict=True,
        )
    )
    assert shapes["Concern"] != shapes["Improvement"]


def test_a_steady_series_has_no_signals_layer() -> None:
    spec = spc_spec(title="t", unit_label="%", points=_points([*STEADY, 11.0]))
    assert "signals" not in _names(spec)
    assert "figures" in _names(spec)


def test_a_rebase_starts_new_limits_in_a_new_segment_and_is_drawn_as_a_labelled_line() -> None:
    rebase = (MONTHS[6],)
    values = [10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 20.0, 21.0, 20.0, 21.0, 20.0, 21.0]
    points = _points(values, rebase=rebase)
    assert [p.segment for p in points] == [0] * 6 + [1] * 6
    assert points[0].mean == pytest.approx(10.5)
    assert points[6].mean == pytest.approx(20.5)
    spec = spc_spec(title="t", unit_label="%", points=points, rebased=["Jul 24"])
    rebase_layer = _layer(spec, "rebase")
    assert rebase_layer["data"]["values"] == [{"order": 6, "label": "Jul 24"}]
    assert rebase_layer["layer"][1]["encoding"]["text"] == {"value": "Rebased"}
    detail = _layer(spec, "limits")["encoding"]["detail"]
    assert {"field": "segment"} in detail


def test_a_target_is_a_line_across_the_chart_and_a_band_is_shaded_instead() -> None:
    points = _points(STEADY)
    with_target = spc_spec(title="t", unit_label="%", points=points, target=12.0)
    target = _layer(with_target, "target")
    assert target["data"]["values"] == [{"value": 12.0}]
    assert "x" not in target["layer"][0]["encoding"]
    banded = spc_spec(title="t", unit_label="%", points=points, target=12.0, band=(9.0, 12.0))
    assert "target" not in _names(banded)
    assert _layer(banded, "band")["data"]["values"] == [{"low": 9.0, "high": 12.0}]


def test_points_without_limits_draw_no_limit_lines() -> None:
    spec = spc_spec(title="t", unit_label="%", points=_points([10.0]))
    assert _names(spec) == ["figures"]


def test_an_indicators_chart_has_its_finding_as_title_a_table_and_an_svg() -> None:
    programme = load_programme(SEED_PROGRAMME)
    indicator = programme.indicators[0].model_copy(update={"spc_rebase": ["2024-07"]})
    values = [*STEADY[:6], 30.0, 31.0, 30.0, 31.0, 30.0, 45.0]
    series = [Observation(p, v) for p, v in zip(MONTHS, values, strict=False)]
    settings = JudgeSettings(spc=SpcSettings(rebase_at=(Period(2024, 7),)))
    judgement = judge(
        indicator, series, programme=programme.programme, period=MONTHS[11], settings=settings
    )
    chart = spc_chart(indicator, judgement)
    assert chart.title.endswith("special cause variation: improvement")
    assert chart.rebased == ("July 2024",)
    assert [r.name for r in chart.rows][:2] == ["January 2024", "February 2024"]
    assert chart.rows[-1].signal == f"Improvement: {OUTSIDE}"
    assert chart.summary.startswith("Special cause variation: improvement.")
    assert chart.basis == "Limits from all 6 points, rebased from 2024-07."
    assert chart.svg.startswith("<svg") and "Rebased" in chart.svg and "Target" in chart.svg
    assert spc_chart(indicator, judgement, draw=False).svg == ""


def test_a_pages_chart_is_judged_as_the_pack_judges_the_indicator() -> None:
    programme = load_programme(SEED_PROGRAMME)
    rebased = [
        i.model_copy(update={"spc_rebase": ["2006-08"]}) if i.key == "ch-141" else i
        for i in programme.indicators
    ]
    programme = programme.model_copy(update={"indicators": rebased})
    series: dict[str, list[Observation]] = {}
    for figure in demo_figures(programme):
        series.setdefault(figure.indicator, []).append(
            Observation(figure.period, figure.value, figure.numerator, figure.denominator)
        )
    inputs = PackInputs(
        programme=programme, meeting=Period(2006, 11), as_at=dt.date(2006, 11, 1), series=series
    )
    chart = indicator_spc(inputs, "ch-141", draw=False)
    judgement = judge_all(inputs, Period(2006, 10))["ch-141"]
    assert [r.name for r in chart.rows][-1] == "October 2006"  # nothing after the month judged
    assert chart.summary.startswith(judgement.spc.variation.word)
    assert chart.rebased == ("August 2006",)
    assert chart.basis == "Limits from all 3 points, rebased from 2006-08."
    with pytest.raises(LookupError):
        indicator_spc(inputs, "no-such-indicator")
