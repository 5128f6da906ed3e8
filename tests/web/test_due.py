"""What is due from each person before the next meeting, and the reminders that say so."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from improvement_board.accounts.models import SentReminder
from improvement_board.due import due_from, next_meeting, remind
from improvement_board.programmes.models import Programme
from improvement_board.programmes.services import commentary_save
from tests.web.conftest import client_for
from tests.web.factories import UserFactory

SAFEGUARDING = "Head of Safeguarding"
BEFORE_NOVEMBER = dt.date(2006, 10, 20)
"""The seed's figures run to October 2006: the November meeting's pack reads them."""


def _kinds(items: list[Any]) -> list[str]:
    return [item.kind for item in items]


def test_the_next_meeting_is_the_first_held_on_or_after_the_day(programme: Programme) -> None:
    coming = next_meeting(programme=programme, today=BEFORE_NOVEMBER)
    assert coming is not None
    assert coming.meeting.period == "2006-11"
    assert coming.held_on == dt.date(2006, 11, 1)  # no date in the file: as its pack reads it
    assert not coming.dated
    assert str(coming.reporting) == "2006-10"
    later = next_meeting(programme=programme, today=dt.date(2006, 11, 2))
    assert later is not None and later.meeting.period == "2006-12"


def test_an_owner_owes_commentary_on_each_of_their_indicators_with_a_figure(
    programme: Programme,
) -> None:
    person = UserFactory(posts=[SAFEGUARDING])
    items = due_from(user=person, programme=programme, today=BEFORE_NOVEMBER)
    owned = programme.indicators.filter(owner=SAFEGUARDING).exclude(frequency="annual")
    commentary = [i for i in items if i.kind == "commentary"]
    assert commentary, "the seed's October figures are in, so commentary on them is due"
    assert all(i.owner == SAFEGUARDING for i in items)
    assert {i.what.split(":")[0] for i in commentary} <= {o.code for o in owned}


def test_commentary_written_is_no_longer_due(programme: Programme) -> None:
    person = UserFactory(posts=[SAFEGUARDING])
    before = due_from(user=person, programme=programme, today=BEFORE_NOVEMBER)
    first = next(i for i in before if i.kind == "commentary")
    code = first.what.split(":")[0]
    indicator = programme.indicators.get(code=code)
    commentary_save(
        indicator=indicator,
        period="2006-10",
        analysis="Rising.",
        action="None yet.",
        user=person,
        reason="a correction",
    )
    after = due_from(user=person, programme=programme, today=BEFORE_NOVEMBER)
    assert first not in after
    assert len(after) == len(before) - 1


def test_a_missing_figure_is_due_before_its_commentary(programme: Programme) -> None:
    person = UserFactory(posts=[SAFEGUARDING])
    indicator = programme.indicators.filter(owner=SAFEGUARDING, frequency="monthly").first()
    assert indicator is not None
    indicator.measurements.filter(period="2006-10").delete()
    items = due_from(user=person, programme=programme, today=BEFORE_NOVEMBER)
    mine = [i for i in items if i.what.startswith(f"{indicator.code}:")]
    assert _kinds(mine) == ["figure"]
    assert mine[0].what == f"{indicator.code}: figure for October 2006"


def test_risk_reviews_and_reports_come_due_from_their_owners(programme: Programme) -> None:
    risk = programme.risks.exclude(owner="").exclude(review_date=None).first()
    assert risk is not None
    person = UserFactory(posts=[risk.owner])
    today = risk.review_date - dt.timedelta(days=1)
    items = due_from(user=person, programme=programme, today=today)
    reviews = [i for i in items if i.kind == "risk review"]
    assert any(risk.title in i.what for i in reviews)
    report = next(
        r
        for m in programme.meetings.all()
        for r in m.reports.all()
        if r.owner and r.status == "due" and m.period == "2006-11"
    )
    owner = UserFactory(posts=[report.owner])
    assert any(
        i.kind == "report" and report.title in i.what
        for i in due_from(user=owner, programme=programme, today=BEFORE_NOVEMBER)
    )


def test_a_person_without_posts_owes_nothing(programme: Programme) -> None:
    assert due_from(user=UserFactory(), programme=programme, today=BEFORE_NOVEMBER) == []


def test_reminders_go_out_on_the_schedules_days_once_each(programme: Programme) -> None:
    person = UserFactory(posts=[SAFEGUARDING], email="safeguarding@council.example")
    UserFactory(posts=[SAFEGUARDING])  # no e-mail address: reported, not sent
    quiet = remind(programme=programme, today=dt.date(2006, 10, 17))
    assert quiet.reminder_days == [dt.date(2006, 10, 18), dt.date(2006, 10, 27)]
    assert quiet.people == [] and mail.outbox == []

    run = remind(programme=programme, today=dt.date(2006, 10, 18))
    assert run.sent == 1
    assert [m.to for m in mail.outbox] == [["safeguarding@council.example"]]
    assert "November 2006 meeting on 1 November 2006" in mail.outbox[0].body
    assert "analysis and corrective action on October 2006" in mail.outbox[0].body
    assert {p.outcome for p in run.people} == {"sent", "not sent: no e-mail address"}

    again = remind(programme=programme, today=dt.date(2006, 10, 18))
    assert again.sent == 0 and len(mail.outbox) == 1
    assert SentReminder.objects.filter(user=person).count() == 1


def test_a_dry_run_sends_nothing(programme: Programme) -> None:
    UserFactory(posts=[SAFEGUARDING], email="safeguarding@council.example")
    run = remind(programme=programme, today=dt.date(2006, 10, 27), dry_run=True)
    assert [p.outcome for p in run.people] == ["would be sent"]
    assert mail.outbox == [] and not SentReminder.objects.exists()


def test_no_schedule_sends_no_reminders(programme: Programme) -> None:
    UserFactory(posts=[SAFEGUARDING], email="safeguarding@council.example")
    programme.reminders = None
    programme.save()
    run = remind(programme=programme, today=dt.date(2006, 10, 18))
    assert run.reminder_days == [] and mail.outbox == []


def test_the_due_page_lists_what_is_due_from_the_person_signed_in(programme: Programme) -> None:
    client = client_for(None)
    client.force_login(UserFactory(posts=[SAFEGUARDING]))
    page = client.get(reverse("due", args=[programme.key]), {"on": "2006-10-20"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Due from me before the next meeting" in text
    assert "held on 1 November 2006" in text
    assert "analysis and corrective action on October 2006" in text


@pytest.mark.parametrize("day", ["tomorrow", "2006-13-01"])
def test_the_due_page_says_when_the_day_asked_for_is_not_a_date(
    programme: Programme, day: str
) -> None:
    page = client_for("reader").get(reverse("due", args=[programme.key]), {"on": day})
    assert page.status_code == 200
    assert "is not a date written YYYY-MM-DD" in page.content.decode()


def test_an_administrator_records_the_posts_a_person_holds(programme: Programme) -> None:
    person = UserFactory(username="hos")
    admin = client_for("admin")
    url = reverse("user-posts", args=["hos"])
    refused = admin.post(url, {"posts": SAFEGUARDING, "reason": ""})
    assert refused.status_code == 200 and "reason" in refused.content.decode().lower()
    done = admin.post(url, {"posts": f"{SAFEGUARDING}\n\n head of safeguarding", "reason": "new"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.posts == [SAFEGUARDING]
    assert person.history.first().history_change_reason == "new"
