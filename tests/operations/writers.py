"""Three officers saving commentary while an approver issues the pack, in a real store (a SQLite
file in WAL mode, or PostgreSQL), run as its own process: ``python -m tests.operations.writers``.

The pack's PDF is printed only once all three writers have saved every note, so if printing held
the write lock (as it did when the pack was rendered inside the transaction) the writers would
wait on it and fail. Prints one JSON line: errors, notes written, notes found, files issued.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

WRITERS = 3
NOTES = 5
MONTHS = ["2006-04", "2006-05", "2006-06", "2006-07", "2006-08"]
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-programme.yaml"


def main() -> None:
    from improvement_board.cli.runtime import setup

    setup()
    from django.db import connection

    from improvement_board.meetings import services
    from improvement_board.meetings.models import IssuedPack
    from improvement_board.programmes.models import Commentary
    from improvement_board.programmes.services import commentary_save, programme_load
    from tests.meetings.signing import approved

    programme, _ = programme_load(path=MINI)
    indicators = list(programme.indicators.order_by("key"))[:WRITERS]
    meeting = programme.meetings.get(period="2006-11")
    approver = approved(meeting)
    connection.close()

    printing, written = threading.Event(), threading.Event()
    errors: list[str] = []
    done = [0]
    real_print = services.render_pdf

    def render_pdf(html: str) -> bytes:
        printing.set()
        if not written.wait(timeout=120):
            errors.append("the writers did not finish while the pack was being printed")
        return real_print(html)

    services.render_pdf = render_pdf  # type: ignore[assignment]

    def writer(number: int) -> None:
        try:
            printing.wait(timeout=120)
            for month in MONTHS[:NOTES]:
                commentary_save(
                    indicator=indicators[number], period=month,
                    analysis=f"writer {number}, {month}", action="",
                    reason="a correction")  # fmt: skip
                done[0] += 1
        except Exception as error:  # every failure is reported, none hidden
            errors.append(f"writer {number}: {type(error).__name__}: {error}")
        finally:
            connection.close()

    def issuer() -> None:
        try:
            services.pack_issue(meeting=meeting, user=approver, pdf=True)
        except Exception as error:
            errors.append(f"issue: {type(error).__name__}: {error}")
            printing.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    issuing = threading.Thread(target=issuer)
    issuing.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    written.set()
    issuing.join()
    found = {
        (c.indicator.key, c.period, c.analysis)
        for c in Commentary.objects.select_related("indicator")
    }
    wanted = {
        (indicators[n].key, month, f"writer {n}, {month}")
        for n in range(WRITERS)
        for month in MONTHS[:NOTES]
    }
    result: dict[str, Any] = {
        "errors": errors,
        "written": done[0],
        "lost": sorted(map(list, wanted - found)),
        "issued": IssuedPack.objects.count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
