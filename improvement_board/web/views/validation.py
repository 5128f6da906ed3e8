"""Validating figures: an approver who did not record them signs a return's figures off."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from improvement_board.accounts.roles import Refused
from improvement_board.programmes.validation import drafts_of, measurements_validate
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import programme_or_404


@role_required("approver")
@require_http_methods(["GET", "POST"])
def figures_validate(request: HttpRequest, programme: str) -> HttpResponse:
    """The draft figures by period; the ticked ones are validated, those the approver recorded
    themselves refused with the reason."""
    found_programme = programme_or_404(programme)
    drafts = drafts_of(programme=found_programme)
    if request.method == "POST":
        chosen = set(request.POST.getlist("figure"))
        picked = [m for m in drafts if str(m.pk) in chosen]
        if not picked:
            messages.error(request, "Tick the figures you have checked")
        else:
            try:
                report = measurements_validate(
                    programme=found_programme, figures=picked, user=request.user
                )
            except Refused as refused:
                messages.error(request, str(refused))
            else:
                if report.validated:
                    messages.success(request, f"{len(report.validated)} figure(s) validated.")
                for line in report.refused:
                    messages.error(request, line)
                return redirect("figures-validate", programme=found_programme.key)
    periods = [(period, list(rows)) for period, rows in groupby(drafts, key=lambda m: m.period)]
    context = {"programme": found_programme, "section": "overview", "periods": periods}
    return render(request, "web/figures_validate.html", context)
