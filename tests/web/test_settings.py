"""Settings fail closed: an unknown environment, a short production key or a proxy that is no
address stops the app before it serves anything, saying why; what it creates is its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

KEY = "k" * 20 + "-production-signing-key-" + "x" * 30
PSEUDONYM = "p" * 48


def _manage(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BOARD_HOME": str(home)}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "improvement_board.web.manage", *args],
        capture_output=True, text=True, env=environment, check=False, timeout=300,
    )  # fmt: skip


def _production(**overrides: str) -> dict[str, str]:
    env = {
        "BOARD_ENV": "production",
        "BOARD_SECRET_KEY": KEY,
        "BOARD_PSEUDONYM_KEY": PSEUDONYM,
        "BOARD_ALLOWED_HOSTS": "board.example.gov.uk",
    }
    env.update(overrides)
    return env


def test_an_unknown_environment_refuses_to_start_and_names_the_allowed_ones(
    tmp_path: Path,
) -> None:
    result = _manage(tmp_path / "home", "check", BOARD_ENV="prodution")
    assert result.returncode != 0
    assert "BOARD_ENV must be one of development, test, production, not 'prodution'" in (
        result.stderr
    )
    assert not (tmp_path / "home").exists()  # nothing was made


def test_the_console_says_why_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "BOARD_HOME": str(tmp_path), "BOARD_ENV": "staging"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "improvement_board.cli", "status", "--period", "2006-10"],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Error: BOARD_ENV must be one of development, test, production" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_keys_shorter_than_32_bytes(tmp_path: Path) -> None:
    for name in ("BOARD_SECRET_KEY", "BOARD_PSEUDONYM_KEY"):
        result = _manage(tmp_path, "check", **_production(**{name: "x" * 31}))
        assert result.returncode != 0
        assert f"{name} must be at least 32 bytes when BOARD_ENV=production (it has 31)" in (
            result.stderr
        )
    assert _manage(tmp_path, "check", **_production()).returncode == 0


def test_a_trusted_proxy_that_is_not_an_address_is_refused(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check", **_production(BOARD_TRUSTED_PROXIES="proxy.local"))
    assert result.returncode != 0
    assert "BOARD_TRUSTED_PROXIES: 'proxy.local' is not an IP address or network" in result.stderr


def test_e_mail_settings_that_cannot_work_are_refused(tmp_path: Path) -> None:
    cases = {
        "BOARD_EMAIL must be console or smtp, not 'smpt'": {"BOARD_EMAIL": "smpt"},
        "BOARD_EMAIL=smtp needs BOARD_SMTP_HOST": {"BOARD_EMAIL": "smtp"},
        "BOARD_SMTP_PORT must be a port number, not '99999'": {
            "BOARD_EMAIL": "smtp",
            "BOARD_SMTP_HOST": "smtp.council.example",
            "BOARD_SMTP_PORT": "99999",
        },
    }
    for message, env in cases.items():
        result = _manage(tmp_path, "check", **_production(**env))
        assert result.returncode != 0 and message in result.stderr
    smtp = {"BOARD_EMAIL": "smtp", "BOARD_SMTP_HOST": "smtp.council.example"}
    assert _manage(tmp_path, "check", **_production(**smtp)).returncode == 0


def test_a_protective_marking_must_be_one_line_of_capitals(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check", **_production(BOARD_MARKING_PACK="official<br>"))
    assert result.returncode != 0
    assert "BOARD_MARKING_PACK must be a protective marking in capitals" in result.stderr
    fine = _production(BOARD_MARKING_PACK="OFFICIAL-SENSITIVE: BOARD")
    assert _manage(tmp_path, "check", **fine).returncode == 0


def test_production_behind_a_proxy_passes_djangos_deployment_checks(tmp_path: Path) -> None:
    env = _production(BOARD_TRUSTED_PROXIES="127.0.0.1,::1")
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_store_and_secrets_are_created_readable_by_their_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _manage(home, "migrate", "--verbosity", "0", BOARD_ENV="development")
    assert result.returncode == 0, result.stderr
    modes = {p.relative_to(home).as_posix(): p.stat().st_mode & 0o777 for p in home.rglob("*")}
    assert modes["board.sqlite3"] == 0o600
    assert modes["secrets"] == 0o700 and modes["secrets/board_secret_key"] == 0o600
    assert set(modes.values()) <= {0o600, 0o700}
    assert home.stat().st_mode & 0o777 == 0o700
