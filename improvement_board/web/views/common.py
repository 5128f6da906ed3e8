"""What every view shares: finding the thing a URL names, or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from improvement_board.core.periods import Period, PeriodError
from improvement_board.programmes.models import Indicator, Programme
from improvement_board.programmes.selectors import indicator_find, programme_get
from improvement_board.web import queries

T = TypeVar("T")


def found(lookup: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """The lookup's result; its "not there" (LookupError, or a month that is no month) is a 404."""
    try:
        return lookup(*args, **kwargs)
    except (LookupError, PeriodError) as error:
        raise Http404(str(error)) from None


def programme_or_404(key: str) -> Programme:
    return found(programme_get, key=key)


def indicator_or_404(programme: Programme, key: str) -> Indicator:
    return found(indicator_find, programme=programme, text=key)


def neighbours(programme: Programme, month: Period) -> tuple[Period | None, Period | None]:
    """The months before and after ``month`` within the programme, for paging."""
    months = queries.programme_months(programme=programme)
    before = month.shift(-1) if month.shift(-1) in months else None
    after = month.shift(1) if month.shift(1) in months else None
    return before, after


def month_or_404(programme: Programme, asked: str | None) -> Period:
    """The month a page shows: the one asked for, which must be the programme's, or the latest
    with figures."""
    return found(queries.reporting_month, programme=programme, asked=asked)


def posted(request: HttpRequest) -> QueryDict | None:
    """A form's data: what was posted, or None (an unbound form) for a GET."""
    return request.POST if request.method == "POST" else None


def pdf_preparing(request: HttpRequest, requested: Any, context: dict[str, Any]) -> HttpResponse:
    """The answer while the worker prints a PDF (packs.pack_pdf): 202 and a page that asks
    again by itself (the HTTP Refresh header, not a <meta> refresh: WCAG 2.2.1), unless the
    person turned that off (?refresh=off); 503 if printing failed, with the HTML offered."""
    from improvement_board.web import packs

    failed = requested.failed
    refreshing = not failed and request.GET.get("refresh") != "off"
    context = {
        **context,
        "failed": failed,
        "refreshing": refreshing,
        "refresh": packs.REFRESH_SECONDS,
    }
    status, again = (503, packs.RETRY_AFTER_FAILED) if failed else (202, packs.REFRESH_SECONDS)
    response = render(request, "web/pdf_preparing.html", context, status=status)
    response["Retry-After"] = str(again)
    response["Cache-Control"] = "no-store"
    if refreshing:
        response["Refresh"] = str(packs.REFRESH_SECONDS)
    return response
