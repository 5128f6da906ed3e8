"""The first page after signing in: the programmes this person belongs to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from improvement_board.programmes.members import programmes_visible
from improvement_board.web.roles import role_required


@role_required("reader")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    programmes = programmes_visible(user=request.user)
    return render(request, "web/home.html", {"programmes": programmes})
