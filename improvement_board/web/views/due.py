"""The "due from me" page: what the posts a person holds owe the programme's next meeting."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from improvement_board.due import due_from, next_meeting
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import programme_or_404


@role_required("reader")
@require_safe
def due(request: HttpRequest, programme: str) -> HttpResponse:
    """Everything due from the signed-in person before the next meeting; ``?on=YYYY-MM-DD``
    looks from another day (a past programme, or planning ahead)."""
    found_programme = programme_or_404(programme)
    today, bad_day = dt.date.today(), ""
    if "on" in request.GET:
        try:
            today = dt.date.fromisoformat(request.GET["on"])
        except ValueError:
            bad_day = request.GET["on"][:40]
    context = {
        "programme": found_programme,
        "section": "due",
        "today": today,
        "bad_day": bad_day,
        "coming": next_meeting(programme=found_programme, today=today),
        "items": due_from(user=request.user, programme=found_programme, today=today),
        "posts": list(getattr(request.user, "posts", None) or []),
    }
    return render(request, "web/due.html", context)
