"""An indicator page draws its SPC control chart and its benchmarks over the years, each with a
table of the same figures for anyone who cannot see the chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

from improvement_board.core.demo import DEMO_COMPARATORS, DEMO_COUNCIL, demo_comparators
from improvement_board.core.programme import load_programme
from improvement_board.demo import SEED_PROGRAMME
from improvement_board.meetings import selectors as meetings_selectors
from improvement_board.meetings.selectors import pack_inputs
from improvement_board.programmes.comparators import comparator_group_set, comparators_load
from improvement_board.programmes.selectors import observations_for
from improvement_board.web import queries
from tests.web.conftest import PROGRAMME
from tests.web.pages import fetch

URL = reverse("indicator", args=[PROGRAMME, "ch-141"]) + "?month=2006-10"


def test_the_page_shows_the_control_chart_its_reading_and_its_table(
    programme: Any, reader: Client
) -> None:
    page = fetch(reader, URL)
    section = page.text.split("Variation: SPC control chart")[1]
    assert "Common cause variation." in section or "Special cause variation" in section
    assert "Limits from all 7 points." in section
    assert "The control chart's figures as a table" in section
    for heading in ("Figure", "Mean", "Lower limit", "Upper limit", "Signal"):
        assert heading in section
    assert "April 2006" in section and "October 2006" in section
    assert page.html.count("<svg") >= 2  # the trend chart and the control chart
    assert "Upper process limit" in page.html and "Lower process limit" in page.html


def test_a_rebase_starts_new_limits_and_the_page_says_where(programme: Any, reader: Client) -> None:
    indicator = programme.indicators.get(key="ch-141")
    indicator.spc_rebase = ["2006-08"]
    indicator.save()
    page = fetch(reader, URL)
    section = page.text.split("Variation: SPC control chart")[1]
    assert "rebased from 2006-08" in section
    assert "The limits start again from August 2006, where the process was rebased." in section
    assert ">Rebased<" in page.html


def _two_years(programme: Any, tmp_path: Path) -> None:
    """The demo's synthetic comparators for 2006 and the same councils a year earlier."""
    text = demo_comparators(load_programme(SEED_PROGRAMME))
    header, *rows = text.strip().splitlines()
    earlier = [row.replace(",2006,", ",2005,").replace("2006-09-28", "2005-09-28") for row in rows]
    path = tmp_path / "comparators-SYNTHETIC.csv"
    path.write_text("\n".join([header, *earlier, *rows]) + "\n", encoding="utf-8")
    comparator_group_set(
        programme=programme,
        council=DEMO_COUNCIL,
        members=list(DEMO_COMPARATORS),
        label="synthetic comparator councils",
        synthetic=True,
    )
    comparators_load(programme=programme, path=path, user=None)


def test_the_benchmark_chart_draws_the_neighbours_median_and_range_with_a_table(
    programme: Any, reader: Client, tmp_path: Path
) -> None:
    _two_years(programme, tmp_path)
    page = fetch(reader, URL)
    section = page.text.split("Compared with other councils over the years")[1]
    assert "The comparison chart's figures as a table" in section
    assert "Neighbours' median" in section and "Neighbours' range" in section
    assert "154.4 to 211.1" in section  # the neighbours' lowest and highest figures
    assert "10 of 10" in section
    assert "Neighbours&#x27; median" in page.html or "Neighbours' median" in page.html


def test_one_year_of_benchmarks_is_a_table_without_a_chart(
    programme: Any, reader: Client, tmp_path: Path
) -> None:
    path = tmp_path / "comparators-2005-06-SYNTHETIC.csv"
    path.write_text(demo_comparators(load_programme(SEED_PROGRAMME)), encoding="utf-8")
    comparator_group_set(
        programme=programme,
        council=DEMO_COUNCIL,
        members=list(DEMO_COMPARATORS),
        label="synthetic comparator councils",
        synthetic=True,
    )
    comparators_load(programme=programme, path=path, user=None)
    page = fetch(reader, URL)
    assert "Compared with other councils over the years" in page.text
    assert "The comparison chart's figures as a table" not in page.text


def test_the_panel_and_the_charts_come_from_one_read_as_the_meetings_pack_reads_it(
    programme: Any, reader: Client, monkeypatch: Any
) -> None:
    reads: list[dict[str, Any]] = []
    series_reads: list[Any] = []

    def counted(**kwargs: Any) -> Any:
        reads.append(kwargs)
        return pack_inputs(**kwargs)

    def series_counted(**kwargs: Any) -> Any:
        series_reads.append(kwargs)
        return observations_for(**kwargs)

    monkeypatch.setattr(queries, "pack_inputs", counted)
    # every gathering of the pack's inputs, whoever calls it, reads the figures through here
    monkeypatch.setattr(meetings_selectors, "observations_for", series_counted)
    fetch(reader, URL)
    assert len(reads) == 1 and len(series_reads) == 1
    meeting = programme.meetings.get(period="2006-11")
    assert reads[0]["meeting"] == meeting and reads[0]["charts"] is True
