"""A PostgreSQL database of a test's own, empty, for restoring into and for racing writers;
made beside the test database when DATABASE_URL names PostgreSQL, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse, urlunparse

import pytest


def _admin_url(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


@pytest.fixture
def scratch_postgres() -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        pytest.skip("DATABASE_URL is not set: the PostgreSQL route runs where it is (CI)")
    import psycopg

    name = f"{urlparse(url).path.lstrip('/') or 'board'}_scratch_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_admin_url(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _admin_url(url, name)
    finally:
        with psycopg.connect(_admin_url(url, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
