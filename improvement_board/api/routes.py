"""The reads: a programme's indicators, figures, statuses, exceptions, plan, risks and meetings.

Each needs the reader role in the programme it names (any member); a programme the token's holder
is not a member of is not found.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import P, QueryEx, Router
from ninja.errors import HttpError

from improvement_board.accounts.models import Role
from improvement_board.api import reads, schemas
from improvement_board.api.auth import programme_for, token_of
from improvement_board.api.statuses import exception_record, judged, status_record
from improvement_board.core.periods import Period
from improvement_board.programmes.models import Programme
from improvement_board.programmes.selectors import indicator_find
from improvement_board.web.queries import reporting_month

router = Router(tags=["read"])
REFUSED: dict[int, Any] = {404: schemas.Message, 403: schemas.Message}
MONTH = "The month to judge, YYYY-MM; by default the latest month with a figure."


def _read(request: HttpRequest, programme: str) -> Programme:
    return programme_for(request, programme, Role.READER, "read this programme")


def _month(programme: Programme, month: str | None) -> Period:
    try:
        return reporting_month(programme=programme, asked=month)
    except LookupError as error:
        raise HttpError(404, str(error)) from None


@router.get(
    "/programmes",
    response=list[schemas.ProgrammeOut],
    url_name="programmes",
    summary="The programmes the token may read",
)
def programmes(request: HttpRequest) -> list[dict[str, Any]]:
    """The programmes the token's holder belongs to, with the role the token carries in each."""
    return reads.programmes_of(token_of(request))


@router.get(
    "/programmes/{programme}",
    response={200: schemas.ProgrammeOut, **REFUSED},
    url_name="programme",
    summary="One programme",
)
def programme(request: HttpRequest, programme: str) -> dict[str, Any]:
    return reads.programme_record(_read(request, programme), token_of(request))


@router.get(
    "/programmes/{programme}/indicators",
    response={200: list[schemas.IndicatorOut], **REFUSED},
    url_name="indicators",
    summary="A programme's indicators",
)
def indicators(request: HttpRequest, programme: str) -> Any:
    """Every indicator with its baseline, target, tolerance, milestones and cadence."""
    return reads.indicators_of(_read(request, programme))


@router.get(
    "/programmes/{programme}/indicators/{indicator}/figures",
    response={200: list[schemas.FigureOut], **REFUSED},
    url_name="figures",
    summary="An indicator's figures, with every version",
)
def figures(request: HttpRequest, programme: str, indicator: str) -> Any:
    """Each period's figure, any DfE marker in place of its value, and every version of it
    (who recorded it, when, and why it was restated)."""
    found = _read(request, programme)
    try:
        chosen = indicator_find(programme=found, text=indicator)
    except LookupError as error:
        raise HttpError(404, str(error)) from None
    return reads.figures_of(chosen)


@router.get(
    "/programmes/{programme}/statuses",
    response={200: schemas.StatusesOut, **REFUSED},
    url_name="statuses",
    summary="Every indicator's status at a month",
)
def statuses(
    request: HttpRequest, programme: str, month: QueryEx[str | None, P(description=MONTH)] = None
) -> dict[str, Any]:
    """Every indicator's status at a month, judged exactly as the pack for the next month's
    meeting judges it (and ``board status``): RAG, direction, forecast, SPC."""
    found = _read(request, programme)
    result = judged(programme=found, month=_month(found, month))
    return {
        "programme": found.key,
        "month": str(result.month),
        "meeting": str(result.meeting),
        "as_at": result.as_at,
        "synthetic": result.synthetic,
        "indicators": [
            status_record(result.judgements[key], panel) for key, panel in result.panels.items()
        ],
    }


@router.get(
    "/programmes/{programme}/exceptions",
    response={200: schemas.ExceptionsOut, **REFUSED},
    url_name="exceptions",
    summary="The exception report at a month",
)
def exceptions(
    request: HttpRequest, programme: str, month: QueryEx[str | None, P(description=MONTH)] = None
) -> dict[str, Any]:
    """The exception report the pack for the next month's meeting carries: indicators beyond
    tolerance, milestones overdue, reports late, risks above appetite or unreviewed, each with
    its escalation where one is open."""
    found = _read(request, programme)
    result = judged(programme=found, month=_month(found, month))
    return {
        "programme": found.key,
        "month": str(result.month),
        "meeting": str(result.meeting),
        "as_at": result.as_at,
        "items": [exception_record(item) for item in result.exceptions],
    }


@router.get(
    "/programmes/{programme}/actions",
    response={200: list[schemas.ActionOut], **REFUSED},
    url_name="actions",
    summary="The action plan",
)
def actions(request: HttpRequest, programme: str, on: date | None = None) -> Any:
    """The action plan: each action's status as the board reads it on ``on`` (default today),
    from its milestones unless a person set it with a reason, with milestones and evidence."""
    return reads.actions_of(_read(request, programme), on or date.today())


@router.get(
    "/programmes/{programme}/risks",
    response={200: list[schemas.RiskOut], **REFUSED},
    url_name="risks",
    summary="The risk log",
)
def risks(request: HttpRequest, programme: str) -> Any:
    """The risk log: inherent and residual scores, the score now, and every review."""
    return reads.risks_of(_read(request, programme))


@router.get(
    "/programmes/{programme}/meetings",
    response={200: list[schemas.MeetingOut], **REFUSED},
    url_name="meetings",
    summary="The meetings and the packs issued",
)
def meetings(request: HttpRequest, programme: str) -> Any:
    """The meetings: the reports due at each, and every pack issued (with its SHA-256)."""
    return reads.meetings_of(_read(request, programme))
