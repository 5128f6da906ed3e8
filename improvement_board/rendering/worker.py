"""Running the worker for the queue the settings name (``board worker``)."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command


class NoWorker(ValueError):
    """The settings queue nothing for a worker to do."""


def run_worker(*, batch: bool = False, interval: float = 1.0) -> None:
    """Run queued tasks as they come (until stopped), or with ``batch`` those waiting now."""
    if settings.BOARD_TASKS == "database":
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=False,
            verbosity=1,
        )
    elif settings.BOARD_TASKS == "redis":
        options: dict[str, object] = {"job_class": "django_tasks_rq.Job", "burst": batch}
        call_command("rqworker", "default", **options)
    else:
        raise NoWorker(
            f"BOARD_TASKS={settings.BOARD_TASKS} does each task as it is asked for: "
            "there is no worker to run"
        )
