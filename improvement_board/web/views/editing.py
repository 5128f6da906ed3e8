"""Pages where the programme manager (the programme's admin) changes the programme itself: its
indicators, action plan, risks, meetings and the rest. Each page only turns the form into the
programme file's fields and shows what the service found; the rules are the core's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from improvement_board.history import changes_of
from improvement_board.programmes.editing import (
    ChangedSinceOpened,
    EditRefused,
    indicator_edit,
    version_of,
)
from improvement_board.web.editing_forms import EditForm, IndicatorForm
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import indicator_or_404, posted, programme_or_404

Save = Callable[[dict[str, Any], str, str], list[str]]


def saved(request: HttpRequest, form: EditForm, save: Save, what: str) -> bool:
    """Whether the form's changes were saved; otherwise the form carries every problem."""
    if not form.is_valid():
        return False
    try:
        changed = save(form.changes(), form.cleaned_data["reason"], form.cleaned_data["version"])
    except EditRefused as refused:
        form.show(refused.problems)
        return False
    except ChangedSinceOpened as changed_since:
        form.add_error(None, str(changed_since))
        return False
    if changed:
        messages.success(request, f"Your changes to {what} are saved.")
    else:
        messages.info(request, f"Nothing was changed in {what}.")
    return True


@role_required("admin")
@require_http_methods(["GET", "POST"])
def indicator_change(request: HttpRequest, programme: str, indicator: str) -> HttpResponse:
    """Change an indicator: its name, owner, baseline, target or band, tolerance, milestones."""
    found_programme = programme_or_404(programme)
    row = indicator_or_404(found_programme, indicator)
    form = IndicatorForm(posted(request), initial=IndicatorForm.initial_of(row, version_of(row)))

    def save(changes: dict[str, Any], reason: str, version: str) -> list[str]:
        return indicator_edit(
            indicator=row, changes=changes, reason=reason, version=version, user=request.user
        )

    if saved(request, form, save, f"the indicator “{row}”"):
        return redirect("indicator", programme=found_programme.key, indicator=row.key)
    context = {
        "programme": found_programme,
        "section": "overview",
        "indicator": row,
        "form": form,
        "changes": changes_of(row),
    }
    return render(request, "web/edit/indicator.html", context)
