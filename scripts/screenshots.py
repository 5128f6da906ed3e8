"""Refresh the README's screenshots from the demo (synthetic figures), as a person sees them.

    python scripts/screenshots.py [--out docs/screenshots]

Runs `board demo` in a throwaway BOARD_HOME, adds a board member, serves the demo's store on
this machine, signs in through the real form with Debian's chromium (Playwright) and saves the
dashboard, an indicator page and a page of the November 2006 board pack as PNG files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSWORD = "Member-pass-2006!"
SHOTS = {
    "dashboard.png": "/programmes/herefordshire-2006/dashboard/",
    "indicator.png": "/programmes/herefordshire-2006/indicators/ch-141/",
    "pack.png": "/programmes/herefordshire-2006/meetings/2006-11/pack.html",
}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="board-shots-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BOARD_HOME=str(home), COLUMNS="200")
    board = [sys.executable, "-m", "improvement_board.cli"]
    subprocess.run([*board, "demo"], env=env, check=True, capture_output=True, timeout=600)
    demo = [*board, "--demo"]
    for name, role in (("admin", "admin"), ("member", "reader")):
        subprocess.run(
            [*demo, "--as", "admin", "users", "add", name, "--role", role, "--password-stdin"],
            input=PASSWORD + "\n",
            text=True,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = subprocess.Popen(
        [*demo, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port)
        _shoot(f"http://127.0.0.1:{port}", args.out)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)
    for name in SHOTS:
        sys.stdout.write(f"{args.out / name}\n")
    return 0


def _wait(port: int) -> None:
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the demo's web app did not start on port {port}")


def _shoot(site: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{site}/login/")
        page.get_by_label("Username").fill("member")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        for name, path in SHOTS.items():
            if path.endswith(".html"):  # a download: show the pack as its reader opens it
                with page.expect_download() as download:
                    page.evaluate("url => { location.href = url }", f"{site}{path}")
                saved = out / "pack.html"
                download.value.save_as(saved)
                page.goto(saved.resolve().as_uri())
                page.screenshot(path=str(out / name), full_page=False)
                saved.unlink()
                continue
            page.goto(f"{site}{path}")
            page.screenshot(path=str(out / name), full_page=False)
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
