"""Every call to the API in the log (the ``Call`` model): who, when, what and with what result.

Each of the API's views is wrapped here, so no route can forget it: the call is logged whether it
was answered, refused (401, 403, 404, 429) or failed. The wrapper also puts the upload cap in
front of a file's parser, says a method not allowed in JSON like every other refusal, and tells
caches not to keep answers, which show a council's figures.
Django's sign-in redirect does not apply to the API: it answers a call without a token with 401.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse

from improvement_board.api.auth import PROGRAMME_ATTRIBUTE
from improvement_board.api.models import Token
from improvement_board.api.services import call_record
from improvement_board.web import uploads
from improvement_board.web.middleware import client_address

View = Callable[..., HttpResponseBase]
OUTCOME_ATTRIBUTE = "board_outcome"


def note_outcome(request: HttpRequest, outcome: str) -> None:
    """Say what came of a call, in words, for its line in the log."""
    setattr(request, OUTCOME_ATTRIBUTE, outcome)


def logged(view: View) -> View:
    """``view`` with its every call written to the log."""

    @wraps(view)
    def call(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST":
            uploads.cap_uploads(request)
        try:
            response = view(request, *args, **kwargs)
        except Http404 as missing:
            _record(request, kwargs, 404, str(missing) or "not found")
            raise
        except Exception:
            _record(request, kwargs, 500, "failed: the server could not answer")
            raise
        if response.status_code == 405:
            response = _not_allowed(response)
        response.headers.setdefault("Cache-Control", "no-store")
        _record(request, kwargs, response.status_code, _outcome(request, response))
        return response

    return login_not_required(call)


def _not_allowed(response: HttpResponseBase) -> HttpResponseBase:
    """A method the route does not take, said in JSON like every other refusal."""
    allowed = response.get("Allow", "")
    answer = JsonResponse({"detail": f"this route takes {allowed or 'another method'} only"})
    answer.status_code = 405
    answer["Allow"] = allowed
    return answer


def _outcome(request: HttpRequest, response: HttpResponseBase) -> str:
    """What came of the call, in words: what a route noted, else the refusal's reason."""
    noted = getattr(request, OUTCOME_ATTRIBUTE, "")
    if noted:
        return str(noted)
    if 300 <= response.status_code < 400:
        return f"sent to {response.get('Location', 'another page')}"
    if response.status_code < 400:
        return "answered"
    try:
        detail = json.loads(getattr(response, "content", b"") or b"{}").get("detail", "")
    except (ValueError, AttributeError):
        detail = ""
    return detail if isinstance(detail, str) and detail else f"refused ({response.status_code})"


def _record(request: HttpRequest, kwargs: dict[str, Any], status: int, outcome: str) -> None:
    token = getattr(request, "auth", None)
    token = token if isinstance(token, Token) else None
    user = token.user if token is not None else getattr(request, "user", None)
    username = user.get_username() if user is not None and user.is_authenticated else ""
    programme = getattr(request, PROGRAMME_ATTRIBUTE, "") or kwargs.get("programme", "")
    call_record(
        token=token,
        username=username,
        method=request.method or "",
        path=request.get_full_path(),
        programme=str(programme),
        status=status,
        outcome=outcome,
        address=client_address(request),
    )
