"""Two councils' programmes written as a council under intervention writes one today, judged on
DfE's real published figures: annual workforce figures as at (or to) 30 September, re-referrals
with a target band, context indicators without a target, DfE's `u` cells, comparators dated by
their release and grouped by DfE's neighbour model. Nothing here needs a line of code changed for
the council: the programme is data."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from improvement_board.core.packs.build import build_pack
from improvement_board.core.periods import Period
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.programmes.comparators import comparators_from_dfe
from improvement_board.programmes.measurements import measurements_load
from improvement_board.programmes.models import Programme
from improvement_board.programmes.services import programme_load
from tests.shared import DFE, require
from tests.store import loaded_for_module

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# indicator key: (file, column, where, month of the reference date, DfE measure)
SOURCES = {
    "sw-turnover": ("csww_indicators", "turnover_rate_fte", {}, 9,
                    "social_worker_turnover_percent"),
    "sw-vacancy": ("csww_indicators", "vacancy_rate_fte", {}, 9, "social_worker_vacancy_percent"),
    "sw-agency": ("csww_indicators", "agency_rate_fte", {}, 9, "social_worker_agency_percent"),
    "sw-caseload": ("csww_indicators", "caseload_fte", {}, 9, "social_worker_caseload"),
    "rereferrals": ("c1_children_in_need", "rereferral_percent", {}, 3, "rereferrals_percent"),
    "referrals": ("c1_children_in_need", "referral_count", {}, 3, "referrals_per_10k"),
    "looked-after": (
        "cla_number_and_rate",
        "rate_per_10000",
        {"population_type": "Children looked after on 31 March each year"},
        3,
        "looked_after_per_10k",
    ),
    "repeat-plans": ("d3_cpps", "CPP_subsequent_percent", {}, 3, "repeat_protection_plans_percent"),
}  # fmt: skip


def children(council: str) -> dict[int, Decimal]:
    path = require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            int(r["time_period"]): Decimal(r["population_estimate"])
            for r in csv.DictReader(handle)
            if r["old_la_code"] == council and r["age_group"] == "Children aged 0 to 17 years"
        }


def the_return(council: str, since: int, folder: Path) -> Path:
    """The council's own published figures as a long return, cells as DfE wrote them (`u` too)."""
    people = children(council)
    lines = ["indicator,period,value,note"]
    for key, (prefix, column, where, month, _) in SOURCES.items():
        (path,) = sorted(require(DFE).glob(f"{prefix}*.csv"))[-1:]
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                year = int(row["time_period"])
                wanted = row["old_la_code"] == council and year >= since
                if not wanted or any(row[c] != v for c, v in where.items()):
                    continue
                value = row[column]
                if key == "referrals" and value.isdigit():  # DfE publishes the count only
                    rate = Decimal(value) / people[year - 1] * 10_000
                    value = str(rate.quantize(Decimal("0.1"), ROUND_HALF_UP))
                lines.append(f"{key},{year}-{month:02d},{value},DfE published figure")
    out = folder / f"{council}-return.csv"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def load(name: str, council: str, since: int, folder: Path) -> None:
    programme, _ = programme_load(path=EXAMPLES / name)
    measurements_load(programme=programme, path=the_return(council, since, folder), user=None)
    for key, (*_, measure) in SOURCES.items():
        comparators_from_dfe(programme=programme, folder=DFE, indicator=key, measure=measure)


@pytest.fixture(scope="module")
def both(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Both councils' programmes, figures and comparators, loaded once for the module."""
    folder = tmp_path_factory.mktemp("returns")

    def loaded() -> None:
        load("herefordshire-2022-26.yaml", "884", 2023, folder)
        load("devon-2024-27.yaml", "878", 2024, folder)

    with loaded_for_module(django_db_blocker, loaded):
        yield


@pytest.fixture
def herefordshire(both: None, db: None) -> Programme:
    return Programme.objects.get(key="herefordshire-2022")


@pytest.fixture
def devon(both: None, db: None) -> Programme:
    return Programme.objects.get(key="devon-2024")


def panels(programme: Programme, meeting: str, day: dt.date) -> dict[str, object]:
    period = Period.parse(meeting)
    found = programme.meetings.get(period=meeting)
    found.date = day
    found.save()
    pack = build_pack(pack_inputs(programme=programme, period=period, meeting=found, charts=False))
    return {p.key: p for p in pack.indicators}


def test_herefordshire_is_judged_on_its_september_figures_as_the_data_dates_them(
    herefordshire: Programme,
) -> None:
    programme = herefordshire
    shown = panels(programme, "2025-10", dt.date(2025, 10, 15))
    turnover = shown["sw-turnover"]
    assert (turnover.latest_label, turnover.latest) == ("year to 30 September 2025", "10.8%")
    assert turnover.rag_word == "Green" and turnover.forecast.startswith("Target met")
    vacancy = shown["sw-vacancy"]
    assert (vacancy.latest_label, vacancy.latest) == ("as at 30 September 2025", "32.4%")
    assert vacancy.rag_word == "Red"  # planned 20.0 by September 2025, 12.4 points short
    assert vacancy.direction == "Improving since 30 September 2024"
    assert [m.label for m in vacancy.months] == [
        "30 September 2023", "30 September 2024", "30 September 2025",
    ]  # fmt: skip


def test_a_band_target_and_dfes_u_cells_are_judged_as_they_should_be(
    herefordshire: Programme,
) -> None:
    programme = herefordshire
    rereferrals = panels(programme, "2025-10", dt.date(2025, 10, 15))["rereferrals"]
    assert (rereferrals.latest_label, rereferrals.latest) == ("2024-25", "14.8%")
    assert rereferrals.rag_word == "Amber"  # 1.2 points below the 16-24 band, within 5
    assert [m.actual for m in rereferrals.months][:2] == ["u (not available: low reliability)"] * 2
    assert rereferrals.direction.startswith("Not available since 2023-24")
    assert "there are 1" in rereferrals.forecast


def test_a_context_indicator_is_watched_without_a_target_or_a_status(
    herefordshire: Programme,
) -> None:
    programme = herefordshire
    referrals = panels(programme, "2025-10", dt.date(2025, 10, 15))["referrals"]
    assert (referrals.target, referrals.rag_word) == ("none (context only)", "Not applicable")
    assert (referrals.latest_label, referrals.latest) == ("2024-25", "524.4")
    assert [m.actual for m in referrals.months] == [
        "461.8", "u (not available: low reliability)", "524.4",
    ]  # fmt: skip
    assert referrals.forecast.startswith("Not applicable")


def test_benchmarks_use_only_what_was_published_by_the_meeting(herefordshire: Programme) -> None:
    programme = herefordshire
    shown = panels(programme, "2025-10", dt.date(2025, 10, 15))
    # the 2025 workforce census was published on 19 March 2026: the meeting reads 2024's
    assert shown["sw-turnover"].benchmark.startswith(
        "The year to 30 September 2024 (published 27 February 2025): "
        "Herefordshire, County of 11.4%."
    )
    # the 2024-25 children in need figures came out on 30 October 2025, after this meeting
    text = shown["rereferrals"].benchmark
    assert text.startswith("2023-24 (published 31 October 2024): Herefordshire, County of u")
    assert "Cumbria (909): abolished on 1 April 2023" in text
    assert "of the 9 of 10 with a figure" in text
    later = panels(programme, "2025-12", dt.date(2025, 12, 10))["rereferrals"]
    assert later.benchmark.startswith("2024-25 (published 30 October 2025)")
    assert [row.label for row in later.benchmark_rows][:2] == ["2024-25", "2023-24"]


def test_devon_a_second_council_on_dfes_2025_model(devon: Programme) -> None:
    programme = devon
    shown = panels(programme, "2025-10", dt.date(2025, 10, 16))
    agency = shown["sw-agency"]
    assert (agency.latest_label, agency.latest, agency.rag_word) == (
        "as at 30 September 2025",
        "24.3%",
        "Amber",
    )  # planned 22.5 a year into a straight line from 30.0 to 15.0; 1.8 points short
    assert shown["rereferrals"].rag_word == "Green"  # 19.7% inside the 16-22 band
    assert shown["looked-after"].rag_word == "Not applicable"
    # the 2025 workforce census was published on 19 March 2026: this meeting reads 2024's
    assert shown["sw-agency"].benchmark.startswith(
        "As at 30 September 2024 (published 27 February 2025): Devon 30.0%."
    )
    later = panels(programme, "2026-06", dt.date(2026, 6, 16))
    assert later["sw-agency"].benchmark.startswith(
        "As at 30 September 2025 (published 19 March 2026): Devon 24.3%."
    )
    assert later["rereferrals"].rag_word == "No data"  # 2025-26: not yet in the return
    assert "Statistical neighbours (DfE 2025 model)" in shown["sw-agency"].benchmark
    assert "National rank" in shown["sw-agency"].benchmark
