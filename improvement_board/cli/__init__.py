"""The ``board`` command: thin wrappers that translate arguments, call a service, show results."""

from __future__ import annotations

from improvement_board.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
