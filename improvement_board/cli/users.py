"""``board users`` and ``board serve``: people who sign in, and the web app on this machine."""

from __future__ import annotations

from typing import Annotated

import typer
from django.core.exceptions import ValidationError

from improvement_board.cli.runtime import fail, out, reported, setup

app = typer.Typer(help="People who sign in to the web app.", no_args_is_help=True)


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Sign-in name.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    role: Annotated[str, typer.Option(help="reader, officer, approver or admin.")] = "reader",
) -> None:
    """Add a person with a role: readers read; officers also enter figures and commentary."""
    setup()
    from improvement_board.accounts.services import user_create

    with reported():
        try:
            user = user_create(username=username, role=role, password=password)
        except ValidationError as error:
            fail("; ".join(error.messages))
    out.print(f"Added {user.username} ({user.get_role_display()})")


def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8000,
) -> None:
    """Run the web app on this machine (127.0.0.1) for trying it out; not for production."""
    setup()
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True)
