"""A session's start and the last time it was seen, kept in the session itself.

Both are set at sign-in, so they are saved with the sign-in's own write; the web app's
SessionLimitsMiddleware reads them to end sessions that are idle or too old.
"""

from __future__ import annotations

import time
from typing import Any

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"


def session_started(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Receiver of ``user_logged_in``: the session starts now and was seen now."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def last_login_noted(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Receiver of ``user_logged_in`` in place of Django's: the time of sign-in is saved without
    adding a row to the user's history, which keeps changes made to the user."""
    from django.utils import timezone

    user.last_login = timezone.now()
    user.skip_history_when_saving = True
    try:
        user.save(update_fields=["last_login"])
    finally:
        del user.skip_history_when_saving
