"""The forms a programme manager changes the programme with.

A form only turns what was typed into the programme file's fields (blank is absent; a list of
milestones one a line); the services (programmes/editing.py and the plans' and meetings') check
the result with the programme file's own rules, and each problem they find is shown against the
field it is about, with the file's message.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

from django import forms

from improvement_board.core.units import QUALIFIERS
from improvement_board.core.values import shown
from improvement_board.web.forms import DATE_FORMATS, DATE_HINT

Path = tuple[Any, ...]

OUT_OF_DATE = "This form is out of date: open the page again to see the current version"
REASON_HINT = "The board reads it in the history of changes"
QUALIFIER_WORDS = {
    "reach": "Reach the target",
    "at_least": "At least the target",
    "at_most": "At most the target",
    "up_to": "Up to the target",
    "maintain": "Maintain the target",
    "band": "Stay within a band (low to high)",
}


def _text(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, strip=False, **kwargs)


def _area(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, strip=False, widget=forms.Textarea(attrs={"rows": 5}), **kwargs
    )


def _date(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        help_text=kwargs.pop("help_text", DATE_HINT),
        error_messages={"invalid": f"Enter a real date. {DATE_HINT}"},
        **kwargs,
    )


def blank(value: Any) -> Any:
    """Blank text is absent, as a key left out of the programme file."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def number(value: float | None) -> str:
    """A stored figure as a person would type it: 220, not 220.0."""
    return "" if value is None else shown(value)


def listed(values: list[Any]) -> str:
    return ", ".join(str(v) for v in values)


def split(text: str | None) -> list[str]:
    """A list typed with commas (recommendations 1, 4, 6(2))."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class EditForm(forms.Form):
    """A change to one item of the programme: the version opened, and the reason for the change.

    ``PLACES`` names the field that shows a problem about each part of the item (by the part's
    path); a problem about a part with no field of its own shows at the top of the form.
    """

    PLACES: ClassVar[dict[Path, str]] = {}
    LISTS: ClassVar[dict[str, str]] = {}
    """A list field's name → what one of its lines is called in a problem (``Milestone``)."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = _area("Reason for the change", help_text=REASON_HINT)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("version"):
            raise forms.ValidationError(OUT_OF_DATE)
        return cleaned

    def changes(self) -> dict[str, Any]:
        """The item's fields as the programme file names them, from what was typed."""
        raise NotImplementedError

    def show(self, problems: list[tuple[Path, str]]) -> None:
        """Each problem the service found, against the field it is about."""
        for path, message in problems:
            name, line = self._place(path)
            if name in self.LISTS and line is not None:
                message = f"{self.LISTS[name]} {line + 1}: {message}"
            self.add_error(name, message)

    def _place(self, path: Path) -> tuple[str | None, int | None]:
        for end in range(len(path), 0, -1):
            part = path[:end]
            if part in self.PLACES:
                rest = path[end:]
                line = rest[0] if rest and isinstance(rest[0], int) else None
                return self.PLACES[part], line
            if len(part) == 1 and isinstance(part[0], str) and part[0] in self.fields:
                rest = path[1:]
                line = rest[0] if rest and isinstance(rest[0], int) else None
                return part[0], line
        return None, None


def _milestone_lines(text: str) -> list[dict[str, str]]:
    """Milestones typed one a line, the month then the value: ``2007-03 200``."""
    found, wrong = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            wrong.append(f"Milestone {n}: write the month and the value, such as 2007-03 200")
            continue
        found.append({"period": parts[0], "value": parts[1]})
    if wrong:
        raise forms.ValidationError(wrong)
    return found


class IndicatorForm(EditForm):
    """An indicator's name, owner, baseline, target (or band), tolerance and milestones."""

    PLACES: ClassVar[dict[Path, str]] = {
        ("baseline", "value"): "baseline_value",
        ("baseline", "numerator"): "baseline_numerator",
        ("baseline", "denominator"): "baseline_denominator",
        ("baseline", "period"): "baseline_period",
        ("baseline", "text"): "baseline_text",
        ("baseline",): "baseline_value",
        ("target", "value"): "target",
        ("target", "qualifier"): "target_qualifier",
        ("target", "low"): "target_low",
        ("target", "high"): "target_high",
        ("target", "period"): "target_period",
        ("target", "text"): "target_text",
        ("target",): "target",
        ("tolerance", "kind"): "tolerance_kind",
        ("tolerance", "value"): "tolerance_value",
        ("tolerance",): "tolerance_value",
        ("milestones",): "milestones",
        ("recommendations",): "recommendations",
    }
    LISTS: ClassVar[dict[str, str]] = {"milestones": "Milestone"}

    title = _text("Name")
    owner = _text("Owner", help_text="The role that answers for it, such as Head of Safeguarding")
    recommendations = _text(
        "Recommendations", help_text="Their numbers, separated by commas, such as 1, 4, 6(2)"
    )
    baseline_value = _text("Baseline")
    baseline_numerator = _text("Baseline numerator")
    baseline_denominator = _text("Baseline denominator")
    baseline_period = _text("Month of the baseline", help_text="Written YYYY-MM, such as 2006-03")
    baseline_text = _text(
        "Baseline as the plan words it",
        help_text="Left as it is, it is cleared when the baseline changes",
    )
    target = _text("Target")
    target_qualifier = forms.ChoiceField(
        label="Kind of target",
        choices=[(q, QUALIFIER_WORDS[q]) for q in QUALIFIERS],
        required=False,
    )
    target_low = _text("Low end of the band", help_text="For a band only")
    target_high = _text("High end of the band", help_text="For a band only")
    target_period = _text("Month the target is for", help_text="Written YYYY-MM, such as 2007-03")
    target_text = _text(
        "Target as the plan words it",
        help_text="Left as it is, it is cleared when the target changes",
    )
    tolerance_kind = forms.ChoiceField(
        label="Tolerance",
        choices=[
            ("", "The programme's default"),
            ("points", "Points behind the trajectory"),
            ("relative", "Per cent of the trajectory value"),
        ],
        required=False,
        help_text="How far behind the trajectory it may be before it turns red",
    )
    tolerance_value = _text("Tolerance value")
    milestones = _area(
        "Milestones",
        help_text="One a line: the month (YYYY-MM) and the value, such as 2007-03 200",
    )

    def clean_milestones(self) -> list[dict[str, str]]:
        return _milestone_lines(self.cleaned_data.get("milestones") or "")

    @staticmethod
    def initial_of(indicator: Any, version: str) -> dict[str, Any]:
        baseline = indicator.baseline or {}
        target = indicator.target or {}
        tolerance = indicator.tolerance or {}
        lines = [f"{m['period']} {number(m['value'])}" for m in indicator.milestones]
        return {
            "version": version,
            "title": indicator.title,
            "owner": indicator.owner,
            "recommendations": listed(indicator.recommendations),
            "baseline_value": number(baseline.get("value")),
            "baseline_numerator": number(baseline.get("numerator")),
            "baseline_denominator": number(baseline.get("denominator")),
            "baseline_period": baseline.get("period") or "",
            "baseline_text": baseline.get("text") or "",
            "target": number(target.get("value")),
            "target_qualifier": target.get("qualifier", "reach"),
            "target_low": number(target.get("low")),
            "target_high": number(target.get("high")),
            "target_period": target.get("period") or "",
            "target_text": target.get("text") or "",
            "tolerance_kind": tolerance.get("kind", ""),
            "tolerance_value": number(tolerance.get("value")),
            "milestones": "\n".join(lines),
        }

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        changes: dict[str, Any] = {
            "title": data["title"] or "",
            "owner": data["owner"],
            "recommendations": split(data["recommendations"]),
            "baseline": {
                "value": data["baseline_value"],
                "numerator": data["baseline_numerator"],
                "denominator": data["baseline_denominator"],
                "period": data["baseline_period"],
                "text": data["baseline_text"],
            },
            "milestones": self.cleaned_data["milestones"],
        }
        changes["target"] = None
        written = ("target", "target_low", "target_high", "target_period", "target_text")
        if any(data[f] is not None for f in written):
            changes["target"] = {
                "value": data["target"],
                "qualifier": data["target_qualifier"] or "reach",
                "low": data["target_low"],
                "high": data["target_high"],
                "period": data["target_period"],
                "text": data["target_text"],
            }
        if data["tolerance_kind"] is None and data["tolerance_value"] is None:
            changes["tolerance"] = None
        else:
            changes["tolerance"] = {
                "kind": data["tolerance_kind"] or "points",
                "value": data["tolerance_value"],
            }
        return changes


class ActionForm(EditForm):
    """An action of the plan: its title, owner, due date, recommendations, evidence items and
    notes (its status is set on a page of its own, with the reason the board reads)."""

    LISTS: ClassVar[dict[str, str]] = {
        "recommendations": "Recommendation",
        "evidence_items": "Evidence item",
    }

    title = _text("Title")
    owner = _text("Owner", help_text="The role that answers for it")
    due = _date("Due date", help_text=f"A new due date needs a reason. {DATE_HINT}")
    recommendations = _text(
        "Recommendations", help_text="Their numbers, separated by commas, such as 1, 4, 6(2)"
    )
    evidence_items = _text(
        "Evidence items", help_text="Their numbers, separated by commas, such as 1, 2, 3"
    )
    notes = _area("Notes")

    @staticmethod
    def initial_of(action: Any, version: str) -> dict[str, Any]:
        return {
            "version": version,
            "title": action.title,
            "owner": action.owner,
            "due": action.due,
            "recommendations": listed(action.recommendations),
            "evidence_items": listed(action.evidence_items),
            "notes": action.notes,
        }

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        return {
            "title": data["title"] or "",
            "owner": data["owner"],
            "due": data["due"],
            "recommendations": split(data["recommendations"]),
            "evidence_items": split(data["evidence_items"]),
            "notes": data["notes"],
        }


class MilestoneForm(EditForm):
    """A milestone of an action: its title, due date, and the indicator and value it marks."""

    title = _text("Title")
    due = _date("Due date", help_text=f"A new due date needs a reason. {DATE_HINT}")
    indicator = forms.ChoiceField(label="Indicator it marks", required=False)
    value = _text("Value the indicator is to reach", help_text="Only with an indicator")

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = self.fields["indicator"]
        if isinstance(choice, forms.ChoiceField):
            choice.choices = [("", "None"), *indicators]

    @staticmethod
    def initial_of(milestone: Any, version: str) -> dict[str, Any]:
        return {
            "version": version,
            "title": milestone.title,
            "due": milestone.due,
            "indicator": milestone.indicator_key,
            "value": number(milestone.value),
        }

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        return {
            "title": data["title"] or "",
            "due": data["due"],
            "indicator": data["indicator"],
            "value": data["value"],
        }


SCORE_CHOICES = [("", "Select a score"), *((str(n), str(n)) for n in range(1, 6))]


class RiskForm(EditForm):
    """A risk as the plan assessed it: its inherent scores (before mitigation), cause, effect,
    owner, mitigation and when it is next reviewed. Reviews record the residual scores."""

    LISTS: ClassVar[dict[str, str]] = {"recommendations": "Recommendation"}

    title = _text("Title")
    cause = _area("Cause")
    effect = _area("Effect")
    owner = _text("Owner", help_text="The role that answers for it")
    likelihood = forms.ChoiceField(
        label="Likelihood before mitigation (1 to 5)", choices=SCORE_CHOICES, required=False
    )
    impact = forms.ChoiceField(
        label="Impact before mitigation (1 to 5)", choices=SCORE_CHOICES, required=False
    )
    mitigation = _area("Mitigation")
    proximity = _text("Proximity", help_text="When it would strike, such as March 2007")
    review_date = _date("Next review")
    recommendations = _text(
        "Recommendations", help_text="Their numbers, separated by commas, such as 1, 4, 6(2)"
    )
    notes = _area("Notes")

    TEXT: ClassVar[tuple[str, ...]] = (
        "title",
        "cause",
        "effect",
        "owner",
        "mitigation",
        "proximity",
        "notes",
    )

    @classmethod
    def initial_of(cls, risk: Any, version: str) -> dict[str, Any]:
        initial = initial_text(risk, {name: name for name in cls.TEXT})
        initial.update(
            version=version,
            likelihood=str(risk.likelihood),
            impact=str(risk.impact),
            review_date=risk.review_date,
            recommendations=listed(risk.recommendations),
        )
        return initial

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        changes = {name: data[name] for name in self.TEXT}
        changes["title"] = changes["title"] or ""
        changes.update(
            likelihood=data["likelihood"],
            impact=data["impact"],
            review_date=data["review_date"],
            recommendations=split(data["recommendations"]),
        )
        return changes


class MeetingForm(EditForm):
    """A board meeting's date (a new date needs a reason) and notes."""

    date = _date("Date of the meeting", help_text=f"A new date needs a reason. {DATE_HINT}")
    notes = _area("Notes")

    @staticmethod
    def initial_of(meeting: Any, version: str) -> dict[str, Any]:
        return {"version": version, "date": meeting.date, "notes": meeting.notes}

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        return {"date": data["date"], "notes": data["notes"]}


class ReportForm(EditForm):
    """A report due at one meeting: its title, owner, recommendations, evidence item, notes."""

    LISTS: ClassVar[dict[str, str]] = {"recommendations": "Recommendation"}

    title = _area("Title")
    owner = _text("Owner", help_text="The role that presents it")
    recommendations = _text(
        "Recommendations", help_text="Their numbers, separated by commas, such as 1, 4, 6(2)"
    )
    evidence_item = _text("Evidence item", help_text="The number of the evidence item it gives")
    notes = _area("Notes")

    @staticmethod
    def initial_of(report: Any, version: str) -> dict[str, Any]:
        return {
            "version": version,
            "title": report.title,
            "owner": report.owner,
            "recommendations": listed(report.recommendations),
            "evidence_item": "" if report.evidence_item is None else str(report.evidence_item),
            "notes": report.notes,
        }

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        return {
            "title": data["title"] or "",
            "owner": data["owner"],
            "recommendations": split(data["recommendations"]),
            "evidence_item": data["evidence_item"],
            "notes": data["notes"],
        }


class RecommendationForm(EditForm):
    """A recommendation's title (its number is what everything else cites)."""

    title = _text("Title")

    @staticmethod
    def initial_of(recommendation: Any, version: str) -> dict[str, Any]:
        return {"version": version, "title": recommendation.title}

    def changes(self) -> dict[str, Any]:
        return {"title": blank(self.cleaned_data["title"]) or ""}


YES_NO = [("no", "No"), ("yes", "Yes")]


class EvidenceItemForm(EditForm):
    """An evidence item: its area, title, the month it is due, whether every meeting hears it."""

    area = _text("Area", help_text="Such as Performance management")
    title = _area("Title")
    due = _text("Month due", help_text="Written YYYY-MM, such as 2007-03")
    every_meeting = forms.ChoiceField(
        label="Due at every meeting", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    notes = _area("Notes")

    @staticmethod
    def initial_of(item: Any, version: str) -> dict[str, Any]:
        return {
            "version": version,
            "area": item.area,
            "title": item.title,
            "due": item.due,
            "every_meeting": "yes" if item.every_meeting else "no",
            "notes": item.notes,
        }

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        return {
            "area": data["area"] or "",
            "title": data["title"] or "",
            "due": data["due"],
            "every_meeting": data["every_meeting"] == "yes",
            "notes": data["notes"],
        }


class CriterionForm(EditForm):
    """A success criterion: its title and the evidence items that show it."""

    LISTS: ClassVar[dict[str, str]] = {"evidence_items": "Evidence item"}

    title = _area("Title")
    evidence_items = _text(
        "Evidence items", help_text="Their numbers, separated by commas, such as 7, 8, 9"
    )

    @staticmethod
    def initial_of(criterion: Any, version: str) -> dict[str, Any]:
        return {
            "version": version,
            "title": criterion.title,
            "evidence_items": listed(criterion.evidence_items),
        }

    def changes(self) -> dict[str, Any]:
        data = {k: blank(v) for k, v in self.cleaned_data.items()}
        return {"title": data["title"] or "", "evidence_items": split(data["evidence_items"])}


def as_date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


def initial_text(row: Any, names: Mapping[str, str]) -> dict[str, Any]:
    """Text fields' initial values from the row (None as blank)."""
    return {field: getattr(row, name) or "" for field, name in names.items()}
