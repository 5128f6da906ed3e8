"""Security headers on every response, so no page can be framed, sniffed or made to run script.

The Content-Security-Policy allows styles and images from this site only and no script at all:
the pages need no JavaScript, and the trend charts are inline SVG drawn with attributes, not
style rules. A response that sets its own policy (the downloadable pack, whose styles are inline)
keeps it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), geolocation=(), microphone=(), payment=(), usb=()",
}


class SecurityHeadersMiddleware:
    """Adds HEADERS to each response that does not already set them; signed-in pages are never
    stored by shared caches or the browser, as they show a council's figures."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class SessionLimitsMiddleware:
    """Ends a session 12 hours after sign-in even if it is kept busy (the idle limit of 30
    minutes is the session cookie's age, renewed on each request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from django.conf import settings
        from django.contrib.auth import logout

        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault("signed_in_at", now)
            if now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)
