"""The first page after signing in (the programmes this person belongs to), and each
programme's dashboard: what is off track, what is due and what has changed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from improvement_board.programmes.members import programmes_visible
from improvement_board.web.dashboard import dashboard as dashboard_read
from improvement_board.web.roles import has_role, role_required
from improvement_board.web.views.common import month_or_404, neighbours, programme_or_404


@role_required("reader")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    programmes = programmes_visible(user=request.user)
    return render(request, "web/home.html", {"programmes": programmes})


@role_required("reader")
@require_safe
def dashboard(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme at a glance as at a month (the latest with figures unless ?month= says):
    off track, due by the next meeting, changed since the last one."""
    found = programme_or_404(programme)
    month = month_or_404(found, request.GET.get("month"))
    previous, following = neighbours(found, month)
    context = {
        "programme": found,
        "section": "dashboard",
        "month": month,
        "previous": previous,
        "following": following,
        "board": dashboard_read(programme=found, month=month),
        "can_write": has_role(request.user, "officer", found),
    }
    return render(request, "web/dashboard.html", context)
