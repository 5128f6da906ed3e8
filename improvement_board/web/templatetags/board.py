"""Small filters that map the project's words onto GOV.UK Frontend's classes."""

from __future__ import annotations

from datetime import date

from django import forms, template

from improvement_board.core.periods import Period, PeriodError

register = template.Library()

_RAG_TAGS = {
    "rag-red": "govuk-tag--red",
    "rag-amber": "govuk-tag--orange",
    "rag-green": "govuk-tag--green",
    "rag-blue": "govuk-tag--blue",
}
_REPORT_TAGS = {
    "received": "govuk-tag--green",
    "late": "govuk-tag--red",
    "deferred": "govuk-tag--yellow",
}


@register.filter
def rag_tag(rag_class: str) -> str:
    """The tag colour for a pack's status class; the word is always shown beside it."""
    return _RAG_TAGS.get(rag_class, "govuk-tag--grey")


@register.filter
def report_tag(status: str) -> str:
    return _REPORT_TAGS.get(status, "govuk-tag--grey")


@register.filter
def widget_kind(field: forms.BoundField) -> str:
    """Which GOV.UK component renders the field."""
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.filter
def anchor(field: forms.BoundField) -> str:
    """Where an error summary link for the field lands: radios on their first option."""
    if widget_kind(field) == "radios":
        return f"{field.auto_id}_0"
    return str(field.id_for_label)


@register.filter
def as_input(field: forms.BoundField) -> str:
    """A text input's value as the person would type it; a password is never sent back."""
    if isinstance(field.field.widget, forms.PasswordInput):
        return ""
    value = field.value()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


@register.filter
def month_label(period: str) -> str:
    """``2006-11`` as the board says it: November 2006."""
    try:
        return Period.parse(str(period)).label
    except PeriodError:
        return str(period)
