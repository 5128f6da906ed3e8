"""The worker's tasks (Django's tasks framework; the queue is chosen in settings, BOARD_TASKS)."""

from __future__ import annotations

from django_tasks import task

from improvement_board.rendering import services


@task()
def render_pdf_task(*, key: str) -> bool:
    """Print the PDF of the HTML kept under ``key`` (once, whoever else asks)."""
    return services.render(key=key)
