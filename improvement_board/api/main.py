"""The API itself: its routes, token auth and rate limit, its docs, and how it answers errors.

Errors always come back as JSON with a ``detail`` a person can act on; a request the schema
refuses (a missing field, a number where text belongs) comes back like a bad return, as located
problems, so a client handles every refusal of its input one way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from improvement_board.api import returns, routes
from improvement_board.api.auth import TokenAuth
from improvement_board.api.calls import note_outcome
from improvement_board.api.docs import Docs
from improvement_board.api.throttling import TokenThrottle

DOCS_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
"""The docs page runs the bundled Swagger UI, served from this site: scripts from here only."""

DESCRIPTION = """The Improvement Board's data for the council's other systems: programmes,
indicators, figures with every version and DfE's markers, statuses and exceptions as the board
pack judges them, the action plan, the risk log and meetings; and monthly returns pushed through
the same checks as an upload.

Every call needs `Authorization: Bearer <token>`; a token is made with `board tokens add` and
carries its holder's role in each programme. See docs/api.md for the limits and an example."""


def _docs_guard(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The schema and docs: for anyone signed in to the web app, or calling with a valid token;
    anyone else is sent to sign in."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            if "Authorization" not in request.headers:
                return redirect_to_login(request.get_full_path())
            try:
                request.auth = TokenAuth()(request)  # type: ignore[attr-defined]
            except HttpError as refused:
                return api.on_exception(request, refused)
        response = view(request, *args, **kwargs)
        if response.get("Content-Type", "").startswith("text/html"):
            response["Content-Security-Policy"] = DOCS_POLICY
        return response

    return guarded


api = NinjaAPI(
    title="Improvement Board API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    docs=Docs(settings={"persistAuthorization": False}),
    docs_decorator=_docs_guard,
)
api.add_router("", routes.router)
api.add_router("", returns.router)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    detail = "too many calls: wait and try again (docs/api.md gives the limit)"
    response = api.create_response(request, {"detail": detail}, status=429)
    if exc.wait is not None:
        response["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """The schema's refusals as located problems: where (body, query, form), which row of
    ``rows`` and which field, and what was expected."""
    problems = [_problem(error) for error in exc.errors]
    detail = f"{len(problems)} problem(s) found in the request; nothing was stored"
    note_outcome(request, detail)
    return api.create_response(request, {"detail": detail, "problems": problems}, status=422)


def _problem(error: dict[str, Any]) -> dict[str, Any]:
    place = [str(part) for part in error.get("loc", ())]
    where = {"body": "request body", "query": "query", "form": "form", "file": "form"}
    item: int | None = None
    if "rows" in place[:-1]:
        at = place.index("rows")
        if at + 1 < len(place) and place[at + 1].isdigit():
            item = int(place[at + 1])
            place = place[at + 2 :]
    else:
        place = [p for p in place[1:] if p not in {"body", "payload"}]
    return {
        "file": where.get(str(error.get("loc", ("",))[0]), "request"),
        "row": None if item is None else item + 2,
        "column": ".".join(place) or None,
        "message": str(error.get("msg", "is not valid")),
        "item": item,
    }
