"""Officers record a month's figure and its commentary; board members read them at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from improvement_board.programmes.models import Commentary, Measurement
from tests.web.conftest import PROGRAMME
from tests.web.pages import check_page, errors, fetch, submit


def _figure_url(indicator: str, month: str) -> str:
    return reverse("figure-record", args=[PROGRAMME, indicator, month])


def _indicator_url(indicator: str, month: str) -> str:
    return reverse("indicator", args=[PROGRAMME, indicator]) + f"?month={month}"


def _form(**given: str) -> dict[str, str]:
    return {"value": "", "numerator": "", "denominator": "", "note": "", "reason": "", **given}


@pytest.fixture
def empty_month(programme: Any) -> str:
    """A month of the programme with no figures yet: the demo's figures stop at October 2006."""
    assert not Measurement.objects.filter(period="2006-11").exists()
    return "2006-11"


def test_a_figure_an_officer_records_is_on_the_indicator_page_for_the_board(
    programme: Any, officer: Client, reader: Client, empty_month: str
) -> None:
    page = fetch(officer, _figure_url("cf-c64", empty_month))
    assert page.h1 == "Record the November 2006 figure"
    response = officer.post(
        _figure_url("cf-c64", empty_month),
        _form(numerator="41", denominator="50", note="Two teams' figures"),
    )
    assert response.status_code == 302
    assert response["Location"] == _indicator_url("cf-c64", empty_month)
    stored = Measurement.objects.get(indicator__key="cf-c64", period=empty_month)
    assert (stored.value, stored.numerator, stored.denominator) == (82.0, 41, 50)
    assert stored.source == "web form" and stored.recorded_by is not None

    shown = fetch(reader, _indicator_url("cf-c64", empty_month))
    assert "Latest (November 2006) 82.0% (41/50)" in shown.text
    assert "first recorded from web form" in shown.text


def test_the_officer_is_told_the_figure_was_recorded(
    programme: Any, officer: Client, empty_month: str
) -> None:
    url = _figure_url("cafs-completed", empty_month)
    page = check_page(officer.post(url, _form(value="12"), follow=True))
    assert "Success The November 2006 figure is recorded." in page.text


def test_changing_a_recorded_figure_without_a_reason_is_refused_and_keeps_the_figure(
    programme: Any, officer: Client
) -> None:
    before = Measurement.objects.get(indicator__key="ch-141", period="2006-10")
    page = submit(officer, _figure_url("ch-141", "2006-10"), _form(value="205.0", numerator="734"))
    assert errors(page) == ["Enter the reason for changing the figure already recorded"]
    assert page.error_links[0][0] == "#id_reason"
    after = Measurement.objects.get(pk=before.pk)
    assert (after.value, after.revision) == (before.value, before.revision)


def test_a_changed_figure_with_a_reason_keeps_the_earlier_version_for_all_to_see(
    programme: Any, officer: Client, reader: Client
) -> None:
    form = fetch(officer, _figure_url("ch-141", "2006-10"))
    assert form.h1 == "Change the October 2006 figure"
    assert 'value="200.3"' in form.html and 'value="717"' in form.html
    response = officer.post(
        _figure_url("ch-141", "2006-10"),
        _form(value="205", numerator="734", denominator="35798", reason="Late referrals keyed"),
    )
    assert response.status_code == 302
    page = fetch(reader, _indicator_url("ch-141", "2006-10"))
    assert "October 2006: 2 versions" in page.text
    history = page.text.split("Versions of the October 2006 figure")[1]
    assert history.index("Late referrals keyed") < history.index("first recorded from")


def test_a_figure_that_breaks_the_returns_rules_shows_every_problem_at_its_field(
    programme: Any, officer: Client, empty_month: str
) -> None:
    page = submit(
        officer,
        _figure_url("cf-c64", empty_month),
        _form(value="150", numerator="60", denominator="50"),
    )
    assert {href for href, _ in page.error_links} == {"#id_value", "#id_numerator"}
    assert any("between 0 and 100" in e for e in errors(page))
    assert any("more than the denominator" in e for e in errors(page))
    assert not Measurement.objects.filter(indicator__key="cf-c64", period=empty_month).exists()


def test_a_figure_form_with_nothing_in_it_asks_for_a_value(
    programme: Any, officer: Client, empty_month: str
) -> None:
    page = submit(officer, _figure_url("short-breaks", empty_month), _form(note="no data yet"))
    assert errors(page) == ["Enter a value, or the numerator and denominator"]


def test_commentary_an_officer_saves_is_shown_for_its_month(
    programme: Any, officer: Client, reader: Client
) -> None:
    url = reverse("commentary", args=[PROGRAMME, "dis-1704", "2006-10"])
    fetch(officer, url)
    response = officer.post(
        url, {"analysis": "Two duty social workers left.", "action": "Agency cover agreed."}
    )
    assert response.status_code == 302
    page = fetch(reader, _indicator_url("dis-1704", "2006-10"))
    assert "Two duty social workers left." in page.text and "Agency cover agreed." in page.text
    page = fetch(reader, _indicator_url("dis-1704", "2006-09"))
    assert "Two duty social workers left." not in page.text


def test_changing_saved_commentary_needs_a_typed_reason_kept_in_its_history(
    programme: Any, officer: Client
) -> None:
    url = reverse("commentary", args=[PROGRAMME, "dis-1704", "2006-10"])
    first = {"analysis": "Two duty social workers left.", "action": "Agency cover agreed."}
    assert officer.post(url, first).status_code == 302
    form = fetch(officer, url)
    assert "Reason for the change" in form.text
    seen = form.html.split('name="seen" value="')[1].split('"')[0]
    changed = {**first, "analysis": "Three duty social workers left.", "seen": seen}
    page = submit(officer, url, changed)
    assert errors(page) == [
        "Give a reason for changing the commentary for October 2006: its earlier words are kept "
        "in its history with the reason"
    ]
    done = officer.post(url, {**changed, "reason": "a third left on the 31st"})
    assert done.status_code == 302
    row = Commentary.objects.get(indicator__key="dis-1704", period="2006-10")
    assert row.analysis == "Three duty social workers left."
    assert row.history.first().history_change_reason == "a third left on the 31st"


def test_empty_commentary_is_refused(programme: Any, officer: Client) -> None:
    url = reverse("commentary", args=[PROGRAMME, "dis-1704", "2006-10"])
    page = submit(officer, url, {"analysis": " ", "action": ""})
    assert errors(page) == ["Enter the analysis, the corrective action, or both"]


def test_a_month_outside_the_programme_has_no_figure_page(programme: Any, officer: Client) -> None:
    fetch(officer, _figure_url("ch-141", "2009-01"), 404)


def test_a_stored_figure_is_offered_for_change_as_it_would_be_typed(
    programme: Any, officer: Client
) -> None:
    page = fetch(officer, _figure_url("joint-commissioning", "2006-09"))
    assert 'value="2710000"' in page.html
    assert "Recorded now: 2710000, version 1." in page.text


def test_the_reason_given_for_a_change_is_the_reason_recorded(
    programme: Any, officer: Client
) -> None:
    officer.post(
        _figure_url("short-breaks", "2006-10"),
        _form(value="70", note="Includes overnight stays", reason="Two providers reported late"),
    )
    latest = Measurement.objects.get(indicator__key="short-breaks", period="2006-10")
    assert latest.history.first().history_change_reason == "Two providers reported late"


def test_an_approver_validates_draft_figures_but_not_their_own(programme: Any) -> None:
    from improvement_board.programmes.models import Measurement
    from tests.web.factories import UserFactory

    approver = Client()
    approver.force_login(UserFactory(role="approver"))
    url = reverse("figures-validate", args=[programme.key])
    page = fetch(approver, url)
    assert "Draft figures dated 2006-10" in page.text
    october = Measurement.objects.filter(indicator__programme=programme, period="2006-10")
    response = approver.post(url, {"figure": [str(m.pk) for m in october]})
    assert response.status_code == 302
    assert set(october.values_list("status", flat=True)) == {"validated"}
    assert "Draft figures dated 2006-10" not in fetch(approver, url).text
