"""The board's whole month in the browser, as the people who do it: the programme manager changes
a target with a reason, an officer uploads November's return, the indicator's owner writes the
commentary, an approver validates the figures, the pack for the December meeting is prepared,
approved by a second person and issued, and a board member reads it and downloads its data as a
workbook. Every page visited meets WCAG 2.2 AA (axe). The figures are the demo's synthetic ones.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from improvement_board.core.demo import demo_csv, demo_figures
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "Month-pass-2006!"
P = "/programmes/herefordshire-2006"
OCTOBER, NOVEMBER = Period(2006, 10), Period(2006, 11)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The seed with synthetic figures to October 2006, four people, served on this machine;
    the site's address and November's return, ready to upload."""
    home = tmp_path_factory.mktemp("board-month")
    seed = load_programme(SEED_PROGRAMME)
    figures = demo_figures(seed, upto=NOVEMBER)
    before = home / "to-october-SYNTHETIC.csv"
    before.write_text(demo_csv([f for f in figures if f.period <= OCTOBER]), encoding="utf-8")
    november = home / "november-SYNTHETIC.csv"
    november.write_text(demo_csv([f for f in figures if f.period == NOVEMBER]), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BOARD_HOME=str(home / "store"), COLUMNS="200")
    board = [sys.executable, "-m", "improvement_board.cli", "--as", "manager"]

    def run(*args: str, stdin: str | None = None) -> None:
        done = subprocess.run(
            [*board, *args], input=stdin, text=True, env=env, capture_output=True, timeout=300
        )
        assert done.returncode == 0, done.stdout + done.stderr

    run("users", "add", "manager", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    run("programme", "load", str(SEED_PROGRAMME))
    run("measurements", "load", str(before), "--reason", "figures to October 2006")
    for name, role in (("officer", "officer"), ("approver", "approver"), ("member", "reader")):
        run("users", "add", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "improvement_board.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", november
    finally:
        server.terminate()
        server.wait(timeout=20)


class Person:
    """One person's browser, signed in through the real form; every page it opens is checked."""

    def __init__(self, browser: Any, site: str, name: str, axe: str, seen: dict[str, Any]):
        self.site, self.axe, self.seen = site, axe, seen
        self.context = browser.new_context(bypass_csp=True, accept_downloads=True)
        self.page = self.context.new_page()
        self.open("/login/")
        self.page.fill("input[name=username]", name)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"{site}/")
        self.name = name
        self.check()

    def open(self, path: str) -> None:
        response = self.page.goto(f"{self.site}{path}")
        assert response is not None and response.status == 200, path
        self.check()

    def check(self) -> None:
        where = f"{getattr(self, 'name', 'signed out')}: {self.page.url}"
        self.seen[where] = axe_violations(self.page, self.axe)

    def text(self) -> str:
        return str(self.page.inner_text("main"))

    def close(self) -> None:
        self.context.close()


def test_one_whole_month_of_the_board_in_the_browser(
    browser: Any, month: tuple[str, Path], axe_source: str
) -> None:
    site, november = month
    seen: dict[str, Any] = {}

    # The programme manager changes a target, giving the reason the history keeps.
    manager = Person(browser, site, "manager", axe_source, seen)
    manager.open(f"{P}/indicators/ch-141/")
    manager.page.click("a[href$='/ch-141/change/']")
    manager.page.wait_for_load_state()
    manager.check()
    manager.page.get_by_label("Target", exact=True).fill("230")
    manager.page.get_by_label("Reason for the change").fill("Agreed with the DfE adviser")
    manager.page.click("button:has-text('Save changes')")
    manager.page.wait_for_url(f"{site}{P}/indicators/ch-141/")
    manager.check()
    assert "Your changes to the indicator" in manager.text()
    assert "Agreed with the DfE adviser" in manager.page.content()  # in its changes, folded

    # An officer uploads November's return: checked first, then loaded.
    officer = Person(browser, site, "officer", axe_source, seen)
    officer.open(f"{P}/returns/upload/")
    officer.page.set_input_files("input[name=file]", str(november))
    officer.page.fill("textarea[name=reason], input[name=reason]", "November 2006 return")
    officer.page.click("text=Check the return")
    officer.page.wait_for_load_state()
    officer.check()
    officer.page.click("text=Load the return")
    officer.page.wait_for_load_state()
    officer.check()
    assert "November 2006" in officer.text()

    # The indicator's owner writes the analysis and corrective action for November.
    officer.open(f"{P}/indicators/ch-141/2006-11/commentary/")
    officer.page.fill("textarea[name=analysis]", "Timeliness fell as referrals rose in November.")
    officer.page.fill("textarea[name=action]", "Two agency social workers from December.")
    officer.page.click("text=Save the commentary")
    officer.page.wait_for_load_state()
    officer.check()
    assert "The commentary for November 2006 is saved." in officer.text()

    # An approver, who recorded none of them, validates November's figures.
    approver = Person(browser, site, "approver", axe_source, seen)
    approver.open(f"{P}/figures/validate/")
    table = approver.page.locator("table:has(caption:text('Draft figures dated 2006-11'))")
    boxes = table.locator("input[name=figure]")
    assert boxes.count() > 0
    for i in range(boxes.count()):
        boxes.nth(i).check()
    approver.page.click("text=Validate the ticked figures")
    approver.page.wait_for_load_state()
    approver.check()
    approver.open(f"{P}/figures/validate/")
    assert "Draft figures dated 2006-11" not in approver.text()

    # The officer puts the December pack forward; the approver approves and issues it.
    meeting = f"{P}/meetings/2006-12/"
    officer.open(meeting)
    officer.page.click("text=Prepare the pack for approval as it stands")
    officer.page.wait_for_url(f"{site}{meeting}")
    officer.check()
    approver.open(meeting)
    approver.page.click("text=Approve the pack as prepared")
    approver.page.wait_for_url(f"{site}{meeting}")
    approver.check()
    assert "prepared by officer is approved" in approver.text()
    approver.page.click("text=Issue the approved pack to the board")
    approver.page.wait_for_url(f"{site}{meeting}")
    approver.check()
    assert "of the December 2006 pack is issued" in approver.text()

    # A board member reads the issued pack and downloads its data as a workbook.
    member = Person(browser, site, "member", axe_source, seen)
    member.open(meeting)
    with member.page.expect_download() as issued:
        member.page.click("table:has(caption:text('Issued versions')) a:text('HTML')")
    pack = Path(issued.value.path()).read_text(encoding="utf-8")
    assert "Board pack for the December 2006 meeting" in pack
    assert "Timeliness fell as referrals rose in November." in pack
    opened = Path(issued.value.path()).with_suffix(".html")
    opened.write_text(pack, encoding="utf-8")
    member.page.goto(opened.as_uri())
    member.seen["member: the issued pack"] = axe_violations(member.page, axe_source)
    member.open(f"{P}/exports/")
    with member.page.expect_download() as data:
        member.page.click("a[href*='pack.xlsx?meeting=2006-12']:not([href*='publish'])")
    book = load_workbook(BytesIO(Path(data.value.path()).read_bytes()), read_only=True)
    cells = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row if c is not None}  # fmt: skip
    assert any("CH 141" in c for c in cells)
    assert any("synthetic" in c.lower() for c in cells)
    for person in (manager, officer, approver, member):
        person.close()
    assert {where: v for where, v in seen.items() if v} == {}
