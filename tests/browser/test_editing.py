"""The programme manager changes the programme in a real browser, on pages that meet WCAG 2.2 AA:
each edit page as opened, with its errors shown, and after a change is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "Manager-pass-2006!"
P = "/programmes/herefordshire-2006"
PAGES = [
    f"{P}/indicators/ch-141/change/",
    f"{P}/plan/ipc-analysis/change/",
    f"{P}/plan/ipc-analysis/interim-report/change/",
    f"{P}/risks/social-worker-vacancies/change/",
    f"{P}/meetings/2006-11/change/",
    f"{P}/meetings/2006-11/reports/health-assessments/change/",
    f"{P}/change/recommendations/6(2)/",
    f"{P}/change/evidence/1/",
    f"{P}/change/criteria/1/",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo's store of its own (edits here must not change the pack other tests approve),
    with a programme manager, served on this machine."""
    home: Path = tmp_path_factory.mktemp("board-home-editing")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BOARD_HOME=str(home), COLUMNS="300")
    board = [sys.executable, "-m", "improvement_board.cli"]
    subprocess.run([*board, "demo"], env=env, check=True, capture_output=True, timeout=300)
    subprocess.run(
        [*board, "--demo", "--as", "admin", "users", "add", "manager", "--role", "admin",
         "--password-stdin"],
        input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        [*board, "--demo", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def manager(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    yield page
    context.close()


def test_every_edit_page_meets_wcag_2_2_aa_as_opened_and_with_its_errors(
    manager: Any, site: str, axe_source: str
) -> None:
    found = {}
    manager.goto(f"{site}{P}/change/")
    found["the programme's parts"] = axe_violations(manager, axe_source)
    for path in PAGES:
        response = manager.goto(f"{site}{path}")
        assert response is not None and response.status == 200, path
        found[path] = axe_violations(manager, axe_source)
        manager.get_by_label("Reason for the change").fill("")
        manager.click("button:has-text('Save changes')")
        found[f"{path} after saving"] = axe_violations(manager, axe_source)
    assert {path: v for path, v in found.items() if v} == {}


def test_the_manager_changes_a_target_with_a_reason(
    manager: Any, site: str, axe_source: str
) -> None:
    manager.goto(f"{site}{P}/indicators/ch-141/")
    manager.click("a[href$='/ch-141/change/']")
    manager.get_by_label("Target", exact=True).fill("230")
    manager.click("button:has-text('Save changes')")
    assert "Give the reason for the change" in manager.inner_text(".govuk-error-summary")
    assert axe_violations(manager, axe_source) == []
    manager.get_by_label("Reason for the change").fill("Agreed with the DfE adviser")
    manager.click("button:has-text('Save changes')")
    manager.wait_for_url(f"{site}{P}/indicators/ch-141/")
    assert "Your changes to the indicator" in manager.inner_text("main")
    assert "230" in manager.inner_text("main")
    assert axe_violations(manager, axe_source) == []
