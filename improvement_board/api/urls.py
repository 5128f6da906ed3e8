"""The API's URLs, under ``/api/`` in their own namespace (``api``): the web app's role matrix
walks the web's pages and passes over this namespace; tests/api/test_permissions.py walks these.
Every view here is logged (api/calls.py)."""

from django.urls import URLPattern

from improvement_board.api.calls import logged
from improvement_board.api.main import api

app_name = "api"


def _logged(pattern: object) -> URLPattern:
    if not isinstance(pattern, URLPattern):
        raise TypeError(f"the API's URLs are flat, not {pattern!r}")
    return URLPattern(pattern.pattern, logged(pattern.callback), pattern.default_args, pattern.name)


urlpatterns = [_logged(pattern) for pattern in api.urls[0]]
