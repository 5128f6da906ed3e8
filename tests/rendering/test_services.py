"""Printing once per content: the worker's claim, and a print asked for again only when it must
be (its worker died, it failed a while ago, or its file has gone)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from improvement_board.rendering import services
from improvement_board.rendering.models import Rendering, RenderStatus
from improvement_board.rendering.selectors import pdf_path, source_path

HTML = "<!DOCTYPE html><title>A pack</title><p>Figures</p>"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queue(settings: Any, tmp_path: Path, db: None) -> Any:
    """A BOARD_HOME of the test's own and a queue whose tasks wait until the test runs them."""
    from django_tasks import task_backends

    settings.BOARD_HOME = tmp_path
    settings.TASKS = DUMMY
    return task_backends["default"]


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def render_pdf(html: str) -> bytes:
        calls.append(html)
        return b"%PDF-1.7 printed"

    monkeypatch.setattr("improvement_board.rendering.services.render_pdf", render_pdf)
    return calls


def test_the_first_request_keeps_the_html_and_queues_one_print_by_its_key(
    queue: Any, printed: list[str]
) -> None:
    asked = services.pdf_requested(html=HTML)
    key = services.content_key(HTML)
    assert asked.pdf is None and asked.rendering is not None
    assert asked.rendering.key == key and asked.rendering.status == RenderStatus.QUEUED
    assert source_path(key).read_text(encoding="utf-8") == HTML
    [result] = queue.results
    assert result.kwargs == {"key": key}
    assert printed == []


def test_the_worker_prints_once_however_often_the_task_is_delivered(
    queue: Any, printed: list[str]
) -> None:
    services.pdf_requested(html=HTML)
    key = services.content_key(HTML)
    assert services.render(key=key) is True
    assert services.render(key=key) is False  # already printed: not claimed again
    assert printed == [HTML]
    assert pdf_path(key).read_bytes() == b"%PDF-1.7 printed"
    assert Rendering.objects.get().status == RenderStatus.DONE
    assert services.pdf_requested(html=HTML).pdf == pdf_path(key)


def test_a_print_being_made_elsewhere_is_not_claimed(queue: Any, printed: list[str]) -> None:
    services.pdf_requested(html=HTML)
    Rendering.objects.update(status=RenderStatus.RENDERING, started_at=timezone.now())
    assert services.render(key=services.content_key(HTML)) is False
    assert printed == []


def test_a_print_whose_worker_died_is_queued_again_by_one_request(
    queue: Any, printed: list[str]
) -> None:
    services.pdf_requested(html=HTML)
    long_ago = timezone.now() - timedelta(hours=1)
    Rendering.objects.update(status=RenderStatus.RENDERING, started_at=long_ago)
    queue.clear()
    services.pdf_requested(html=HTML)
    services.pdf_requested(html=HTML)
    assert len(queue.results) == 1
    assert Rendering.objects.get().status == RenderStatus.QUEUED


def test_a_print_whose_file_has_gone_is_printed_again(
    queue: Any, settings: Any, printed: list[str]
) -> None:
    settings.TASKS = IMMEDIATE
    assert services.pdf_requested(html=HTML).pdf is not None
    pdf_path(services.content_key(HTML)).unlink()
    assert services.pdf_requested(html=HTML).pdf is not None
    assert len(printed) == 2


def test_a_queue_that_cannot_be_reached_marks_the_print_failed_rather_than_erring(
    queue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*args: Any) -> None:
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(queue, "enqueue", unreachable)
    asked = services.pdf_requested(html=HTML)
    assert asked.failed
    assert asked.rendering is not None
    assert asked.rendering.error == "could not be queued: ConnectionError: Redis is down"


def test_files_and_rows_untouched_for_a_week_are_forgotten(queue: Any, printed: list[str]) -> None:
    services.pdf_requested(html=HTML)
    services.render(key=services.content_key(HTML))
    Rendering.objects.update(finished_at=timezone.now() - timedelta(days=8))
    folder = pdf_path("x").parent
    services.forget_old(folder, keep_seconds=-1)
    assert list(folder.iterdir()) == []
    assert not Rendering.objects.exists()
