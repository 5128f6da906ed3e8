"""The API's tests: the web tests' store (the seed programme with the demo's synthetic figures to
October 2006), tokens for people of each role, and a client that presents one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from improvement_board.api.services import token_create
from tests.web.conftest import PROGRAMME, home, programme, seeded
from tests.web.factories import UserFactory

__all__ = ["PROGRAMME", "home", "programme", "seeded"]


@pytest.fixture(autouse=True)
def fresh_counts() -> Iterator[None]:
    """Rate counts start at nothing in each test (they live in the process's cache)."""
    cache.clear()
    yield
    cache.clear()


def token_for(role: str, *, read_only: bool = False, **made: Any) -> str:
    """A new token for a new person of ``role`` (a member of every programme unless
    ``member_of`` says otherwise)."""
    user = UserFactory(role=role, **made)
    return token_create(user=user, name=f"{role}'s system", by=user, read_only=read_only).secret


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Caller:
    """A test client that sends a token with every call."""

    def __init__(self, token: str) -> None:
        self.client = Client()
        self.headers = bearer(token)

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(url, params, headers=self.headers)

    def post_json(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.post(url, body, content_type="application/json", headers=self.headers)

    def post_file(self, url: str, **fields: Any) -> Any:
        return self.client.post(url, fields, headers=self.headers)


@pytest.fixture
def reader_api(programme: Any) -> Caller:
    return Caller(token_for("reader"))


@pytest.fixture
def officer_api(programme: Any) -> Caller:
    return Caller(token_for("officer"))
