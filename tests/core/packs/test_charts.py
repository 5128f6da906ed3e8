"""The pack's trend chart: a target is a line or band across the chart, not a mark at a period."""

from __future__ import annotations

from improvement_board.core.packs.charts import ChartPoint, render_svg, trend_spec

POINTS = [
    ChartPoint("Apr 06", 50.0, 50.0),
    ChartPoint("May 06", 55.0, 52.0),
    ChartPoint("Jun 06", None, 54.0),
    ChartPoint("Jul 06", 60.0, 56.0),
]


def _layers_with_x(spec: dict) -> list[dict]:
    return [layer for layer in spec["layer"] if "x" in layer.get("encoding", {})]


def test_only_the_lines_and_their_labels_are_placed_at_a_period() -> None:
    spec = trend_spec(title="CH 141", unit_label="%", points=POINTS, target=80.0)
    assert "x" not in spec["encoding"]
    assert len(_layers_with_x(spec)) == 2  # the lines and their end labels
    target = spec["layer"][-1]
    assert all("x" not in part["encoding"] for part in target["layer"])


def test_no_axis_label_is_undefined_with_a_target_line_or_band() -> None:
    for target, band in ((80.0, None), (None, (40.0, 45.0))):
        svg = render_svg(
            trend_spec(title="CH 141", unit_label="%", points=POINTS, target=target, band=band)
        )
        assert "undefined" not in svg
        assert "Apr 06" in svg and "Jul 06" in svg
