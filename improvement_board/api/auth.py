"""Who is calling, and whether they may: a bearer token, then the web app's per-programme roles.

A call carries ``Authorization: Bearer <token>``. The token stands for its holder, with the
role their membership gives them in each programme (reading only, for a read-only token). A
programme the holder is not a member of is not found (404), as on the web: another council's
programme is not even said to exist. A role below the one a call needs is refused (403) with
the reason.

A browser's signed-in session is no key to the API: a call with only a session cookie is refused
(401). So no other site can make a signed-in person's browser call the API, and the API needs no
CSRF token.
"""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.security import HttpBearer

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import Refused, require_role, role_of
from improvement_board.api.models import Token
from improvement_board.api.selectors import token_by_secret, token_unusable
from improvement_board.api.throttling import RefusedCalls
from improvement_board.programmes.models import Programme

PROGRAMME_ATTRIBUTE = "board_programme"
"""Where a call's programme is noted for the log."""

_HOW_TO_CALL = "send the header Authorization: Bearer <token> (board tokens add makes one)"


class TokenAuth(HttpBearer):
    """A valid token, or 401 saying why; 429 for an address that keeps sending bad ones."""

    def __call__(self, request: HttpRequest) -> Token | None:
        refusals = RefusedCalls()
        if refusals.blocked(request):
            wait = refusals.wait()
            raise Throttled(wait=None if wait is None else math.ceil(wait))
        header = request.headers.get(self.header, "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not secret.strip():
            refusals.count(request)
            signed_in = getattr(request, "user", None)
            if signed_in is not None and signed_in.is_authenticated:
                raise AuthenticationError(
                    message=f"the API does not take a signed-in session: {_HOW_TO_CALL}"
                )
            raise AuthenticationError(message=f"no token: {_HOW_TO_CALL}")
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Token:
        found = token_by_secret(token)
        why = "this token is not known" if found is None else token_unusable(found)
        if found is None or why is not None:
            RefusedCalls().count(request)
            raise AuthenticationError(message=why or "this token is not known")
        return found


def token_of(request: HttpRequest) -> Token:
    token: Token = request.auth  # type: ignore[attr-defined]
    return token


def role_held(token: Token, programme: Any) -> str | None:
    """The role a token carries in ``programme``: its holder's, capped at reader if read-only."""
    held = role_of(token.user, programme)
    if held is not None and token.read_only:
        return Role.READER
    return held


def programme_for(request: HttpRequest, key: str, role: str, doing: str) -> Programme:
    """The programme a call names, if the token's holder may ``doing`` in it; else 404 for a
    programme they cannot see, 403 (with why) for a role too low."""
    token = token_of(request)
    setattr(request, PROGRAMME_ATTRIBUTE, key)
    programme = Programme.objects.filter(key=key).first()
    if programme is None or role_of(token.user, programme) is None:
        raise HttpError(404, f"no programme {key!r} among yours (GET /api/programmes lists them)")
    if token.read_only and role != Role.READER:
        raise HttpError(
            403, f"this token only reads: to {doing} needs a token made without --read-only"
        )
    try:
        require_role(token.user, role, doing, programme)
    except Refused as refused:
        raise HttpError(403, str(refused)) from None
    return programme
