"""``board due`` lists what a person owes the next meeting; ``board remind`` sends the reminders
on the days the programme's schedule names, once a day."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from typer.testing import CliRunner

from improvement_board.cli import app
from improvement_board.demo import SEED_PROGRAMME

pytestmark = pytest.mark.django_db
runner = CliRunner()
PASSWORD = "Long-pass-2006!"


def board(*args: object, stdin: str | None = None, user: str = "ada") -> tuple[int, str]:
    result = runner.invoke(
        app, ["--as", user, *map(str, args)], input=stdin, env={"COLUMNS": "300"}
    )
    return result.exit_code, result.output


@pytest.fixture
def store() -> None:
    assert board("users", "add", "ada", "--role", "admin", "--password-stdin",
                 stdin=PASSWORD + "\n")[0] == 0  # fmt: skip
    assert board("programme", "load", SEED_PROGRAMME)[0] == 0
    assert board("users", "add", "hos", "--role", "officer", "--password-stdin",
                 stdin=PASSWORD + "\n")[0] == 0  # fmt: skip


def test_posts_are_set_with_a_reason_and_what_they_owe_is_listed(store: None) -> None:
    code, output = board("users", "posts", "hos", "--post", "Head of Safeguarding")
    assert code == 1 and "give a reason" in output
    code, output = board(
        "users", "posts", "hos", "--post", "Head of Safeguarding", "--reason", "appointed"
    )
    assert code == 0 and "hos holds Head of Safeguarding" in output
    code, output = board("due", "--user", "hos", "--on", "2006-10-20", "--json")
    assert code == 0, output
    record = json.loads(output)
    assert record["meeting"] == "2006-11" and record["held_on"] == "2006-11-01"
    # no figures loaded: each monthly indicator the post owns owes its October figure
    assert "CH 141: figure for October 2006" in [d["what"] for d in record["due"]]


def test_remind_sends_on_a_schedule_day_and_says_when_it_is_not_one(store: None) -> None:
    from improvement_board.accounts.models import User

    User.objects.filter(username="hos").update(
        posts=["Head of Safeguarding"], email="hos@council.example"
    )
    code, output = board("remind", "--on", "2006-10-17")
    assert code == 0 and "they go out on 18 Oct 2006, 27 Oct 2006" in output
    assert mail.outbox == []
    code, output = board("remind", "--on", "2006-10-18")
    assert code == 0 and "hos:" in output and "sent" in output
    assert len(mail.outbox) == 1
    code, output = board("remind", "--on", "2006-10-18")
    assert "already sent today" in output and len(mail.outbox) == 1


def test_a_board_member_may_not_send_reminders(store: None) -> None:
    assert board("users", "add", "bea", "--role", "reader", "--password-stdin",
                 stdin=PASSWORD + "\n")[0] == 0  # fmt: skip
    code, output = board("remind", "--on", "2006-10-18", user="bea")
    assert code == 1 and "officer role" in output
