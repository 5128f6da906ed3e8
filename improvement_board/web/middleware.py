"""What every request passes through: proxy headers believed only from trusted proxies, security
headers on every response, and the limits on a session's life.

Security headers: no page can be framed, sniffed or made to run script.

The Content-Security-Policy allows styles and images from this site only and no script at all:
the pages need no JavaScript, and the trend charts are inline SVG drawn with attributes, not
style rules. A response that sets its own policy (the downloadable pack, whose styles are inline)
keeps it.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from improvement_board.accounts.sessions import SEEN_AT, SIGNED_IN_AT

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


FORWARDED = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR")


@lru_cache(maxsize=8)
def _networks(
    listed: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(n, strict=False) for n in listed)


def _trusted(address: str | None) -> bool:
    """Whether ``address`` is one of BOARD_TRUSTED_PROXIES."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.BOARD_TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str | None:
    """The address of the person at the other end, as sign-in lockout counts it.

    A request straight from a client is counted by its own address (REMOTE_ADDR). A request from
    a trusted proxy is counted by the address the proxy saw: X-Forwarded-For read from the right,
    passing over trusted proxies, so a client cannot choose its address by sending the header
    itself (the proxy appends the address it saw to whatever the client sent).
    """
    remote = request.META.get("REMOTE_ADDR")
    if not _trusted(remote):
        return remote
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([a for a in chain if a]):
        if not _trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a proxy that sends rubbish is not believed
    return remote


class ProxyHeadersMiddleware:
    """Drops X-Forwarded-Proto and X-Forwarded-For from any request that did not come from a
    trusted proxy, before anything reads them: otherwise anyone reaching the app directly could
    claim HTTPS, or another client's address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _trusted(request.META.get("REMOTE_ADDR")):
            for header in FORWARDED:
                request.META.pop(header, None)
        return self.get_response(request)


class SessionLimitsMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS
    after sign-in even if it is kept busy.

    A request writes its session only when the time it was last seen is SESSION_SEEN_EVERY_SECONDS
    old, so a signed-in person reading pages writes at most once a minute (each write also renews
    the cookie and the stored session's expiry). The idle limit is therefore kept to within that
    minute, on the safe side: a session may end up to a minute early, never late.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from django.contrib.auth import logout

        if request.user.is_authenticated:
            session = request.session
            now = int(time.time())
            if SIGNED_IN_AT not in session:  # signed in before this rule: counted from now
                session[SIGNED_IN_AT] = session[SEEN_AT] = now
            started, seen = int(session[SIGNED_IN_AT]), int(session.get(SEEN_AT, now))
            if (
                now - started > settings.SESSION_ABSOLUTE_SECONDS
                or now - seen > settings.SESSION_IDLE_SECONDS
            ):
                logout(request)
            elif now - seen >= settings.SESSION_SEEN_EVERY_SECONDS:
                session[SEEN_AT] = now
        return self.get_response(request)
