"""Reviewing free text for publication: an approver reads each text a publishable output may
carry and marks the words reviewed; an edit to them withdraws the mark (improvement_board/
publication.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from improvement_board.meetings.models import ReportItem
from improvement_board.plans.models import Evidence
from improvement_board.programmes.models import Commentary, Programme
from improvement_board.publication import publication_review_mark
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import programme_or_404


@dataclass(frozen=True)
class Text:
    """One free text as the page lists it."""

    ref: str
    kind: str
    about: str
    text: str
    row: Any


def texts_of(programme: Programme) -> list[Text]:
    """Every free text of the programme that a publishable output may carry, one query a kind."""
    found: list[Text] = []
    commentary = Commentary.objects.filter(indicator__programme=programme).select_related(
        "indicator", "publication_reviewed_by"
    )
    for c in commentary.order_by("-period", "indicator__position"):
        about = f"{c.indicator} ({c.period})"
        found.append(Text(f"commentary:{c.pk}", "Commentary", about, c.published_text, c))
    evidence = Evidence.objects.filter(milestone__action__programme=programme).select_related(
        "milestone", "publication_reviewed_by"
    )
    for e in evidence.order_by("-added_at"):
        about = e.milestone.title if e.milestone else ""
        found.append(Text(f"evidence:{e.pk}", "Evidence", about, e.note, e))
    reports = ReportItem.objects.filter(meeting__programme=programme).exclude(notes="")
    for r in reports.select_related("meeting", "publication_reviewed_by"):
        about = f"{r.title} ({r.meeting.period})"
        found.append(Text(f"report:{r.pk}", "Report note", about, r.notes, r))
    for k in programme.risks.exclude(mitigation="").select_related("publication_reviewed_by"):
        found.append(Text(f"risk:{k.pk}", "Risk mitigation", k.title, k.mitigation, k))
    return sorted(found, key=lambda t: t.row.reviewed_for_publication)


@role_required("approver")
@require_http_methods(["GET", "POST"])
def publication_review(request: HttpRequest, programme: str) -> HttpResponse:
    """The free texts, those not yet reviewed (or changed since) first; ticked ones are marked."""
    found_programme = programme_or_404(programme)
    texts = texts_of(found_programme)
    if request.method == "POST":
        chosen = set(request.POST.getlist("item"))
        marked = [t for t in texts if t.ref in chosen]
        if not marked:
            messages.error(request, "Tick the texts you have read and found fit to publish")
        else:
            with transaction.atomic():
                for t in marked:
                    publication_review_mark(row=t.row, user=request.user)
            messages.success(request, f"{len(marked)} text(s) marked reviewed for publication.")
            return redirect("publication-review", programme=found_programme.key)
    context = {"programme": found_programme, "section": "meetings", "texts": texts}
    return render(request, "web/publication_review.html", context)
