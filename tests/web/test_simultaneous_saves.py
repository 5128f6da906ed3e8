"""Officers saving the same month's commentary from their browsers at the same moment: nobody
gets an error page, and nobody's words are written over without their seeing them.

Each person opens the form first, as a browser would, and posts what they typed with the token
of the wording they opened. The races run in threads, each on its own connection, in a store
that commits: a SQLite file, or PostgreSQL where DATABASE_URL names it (tests/concurrency.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.programmes import services
from improvement_board.programmes.models import Commentary, Indicator, Measurement
from improvement_board.programmes.services import programme_load
from tests.concurrency import hold_first_writes, race, store_file
from tests.web.factories import UserFactory

PERIOD = "2006-10"
OFFICERS = 3


@pytest.fixture
def racing(
    transactional_db: None, tmp_path: Path, mini_programme_file: Path
) -> Iterator[Indicator]:
    with store_file(tmp_path):
        programme, _ = programme_load(path=mini_programme_file)
        yield programme.indicators.get(key="referrals")


def _url(indicator: Indicator) -> str:
    return reverse("commentary", args=[indicator.programme.key, indicator.key, PERIOD])


def _opened(client: Client, url: str) -> str:
    """The token of the wording the form shows, as the browser holds it."""
    page = client.get(url)
    assert page.status_code == 200
    found = re.search(r'name="seen" value="([^"]*)"', page.content.decode())
    assert found is not None
    return found.group(1)


def _officer() -> Client:
    client = Client()
    client.force_login(UserFactory(role="officer"))
    return client


def _typed(number: int) -> dict[str, str]:
    return {"analysis": f"Analysis by officer {number}.", "action": f"Action by officer {number}."}


@pytest.mark.django_db(transaction=True)
def test_three_officers_saving_the_first_commentary_at_once_one_saved_two_shown_theirs(
    racing: Indicator, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _url(racing)
    officers = [_officer() for _ in range(OFFICERS)]
    tokens = [_opened(client, url) for client in officers]
    hold_first_writes(monkeypatch, services, OFFICERS)

    def save(number: int) -> Callable[[], object]:
        return lambda: officers[number].post(url, {**_typed(number), "seen": tokens[number]})

    responses = race([save(n) for n in range(OFFICERS)])

    codes = sorted(getattr(r, "status_code", repr(r)) for r in responses)
    assert codes == [302, 409, 409], responses
    stored = Commentary.objects.get(indicator=racing, period=PERIOD)
    assert stored.history.count() == 1
    for response in responses:
        if getattr(response, "status_code", None) == 409:
            page = response.content.decode()  # type: ignore[attr-defined]
            assert "Someone else saved this commentary after you opened it" in page
            assert stored.analysis in page  # theirs, shown
            assert page.count("Analysis by officer") == 2  # and their own, kept in the box


@pytest.mark.django_db(transaction=True)
def test_an_officer_told_of_a_change_saves_again_and_replaces_it_on_purpose(
    racing: Indicator,
) -> None:
    url = _url(racing)
    first, second = _officer(), _officer()
    opened = _opened(second, url)
    assert first.post(url, {**_typed(1), "seen": _opened(first, url)}).status_code == 302

    told = second.post(url, {**_typed(2), "seen": opened})
    assert told.status_code == 409
    assert Commentary.objects.get(indicator=racing, period=PERIOD).analysis == _typed(1)["analysis"]
    again = re.search(r'name="seen" value="([^"]*)"', told.content.decode())
    assert again is not None

    replaced = {**_typed(2), "seen": again.group(1), "reason": "mine is the latest analysis"}
    assert second.post(url, replaced).status_code == 302
    stored = Commentary.objects.get(indicator=racing, period=PERIOD)
    assert stored.analysis == _typed(2)["analysis"]
    assert [v.analysis for v in stored.history.order_by("history_date")] == [
        _typed(1)["analysis"],
        _typed(2)["analysis"],
    ]


def _figure_opened(client: Client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    found = re.search(r'name="revision" value="([^"]*)"', page.content.decode())
    assert found is not None
    return found.group(1)


@pytest.mark.django_db
def test_a_figure_restated_since_the_form_was_opened_is_shown_not_written_over(
    mini_programme_file: Path,
) -> None:
    programme, _ = programme_load(path=mini_programme_file)
    url = reverse("figure-record", args=[programme.key, "referrals", PERIOD])
    first, second = _officer(), _officer()
    assert (
        first.post(url, {"value": "200", "revision": _figure_opened(first, url)}).status_code == 302
    )
    opened_by_second = _figure_opened(second, url)
    restated = {"value": "205", "reason": "Late referrals counted"}
    assert first.post(url, {**restated, "revision": _figure_opened(first, url)}).status_code == 302

    late = {"value": "210", "reason": "Audit correction", "revision": opened_by_second}
    told = second.post(url, late)

    page = told.content.decode()
    assert told.status_code == 200
    assert "was changed after you opened this form: it is now 205.0 (revision 2" in page
    stored = Measurement.objects.get(indicator__key="referrals", period=PERIOD)
    assert (stored.value, stored.revision) == (205.0, 2)
    again = re.search(r'name="revision" value="([^"]*)"', page)
    assert again is not None and again.group(1) == "2"
    assert second.post(url, {**late, "revision": again.group(1)}).status_code == 302
    stored.refresh_from_db()
    assert (stored.value, stored.revision) == (210.0, 3)
