"""What a board member reads: the register, each indicator in full, meetings, plan and risks."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from improvement_board.core.packs.build import build_pack
from improvement_board.core.periods import Period
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.programmes.status import status_report
from tests.web.conftest import PROGRAMME
from tests.web.pages import fetch


def test_the_home_page_lists_the_programme(programme: Any, reader: Client) -> None:
    page = fetch(reader, reverse("home"))
    assert programme.name in page.text
    assert reverse("overview", args=[PROGRAMME]) in page.html


def test_the_register_shows_the_latest_month_judged_as_the_status_command_judges_it(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, reverse("overview", args=[PROGRAMME]))
    report = status_report(programme=programme, period="2006-10")
    assert "Status at the end of October 2006" in page.text
    for code, latest, planned, rag, direction, *_ in report.rows:
        assert code in page.text
        assert latest.split(" (")[0] in page.text and planned in page.text
        assert rag in page.text and direction in page.text
    assert "Exceptions for the board's attention" in page.text
    assert all(line in page.text for line in report.exceptions)


def test_the_register_links_every_indicator_and_colours_each_status_beside_its_word(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, reverse("overview", args=[PROGRAMME]) + "?month=2006-10")
    for key in programme.indicators.values_list("key", flat=True):
        assert reverse("indicator", args=[PROGRAMME, key]) + "?month=2006-10" in page.html
    pack = build_pack(
        pack_inputs(programme=programme, period=Period(2006, 11), meeting=None, charts=False)
    )
    words = {p.rag_word for p in pack.indicators}
    assert {"Red", "Amber", "Green"} <= words
    assert 'govuk-tag govuk-tag--red">Red<' in page.html
    assert 'govuk-tag govuk-tag--green">Green<' in page.html
    assert "717/35,798" in page.text  # the actual numbers behind CH 141's rate
    assert "Demonstration: these figures are synthetic" in page.text


def test_an_indicator_page_shows_its_facts_figures_chart_commentary_and_versions(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, reverse("indicator", args=[PROGRAMME, "cf-c64"]) + "?month=2006-10")
    indicator = programme.indicators.get(key="cf-c64")
    assert page.h1 == indicator.title
    facts = ("Baseline", "Target", "Planned by now", "Direction of travel", "Forecast")
    for fact in (*facts, "Compared with other councils"):
        assert fact in page.text
    assert indicator.definition.split()[0] in page.text and indicator.owner in page.text
    assert "<svg" in page.html and "CF/C64: " in page.text  # the pack's chart and its title
    assert "April 2006" in page.text and "October 2006" in page.text
    assert "November 2006" not in page.text.split("Versions of each figure")[0]
    assert "No analysis has been entered for this month." in page.text
    assert "Versions of the October 2006 figure, newest first" in page.text
    assert "first recorded from herefordshire-2006-monthly-SYNTHETIC.csv" in page.text


def test_a_reader_sees_no_way_to_change_anything(programme: Any, reader: Client) -> None:
    pages = [
        reverse("overview", args=[PROGRAMME]),
        reverse("indicator", args=[PROGRAMME, "ch-141"]),
        reverse("meeting", args=[PROGRAMME, "2006-11"]),
        reverse("plan", args=[PROGRAMME]),
        reverse("risks", args=[PROGRAMME]),
    ]
    for url in pages:
        page = fetch(reader, url)
        assert [f.action for f in page.forms] == [reverse("logout")], url
        for part in (
            "/figure/",
            "/commentary/",
            "/reports/",
            "/complete/",
            "/review/",
            "/returns/",
        ):
            assert part not in page.html, (url, part)


def test_the_meeting_page_lists_the_reports_due_with_their_status(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, reverse("meeting", args=[PROGRAMME, "2006-11"]))
    assert page.h1 == "Board meeting, November 2006"
    assert "Update report - Health Assessments (JAR recommendation 7)" in page.text
    assert "Every meeting" in page.text and "Due" in page.text
    assert reverse("pack-pdf", args=[PROGRAMME, "2006-11"]) in page.html
    listing = fetch(reader, reverse("meetings", args=[PROGRAMME]))
    assert "November 2006" in listing.text and "March 2007" in listing.text


def test_the_plan_shows_every_action_with_its_milestones(programme: Any, reader: Client) -> None:
    page = fetch(reader, reverse("plan", args=[PROGRAMME]))
    for action in programme.actions.all():
        assert action.title.split()[0] in page.text
    assert "Interim report on the IPC analysis of strengths and weaknesses" in page.text
    assert "Overdue" in page.text and "None recorded" in page.text


def test_the_risk_log_shows_each_risk_with_its_score(programme: Any, reader: Client) -> None:
    page = fetch(reader, reverse("risks", args=[PROGRAMME]))
    for risk in programme.risks.all():
        assert risk.title in page.text
        assert f"{risk.score} (likelihood {risk.likelihood}, impact {risk.impact})" in page.text
    assert "Not reviewed yet." in page.text
