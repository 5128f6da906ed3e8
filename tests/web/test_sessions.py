"""Signing in: repeated failures lock out, and sessions end when idle or too old."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client

from improvement_board.accounts.models import User

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


def test_a_session_ends_when_idle_for_thirty_minutes_and_twelve_hours_after_sign_in(
    person: User,
) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client = Client()
    client.force_login(person)
    assert client.get("/").status_code == 200
    session = client.session
    session["signed_in_at"] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]
