"""How often the API may be called: Django Ninja's throttles, counting in Django's cache.

Each token may make ``API_RATE`` calls (settings; ``BOARD_API_RATE``) in its window. An address
that sends ``API_REFUSED_RATE`` calls without a valid token is refused for the rest of the window,
token or not, so no one can try tokens (or flood the log) at speed. Rates are read at each call,
so a changed setting applies at once. The address is the client's as sign-in lockout counts it:
behind a trusted proxy, the one the proxy saw.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from improvement_board.web.middleware import client_address


class _Throttle(SimpleRateThrottle):
    setting = ""

    def __init__(self) -> None:  # the rate is read from the settings at each call instead
        self.rate = None

    def _read_rate(self) -> None:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)


class TokenThrottle(_Throttle):
    """At most ``API_RATE`` calls per token."""

    scope = "token"
    setting = "API_RATE"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.digest}

    def allow_request(self, request: HttpRequest) -> bool:
        self._read_rate()
        return super().allow_request(request)


class RefusedCalls(_Throttle):
    """Calls without a valid token, counted by address: at ``API_REFUSED_RATE`` the address is
    refused until the window has passed."""

    scope = "refused"
    setting = "API_REFUSED_RATE"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}

    def _load(self, request: HttpRequest) -> None:
        self._read_rate()
        self.key = self.get_cache_key(request)
        self.now = time.time()
        since = self.now - (self.duration or 0)
        self.history = [t for t in self.cache.get(self.key, []) if t > since]

    def blocked(self, request: HttpRequest) -> bool:
        """Whether the address has used up its refusals for now."""
        self._load(request)
        return len(self.history) >= (self.num_requests or 0)

    def count(self, request: HttpRequest) -> None:
        """One more call refused for want of a valid token."""
        self._load(request)
        self.throttle_success()
