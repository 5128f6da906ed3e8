"""The dashboard and an indicator's charts as a board member meets them: served from a copy of
the demo's store with a second year of synthetic comparator figures (so the benchmark chart has a
trend to draw), every table behind a chart opened, WCAG 2.2 AA checked with axe."""

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
PASSWORD = "Reader-pass-2006!"
READER = "board-member"
PROGRAMME = "/programmes/herefordshire-2006"
PAGES = [
    f"{PROGRAMME}/dashboard/",
    f"{PROGRAMME}/dashboard/?month=2006-08",
    f"{PROGRAMME}/indicators/ch-141/",
    f"{PROGRAMME}/indicators/ch-143/?month=2006-09",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _earlier_year(demo_inputs: Path, folder: Path) -> Path:
    """The demo's synthetic comparator file with the same councils a year earlier added."""
    text = (demo_inputs / "comparators-2005-06-SYNTHETIC.csv").read_text(encoding="utf-8")
    header, *rows = text.strip().splitlines()
    earlier = [r.replace(",2006,", ",2005,").replace("2006-09-28", "2005-09-28") for r in rows]
    path = folder / "comparators-2004-06-SYNTHETIC.csv"
    path.write_text("\n".join([header, *earlier, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(demo_pack: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("charts") / "home"
    shutil.copytree(demo_pack.parents[2], home)  # the demo's store, left as other tests find it
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BOARD_HOME=str(home))
    board = [sys.executable, "-m", "improvement_board.cli", "--demo"]

    def run(*args: str, stdin: str | None = None) -> None:
        subprocess.run(
            [*board, *args],
            input=stdin,
            text=True,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )

    run("--as", "admin", "users", "add", READER, "--role", "reader", "--password-stdin",
        stdin=PASSWORD + "\n")  # fmt: skip
    comparators = _earlier_year(home / "demo" / "inputs", home)
    run("--as", "admin", "benchmarks", "load", str(comparators), "--programme",
        "herefordshire-2006")  # fmt: skip
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


def test_a_board_member_reads_the_dashboard_and_the_charts_on_pages_that_meet_wcag_2_2_aa(
    browser: Any, site: str, axe_source: str
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", READER)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    page.click("text=Herefordshire Children")
    page.wait_for_url(f"{site}{PROGRAMME}/dashboard/")
    main = page.inner_text("main")
    for heading in ("Off track", "Due by the next meeting", "Changed since the last meeting"):
        assert heading in main
    found = {}
    for path in PAGES:
        response = page.goto(f"{site}{path}")
        assert response is not None and response.status == 200, path
        for summary in page.locator("details summary").all():
            summary.click()  # the tables behind the charts, opened as a reader would
        found[path] = axe_violations(page, axe_source)
    assert {path: v for path, v in found.items() if v} == {}
    page.goto(f"{site}{PROGRAMME}/indicators/ch-141/")
    charts = page.locator("figure.board-chart svg")
    assert charts.count() == 3  # the trend, the control chart and the benchmark chart
    assert "The comparison chart's figures as a table" in page.inner_text("main")
    context.close()
