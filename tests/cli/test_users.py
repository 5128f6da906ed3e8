"""``board users``: an administrator adds, lists, re-roles, deactivates and resets people from
the console; a password never appears on the command line; every change is in the history."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from improvement_board.accounts.models import User
from improvement_board.cli import app

pytestmark = pytest.mark.django_db
runner = CliRunner()
PASSWORD = "Long-pass-2006!"


def board(*args: str, stdin: str | None = None, user: str = "root") -> tuple[int, str]:
    result = runner.invoke(app, ["--as", user, *args], input=stdin, env={"COLUMNS": "300"})
    return result.exit_code, result.output


def _first_admin() -> None:
    code, output = board(
        "users", "add", "ada", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0, output


def test_the_first_administrator_is_added_from_the_console_and_is_django_staff() -> None:
    _first_admin()
    ada = User.objects.get(username="ada")
    assert ada.role == "admin" and ada.is_staff and ada.check_password(PASSWORD)


def test_a_password_is_asked_for_twice_and_never_taken_as_an_argument() -> None:
    code, output = board(
        "users", "add", "pat", "--role", "officer", stdin=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert code == 0, output
    assert User.objects.get(username="pat").check_password(PASSWORD)
    code, output = board("users", "add", "sam", "--password", PASSWORD)
    assert code != 0 and "No such option: --password" in output


def test_a_weak_password_or_an_unknown_role_is_refused_saying_why() -> None:
    code, output = board("users", "add", "kim", "--password-stdin", stdin="kim\n")
    assert code == 1 and "the password is refused" in output and "too short" in output
    code, output = board(
        "users", "add", "sam", "--role", "chair", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 1 and "role must be one of" in output
    assert not User.objects.filter(username__in=["kim", "sam"]).exists()


def test_once_there_is_an_administrator_only_an_administrator_changes_users() -> None:
    _first_admin()
    User.objects.create(username="olly", role="officer")
    code, output = board(
        "users", "add", "pat", "--password-stdin", stdin=PASSWORD + "\n", user="olly"
    )
    assert code == 1
    assert "olly is an officer: to add a user needs the admin role or above" in output
    code, output = board(
        "users",
        "add",
        "pat",
        "--role",
        "officer",
        "--password-stdin",
        "--reason",
        "new duty officer",
        stdin=PASSWORD + "\n",
        user="ada",
    )
    assert code == 0, output


def test_role_deactivation_and_password_reset_each_need_a_reason_and_are_in_history() -> None:
    _first_admin()
    board(
        "users",
        "add",
        "pat",
        "--role",
        "officer",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        user="ada",
    )
    code, output = board("users", "role", "pat", "approver", user="ada")
    assert code == 1 and "give a reason for changing a role" in output
    assert (
        board("users", "role", "pat", "approver", "--reason", "signs off packs now", user="ada")[0]
        == 0
    )
    assert (
        board(
            "users",
            "password",
            "pat",
            "--password-stdin",
            "--reason",
            "forgotten",
            stdin="Another-pass-2007!\n",
            user="ada",
        )[0]
        == 0
    )
    assert board("users", "deactivate", "pat", "--reason", "left the council", user="ada")[0] == 0
    pat = User.objects.get(username="pat")
    assert (pat.role, pat.is_active) == ("approver", False)
    assert pat.check_password("Another-pass-2007!")
    code, output = board("users", "history", "pat", user="ada")
    assert code == 0
    for said in (
        "added as officer",
        "role officer → approver",
        "signs off packs now",
        "password reset",
        "forgotten",
        "deactivated",
        "left the council",
        "ada",
    ):
        assert said in output, said
    assert "pbkdf2" not in output
    code, output = board("users", "list", user="ada")
    assert code == 0 and "no (deactivated)" in output
    User.objects.create(username="olly", role="officer")
    code, output = board("users", "list", user="olly")
    assert code == 1 and "to list users needs the admin role" in output


def test_a_deactivated_user_cannot_act_at_the_console() -> None:
    _first_admin()
    board(
        "users",
        "add",
        "pat",
        "--role",
        "approver",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        user="ada",
    )
    board("users", "deactivate", "pat", "--reason", "left", user="ada")
    code, output = board("users", "list", user="pat")
    assert code == 1 and "pat is deactivated" in output


def test_the_last_administrator_cannot_be_removed_or_deactivate_themselves() -> None:
    _first_admin()
    code, output = board("users", "role", "ada", "reader", "--reason", "oops", user="ada")
    assert code == 1 and "ada is the only active administrator" in output
    code, output = board("users", "deactivate", "ada", "--reason", "leaving", user="ada")
    assert code == 1 and "no one may deactivate themselves" in output
    assert User.objects.get(username="ada").role == "admin"


def test_the_first_administrator_may_name_themselves_with_as() -> None:
    code, output = board(
        "users",
        "add",
        "ada",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        user="ada",
    )
    assert code == 0, output
    assert User.objects.get(username="ada").role == "admin"


def test_someone_not_known_here_changes_no_user_once_there_is_an_administrator() -> None:
    _first_admin()
    code, output = board(
        "users", "add", "pat", "--password-stdin", stdin=PASSWORD + "\n", user="stranger"
    )
    assert code == 1 and "only a named person may add a user" in output
    assert not User.objects.filter(username__in=["pat", "stranger"]).exists()
