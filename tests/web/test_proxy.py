"""Behind a TLS proxy: HTTPS as the trusted proxy says, no redirect loop, and sign-in lockout by
the real client's address; headers from anyone else are not believed."""

from __future__ import annotations

from typing import Any

from django.test import Client, RequestFactory, override_settings

from improvement_board.accounts.models import User
from improvement_board.web.middleware import client_address

PROXY = "10.0.0.2"
BEHIND_PROXY = override_settings(
    BOARD_TRUSTED_PROXIES=["10.0.0.0/29"],
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_SSL_REDIRECT=True,
)


def _address(remote: str, forwarded: str | None = None) -> str | None:
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **headers))  # type: ignore[arg-type]


@BEHIND_PROXY
def test_the_client_address_is_the_one_the_trusted_proxy_saw() -> None:
    assert _address(PROXY, "198.51.100.7") == "198.51.100.7"
    # A client's own X-Forwarded-For is passed over: the proxy appends what it saw.
    assert _address(PROXY, "203.0.113.1, 198.51.100.7") == "198.51.100.7"
    # A chain of trusted proxies is passed over too.
    assert _address(PROXY, "198.51.100.7, 10.0.0.3") == "198.51.100.7"


@BEHIND_PROXY
def test_a_forwarded_address_is_not_believed_from_anyone_but_a_trusted_proxy() -> None:
    assert _address("192.0.2.50", "198.51.100.7") == "192.0.2.50"
    assert _address(PROXY, "not-an-address") == PROXY
    assert _address(PROXY) == PROXY


def test_no_proxy_is_trusted_unless_one_is_configured() -> None:
    assert _address("127.0.0.1", "198.51.100.7") == "127.0.0.1"


@BEHIND_PROXY
def test_https_through_the_trusted_proxy_is_served_not_redirected_again(db: None) -> None:
    client = Client()
    response = client.get("/login/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    plain = client.get("/login/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="http")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


@BEHIND_PROXY
def test_anyone_else_claiming_https_is_redirected_to_it(db: None) -> None:
    response = Client().get("/login/", REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"].startswith("https://")


@BEHIND_PROXY
def test_lockout_counts_the_real_client_not_the_proxy(db: None) -> None:
    user = User(username="chair", role="reader")
    user.set_password("A-long-pass-2006!")
    user.save()
    client = Client()

    def sign_in(client_ip: str, password: str) -> int:
        via = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_PROTO": "https"}
        data = {"username": "chair", "password": password}
        response: Any = client.post("/login/", data, HTTP_X_FORWARDED_FOR=client_ip, **via)
        return int(response.status_code)

    attacker, chair = "203.0.113.66", "198.51.100.7"
    assert [sign_in(attacker, "wrong-password") for _ in range(5)][-1] == 429
    assert sign_in(attacker, "A-long-pass-2006!") == 429
    assert sign_in(chair, "A-long-pass-2006!") == 302
