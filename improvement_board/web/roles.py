"""Who may open which page: every view declares the least role it needs, and nothing is open
by default.

Roles rise reader → officer → approver → admin; each can do everything the roles below it can.
Readers (board members, the department) read everything; officers and above also write. A view
without a declared role fails the URL-walk test, so a forgotten declaration cannot ship.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from improvement_board.accounts.roles import ROLES, has_role, role_of

__all__ = ["PUBLIC", "ROLES", "ROLE_ATTRIBUTE", "has_role", "public", "role_of", "role_required"]

PUBLIC = "public"
ROLE_ATTRIBUTE = "board_role"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def role_required(role: str) -> Callable[[View], View]:
    """Declare the least role a view needs: anyone signed in below it gets 403, anyone signed out
    goes to the sign-in page (even if the login middleware were ever removed). On a programme's
    pages the role is the one held in that programme, and someone who is not its member is told
    there is no such page (404): another council's programme is not even said to exist."""
    if role not in ROLES:
        raise ImproperlyConfigured(f"role must be one of {', '.join(ROLES)}, not {role!r}")

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            programme = kwargs.get("programme")
            if programme is not None and role_of(request.user, programme) is None:
                raise Http404("no such programme")
            if not has_role(request.user, role, programme):
                raise PermissionDenied(f"this page needs the {role} role")
            return view(request, *args, **kwargs)

        setattr(guarded, ROLE_ATTRIBUTE, role)
        return guarded  # type: ignore[return-value]

    return decorate


def public(view: View) -> View:
    """Open to anyone signed out: only the sign-in page."""
    view = login_not_required(view)
    setattr(view, ROLE_ATTRIBUTE, PUBLIC)
    return view
