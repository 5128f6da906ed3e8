"""The pack's PDF is printed by the background worker, never in a request: a request gets the
printed file, or a page saying it is being prepared that asks again by itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.rendering.models import Rendering
from tests.web.conftest import PROGRAMME
from tests.web.pages import check_page

URL = reverse("pack-pdf", args=[PROGRAMME, "2006-11"])
REPORT = reverse("report-mark", args=[PROGRAMME, "2006-11", "health-assessments"])


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Printing is the core's job (tested there); here each print is counted."""
    calls: list[str] = []

    def render_pdf(html: str) -> bytes:
        calls.append(html)
        return b"%PDF-1.7 printed"

    monkeypatch.setattr("improvement_board.rendering.services.render_pdf", render_pdf)
    return calls


def _run_queued(queue: Any) -> int:
    """Run what the worker would: every task queued so far, in order; how many there were."""
    results = list(queue.results)
    queue.clear()
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    return len(results)


def test_a_pdf_not_yet_printed_is_a_page_saying_it_is_being_prepared_that_asks_again(
    programme: Any, reader: Client, home: Path, tasks_held: Any, printed: list[str]
) -> None:
    page = check_page(reader.get(URL), status=202)
    assert page.h1 == "The PDF of the board pack is being prepared"
    assert page.response["Refresh"] == "5"  # a header: no <meta> refresh (axe refuses one)
    assert "http-equiv" not in page.html
    assert page.response["Retry-After"] == "5"
    assert f"{URL}?refresh=off" in page.html  # the person can stop it (WCAG 2.2.1)
    assert page.response["Cache-Control"] == "no-store"
    assert reverse("pack-html", args=[PROGRAMME, "2006-11"]) in page.html
    assert printed == []  # nothing printed in the request
    assert len(tasks_held.results) == 1


def test_once_the_worker_has_printed_it_the_request_gets_the_file(
    programme: Any, reader: Client, home: Path, tasks_held: Any, printed: list[str]
) -> None:
    reader.get(URL)
    assert _run_queued(tasks_held) == 1
    response = reader.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="board-pack-2006-11.pdf"'
    assert response.content == b"%PDF-1.7 printed"
    assert len(printed) == 1 and tasks_held.results == []


def test_a_person_may_stop_the_page_checking_by_itself(
    programme: Any, reader: Client, home: Path, tasks_held: Any, printed: list[str]
) -> None:
    page = check_page(reader.get(URL, {"refresh": "off"}), status=202)
    assert not page.response.has_header("Refresh")
    assert "Check whether the PDF is ready" in page.text


def test_asking_again_while_it_is_prepared_queues_nothing_more(
    programme: Any, reader: Client, home: Path, tasks_held: Any, printed: list[str]
) -> None:
    for _ in range(4):
        assert reader.get(URL).status_code == 202
    assert len(tasks_held.results) == 1
    assert Rendering.objects.count() == 1


def test_an_edit_makes_the_next_request_ask_for_a_new_print_once(
    programme: Any,
    reader: Client,
    officer: Client,
    home: Path,
    tasks_held: Any,
    printed: list[str],
) -> None:
    reader.get(URL)
    _run_queued(tasks_held)
    assert reader.get(URL).status_code == 200
    officer.post(REPORT, {"status": "received", "on": "24/11/2006"})
    assert reader.get(URL).status_code == 202
    assert reader.get(URL).status_code == 202
    assert _run_queued(tasks_held) == 1
    assert reader.get(URL).content == b"%PDF-1.7 printed"
    assert len(printed) == 2 and "Received" in printed[1]


def test_a_print_that_failed_is_said_so_and_tried_again_later(
    programme: Any,
    reader: Client,
    home: Path,
    tasks_held: Any,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(html: str) -> bytes:
        raise OSError("no fonts")

    monkeypatch.setattr("improvement_board.rendering.services.render_pdf", broken)
    reader.get(URL)
    with pytest.raises(OSError):
        _run_queued(tasks_held)
    page = check_page(reader.get(URL), status=503)
    assert page.h1 == "The PDF of the board pack could not be prepared"
    assert not page.response.has_header("Refresh")
    assert Rendering.objects.get().error == "OSError: no fonts"
    assert tasks_held.results == []  # not yet: it is tried again after a while
    settings.RENDER_RETRY_SECONDS = 0
    assert reader.get(URL).status_code == 202
    assert len(tasks_held.results) == 1
