"""Benchmarks in words, a table and a chart: what a pack panel and an indicator page show.

One sentence says which figure, which period, which group and which publication; the table lays
the last ten periods out as DfE's LAIT does (the council, its change from the period before, the
neighbours' average, the region, England, the quartile band); the chart draws the council
against its neighbours' range and average and England. A neighbour without a figure is named
with the reason, so the group's size is never a mystery.
"""

from __future__ import annotations

from improvement_board.core.benchmarks import Benchmark, Comparison, Figure
from improvement_board.core.dfe_rates import round_half_up
from improvement_board.core.packs.charts import BenchmarkPoint, benchmark_spec, render_svg
from improvement_board.core.packs.model import BenchmarkRow
from improvement_board.core.units import UNIT_LABELS, Unit, format_value

NATIONAL = 100
"""A position among at least this many councils is national (England has 153); fewer come from
a comparator file that gives only some councils, and the position is said to be among them."""


def show(value: float | None, unit: Unit, decimals: int) -> str:
    """A figure at the precision it is published to, rounded as DfE rounds (half up)."""
    if value is None:
        return "–"
    return format_value(round_half_up(value, decimals), unit, decimals)


def _figure(figure: Figure | None, unit: Unit, decimals: int) -> str:
    if figure is None:
        return "–"
    if figure.marker is not None:
        return figure.marker.symbol if figure.marker.symbol != "range" else figure.marker.written
    return show(figure.value, unit, decimals)


def benchmark_text(comparison: Comparison | None, *, withhold_own: bool = False) -> str:
    """The benchmark in a few sentences: the council against its neighbours, its region and
    England, its national rank and band, and where the figures come from. ``withhold_own``
    (a publishable output whose own figure is suppressed) prints the council's own figure, rank
    and band as ``c``; the other councils' figures stay, as they are published already."""
    if comparison is None:
        return ""
    b, unit = comparison.latest, comparison.unit
    d = b.decimals
    when = comparison.label
    published = _published(comparison)
    own = _figure(b.own, unit, d)
    if b.own is not None and b.own.marker is not None:
        own = b.own.marker.text
    if withhold_own:
        own = "c"
    parts = [f"{when[0].upper()}{when[1:]} ({published}): {b.council_name} {own}."]
    parts.append(_group_sentence(b, unit))
    places = []
    if b.region is not None:
        places.append(f"{b.region.name} {_figure(b.region, unit, d)}")
    if b.england is not None:
        places.append(f"England {_figure(b.england, unit, d)}")
    if places:
        parts.append("; ".join(places) + ".")
    withheld = "National rank and quartile band: c (withheld with the council's own figure)."
    parts.append(withheld if withhold_own else _position_sentence(b))
    parts.append(f"Source: {comparison.source}.")
    return " ".join(p for p in parts if p)


def _published(comparison: Comparison) -> str:
    day = comparison.published
    if day is None:
        return "publication date not recorded"
    if comparison.published_known:
        return f"published {day.day} {day:%B %Y}"
    return f"published by {day:%B %Y}"


def _group_sentence(b: Benchmark, unit: Unit) -> str:
    group = b.group
    if not group.group.members:
        return "No comparator group is set."
    d = b.decimals
    average = show(group.average(d), unit, d)
    text = (
        f"{group.group.name}: average {average} of the {len(group.used)} of {group.size} "
        "with a figure"
    )
    if group.used:
        text += (
            f" (median {show(group.median, unit, d)}, range {show(group.low, unit, d)} to "
            f"{show(group.high, unit, d)})"
        )
    text += "."
    if group.absent:
        missing = "; ".join(f"{a.name} ({a.council}): {a.reason}" for a in group.absent)
        text += f" Without a figure: {missing}."
    return text


def _position_sentence(b: Benchmark) -> str:
    position = b.position
    if b.polarity not in ("higher", "lower"):
        return "No national rank or quartile band: higher is neither better nor worse."
    if position.rank is None:
        return f"Not ranked: no figure ({position.of} councils have one)."
    better = "lowest" if b.polarity == "lower" else "highest"
    if position.of >= NATIONAL:
        return (
            f"National rank {position.rank} of {position.of} (1 is the {better}), quartile band "
            f"{position.band} (A is the best quarter)."
        )
    return (
        f"Rank {position.rank} of the {position.of} councils with a figure (1 is the {better}), "
        f"quartile band {position.band} among them (A is the best quarter)."
    )


def benchmark_rows(comparison: Comparison) -> tuple[BenchmarkRow, ...]:
    """The table over the periods, latest first, as LAIT lays it out."""
    unit, rows = comparison.unit, []
    previous: Benchmark | None = None
    for b in comparison.history:
        d = b.decimals
        change = "–"
        if previous is not None and b.council_value is not None:
            before = previous.council_value
            if before is not None:
                step = round_half_up(b.council_value, d) - round_half_up(before, d)
                change = f"{step:+.{d}f}"
        rows.append(
            BenchmarkRow(
                label=comparison.cadence.name(b.period),
                council=_figure(b.own, unit, d),
                change=change,
                average=show(b.group.average(d), unit, d),
                region=_figure(b.region, unit, d),
                england=_figure(b.england, unit, d),
                band=b.position.band or "–",
            )
        )
        previous = b
    return tuple(reversed(rows))


def benchmark_chart(comparison: Comparison, *, charts: bool = True) -> tuple[str, str]:
    """The chart's title (its finding) and its SVG."""
    latest = comparison.latest
    title = (
        f"{latest.council_name} against its neighbours and England, {len(comparison.history)} years"
    )
    if not charts or len(comparison.history) < 2:
        return title, ""  # one period is a table row, not a trend
    points = [
        BenchmarkPoint(
            comparison.cadence.short_label(b.period),
            b.council_value,
            b.group.mean,
            b.group.low,
            b.group.high,
            b.england.value if b.england is not None else None,
        )
        for b in comparison.history
    ]
    spec = benchmark_spec(
        title=title,
        unit_label=UNIT_LABELS[comparison.unit] or "value",
        points=points,
        council=latest.council_name,
    )
    return title, render_svg(spec)


def benchmark_brief(comparison: Comparison | None) -> str:
    """One line for a terminal table: the council, its neighbours, England and its band."""
    if comparison is None:
        return "–"
    b, unit, d = comparison.latest, comparison.unit, comparison.latest.decimals
    parts = [f"{_figure(b.own, unit, d)} ({comparison.cadence.short_label(b.period)})"]
    if b.group.used:
        parts.append(f"neighbours {show(b.group.average(d), unit, d)}")
    if b.england is not None:
        parts.append(f"England {_figure(b.england, unit, d)}")
    if b.position.band is not None:
        parts.append(f"band {b.position.band}")
    return "; ".join(parts)


def comparison_record(comparison: Comparison) -> dict[str, object]:
    """The comparison as plain data, for ``--json`` and the API: every period, every figure at
    its published precision, each neighbour without a figure with the reason."""
    unit = comparison.unit

    def figure(f: Figure | None, d: int) -> dict[str, object] | None:
        if f is None:
            return None
        return {
            "area": f.area,
            "name": f.name,
            "value": f.value,
            "marker": f.marker.stored if f.marker else None,
            "shown": _figure(f, unit, d),
            "own_calculation": f.own,
        }

    return {
        "title": comparison.title,
        "source": comparison.source,
        "unit": unit,
        "latest": comparison.label,
        "published": comparison.published.isoformat() if comparison.published else None,
        "published_known": comparison.published_known,
        "periods": [
            {
                "period": str(b.period),
                "label": comparison.cadence.label(b.period),
                "council": figure(b.own, b.decimals),
                "group": b.group.group.name,
                "neighbours_average": b.group.average(b.decimals),
                "neighbours_median": b.group.median,
                "neighbours_range": [b.group.low, b.group.high],
                "neighbours_with_a_figure": len(b.group.used),
                "neighbours": b.group.size,
                "without_a_figure": [
                    {"council": a.council, "name": a.name, "reason": a.reason}
                    for a in b.group.absent
                ],
                "region": figure(b.region, b.decimals),
                "england": figure(b.england, b.decimals),
                "national_rank": b.position.rank,
                "ranked": b.position.of,
                "quartile_band": b.position.band,
                "quartiles": list(b.position.quartiles) if b.position.quartiles else None,
            }
            for b in comparison.history
        ],
    }
