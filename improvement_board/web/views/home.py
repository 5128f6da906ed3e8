"""The first page after signing in: the programmes held here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from improvement_board.web import queries
from improvement_board.web.roles import role_required


@role_required("reader")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"programmes": queries.programme_list()})
