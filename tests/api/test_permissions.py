"""Who may call what: every API route declares its least role here, and a token gets exactly
that, in the programmes its holder belongs to and no other.

The web app's matrix (tests/web/test_permissions.py) walks the web's named pages and passes over
the ``api`` namespace; this one walks the API's.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from improvement_board.api.services import token_create
from improvement_board.programmes.models import Measurement
from improvement_board.web.roles import ROLES
from tests.api.conftest import PROGRAMME, Caller, bearer, token_for
from tests.web.factories import UserFactory

P = {"programme": PROGRAMME}
ROUTES: dict[str, tuple[dict[str, str], str, str]] = {
    "programmes": ({}, "get", "reader"),
    "programme": (P, "get", "reader"),
    "indicators": (P, "get", "reader"),
    "figures": ({**P, "indicator": "ch-141"}, "get", "reader"),
    "statuses": (P, "get", "reader"),
    "exceptions": (P, "get", "reader"),
    "actions": (P, "get", "reader"),
    "risks": (P, "get", "reader"),
    "meetings": (P, "get", "reader"),
    "return-rows": (P, "post", "officer"),
    "return-file": (P, "post", "officer"),
}
"""Each route: its arguments, its method and the least role it needs."""
DOCS = {"openapi-json", "openapi-view"}
ROOT = "api-root"
"""Names the API's root for its schema; there is nothing there (404)."""
ROWS = {"rows": [{"indicator": "CH 141", "period": "2006-11", "value": 180}], "dry_run": True}


def _api_patterns() -> dict[str, URLPattern]:
    def walk(patterns: list[Any], namespace: str) -> list[tuple[str, URLPattern]]:
        found: list[tuple[str, URLPattern]] = []
        for entry in patterns:
            if isinstance(entry, URLResolver):
                found += walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern):
                found.append((namespace, entry))
        return found

    return {p.name: p for ns, p in walk(get_resolver().url_patterns, "") if ns == "api"}


def test_the_table_covers_every_api_route() -> None:
    assert set(_api_patterns()) == set(ROUTES) | DOCS | {ROOT}


def test_no_api_route_sends_a_caller_to_the_sign_in_page() -> None:
    """The API answers for itself (401 without a token); only its docs ask a person to sign in."""
    assert all(
        getattr(p.callback, "login_required", True) is False for p in _api_patterns().values()
    )


def _call(client: Client, name: str, method: str, headers: dict[str, str]) -> Any:
    kwargs = ROUTES[name][0]
    url = reverse(f"api:{name}", kwargs=kwargs)
    if method == "get":
        return client.get(url, headers=headers)
    if name == "return-file":
        upload = SimpleUploadedFile("return.csv", b"indicator,period,value\nCH 141,2006-11,180\n")
        return client.post(url, {"file": upload, "dry_run": "true"}, headers=headers)
    return client.post(url, ROWS, content_type="application/json", headers=headers)


def _expect(role: str | None, name: str, method: str) -> int:
    """Another method is not allowed (405) whoever asks; no token is 401; a role below the
    route's is 403; else the answer."""
    _, allowed, needed = ROUTES[name]
    if method != allowed:
        return 405
    if role is None:
        return 401
    if ROLES.index(role) < ROLES.index(needed):
        return 403
    return 200


@pytest.mark.parametrize("role", [None, *ROLES])
def test_each_role_gets_exactly_the_routes_and_verbs_it_should(
    role: str | None, programme: Any, settings: Any
) -> None:
    settings.API_REFUSED_RATE = "1000/min"  # this walk calls without a token on purpose
    headers = bearer(token_for(role)) if role is not None else {}
    stored = Measurement.objects.count()
    for name in ROUTES:
        for method in ("get", "post"):
            response = _call(Client(), name, method, headers)
            expected = _expect(role, name, method)
            assert response.status_code == expected, (role, name, method, response.content)
            if expected != 200:
                assert response.json()["detail"], (role, name, method)
    assert Measurement.objects.count() == stored  # every push above was a dry run


def test_a_programme_its_holder_does_not_belong_to_is_not_found(
    programme: Any, mini_programme_file: Any
) -> None:
    from improvement_board.programmes.services import programme_load

    other, _ = programme_load(path=mini_programme_file)
    ours = Caller(token_for("approver", member_of=[PROGRAMME]))
    for name, (kwargs, method, _) in ROUTES.items():
        if "programme" not in kwargs:
            continue
        there = {**kwargs, "programme": other.key}
        if name == "figures":
            there["indicator"] = "referrals"
        url = reverse(f"api:{name}", kwargs=there)
        response = ours.get(url) if method == "get" else ours.post_json(url, ROWS)
        assert response.status_code == 404, name
        assert other.key in response.json()["detail"] and "among yours" in response.json()["detail"]
    listed = [p["key"] for p in ours.get(reverse("api:programmes")).json()]
    assert listed == [PROGRAMME]
    theirs = Caller(token_for("officer", member_of=[other.key]))
    assert theirs.get(reverse("api:programme", kwargs=P)).status_code == 404
    assert theirs.get(reverse("api:programme", kwargs={"programme": other.key})).status_code == 200


def test_a_role_is_the_one_held_in_the_programme_called(
    programme: Any, mini_programme_file: Any
) -> None:
    from improvement_board.programmes.members import membership_set
    from improvement_board.programmes.services import programme_load

    other, _ = programme_load(path=mini_programme_file)
    holder = UserFactory(role="officer", member_of=[PROGRAMME])
    admin = UserFactory(role="admin")
    membership_set(user=holder, programme=other, role="reader", by=admin, reason="reads theirs")
    caller = Caller(token_create(user=holder, name="case system", by=holder).secret)
    ours = caller.post_json(reverse("api:return-rows", kwargs=P), ROWS)
    theirs = caller.post_json(reverse("api:return-rows", kwargs={"programme": other.key}), ROWS)
    assert ours.status_code == 200
    assert theirs.status_code == 403
    assert (
        "is a board member: to push a monthly return needs the officer role"
        in (theirs.json()["detail"])
    )


def test_a_read_only_token_reads_but_may_not_push(programme: Any) -> None:
    caller = Caller(token_for("officer", read_only=True))
    listed = caller.get(reverse("api:programmes")).json()
    assert [p["role"] for p in listed] == ["reader"]
    assert caller.get(reverse("api:statuses", kwargs=P)).status_code == 200
    refused = caller.post_json(reverse("api:return-rows", kwargs=P), ROWS)
    assert refused.status_code == 403
    assert "this token only reads" in refused.json()["detail"]
