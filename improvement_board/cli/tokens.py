"""``board tokens``: API tokens for the council's other systems, and the log of their calls.

A token is shown once, when it is made, and never again: only its SHA-256 is kept. It carries its
holder's role in each programme they belong to (only reading, with ``--read-only``). A person
makes and revokes their own tokens; an administrator anyone's. The acting person (``--as``) must
already be a user here.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import operator, out, reported, setup

app = typer.Typer(
    help="API tokens for other systems: made, listed, revoked; the API's call log.",
    no_args_is_help=True,
)


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Whose token: the system acts as this person.")],
    name: Annotated[str, typer.Option("--name", help="What it is for, e.g. 'case system'.")],
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Only read, whatever the person's role.")
    ] = False,
    days: Annotated[
        int | None, typer.Option("--days", help="How long it lasts (default 365 days).")
    ] = None,
) -> None:
    """Make a token and show it, once."""
    setup()
    from improvement_board.accounts.selectors import user_get
    from improvement_board.api.services import token_create

    with reported():
        made = token_create(
            user=user_get(username=username),
            name=name,
            by=operator(create=False),
            read_only=read_only,
            days=days,
        )
    token = made.token
    what = "reads only" if token.read_only else f"carries {username}'s roles"
    out.print(
        f"Token {token.pk} for {username} ({token.name}) {what}, "
        f"until {token.expires_at:%Y-%m-%d}:",
        markup=False,
    )
    out.print(made.secret, markup=False)
    out.print(
        "Shown once: keep it in the calling system's secret store; it cannot be shown again. "
        f"`board tokens revoke {token.pk}` stops it.",
        markup=False,
    )


@app.command("list")
def list_tokens() -> None:
    """Your tokens (every token, for an administrator): whose, what for, until when, revoked."""
    setup()
    from improvement_board.api.selectors import tokens_seen_by

    with reported():
        tokens = tokens_seen_by(user=_acting())
    table = Table(title="API tokens")
    for column in ("No.", "Token", "Holder", "For", "Reads only", "Made", "Expires", "Revoked"):
        table.add_column(column)
    for t in tokens:
        made_by = t.created_by.get_username() if t.created_by else "–"
        revoked = "–"
        if t.revoked_at is not None:
            by = t.revoked_by.get_username() if t.revoked_by else "–"
            revoked = f"{t.revoked_at:%Y-%m-%d %H:%M} by {by}: {t.revoked_reason}"
        table.add_row(
            str(t.pk),
            f"{t.prefix}…",
            t.user.get_username(),
            t.name,
            "yes" if t.read_only else "no",
            f"{t.created_at:%Y-%m-%d %H:%M} by {made_by}",
            f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "never",
            revoked,
        )
    out.print(table)


@app.command("revoke")
def revoke(
    number: Annotated[int, typer.Argument(help="The token's number, as `board tokens list`.")],
    reason: Annotated[str, typer.Option("--reason", help="Why: kept with the token.")] = "",
) -> None:
    """Stop a token working, from now on."""
    setup()
    from improvement_board.api.selectors import token_get
    from improvement_board.api.services import token_revoke

    with reported():
        acting = _acting()
        token = token_revoke(token=token_get(pk=number, user=acting), by=acting, reason=reason)
    out.print(f"Token {token.pk} ({token.prefix}…, {token.name}) is revoked", markup=False)


@app.command("calls")
def calls(
    number: Annotated[
        int | None, typer.Option("--token", help="Only this token's calls (its number).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many, newest first.")] = 50,
) -> None:
    """The API's log: every call, allowed or refused, with who, when, what and the result."""
    setup()
    from improvement_board.api.selectors import calls_seen_by, token_get

    with reported():
        acting = _acting()
        token = token_get(pk=number, user=acting) if number is not None else None
        rows = calls_seen_by(user=acting, token=token, limit=limit)
    table = Table(title="API calls")
    for column in ("When", "Who", "Token", "Call", "Status", "Result", "From"):
        table.add_column(column)
    for c in rows:
        table.add_row(
            f"{c.at:%Y-%m-%d %H:%M:%S}",
            c.username or "–",
            str(c.token_id) if c.token_id else "–",
            f"{c.method} {c.path}",
            str(c.status),
            c.outcome,
            c.address or "–",
        )
    out.print(table)


def _acting() -> object:
    """The person this command acts as, who must be a user here."""
    from improvement_board.accounts.refusals import Refused

    acting = operator(create=False)
    if acting is None:
        raise Refused("only a user of this store may manage API tokens: name one with --as")
    return acting
