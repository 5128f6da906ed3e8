"""A chart's SVG is printed without what only an interactive page uses, and draws the same."""

from __future__ import annotations

import re

from improvement_board.core.packs.charts import ChartPoint, lean_svg, render_svg, trend_spec


def test_empty_shapes_and_interactive_attributes_are_dropped_and_drawing_is_kept() -> None:
    svg = (
        '<svg width="9"><g class="mark-group" role="graphics-object" aria-roledescription="x">'
        '<path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>'
        '<path class="foreground" d="" pointer-events="none" display="none"/>'
        '<path d="M1,2L3,4" stroke="#12436D"/><text fill="#000">Actual</text></g></svg>'
    )
    assert lean_svg(svg) == (
        '<svg width="9"><g><path d="M1,2L3,4" stroke="#12436D"/><text fill="#000">Actual</text>'
        "</g></svg>"
    )


def test_a_drawn_trend_chart_keeps_its_lines_points_and_labels() -> None:
    points = [ChartPoint(f"M{n}", float(n), float(n + 1)) for n in range(6)]
    svg = render_svg(trend_spec(title="A chart", unit_label="%", points=points, target=5.0))
    assert not re.search(r'\s(class|role|aria-[a-z]+|pointer-events)="', svg)
    assert "M0,0h0v0h0Z" not in svg
    assert ">A chart<" in svg and ">Actual<" in svg and ">Planned<" in svg and ">Target<" in svg
    assert svg.count("<path") >= 3
