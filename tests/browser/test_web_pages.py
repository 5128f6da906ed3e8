"""The web app as a person meets it: the demo's store served on this machine, signed in through
the real form, every main page checked for WCAG 2.2 AA."""

from __future__ import annotations

import os
import shutil
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
PASSWORD = "Officer-pass-2006!"
PAGES = [
    "/",
    "/programmes/herefordshire-2006/",
    "/programmes/herefordshire-2006/indicators/ch-141/",
    "/programmes/herefordshire-2006/indicators/ch-141/2006-10/figure/",
    "/programmes/herefordshire-2006/returns/upload/",
    "/programmes/herefordshire-2006/meetings/",
    "/programmes/herefordshire-2006/meetings/2006-11/",
    "/programmes/herefordshire-2006/plan/",
    "/programmes/herefordshire-2006/risks/",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def site(demo_pack: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo's store, copied for each module that serves it (the Minister's pages import this
    fixture), so users added and packs issued here never meet another module's."""
    home = tmp_path_factory.mktemp("served") / "home"
    shutil.copytree(demo_pack.parents[2], home)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BOARD_HOME=str(home))
    board = [sys.executable, "-m", "improvement_board.cli", "--demo"]
    for role in ("admin", "officer", "approver"):
        subprocess.run(
            [*board, "--as", "admin", "users", "add", role, "--role", role, "--password-stdin"],
            input=PASSWORD + "\n",
            text=True,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    # The officer puts the November pack forward for approval, as the approver's test needs.
    subprocess.run(
        [*board, "--as", "officer", "pack", "--meeting", "2006-11", "--prepare"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    server = subprocess.Popen(
        [*board, "serve", "--port", str(port)],
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


def test_an_officer_signs_in_and_every_main_page_meets_wcag_2_2_aa(
    browser: Any, site: str, axe_source: str
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/login/")
    assert axe_violations(page, axe_source) == []
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    found = {}
    for path in PAGES:
        response = page.goto(f"{site}{path}")
        assert response is not None and response.status == 200, path
        found[path] = axe_violations(page, axe_source)
    assert {path: v for path, v in found.items() if v} == {}
    context.close()


def test_an_approver_approves_and_issues_the_pack_and_the_meeting_page_lists_it(
    browser: Any, site: str, axe_source: str
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", "approver")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    meeting = f"{site}/programmes/herefordshire-2006/meetings/2006-11/"
    page.goto(meeting)
    page.click("text=Approve the pack as prepared")
    page.wait_for_url(meeting)
    assert "prepared by officer is approved" in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    page.click("text=Issue the approved pack to the board")
    page.wait_for_url(meeting)
    assert "of the November 2006 pack is issued" in page.inner_text("main")
    table = page.inner_text("table:has(caption:text('Issued versions'))")
    assert "Unchanged" in table and "HTML" in table and "PDF" in table
    assert axe_violations(page, axe_source) == []
    context.close()


def test_an_administrator_manages_users_on_pages_that_meet_wcag_2_2_aa(
    browser: Any, site: str, axe_source: str
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    found = {}
    for path in ("/users/", "/users/add/", "/users/u/officer/", "/users/u/officer/role/",
                 "/users/u/officer/active/", "/users/u/officer/password/"):  # fmt: skip
        response = page.goto(f"{site}{path}")
        assert response is not None and response.status == 200, path
        found[path] = axe_violations(page, axe_source)
    page.goto(f"{site}/users/u/officer/role/")
    page.click("button[type=submit]")  # no role change and no reason: errors on the page
    found["role form with errors"] = axe_violations(page, axe_source)
    assert {path: v for path, v in found.items() if v} == {}
    context.close()


def test_the_pdf_being_prepared_page_meets_wcag_2_2_aa(
    browser: Any, site: str, axe_source: str
) -> None:
    """The first request after a change is told the PDF is being prepared; the page's own
    refresh is answered 204 here (the browser stays on the page) so axe reads it undisturbed."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    asked: list[str] = []

    def first_only(route: Any) -> None:
        asked.append(route.request.url)
        if len(asked) == 1:
            route.continue_()
        else:
            route.fulfill(status=204)

    page.route("**/meetings/2006-11/pack.pdf", first_only)
    response = page.goto(f"{site}/programmes/herefordshire-2006/meetings/2006-11/pack.pdf")
    assert response is not None and response.status == 202
    assert page.inner_text("h1") == "The PDF of the board pack is being prepared"
    assert axe_violations(page, axe_source) == []
    context.close()
