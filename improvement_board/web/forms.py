"""The forms officers fill in. Each checks only what a person can fix on the page; the services
and the returns reader decide everything else, so the web and the console cannot drift."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django import forms

from improvement_board.core.periods import Period
from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import Programme as ProgrammeModel
from improvement_board.core.returns import parse_return
from improvement_board.meetings.models import ReportStatus
from improvement_board.programmes.measurements import Figure
from improvement_board.web.uploads import MAX_UPLOAD_BYTES

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_HINT = "For example, 24/11/2006"
SCORES = [(n, str(n)) for n in range(1, 6)]
_RETURN_HEADER = ["indicator", "period", "value", "numerator", "denominator", "note"]


def _text(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, **kwargs)


def _area(label: str, *, missing: str = "", **kwargs: Any) -> forms.CharField:
    """A text area; required when ``missing`` says what to ask for if it is left empty."""
    return forms.CharField(
        label=label,
        required=bool(missing),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": missing} if missing else {},
        **kwargs,
    )


def _date(label: str, *, missing: str = "") -> forms.DateField:
    """A date typed as people write it; required when ``missing`` says what to ask for."""
    return forms.DateField(
        label=label,
        required=bool(missing),
        input_formats=DATE_FORMATS,
        help_text=DATE_HINT,
        error_messages={"invalid": f"Enter a real date. {DATE_HINT}", "required": missing},
    )


def _score(label: str, missing: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing},
    )


class FigureForm(forms.Form):
    """One month's figure for one indicator, read as a one-row monthly return so it passes
    exactly the checks an uploaded row passes (counts agree with the value, percentages lie in
    0-100, counts only where the unit has them)."""

    value = _text(
        "Value",
        help_text="Leave blank to work it out from the numerator and denominator",
    )
    numerator = _text("Numerator", help_text="The count the rate or percentage is made from")
    denominator = _text("Denominator")
    note = _area("Note about this figure")
    reason = _area(
        "Reason for the change",
        help_text="Needed when this changes a figure already recorded for the month",
    )
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    """The revision of the figure the person opened (0: none was recorded)."""

    def __init__(
        self, *args: Any, model: ProgrammeModel, indicator: str, period: Period, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.model, self.indicator, self.period = model, indicator, period

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        if not any(data.get(name, "").strip() for name in ("value", "numerator", "denominator")):
            raise forms.ValidationError("Enter a value, or the numerator and denominator")
        try:
            data["figure"] = self._read(data)
        except ProblemsFound as found:
            for problem in found.problems:
                self.add_error(_field_of(problem.column), problem.message)
        return data

    def _read(self, data: dict[str, Any]) -> Figure:
        cells = [self.indicator, str(self.period), data["value"], data["numerator"]]
        cells += [data["denominator"], data["note"]]
        text = io.StringIO()
        csv.writer(text).writerows([_RETURN_HEADER, cells])
        [row] = parse_return(text.getvalue().encode("utf-8"), self.model, source="the form")
        return Figure(
            indicator=row.indicator,
            period=str(row.period),
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            note=row.note or "",
            marker=row.marker.stored if row.marker is not None else "",
        )


def _field_of(column: str | None) -> str | None:
    """The form field a returns-reader problem is about: its column header, as in "C (value)"."""
    for name in ("value", "numerator", "denominator", "note"):
        if column and f"({name})" in column:
            return name
    return None


class CommentaryForm(forms.Form):
    analysis = _area("Analysis of the figures")
    action = _area("Corrective action taken or planned")
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    """The token of the wording the person opened (programmes.services.commentary_token)."""
    reason = _area(
        "Reason for the change",
        help_text="Needed when changing commentary already saved; kept with its earlier words",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not (data["analysis"].strip() or data["action"].strip()):
            raise forms.ValidationError("Enter the analysis, the corrective action, or both")
        return data


class ReturnUploadForm(forms.Form):
    file = forms.FileField(
        label="Monthly return",
        help_text="A CSV file or an Excel workbook (.xlsx), smaller than 5 MB",
        error_messages={
            "required": "Choose the monthly return to upload",
            "empty": "The chosen file is empty",
        },
    )
    reason = _area(
        "Reason for any changed figures",
        help_text="Needed when the return changes figures already recorded, unless each "
        "changed row gives its reason in the note column",
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload

    def clean(self) -> dict[str, Any]:
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", "The file must be smaller than 5 MB")
        return self.cleaned_data


class ConfirmForm(forms.Form):
    """Confirms a checked upload; the file itself waits on the server."""

    token = forms.CharField(widget=forms.HiddenInput)


class ReportMarkForm(forms.Form):
    status = forms.ChoiceField(
        label="Has the report come?",
        choices=ReportStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the report has come",
            "invalid_choice": "Select whether the report has come",
        },
    )
    on = _date("Received on")
    reason = forms.CharField(
        label="Reason for the change",
        help_text="Needed when correcting a report already recorded as received; kept in its "
        "history.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        received = data.get("status") == ReportStatus.RECEIVED
        if received and not data.get("on") and "on" not in self.errors:
            self.add_error("on", f"Enter the date the report was received. {DATE_HINT}")
        return data


class MilestoneCompleteForm(forms.Form):
    on = _date("Completed on", missing=f"Enter the date the milestone was completed. {DATE_HINT}")
    evidence = _area(
        "Evidence",
        missing="Enter the evidence that shows the milestone was achieved",
        help_text="What shows the milestone was achieved",
    )
    link = forms.URLField(
        label="Link to the evidence (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link as a web address, like https://example.org"},
    )

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > date.today():
            raise forms.ValidationError("The date completed must be today or in the past")
        return on


class RiskReviewForm(forms.Form):
    on = _date("Reviewed on", missing=f"Enter the date the risk was reviewed. {DATE_HINT}")
    likelihood = _score(
        "Likelihood now, after mitigation (1 to 5)", "Select the likelihood now, from 1 to 5"
    )
    impact = _score("Impact now, after mitigation (1 to 5)", "Select the impact now, from 1 to 5")
    note = _area("What was decided", missing="Enter what the review decided")
    next_review = _date("Next review (optional)")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        on, following = data.get("on"), data.get("next_review")
        if on and following and following <= on:
            self.add_error("next_review", "The next review must be after this review")
        return data


ACTION_STATUSES = [
    ("milestones", "As its milestones say"),
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("deferred", "Deferred"),
]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ACTION_STATUSES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status", "invalid_choice": "Select the status"},
    )
    reason = _area("Why", missing="Enter why the status is set this way")


class EscalationForm(forms.Form):
    exception = forms.ChoiceField(
        label="Exception",
        error_messages={
            "required": "Select the exception escalated",
            "invalid_choice": "Select one of the exceptions listed",
        },
    )
    on = _date("Escalated on", missing=f"Enter the date it was escalated. {DATE_HINT}")
    to = forms.CharField(
        label="Escalated to",
        max_length=200,
        help_text="A role or body, such as the Director of Children's Services",
        error_messages={"required": "Enter whom it was escalated to"},
    )
    reason = _area("Why", missing="Enter why it was escalated")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["exception"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", "Select an exception"), *choices]


class EscalationOutcomeForm(forms.Form):
    outcome = _area("What came of it", missing="Enter what came of the escalation")
    resolved_on = _date("Resolved on (leave blank while it is still open)")
