"""A call's key is a token: a signed-in browser session is refused, and a token that is revoked,
expired, unknown or whose holder has left does not work."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from improvement_board.api.services import token_create, token_revoke
from improvement_board.programmes.models import Measurement
from tests.api.conftest import PROGRAMME, Caller
from tests.web.factories import UserFactory

P = {"programme": PROGRAMME}


def test_a_signed_in_session_is_no_key_to_the_api(programme: Any) -> None:
    """A browser's session cookie cannot call the API, so another site cannot make a signed-in
    person's browser push a return: no CSRF token is needed because the session is refused."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(role="admin"))
    stored = Measurement.objects.count()
    read = browser.get(reverse("api:programmes"))
    push = browser.post(
        reverse("api:return-rows", kwargs=P),
        {"rows": [{"indicator": "CH 141", "period": "2006-11", "value": 180}]},
        content_type="application/json",
    )
    for response in (read, push):
        assert response.status_code == 401
        assert "does not take a signed-in session" in response.json()["detail"]
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert Measurement.objects.count() == stored


def test_a_token_stops_working_when_revoked_expired_or_its_holder_deactivated(
    programme: Any,
) -> None:
    url = reverse("api:programmes")
    user = UserFactory(role="reader")
    revoked = token_create(user=user, name="old system", by=user)
    token_revoke(token=revoked.token, by=user, reason="system retired")
    expired = token_create(user=user, name="trial", by=user, days=1)
    expired.token.expires_at = timezone.now() - timedelta(seconds=1)
    expired.token.save()
    leaver = UserFactory(role="officer")
    left = token_create(user=leaver, name="leaver's script", by=leaver)
    leaver.is_active = False
    leaver.save()
    answers = {
        "revoked": Caller(revoked.secret).get(url),
        "expired": Caller(expired.secret).get(url),
        "deactivated": Caller(left.secret).get(url),
        "unknown": Caller("board_" + "x" * 43).get(url),
    }
    assert {k: r.status_code for k, r in answers.items()} == dict.fromkeys(answers, 401)
    assert "was revoked" in answers["revoked"].json()["detail"]
    assert "expired" in answers["expired"].json()["detail"]
    assert "deactivated" in answers["deactivated"].json()["detail"]
    assert answers["unknown"].json()["detail"] == "this token is not known"


def test_a_call_without_a_token_says_how_to_send_one(programme: Any) -> None:
    response = Client().get(reverse("api:programmes"))
    assert response.status_code == 401
    assert response.json()["detail"].startswith("no token: send the header Authorization: Bearer")


def test_an_address_that_keeps_sending_bad_tokens_is_refused_for_a_while(
    programme: Any, settings: Any
) -> None:
    """After API_REFUSED_RATE calls without a valid token, the address is refused (429), even
    with a good token, until the window passes: tokens cannot be tried at speed."""
    settings.API_REFUSED_RATE = "3/min"
    user = UserFactory(role="reader")
    good = Caller(token_create(user=user, name="case system", by=user).secret)
    bad = Caller("board_" + "y" * 43)
    url = reverse("api:programmes")
    assert [bad.get(url).status_code for _ in range(3)] == [401, 401, 401]
    refused = good.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["detail"].startswith("too many calls")
