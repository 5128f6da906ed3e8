"""What every view shares: finding the thing a URL names, or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest, QueryDict

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
