"""Every call to the API is in its log, answered or refused: who, when, what and the result."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from improvement_board.api.models import Call
from improvement_board.api.services import token_create
from improvement_board.cli import app as board
from tests.api.conftest import Caller
from tests.web.factories import UserFactory


def test_every_call_is_in_the_log_with_who_when_what_and_the_result(
    programme: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    olly = UserFactory(username="olly", role="reader")
    made = token_create(user=olly, name="case system", by=olly)
    caller = Caller(made.secret)
    caller.get(reverse("api:programmes"))
    push = reverse("api:return-rows", kwargs={"programme": programme.key})
    caller.post_json(push, {"rows": []})
    Caller("board_" + "q" * 43).get(reverse("api:risks", kwargs={"programme": programme.key}))
    logged = list(Call.objects.order_by("id"))
    assert [(c.username, c.method, c.status) for c in logged] == [
        ("olly", "GET", 200),
        ("olly", "POST", 403),
        ("", "GET", 401),
    ]
    assert logged[0].token == made.token and logged[0].address == "127.0.0.1"
    assert logged[1].programme == programme.key
    assert "to push a monthly return needs the officer role" in logged[1].outcome
    assert logged[2].outcome == "this token is not known" and logged[2].token is None
    monkeypatch.setenv("BOARD_USER", "olly")
    result = CliRunner().invoke(board, ["tokens", "calls"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    output = result.output
    assert "POST /api/programmes/herefordshire-2006/returns" in output and "403" in output


def test_a_call_to_nothing_is_logged_as_not_found(programme: Any) -> None:
    response = Caller("board_" + "q" * 43).get("/api/")
    assert response.status_code == 404
    assert Call.objects.get().status == 404
