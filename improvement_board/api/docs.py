"""The API's docs page: the Swagger UI that Django Ninja ships, served from this site.

Only the files the page loads are served (and collected for production), not the rest of Ninja's
static folder (ReDoc and its source maps, several megabytes that every deployment would
otherwise compress at start-up for a page no one opens). The page's script is in those files; its
settings are JSON in the page, never inline script.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ninja
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger

ROOT = Path(ninja.__file__).parent / "static"
FILES = tuple(
    f"ninja/{name}"
    for name in (
        "swagger-ui-bundle.js",
        "swagger-ui-bundle.js.map",
        "swagger-ui.css",
        "swagger-ui.css.map",
        "swagger-ui-init.js",
        "favicon.png",
    )
)
"""The page's files, with the source maps their last lines name (collecting checks they exist)."""


class SwaggerFinder(BaseFinder):
    """Finds the docs page's files in Django Ninja's package, and nothing else there."""

    storage = FileSystemStorage(location=ROOT)

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        found = [str(ROOT / path)] if path in FILES else []
        return found if find_all or not found else found[0]

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for path in FILES:
            yield path, self.storage


class Docs(Swagger):
    """Swagger UI from this site's own template and static files."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", {"api": api, "swagger_settings": settings})
