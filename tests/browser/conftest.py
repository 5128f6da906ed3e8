"""Browser tests drive Debian's chromium through Playwright (Playwright's own download is not used).

Without /usr/bin/chromium they are skipped on a developer's machine and fail in CI, where
.ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


AXE = Path(os.environ.get("BOARD_AXE", "/tmp/board-axe/node_modules/axe-core/axe.min.js"))
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, installed by .ci/run from the npm registry (BOARD_AXE names another copy)."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is missing at {AXE}: .ci/run installs it with npm")
        pytest.skip("axe-core is not installed (npm install axe-core; set BOARD_AXE)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """WCAG 2.2 AA violations on the page as loaded, each with the rule and the nodes."""
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture(scope="session")
def demo_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's demo, run as a person would; its pack's path as the demo printed it."""
    home = tmp_path_factory.mktemp("board-home")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BOARD_HOME=str(home), COLUMNS="300")
    result = subprocess.run(
        [sys.executable, "-m", "improvement_board.cli", "demo"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pack = home / "demo" / "packs" / "board-pack-2006-11.html"
    assert f"Board pack for November 2006: {pack}" in result.stdout
    return pack


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
