"""A role is held per programme: people are added to a programme, moved between roles in it and
taken out of it from the console, and see only the programmes they belong to."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from improvement_board.accounts.models import User
from improvement_board.accounts.roles import role_of
from improvement_board.cli import app
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.programmes.members import programmes_visible

pytestmark = pytest.mark.django_db
runner = CliRunner()
PASSWORD = "Long-pass-2006!"


def board(*args: object, stdin: str | None = None, user: str = "ada") -> tuple[int, str]:
    result = runner.invoke(
        app, ["--as", user, *map(str, args)], input=stdin, env={"COLUMNS": "300"}
    )
    return result.exit_code, result.output


@pytest.fixture
def two(mini_programme_file) -> None:
    assert board("users", "add", "ada", "--role", "admin", "--password-stdin",
                 stdin=PASSWORD + "\n")[0] == 0  # fmt: skip
    assert board("programme", "load", SEED_PROGRAMME)[0] == 0
    assert board("programme", "load", mini_programme_file)[0] == 0


def test_a_person_belongs_to_the_programmes_named_in_their_role(two: None) -> None:
    code, output = board(
        "users", "add", "pat", "--role", "officer", "--programme", "mini",
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, output
    pat = User.objects.get(username="pat")
    assert [p.key for p in programmes_visible(user=pat)] == ["mini"]
    assert (role_of(pat, "mini"), role_of(pat, "herefordshire-2006")) == ("officer", None)
    code, output = board("users", "list")
    assert "mini (officer)" in output and "every programme" in output  # ada, the admin


def test_a_membership_is_given_changed_and_ended_with_a_reason(two: None) -> None:
    board("users", "add", "pat", "--role", "reader", "--programme", "mini", "--password-stdin",
          stdin=PASSWORD + "\n")  # fmt: skip
    code, output = board("users", "member", "pat", "--programme", "herefordshire-2006",
                         "--role", "approver", "--reason", "joins the board")  # fmt: skip
    assert code == 0 and "pat is approver in herefordshire-2006" in output
    pat = User.objects.get(username="pat")
    assert role_of(pat, "herefordshire-2006") == "approver"
    code, output = board("users", "member", "pat", "--programme", "mini", "--remove")
    assert code == 1 and "say why" in output
    code, output = board("users", "member", "pat", "--programme", "mini", "--remove",
                         "--reason", "left the council")  # fmt: skip
    assert code == 0 and role_of(User.objects.get(username="pat"), "mini") is None
    history = pat.memberships.model.history.filter(user=pat).order_by("history_date")
    assert [h.history_change_reason for h in history][-1] == "left the council"


def test_only_an_administrator_changes_who_belongs(two: None) -> None:
    board("users", "add", "pat", "--role", "officer", "--programme", "mini", "--password-stdin",
          stdin=PASSWORD + "\n")  # fmt: skip
    code, output = board("users", "member", "pat", "--programme", "herefordshire-2006",
                         "--role", "admin", "--reason", "x", user="pat")  # fmt: skip
    assert code == 1 and "needs the admin role" in output
