"""What the board reads: the indicator register for a month, and one indicator in full."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from improvement_board.core.packs.model import IndicatorPanel, MonthRow
from improvement_board.core.periods import Period
from improvement_board.history import changes_of
from improvement_board.programmes.models import Indicator, Programme
from improvement_board.programmes.selectors import programme_indicator_cadence
from improvement_board.web import queries
from improvement_board.web.charts import indicator_charts
from improvement_board.web.roles import has_role, role_required
from improvement_board.web.views.common import (
    indicator_or_404,
    month_or_404,
    neighbours,
    programme_or_404,
)


@role_required("reader")
@require_safe
def overview(request: HttpRequest, programme: str) -> HttpResponse:
    """Every indicator's status at a month (the latest with figures unless ?month= says), and
    the exceptions the board must look at."""
    found_programme = programme_or_404(programme)
    month = month_or_404(found_programme, request.GET.get("month"))
    previous, following = neighbours(found_programme, month)
    context = {
        "programme": found_programme,
        "section": "overview",
        "month": month,
        "previous": previous,
        "following": following,
        "pack": queries.programme_status(programme=found_programme, month=month),
        "can_write": has_role(request.user, "officer", found_programme),
        "can_manage": has_role(request.user, "admin", found_programme),
    }
    return render(request, "web/overview.html", context)


@role_required("reader")
@require_safe
def indicator(request: HttpRequest, programme: str, indicator: str) -> HttpResponse:
    """One indicator as at a month: its facts, trend chart, monthly figures with their counts,
    the month's commentary, and every version of every figure."""
    found_programme = programme_or_404(programme)
    found_indicator = indicator_or_404(found_programme, indicator)
    month = month_or_404(found_programme, request.GET.get("month"))
    inputs = queries.month_inputs(programme=found_programme, month=month, charts=True)
    panel = queries.indicator_panel(inputs=inputs, indicator=found_indicator)
    previous, following = neighbours(found_programme, month)
    context = {
        "programme": found_programme,
        "section": "overview",
        "indicator": found_indicator,
        "month": month,
        "previous": previous,
        "following": following,
        "panel": panel,
        "months": _months(found_programme, found_indicator, month, panel),
        "history": queries.figure_history(indicator=found_indicator),
        "can_write": has_role(request.user, "officer", found_programme),
        "charts": indicator_charts(inputs=inputs, indicator=found_indicator),
        "can_edit": has_role(request.user, "admin", found_programme),
        "indicator_changes": changes_of(found_indicator),
    }
    return render(request, "web/indicator.html", context)


def _months(
    programme: Programme, indicator: Indicator, month: Period, panel: IndicatorPanel
) -> list[tuple[Period, str, MonthRow | None]]:
    """Every period of the indicator's cadence in the programme up to ``month``, each with its
    name and its row of figures or None: a period with no figure shows as a gap an officer can
    fill."""
    rows = {row.period: row for row in panel.months}
    cadence = programme_indicator_cadence(indicator)
    months = queries.programme_months(programme=programme)
    periods = cadence.periods(months[0], min(month, months[-1]))
    return [(p, cadence.name(p).removeprefix("the "), rows.get(str(p))) for p in periods]
