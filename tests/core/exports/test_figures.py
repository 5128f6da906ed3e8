"""Every figure as a row: its period as its cadence names it, its value, counts, marker, note,
status and revision; marked for publication, as the Minister's report prints figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from improvement_board.core.disclosure import PENDING_REVIEW
from improvement_board.core.exports.figures import SMALL_DENOMINATOR, StoredFigure, figures_sheet
from improvement_board.core.exports.model import UNIT_KINDS, Quantity, Sheet
from improvement_board.core.markers import Marker
from improvement_board.core.periods import Period
from tests.core.exports.figures import PROGRAMME, stored


def _row(sheet: Sheet, figure: StoredFigure) -> dict[str, object]:
    [row] = [
        r for r in sheet.rows if r[0] == figure.indicator.key and r[5] == figure.period.last_day
    ]
    return dict(zip(sheet.headings, row, strict=True))


def test_each_figure_has_its_period_by_cadence_value_counts_status_and_revision() -> None:
    figures = stored()
    sheet = figures_sheet(figures, publish=False)
    assert len(sheet.rows) == len(figures)
    quarterly = next(f for f in figures if f.indicator.cadence.frequency == "quarterly")
    row = _row(sheet, quarterly)
    assert str(row["Period"]).startswith("Quarter to ")
    unit = quarterly.indicator
    assert row["Value"] == Quantity(quarterly.value or 0, UNIT_KINDS[unit.unit], unit.decimals)
    monthly = _row(sheet, figures[0])
    assert monthly["Period"] == "April 2006" and monthly["Period ends"] == date(2006, 4, 30)
    assert (monthly["Status"], monthly["Revision"]) == ("Provisional", 1)
    assert monthly["Numerator"] == figures[0].numerator


def test_a_marker_is_shown_with_its_meaning() -> None:
    figure = replace(stored()[0], value=None, numerator=None, denominator=None, marker=Marker("u"))
    row = _row(figures_sheet([figure], publish=False), figure)
    assert row["Value"] is None
    assert row["DfE marker"] == "u (not available: low reliability)"


def test_published_a_small_count_and_what_gives_it_away_are_c_and_the_note_is_withheld() -> None:
    sc = PROGRAMME.indicator("sc-5037")
    figure = StoredFigure(sc, Period(2006, 9), 95.0, 19, 20, note="one young person in B&B")
    inside = _row(figures_sheet([figure], publish=False), figure)
    assert (inside["Numerator"], inside["Denominator"]) == (19, 20)
    assert inside["Note"] == "one young person in B&B"
    published = figures_sheet([figure], publish=True)
    row = _row(published, figure)
    assert (row["Value"], row["Numerator"], row["Denominator"]) == ("c", "c", 20)
    assert row["Note"] == PENDING_REVIEW
    assert "Recorded by" not in published.headings


def test_published_a_reviewed_note_and_a_safe_figure_are_printed() -> None:
    ch = PROGRAMME.indicator("ch-141")
    figure = StoredFigure(
        ch, Period(2006, 9), 175.0, 633, 36171, note="annualised", reviewed_for_publication=True
    )
    row = _row(figures_sheet([figure], publish=True), figure)
    assert row["Value"] == Quantity(175.0, "rate", ch.decimals)
    assert (row["Numerator"], row["Denominator"], row["Note"]) == (633, 36171, "annualised")


def test_a_rate_on_a_small_denominator_is_flagged() -> None:
    sc = PROGRAMME.indicator("sc-5037")
    figure = StoredFigure(sc, Period(2006, 9), 87.5, 7, 8)
    assert _row(figures_sheet([figure], publish=False), figure)["Flag"] == SMALL_DENOMINATOR
