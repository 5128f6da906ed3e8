"""Where printed files and their sources are kept: BOARD_HOME/cache/packs, named by content."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def cache_folder() -> Path:
    return Path(settings.BOARD_HOME) / "cache" / "packs"


def pdf_path(key: str) -> Path:
    return cache_folder() / f"{key}.pdf"


def source_path(key: str) -> Path:
    return cache_folder() / f"{key}.html"
