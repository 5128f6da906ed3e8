"""The deployment entry point: the WSGI application with static files served by WhiteNoise, and
``board serve --workers N`` running gunicorn under production settings behind a TLS proxy."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from improvement_board.cli.serve import gunicorn_command


def test_the_wsgi_and_asgi_entry_points_are_the_projects_app() -> None:
    from improvement_board.web import asgi, wsgi

    assert callable(wsgi.application) and callable(asgi.application)


def test_the_wsgi_application_serves_static_files_itself(db: None) -> None:
    from django.test import Client

    response = Client().get("/static/web/board.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).strip()  # type: ignore[attr-defined]


def test_serve_with_workers_runs_gunicorn_with_the_projects_config() -> None:
    command = gunicorn_command(host="127.0.0.1", port=8123, workers=3)
    assert command[1:3] == ["-m", "gunicorn"]
    assert command[command.index("--workers") + 1] == "3"
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert Path(command[command.index("--config") + 1]).name == "gunicorn_conf.py"
    assert command[-1] == "improvement_board.web.wsgi:application"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The app as deployed on one machine: production settings, two gunicorn workers on the
    loopback address, a proxy on this machine trusted."""
    home = tmp_path_factory.mktemp("deployed")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOARD_SQLITE"}}
    env.update(
        BOARD_HOME=str(home),
        BOARD_ENV="production",
        BOARD_SECRET_KEY="s" * 48,
        BOARD_PSEUDONYM_KEY="p" * 48,
        BOARD_ALLOWED_HOSTS="board.example.gov.uk",
        BOARD_TRUSTED_PROXIES="127.0.0.1",
    )
    log = home / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "improvement_board.cli", "serve", "--workers", "2",
             "--port", str(port)],
            env=env, stdout=output, stderr=output,
        )  # fmt: skip
    try:
        for _ in range(1500):  # a fresh store is migrated first: on a busy machine, minutes
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn stopped: {log.read_text()}")
                time.sleep(0.2)
        else:
            pytest.fail(f"gunicorn never listened: {log.read_text()}")
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _get(port: int, path: str, **headers: str) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "board.example.gov.uk", **headers})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_behind_the_proxy_https_pages_are_served_not_redirected(deployed: int) -> None:
    page = _get(deployed, "/login/", **{"X-Forwarded-Proto": "https"})
    assert page.status == 200 and b"Sign in" in page.body
    assert page.getheader("Strict-Transport-Security").startswith("max-age=31536000")


def test_plain_http_is_sent_to_https(deployed: int) -> None:
    plain = _get(deployed, "/login/", **{"X-Forwarded-Proto": "http"})
    assert plain.status == 301
    assert plain.getheader("Location") == "https://board.example.gov.uk/login/"


def test_static_files_are_collected_hashed_and_served_for_a_year(deployed: int) -> None:
    page = _get(deployed, "/login/", **{"X-Forwarded-Proto": "https"})
    [css] = re.findall(rb'href="(/static/web/board\.[0-9a-f]{12}\.css)"', page.body)
    served = _get(deployed, css.decode(), **{"X-Forwarded-Proto": "https"})
    assert served.status == 200 and served.body
    assert "max-age=315360000" in served.getheader("Cache-Control")
