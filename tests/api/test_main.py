"""The OpenAPI schema at /api/openapi.json is valid OpenAPI and documents every route, and the
docs at /api/docs run the bundled Swagger UI from this site; both are for people signed in to the
web app or calling with a token."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from openapi_spec_validator import validate

from tests.api.conftest import Caller, token_for
from tests.api.test_permissions import ROUTES
from tests.web.factories import UserFactory


def _signed_in() -> Client:
    browser = Client()
    browser.force_login(UserFactory(role="reader"))
    return browser


def test_the_schema_is_valid_openapi_and_documents_every_route(programme: Any) -> None:
    response = _signed_in().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    documented = {
        (path, method) for path, operations in schema["paths"].items() for method in operations
    }
    expected = {
        (reverse(f"api:{name}", kwargs={k: "{" + k + "}" for k in kwargs}), method)
        for name, (kwargs, method, _) in ROUTES.items()
    }
    assert documented == {(p.replace("%7B", "{").replace("%7D", "}"), m) for p, m in expected}
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_a_bad_return_is_documented_as_located_problems(programme: Any) -> None:
    schema = _signed_in().get("/api/openapi.json").json()
    push = schema["paths"]["/api/programmes/{programme}/returns"]["post"]
    problems = push["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][problems.rsplit("/", 1)[1]]["properties"]
    assert set(fields) == {"detail", "problems"}
    problem = schema["components"]["schemas"]["ProblemOut"]["properties"]
    assert {"file", "row", "column", "message", "item"} == set(problem)


def test_the_schema_is_given_to_a_caller_with_a_token(programme: Any) -> None:
    caller = Caller(token_for("reader"))
    response = caller.get("/api/openapi.json")
    assert response.status_code == 200
    validate(response.json())


def test_the_docs_page_runs_the_bundled_swagger_ui_under_its_own_policy(programme: Any) -> None:
    page = _signed_in().get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy
    assert finders.find("ninja/swagger-ui-bundle.js")  # served, and collected in production
    assert not finders.find("ninja/redoc.standalone.js")  # the rest of Ninja's files are not


def test_someone_signed_out_is_sent_to_sign_in_before_the_docs_or_the_schema(
    programme: Any,
) -> None:
    for url in ("/api/docs", "/api/openapi.json"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
    refused = Caller("board_" + "z" * 43).get("/api/openapi.json")
    assert refused.status_code == 401
