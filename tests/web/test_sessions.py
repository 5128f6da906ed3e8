"""Signing in: repeated failures lock out, and sessions end when idle or too old, without a
request writing its session every time."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from improvement_board.accounts.models import User
from improvement_board.accounts.sessions import SEEN_AT, SIGNED_IN_AT

pytestmark = pytest.mark.django_db
PASSWORD = "A-long-pass-2006!"


@pytest.fixture
def person() -> User:
    user = User(username="chair", role="reader")
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(client: Client, password: str) -> int:
    response = client.post("/login/", {"username": "chair", "password": password})
    return response.status_code


def _session_writes(client: Client, url: str = "/") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def _age(client: Client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(person: User) -> None:
    client = Client()
    assert [_sign_in(client, "wrong-password-1") for _ in range(4)] == [200] * 4
    assert _sign_in(client, "wrong-password-1") == 429
    assert _sign_in(client, PASSWORD) == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in_with_a_new_session_key(person: User) -> None:
    client = Client()
    client.get("/login/")
    before = client.session.session_key
    assert _sign_in(client, PASSWORD) == 302
    assert client.session.session_key != before
    assert client.get("/").status_code == 200


def test_signing_in_records_when_the_session_started_and_was_last_seen(person: User) -> None:
    client = Client()
    _sign_in(client, PASSWORD)
    session = client.session
    assert abs(session[SIGNED_IN_AT] - time.time()) < 60
    assert session[SEEN_AT] == session[SIGNED_IN_AT]


def test_reading_pages_does_not_write_the_session_on_every_request(person: User) -> None:
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    client = Client()
    client.force_login(person)
    assert _session_writes(client) == []
    assert _session_writes(client) == []


def test_the_session_is_renewed_at_most_once_a_minute_and_that_renews_its_expiry(
    person: User,
) -> None:
    client = Client()
    client.force_login(person)
    _age(client, seen_at=settings.SESSION_SEEN_EVERY_SECONDS)
    stored = Session.objects.filter(session_key=client.session.session_key)
    stored.update(expire_date=timezone.now() + timedelta(minutes=5))  # as if written long ago
    assert len(_session_writes(client)) == 1
    renewed = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert stored.get().expire_date > renewed
    assert abs(client.session[SEEN_AT] - time.time()) < 60
    assert _session_writes(client) == []


def test_a_session_ends_after_thirty_minutes_idle(person: User) -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS == 30 * 60
    client = Client()
    client.force_login(person)
    _age(client, seen_at=settings.SESSION_IDLE_SECONDS + 1)
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_session_kept_busy_still_ends_twelve_hours_after_sign_in(person: User) -> None:
    client = Client()
    client.force_login(person)
    _age(client, signed_in_at=settings.SESSION_ABSOLUTE_SECONDS + 1, seen_at=5)
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_session_busy_for_less_than_its_limits_goes_on(person: User) -> None:
    client = Client()
    client.force_login(person)
    _age(client, signed_in_at=settings.SESSION_ABSOLUTE_SECONDS - 60, seen_at=29 * 60)
    assert client.get("/").status_code == 200
