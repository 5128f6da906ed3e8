"""Every page reads the store in a fixed number of queries, however much the programme holds.

A page that read one query per month, per version of a figure, per indicator, per action or per
risk would grow slower with every board meeting; these tests hold each page to the same count
at 1 and 12 months of figures, at 1 and 5 versions of every figure, and for the seed programme
against one with three times its indicators, actions and risks. The figures are the demo's
synthetic ones.
"""

from __future__ import annotations

from copy import deepcopy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from improvement_board.core.demo import (
    DEMO_COMPARATORS,
    DEMO_COUNCIL,
    demo_comparators,
    demo_csv,
    demo_figures,
)
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.meetings.services import report_item_mark
from improvement_board.plans.services import escalation_record, milestone_complete, risk_review
from improvement_board.programmes.comparators import comparator_group_set, comparators_load
from improvement_board.programmes.measurements import (
    Figure,
    measurements_apply,
    measurements_load,
)
from improvement_board.programmes.models import Measurement, Programme
from improvement_board.programmes.services import commentary_save, programme_load
from tests.web.factories import UserFactory

FIRST, LAST = Period(2006, 4), Period(2007, 3)
MEETING = "2006-11"
INDICATOR = "ch-141"


def _pages(key: str) -> dict[str, str]:
    """The pages a board member and an officer walk, each at the same month in every store."""
    p = f"/programmes/{key}/"
    return {
        "home": "/",
        "overview": f"{p}?month={LAST}",
        "indicator": f"{p}indicators/{INDICATOR}/?month={LAST}",
        "meeting": f"{p}meetings/{MEETING}/",
        "plan": f"{p}plan/",
        "risks": f"{p}risks/",
        "pack HTML (draft)": f"{p}meetings/{MEETING}/pack.html",
        "exports": f"{p}exports/",
        "dashboard": f"{p}dashboard/?month={LAST}",
        "due from me": f"{p}due/?on=2006-10-20",
        "success criteria": f"{p}success-criteria/?month={LAST}",
        "Minister's reports": f"{p}minister/",
    }


def _counts(key: str) -> dict[str, int]:
    """How many queries each page makes, read by an officer of the programme (a member of it
    alone); each page is opened once before it is counted, so what a process reads once and
    keeps (content types, the council register) is not counted."""
    client = Client()
    client.force_login(UserFactory(role="officer", member_of=[key]))
    counts: dict[str, int] = {}
    for name, url in _pages(key).items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def _programme_file(folder: Path, times: int) -> Path:
    """The seed programme, or one with ``times`` as many indicators, actions and risks (each
    copy under a key of its own)."""
    data = yaml.safe_load(SEED_PROGRAMME.read_text(encoding="utf-8"))
    data["programme"]["key"] = f"seed-x{times}"
    for part in ("indicators", "actions", "risks"):
        copies = []
        for n in range(2, times + 1):
            for item in data[part]:
                copy = {**deepcopy(item), "key": f"{item['key']}-{n}"}
                if "code" in copy:
                    copy["code"] = f"{copy['code']} ({n})"
                copies.append(copy)
        data[part] = data[part] + copies
    path = folder / f"seed-x{times}-SYNTHETIC.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _store(folder: Path, *, times: int = 1, last: Period = FIRST) -> Programme:
    """A programme with the demo's synthetic figures to ``last``, its comparator figures, and
    commentary for the month before the meeting."""
    path = _programme_file(folder, times)
    programme, _ = programme_load(path=path)
    model = load_programme(path)
    _figures(programme, folder, last)
    comparators = folder / f"comparators-x{times}-SYNTHETIC.csv"
    comparators.write_text(demo_comparators(model), encoding="utf-8")
    comparator_group_set(
        programme=programme,
        council=DEMO_COUNCIL,
        members=list(DEMO_COMPARATORS),
        label="synthetic comparator councils",
        synthetic=True,
    )
    comparators_load(programme=programme, path=comparators)
    _activity(programme)
    return programme


def _activity(programme: Programme) -> None:
    """What officers do between meetings, once for every indicator, action, risk and report
    due: commentary, a milestone met with evidence, a risk reviewed and escalated, reports
    received; each by a person, so a page naming who did it must read them all at once."""
    officer = UserFactory(role="officer", member_of=[programme.key])
    on = date(2006, 10, 20)
    for indicator in programme.indicators.all():
        commentary_save(
            indicator=indicator,
            period=str(Period.parse(MEETING).shift(-1)),
            analysis="Synthetic commentary.",
            action="Synthetic action.",
            user=officer,
            reason="a correction",
        )
    for action in programme.actions.all():
        first = action.milestones.order_by("due").first()
        if first is not None:
            milestone_complete(milestone=first, on=on, evidence="Synthetic evidence.", user=officer)
    for risk in programme.risks.all():
        risk_review(risk=risk, on=on, likelihood=3, impact=3, note="Synthetic.", user=officer)
        escalation_record(
            programme=programme,
            kind="risk",
            key=risk.key,
            title=risk.title,
            on=on,
            to="Synthetic partnership board",
            reason="Synthetic escalation.",
            user=officer,
        )
    for meeting in programme.meetings.filter(period__lte=MEETING):
        for item in meeting.reports.all():
            report_item_mark(item=item, status="received", on=on, user=officer)


def _figures(programme: Programme, folder: Path, last: Period) -> None:
    model = load_programme(folder / f"{programme.key}-SYNTHETIC.yaml")
    figures = [f for f in demo_figures(model) if f.period <= last]
    path = folder / f"{programme.key}-{last}-SYNTHETIC.csv"
    path.write_text(demo_csv(figures), encoding="utf-8")
    measurements_load(programme=programme, path=path, user=None)


def _restate(programme: Programme, times: int) -> None:
    """Every stored figure restated ``times`` times, each time by another officer, so each has
    ``times + 1`` versions."""
    for n in range(1, times + 1):
        figures = [
            Figure(
                indicator=m.indicator.key,
                period=m.period,
                value=(m.value or 0.0) + 0.1 * n,
                numerator=m.numerator,
                denominator=m.denominator,
                note="synthetic restatement",
            )
            for m in Measurement.objects.filter(indicator__programme=programme).select_related(
                "indicator"
            )
        ]
        measurements_apply(
            programme=programme,
            figures=figures,
            places=[("test", None)] * len(figures),
            source="synthetic restatement",
            user=UserFactory(role="officer"),
            reason=f"synthetic restatement {n}",
        )


@pytest.fixture
def folder(tmp_path: Path, settings: Any) -> Path:
    settings.BOARD_HOME = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_no_page_reads_more_with_twelve_months_of_figures_than_with_one(folder: Path) -> None:
    programme = _store(folder, last=FIRST)
    one_month = _counts(programme.key)
    _figures(programme, folder, LAST)
    assert Measurement.objects.filter(indicator__programme=programme, period=str(LAST)).exists()
    assert _counts(programme.key) == one_month


@pytest.mark.django_db
def test_no_page_reads_more_with_five_versions_of_each_figure_than_with_one(
    folder: Path,
) -> None:
    programme = _store(folder, last=Period(2006, 10))
    one_version = _counts(programme.key)
    _restate(programme, 4)
    assert {m.revision for m in Measurement.objects.filter(indicator__programme=programme)} == {5}
    assert _counts(programme.key) == one_version


@pytest.mark.django_db
def test_no_page_reads_more_for_three_times_the_indicators_actions_and_risks(
    folder: Path,
) -> None:
    seed = _counts(_store(folder, times=1, last=Period(2006, 10)).key)
    tripled = _store(folder, times=3, last=Period(2006, 10))
    assert tripled.indicators.count() == 3 * Programme.objects.get(key="seed-x1").indicators.count()
    assert _counts(tripled.key) == seed
