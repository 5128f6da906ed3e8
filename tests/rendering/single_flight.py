"""An edit, then five people asking for the pack's PDF at the same moment, in a real store (a
SQLite file in WAL mode, or PostgreSQL) with the database queue, run as its own process:
``python -m tests.rendering.single_flight``.

The pack is printed once and read; an officer's commentary changes it; five threads, each a
signed-in board member, ask for the PDF together (a barrier lets them go at once). None of them
may print; one print may be queued; the worker, run once (``board worker --batch``'s step), must
print once; and the next request gets the file. Prints one JSON line.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

PEOPLE = 5
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-programme.yaml"


def main() -> None:
    from improvement_board.cli.runtime import setup

    setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult

    from improvement_board.programmes.services import commentary_save, programme_load
    from improvement_board.rendering import services
    from improvement_board.rendering.models import Rendering
    from improvement_board.rendering.worker import run_worker
    from tests.web.factories import UserFactory

    programme, _ = programme_load(path=MINI)
    meeting = programme.meetings.get(period="2006-11")
    url = reverse("pack-pdf", args=[programme.key, meeting.period])
    members = [UserFactory(role="reader") for _ in range(PEOPLE)]
    officer = UserFactory(role="officer")

    prints: list[str] = []
    real_print = services.render_pdf

    def render_pdf(html: str) -> bytes:
        prints.append(threading.current_thread().name)
        return real_print(html)

    services.render_pdf = render_pdf  # type: ignore[assignment]

    def ask(member: Any) -> int:
        client = Client()
        client.force_login(member)
        return client.get(url).status_code

    # The pack as it stood, printed and read.
    first = [ask(members[0])]
    run_worker(batch=True, interval=0)
    first.append(ask(members[0]))

    # An officer's edit changes the pack.
    indicator = programme.indicators.order_by("key").first()
    assert indicator is not None
    commentary_save(
        indicator=indicator, period="2006-10", analysis="Referrals rose in October.", action="",
        user=officer,
    )  # fmt: skip
    connection.close()
    prints_before = len(prints)

    together = threading.Barrier(PEOPLE)
    answers: list[int] = []
    errors: list[str] = []

    def person(member: Any) -> None:
        try:
            together.wait(timeout=60)
            answers.append(ask(member))
        except Exception as error:  # every failure is reported, none hidden
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(m,), name=f"request-{n}") for n, m in
               enumerate(members)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    printed_in_requests = len(prints) - prints_before
    queued = DBTaskResult.objects.filter(status="READY").count()

    run_worker(batch=True, interval=0)
    after = ask(members[1])
    result: dict[str, Any] = {
        "first": first,
        "errors": errors,
        "answers": sorted(answers),
        "printed_in_requests": printed_in_requests,
        "queued": queued,
        "printed_after_edit": len(prints) - prints_before,
        "renderings": Rendering.objects.count(),
        "after": after,
        "prints_by": sorted(set(prints)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
