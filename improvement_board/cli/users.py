"""``board users``: the people who sign in, managed from the console by an administrator.

A password is asked for (typed twice, not shown) or read from standard input with
``--password-stdin``; it is never an argument, so it never reaches the shell's history or the
process list. Every change needs a reason and is kept in the user's history.

The acting person (``--as``) must already be a user here: these commands never add them as a side
effect, so ``board --as ada users add ada --role admin`` makes a store's first administrator.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from django.core.exceptions import ValidationError
from rich.table import Table

from improvement_board.cli.runtime import fail, operator, out, reported, setup

app = typer.Typer(
    help="People who sign in to the web app (changes need an administrator).",
    no_args_is_help=True,
)

Username = Annotated[str, typer.Argument(help="Sign-in name.")]
Reason = Annotated[str, typer.Option("--reason", help="Why: kept in the user's history.")]
FromStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input."
    ),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("no password on standard input")
        return password
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command("add")
def add(
    username: Username,
    role: Annotated[str, typer.Option(help="reader, officer, approver or admin.")] = "reader",
    programme: Annotated[
        list[str] | None,
        typer.Option(
            "--programme",
            help="A programme the person belongs to, in this role (repeat for more); by "
            "default the store's only programme, where it has one.",
        ),
    ] = None,
    password_stdin: FromStdin = False,
    reason: Reason = "",
) -> None:
    """Add a person with a role: readers read; officers also enter figures and commentary;
    approvers sign off; administrators manage users. A person sees only the programmes they
    belong to; an administrator sees every programme."""
    setup()
    from improvement_board.accounts.services import user_create
    from improvement_board.programmes.selectors import programme_get

    password = _password(password_stdin)
    with reported():
        chosen = [programme_get(key=key) for key in programme] if programme else None
        try:
            user = user_create(
                username=username,
                role=role,
                password=password,
                by=operator(create=False),
                reason=reason,
                programmes=chosen,
            )
        except ValidationError as error:
            fail("the password is refused: " + " ".join(error.messages))
    out.print(f"Added {user.username} ({user.get_role_display()})")


@app.command("list")
def list_users() -> None:
    """Everyone who has an account: role, whether active, last sign-in."""
    setup()
    from improvement_board.accounts.selectors import user_list
    from improvement_board.accounts.services import require_user_manager

    with reported():
        require_user_manager(operator(create=False), "list users")

    table = Table(title="Users")
    for column in (
        "User", "Role", "Programmes", "Active", "Staff", "Last sign-in", "Password set",
    ):  # fmt: skip
        table.add_column(column)
    for user in user_list():
        belongs = ", ".join(
            f"{m.programme.key} ({m.role})" for m in user.memberships.select_related("programme")
        )
        table.add_row(
            user.username,
            user.get_role_display(),
            "every programme" if user.role == "admin" else belongs or "none",
            "yes" if user.is_active else "no (deactivated)",
            "yes" if user.is_staff else "no",
            f"{user.last_login:%Y-%m-%d %H:%M}" if user.last_login else "never",
            f"{user.password_changed_at:%Y-%m-%d %H:%M}" if user.password_changed_at else "–",
        )
    out.print(table)


@app.command("member")
def member(
    username: Username,
    programme: Annotated[str, typer.Option("--programme", help="The programme's key.")],
    role_in: Annotated[
        str | None,
        typer.Option("--role", help="reader, officer, approver or admin in that programme."),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="End the membership.")] = False,
    reason: Reason = "",
) -> None:
    """Give a person a role in one programme, or take them out of it (--remove)."""
    setup()
    from improvement_board.accounts.selectors import user_get
    from improvement_board.programmes.members import membership_set
    from improvement_board.programmes.selectors import programme_get

    if remove == (role_in is not None):
        fail("give either --role or --remove")
    with reported():
        found = programme_get(key=programme)
        membership_set(
            user=user_get(username=username),
            programme=found,
            role=None if remove else role_in,
            by=operator(create=False),
            reason=reason,
        )
    done = "no longer belongs to" if remove else f"is {role_in} in"
    out.print(f"{username} {done} {found.key}")


@app.command("role")
def role(
    username: Username,
    new_role: Annotated[str, typer.Argument(help="reader, officer, approver or admin.")],
    reason: Reason = "",
) -> None:
    """Give a person another role."""
    setup()
    from improvement_board.accounts.selectors import user_get
    from improvement_board.accounts.services import user_role_set

    with reported():
        user = user_role_set(
            user=user_get(username=username),
            role=new_role,
            by=operator(create=False),
            reason=reason,
        )
    out.print(f"{user.username} is now {user.get_role_display()}")


@app.command("posts")
def posts(
    username: Username,
    post: Annotated[
        list[str] | None,
        typer.Option(
            "--post",
            help="A post the person holds, as the programme file names owners (repeat for more; "
            "none clears them).",
        ),
    ] = None,
    reason: Reason = "",
) -> None:
    """Set the posts a person holds ("Head of Safeguarding"): what the programme says those
    posts owe the board is due from them, and reminders tell them so."""
    setup()
    from improvement_board.accounts.selectors import user_get
    from improvement_board.accounts.services import user_posts_set

    with reported():
        user = user_posts_set(
            user=user_get(username=username),
            posts=list(post or []),
            by=operator(create=False),
            reason=reason,
        )
    held = "; ".join(user.posts) if user.posts else "no posts"
    out.print(f"{user.username} holds {held}")


@app.command("deactivate")
def deactivate(username: Username, reason: Reason = "") -> None:
    """Stop a person signing in or acting; their history and what they did are kept."""
    _set_active(username, active=False, reason=reason)


@app.command("reactivate")
def reactivate(username: Username, reason: Reason = "") -> None:
    """Let a deactivated person sign in again."""
    _set_active(username, active=True, reason=reason)


def _set_active(username: str, *, active: bool, reason: str) -> None:
    setup()
    from improvement_board.accounts.selectors import user_get
    from improvement_board.accounts.services import user_active_set

    with reported():
        user = user_active_set(
            user=user_get(username=username),
            active=active,
            by=operator(create=False),
            reason=reason,
        )
    out.print(f"{user.username} is {'reactivated' if active else 'deactivated'}")


@app.command("password")
def password(username: Username, password_stdin: FromStdin = False, reason: Reason = "") -> None:
    """Reset a person's password (asked for, or read from standard input)."""
    setup()
    from improvement_board.accounts.selectors import user_get
    from improvement_board.accounts.services import user_password_set

    with reported():
        user = user_get(username=username)
        new = _password(password_stdin)
        try:
            user_password_set(user=user, password=new, by=operator(create=False), reason=reason)
        except ValidationError as error:
            fail("the password is refused: " + " ".join(error.messages))
    out.print(f"The password of {username} is reset")


@app.command("history")
def history(username: Username) -> None:
    """Every change made to a person's account: when, by whom, what and why."""
    setup()
    from improvement_board.accounts.selectors import user_get, user_history
    from improvement_board.accounts.services import require_user_manager

    with reported():
        require_user_manager(operator(create=False), "read a user's history")
        changes = user_history(user=user_get(username=username))
    table = Table(title=f"Changes to {username}")
    for column in ("When", "By", "What", "Why"):
        table.add_column(column)
    for change in changes:
        table.add_row(f"{change.at:%Y-%m-%d %H:%M}", change.by, change.what, change.why)
    out.print(table)
