"""Tokens made and revoked from the console (``board tokens``): shown once, stored only as a
SHA-256, each person managing their own and an administrator anyone's."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from improvement_board.accounts.refusals import Refused
from improvement_board.api.models import Token
from improvement_board.api.services import token_create, token_revoke
from improvement_board.cli import app as board
from tests.api.conftest import Caller
from tests.web.factories import UserFactory


def _board(monkeypatch: pytest.MonkeyPatch, acting: str, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("BOARD_USER", acting)
    result = CliRunner().invoke(board, list(args), env={"COLUMNS": "300"})
    return result.exit_code, result.output


def test_a_token_is_shown_once_and_kept_only_as_its_sha256(
    programme: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    UserFactory(username="olly", role="officer")
    code, output = _board(monkeypatch, "olly", "tokens", "add", "olly", "--name", "case system")
    assert code == 0, output
    secret = next(line for line in output.splitlines() if line.startswith("board_"))
    assert "Shown once" in output
    token = Token.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    kept = [str(v) for v in Token.objects.values().get().values()]
    assert not any(secret in value for value in kept)
    assert secret.startswith(token.prefix) and len(token.prefix) < len(secret) // 3
    code, listed = _board(monkeypatch, "olly", "tokens", "list")
    assert code == 0 and token.prefix in listed and secret not in listed
    assert Caller(secret).get(reverse("api:programmes")).status_code == 200


def test_a_person_revokes_their_own_token_and_it_stops_working_at_once(
    programme: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    olly = UserFactory(username="olly", role="officer")
    made = token_create(user=olly, name="case system", by=olly)
    caller = Caller(made.secret)
    assert caller.get(reverse("api:programmes")).status_code == 200
    args = ("tokens", "revoke", str(made.token.pk))
    code, output = _board(monkeypatch, "olly", *args)
    assert code == 1 and "say why the token is revoked" in output
    code, output = _board(monkeypatch, "olly", *args, "--reason", "system retired")
    assert code == 0 and "is revoked" in output
    assert caller.get(reverse("api:programmes")).status_code == 401
    made.token.refresh_from_db()
    assert (made.token.revoked_by, made.token.revoked_reason) == (olly, "system retired")


def test_only_the_holder_or_an_administrator_manages_a_token(
    programme: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    olly = UserFactory(username="olly", role="officer")
    UserFactory(username="ann", role="approver")
    UserFactory(username="ada", role="admin")
    code, output = _board(monkeypatch, "ann", "tokens", "add", "olly", "--name", "mine now")
    assert code == 1 and "only olly or an administrator may make an API token" in output
    code, output = _board(monkeypatch, "ada", "tokens", "add", "olly", "--name", "case system")
    assert code == 0
    token = Token.objects.get()
    assert token.created_by.username == "ada" and token.user == olly
    with pytest.raises(Refused, match="only olly or an administrator may revoke"):
        token_revoke(token=token, by=UserFactory(role="approver"), reason="not mine")
    code, listed = _board(monkeypatch, "ann", "tokens", "list")
    assert token.prefix not in listed
    code, output = _board(monkeypatch, "ann", "tokens", "revoke", str(token.pk), "--reason", "x")
    assert code == 1 and f"no token {token.pk} of yours" in output


def test_a_read_only_token_and_its_lifetime_are_said_when_made(
    programme: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    UserFactory(username="ann", role="approver")
    code, output = _board(
        monkeypatch, "ann", "tokens", "add", "ann", "--name", "dashboard", "--read-only",
        "--days", "30",
    )  # fmt: skip
    assert code == 0
    token = Token.objects.get()
    assert token.read_only and "reads only" in output
    assert (token.expires_at - token.created_at).days == 30
    code, output = _board(monkeypatch, "ann", "tokens", "add", "ann", "--name", " ")
    assert code == 1 and "say what the token is for" in output
