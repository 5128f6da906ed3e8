"""Users in the web app, for administrators: add, change role, deactivate, reset a password,
each with a reason kept in the user's history; the same rules as the console."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.accounts.models import User
from tests.web.factories import UserFactory
from tests.web.pages import check_page, errors, fetch, submit

pytestmark = pytest.mark.django_db
PASSWORD = "Board-member-2006!"


@pytest.fixture
def admin() -> Client:
    client = Client()
    client.force_login(UserFactory(username="ada", role="admin"))
    return client


@pytest.fixture
def member() -> User:
    return UserFactory(username="mo", role="reader")


def test_an_administrator_adds_a_user_who_can_then_sign_in(admin: Client) -> None:
    response = admin.post(
        reverse("user-add"),
        {"username": "pat", "role": "officer", "password": PASSWORD, "again": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("user", args=["pat"])
    page = fetch(admin, reverse("user", args=["pat"]))
    assert page.h1 == "pat" and "added as officer" in page.text and "ada" in page.text
    signed_in = Client().post(reverse("login"), {"username": "pat", "password": PASSWORD})
    assert signed_in.status_code == 302


def test_a_weak_or_mistyped_password_is_refused_on_the_form(admin: Client) -> None:
    page = submit(
        admin,
        reverse("user-add"),
        {"username": "pat", "role": "officer", "password": "pat", "again": "pat"},
    )
    assert any("too short" in e for e in errors(page))
    assert 'value="pat"' in page.html and PASSWORD not in page.html
    page = submit(
        admin,
        reverse("user-add"),
        {"username": "pat", "role": "officer", "password": PASSWORD, "again": PASSWORD + "x"},
    )
    assert errors(page) == ["The two passwords are not the same"]
    assert not User.objects.filter(username="pat").exists()


def test_a_role_change_needs_a_reason_and_is_shown_in_the_history(
    admin: Client, member: User
) -> None:
    url = reverse("user-role", args=["mo"])
    assert errors(submit(admin, url, {"role": "approver"})) == ["Enter the reason for this change"]
    assert admin.post(url, {"role": "approver", "reason": "chairs the sign-off"}).status_code == 302
    member.refresh_from_db()
    assert member.role == "approver" and not member.is_staff
    page = fetch(admin, reverse("user", args=["mo"]))
    assert "role board member → approver" in page.text and "chairs the sign-off" in page.text
    admin.post(url, {"role": "admin", "reason": "runs the system"})
    member.refresh_from_db()
    assert member.is_staff  # an administrator is Django staff


def test_a_deactivated_user_cannot_sign_in_and_can_be_brought_back(
    admin: Client, member: User
) -> None:
    member.set_password(PASSWORD)
    member.save()
    url = reverse("user-active", args=["mo"])
    assert fetch(admin, url).h1 == "Deactivate mo"
    assert admin.post(url, {"reason": "left the board"}).status_code == 302
    refused = Client().post(reverse("login"), {"username": "mo", "password": PASSWORD})
    assert refused.status_code == 200
    assert fetch(admin, url).h1 == "Reactivate mo"
    admin.post(url, {"reason": "rejoined"})
    page = fetch(admin, reverse("user", args=["mo"]))
    assert "deactivated" in page.text and "reactivated" in page.text and "rejoined" in page.text


def test_a_password_reset_is_in_the_history_without_the_password(
    admin: Client, member: User
) -> None:
    url = reverse("user-password", args=["mo"])
    data = {"password": PASSWORD, "again": PASSWORD, "reason": "forgotten"}
    assert admin.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.check_password(PASSWORD) and member.password_changed_at is not None
    page = fetch(admin, reverse("user", args=["mo"]))
    assert "password reset" in page.text and "forgotten" in page.text
    assert "pbkdf2" not in page.html and PASSWORD not in page.html


def test_an_administrator_cannot_deactivate_themselves(admin: Client) -> None:
    page = submit(admin, reverse("user-active", args=["ada"]), {"reason": "testing"})
    assert errors(page) == ["No one may deactivate themselves: another administrator must"]
    assert User.objects.get(username="ada").is_active


def test_the_users_page_lists_everyone_for_administrators_only(admin: Client, member: User) -> None:
    page = fetch(admin, reverse("users"))
    assert page.h1 == "Users" and "mo" in page.text and "ada" in page.text
    officer = Client()
    officer.force_login(UserFactory(role="officer"))
    check_page(officer.get(reverse("users")), 403)
    home = fetch(admin, reverse("home"))
    assert reverse("users") in home.html
    assert reverse("users") not in fetch(officer, reverse("home")).html
    check_page(admin.get(reverse("user", args=["nobody"])), 404)


def test_an_administrator_gives_a_person_a_role_in_one_programme(
    programme: Any, admin: Client
) -> None:
    person = UserFactory(username="pat", role="officer", member_of=[])
    page = fetch(admin, reverse("user", args=["pat"]))
    assert "pat belongs to no programme, so sees none." in page.text
    url = reverse("user-member", args=["pat"])
    page = submit(admin, url, {"programme": programme.key, "role": "approver", "reason": ""})
    assert errors(page)  # a reason is needed
    response = admin.post(
        url, {"programme": programme.key, "role": "approver", "reason": "joins the board"}
    )
    assert response.status_code == 302
    assert person.memberships.get().role == "approver"
    page = fetch(admin, reverse("user", args=["pat"]))
    assert f"{programme.name}: Approver" in page.text
