"""``board due`` and ``board remind``: what each person owes the next meeting, and the e-mails
that remind them (run ``board remind`` daily, e.g. from cron: it sends only on the days the
programme's schedule names, and once a day at most)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.table import Table

from improvement_board.cli.runtime import fail, operator, out, reported, setup

ProgrammeKey = Annotated[str | None, typer.Option("--programme", help="Programme key.")]
On = Annotated[
    str | None,
    typer.Option("--on", metavar="YYYY-MM-DD", help="Act as on this day (default: today)."),
]


def _day(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--on: {text!r} is not a date written YYYY-MM-DD")


def due(
    user: Annotated[
        str | None, typer.Option("--user", help="Whose list (default: the acting user).")
    ] = None,
    programme: ProgrammeKey = None,
    on: On = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What a person owes the programme's next meeting: figures, commentary, milestone evidence,
    risk reviews and reports due from the posts they hold."""
    setup()
    from improvement_board.accounts.roles import require_role
    from improvement_board.accounts.selectors import user_get
    from improvement_board.due import due_from, next_meeting
    from improvement_board.programmes.selectors import programme_get

    today = _day(on)
    with reported():
        chosen = programme_get(key=programme)
        person = user_get(username=user) if user else operator(create=False)
        if person is None:
            fail("name the person with --user, or act as a user with --as")
        require_role(person, "reader", "see what is due", chosen)
        coming = next_meeting(programme=chosen, today=today)
        items = due_from(user=person, programme=chosen, today=today)
    if as_json:
        record = {
            "user": person.get_username(),
            "meeting": coming.meeting.period if coming else None,
            "held_on": coming.held_on.isoformat() if coming else None,
            "due": [
                {"kind": d.kind, "what": d.what, "owner": d.owner, "by": d.by.isoformat()}
                for d in items
            ],
        }
        out.print(json.dumps(record, indent=2), markup=False)
        return
    if coming is None:
        out.print(f"{chosen.name}: no meeting on or after {today:%d %B %Y}.")
        return
    held = f"{coming.held_on:%d %B %Y}" + ("" if coming.dated else " (date not set: month end)")
    if not items:
        out.print(f"Nothing is due from {person.get_username()} before the meeting on {held}.")
        return
    table = Table(title=f"Due from {person.get_username()} before the meeting on {held}")
    for column in ("By", "What", "Owner"):
        table.add_column(column)
    for item in items:
        table.add_row(f"{item.by:%d %b %Y}", item.what, item.owner)
    out.print(table)


def remind(
    programme: ProgrammeKey = None,
    on: On = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say who would be sent what; send nothing.")
    ] = False,
) -> None:
    """Send today's reminders for the next meeting, where the programme's `reminders:` schedule
    names today; each person at most once a day."""
    setup()
    from improvement_board.accounts.roles import require_role
    from improvement_board.due import remind as send
    from improvement_board.programmes.selectors import programme_get

    today = _day(on)
    with reported():
        chosen = programme_get(key=programme)
        require_role(operator(create=False), "officer", "send reminders", chosen)
        run = send(programme=chosen, today=today, dry_run=dry_run)
    if not chosen.reminders:
        out.print(f"{chosen.key} sets no reminder schedule (reminders: in the programme file).")
        return
    if run.meeting is None:
        out.print(f"{chosen.key}: no meeting on or after {today:%d %B %Y}; nothing to remind.")
        return
    days = ", ".join(f"{d:%d %b %Y}" for d in run.reminder_days)
    if today not in run.reminder_days:
        out.print(f"No reminders today for the {run.meeting} meeting: they go out on {days}.")
        return
    for person in run.people:
        out.print(f"{person.username}: {person.items} due, {person.outcome}")
    out.print(f"{run.sent} reminder(s) sent for the {run.meeting} meeting.")
