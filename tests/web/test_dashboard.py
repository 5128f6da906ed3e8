"""A programme's dashboard: what is off track, what is due by the next meeting and what has
changed since the last one, at a glance and in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement_board.plans.models import Milestone, Risk, RiskReview
from improvement_board.programmes.models import Indicator
from improvement_board.web.queries import programme_status
from tests.web.conftest import LAST_MONTH, PROGRAMME
from tests.web.pages import fetch

URL = reverse("dashboard", args=[PROGRAMME])


def test_the_home_page_leads_to_each_programmes_dashboard(programme: Any, reader: Client) -> None:
    page = fetch(reader, reverse("home"))
    assert URL in page.html
    dashboard = fetch(reader, URL)
    assert dashboard.h1 == f"{programme.name}: at a glance"
    assert 'aria-current="true">Dashboard<' in dashboard.html


def test_off_track_lists_the_indicators_behind_plan_as_the_overview_judges_them(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, URL)
    pack = programme_status(programme=programme, month=LAST_MONTH)
    section = page.text.split("Due by the next meeting")[0]
    behind = [p for p in pack.indicators if p.rag_word in ("Red", "Amber")]
    on_plan = [p for p in pack.indicators if p.rag_word not in ("Red", "Amber")]
    assert behind, "the seed has indicators behind plan in October 2006"
    for panel in behind:
        assert reverse("indicator", args=[PROGRAMME, panel.key]) in page.html
    for panel in on_plan:
        assert reverse("indicator", args=[PROGRAMME, panel.key]) + "?" not in page.html
    for word, count in pack.summary:
        assert f"{count} {word}" in section
    assert all(line in section for line in pack.exceptions)


def test_due_by_the_next_meeting_lists_its_reports_milestones_and_risk_reviews(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, URL)
    section = page.text.split("Due by the next meeting")[1].split("Changed since")[0]
    assert "The board next meets in November 2006" in section
    november = programme.meetings.get(period="2006-11")
    for report in november.reports.all():
        assert report.title.split(" - ")[0] in section
    due = Milestone.objects.filter(
        action__programme=programme, completed_on__isnull=True, due__lte=dt.date(2006, 11, 1)
    )
    assert due.exists()
    for milestone in due:
        assert milestone.title in section
    later = Milestone.objects.filter(action__programme=programme, due__gt=dt.date(2006, 11, 1))
    for milestone in later:
        assert milestone.title not in section


def test_a_received_report_and_a_completed_milestone_are_no_longer_due(
    programme: Any, reader: Client
) -> None:
    november = programme.meetings.get(period="2006-11")
    report = november.reports.first()
    report.status = "received"
    report.save()
    milestone = Milestone.objects.filter(
        action__programme=programme, completed_on__isnull=True, due__lte=dt.date(2006, 11, 1)
    ).first()
    milestone.completed_on = dt.date(2006, 10, 20)
    milestone.save()
    page = fetch(reader, URL)
    due = page.text.split("Due by the next meeting")[1].split("Changed since")[0]
    changed = page.text.split("Changed since the last meeting")[1]
    assert f"{report.title}" not in due
    assert f"{milestone.title} (" not in due
    assert f"{milestone.title} ({milestone.action.title}): completed 20 October 2006" in changed


def test_changed_since_the_last_meeting_counts_new_and_restated_figures_and_reviews(
    programme: Any, reader: Client
) -> None:
    risk = Risk.objects.filter(programme=programme).first()
    RiskReview.objects.create(
        risk=risk, reviewed_on=dt.date(2006, 10, 12), likelihood=2, impact=3, note="reviewed"
    )
    page = fetch(reader, URL)
    changed = page.text.split("Changed since the last meeting")[1]
    assert "Since the October 2006 meeting (1 October 2006)." in changed
    assert "CH 141: new figures for April to October 2006 (7 months)" in changed
    assert f"{risk.title}: reviewed 12 October 2006, now scored 6" in changed


def test_an_earlier_month_shows_the_dashboard_as_it_stood_then(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, URL + "?month=2006-08")
    assert "Figures to the end of August 2006" in page.text
    assert "The board next meets in September 2006" in page.text


def _triple_indicators(programme: Any) -> None:
    """Every indicator twice more, each copy with the same figures: three times as many."""
    for copy in ("b", "c"):
        for indicator in list(Indicator.objects.filter(programme=programme).order_by("id")):
            if indicator.key.endswith(("-b", "-c")):
                continue
            measurements = list(indicator.measurements.all())
            indicator.pk = None
            indicator.id = None
            indicator.key = f"{indicator.key}-{copy}"
            indicator.code = f"{indicator.code} {copy}" if indicator.code else ""
            indicator.save()
            for m in measurements:
                m.pk = None
                m.id = None
                m.indicator = indicator
                m.save()


def test_the_number_of_queries_does_not_grow_with_the_number_of_indicators(
    programme: Any, reader: Client
) -> None:
    fetch(reader, URL)  # the session and anything cached once per process
    with CaptureQueriesContext(connection) as seed:
        fetch(reader, URL)
    before = programme.indicators.count()
    _triple_indicators(programme)
    assert programme.indicators.count() == 3 * before
    with CaptureQueriesContext(connection) as tripled:
        page = fetch(reader, URL)
    assert "CH 141 b" in page.text
    assert len(tripled) == len(seed), [q["sql"][:120] for q in tripled.captured_queries]
