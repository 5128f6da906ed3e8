"""The bundled Herefordshire 2006-07 programme says exactly what the success criteria say.

The success criteria (``../shared/seed/success-criteria.txt``) are read and parsed here, table by
table and list by list, and compared with the programme file, so a mistyped baseline, a lost
recommendation link or a dropped report fails the suite.
"""

from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

import improvement_board
from improvement_board.core.periods import Period, period_range
from improvement_board.core.programme import Indicator, Programme, load_programme
from improvement_board.core.units import better, format_value
from tests.shared import DFE, require

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "success-criteria.txt"
PROGRAMME_FILE = Path(improvement_board.__file__).parent / "data" / "herefordshire-2006.yaml"

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def read_seed() -> str:
    if not SEED.exists():
        raise FileNotFoundError(f"the success criteria are missing: {SEED}")
    return SEED.read_text(encoding="utf-8")


SEED_TEXT = read_seed()


def words(text: str) -> str:
    """Text with its whitespace made single spaces: a folded YAML line reads as the seed's."""
    return " ".join(text.split())


def section(heading: str, until: str) -> list[str]:
    """The seed's lines after ``heading`` and before ``until``, blank lines dropped."""
    lines = SEED_TEXT.splitlines()
    start = lines.index(heading) + 1
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(until))
    return [line.strip() for line in lines[start:end] if line.strip()]


def recommendation_numbers(text: str) -> list[str]:
    """'1, 2, 4', '8, 9,10,11', '8, 9, 10 and 11', '12 (5)' and the range '1 – 6' as numbers."""
    numbers: list[str] = []
    for first, last, sub in re.findall(r"(\d+)(?:\s*[–-]\s*(\d+)|\s*(\(\d+\)))?", text):
        if last:
            numbers += [str(n) for n in range(int(first), int(last) + 1)]
        else:
            numbers.append(first + sub)
    return numbers


# --- the indicator tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A cell of the seed's tables: "175", "100%", "Up to 50%", "89.5% (19/20)", "£2.69M", "-"."""

    text: str
    value: float | None
    qualifier: str
    numerator: float | None = None
    denominator: float | None = None


FIGURE = re.compile(
    r"(?P<up_to>Up to )?(?P<pound>£)?(?P<value>\d+(?:\.\d+)?)(?P<millions>M)?%?"
    r"(?: \((?P<numerator>\d+)/(?P<denominator>\d+)\))?"
)


def figure(cell: str) -> Figure:
    if cell == "-":
        return Figure(cell, None, "none")
    match = FIGURE.fullmatch(cell)
    assert match, f"the seed's figure {cell!r} is not in a form this test reads"
    value = Decimal(match["value"]) * (1_000_000 if match["millions"] else 1)
    return Figure(
        cell,
        float(value),
        "up_to" if match["up_to"] else "exact",
        float(match["numerator"]) if match["numerator"] else None,
        float(match["denominator"]) if match["denominator"] else None,
    )


@dataclass(frozen=True)
class SeedRow:
    line: int
    code: str | None
    title: str
    baseline: Figure
    target: Figure
    baseline_period: str
    target_period: str
    recommendations: list[str]

    @property
    def name(self) -> str:
        return self.code or self.title[:30]


def clean_code(cell: str) -> str | None:
    """The code as the programme writes it: "<i>C19</i>" is C19, "CF/ C64" is CF/C64."""
    code = re.sub(r"/\s+", "/", re.sub(r"<[^>]+>", "", cell)).strip()
    return code or None


def column_period(header: str) -> str:
    """The period a column header names: "Current Position March 06" is 2006-03."""
    month, year = header.split()[-2:]
    return str(Period(2000 + int(year), MONTHS[month]))


def seed_rows() -> list[SeedRow]:
    """Every row of every "In relation to Recommendation(s) ..." table, with that header's links."""
    rows: list[SeedRow] = []
    recommendations: list[str] = []
    periods = ("", "")
    for number, line in enumerate(SEED_TEXT.splitlines(), start=1):
        if line.startswith("In relation to"):
            header = re.match(r"In relation to \**Recommendations? ([^*]+?)(\*\*|, the |$)", line)
            assert header, f"seed line {number}: cannot read its recommendations"
            recommendations = recommendation_numbers(header[1])
        elif line.startswith("No of PI\t"):
            periods = (column_period(line.split("\t")[2]), column_period(line.split("\t")[3]))
        elif "\t" in line:
            code, title, baseline, target = line.split("\t")
            rows.append(
                SeedRow(
                    number,
                    clean_code(code),
                    title,
                    figure(baseline),
                    figure(target),
                    *periods,
                    recommendations,
                )
            )
    return rows


SEED_ROWS = seed_rows()

# The unit each row's own words give: "£" is money, "per 10,000" a rate, "%" or "rate" a
# percentage, "No of"/"number of" a count. Two rows need reading: CF/C64 says "No of" but its
# 76 -> 80 are percentages (PAF CF/C64 is the % completed in 35 working days), and C19 gives no
# unit at all for 90.7 -> 93 (a percentage of children looked after).
READ_UNITS = {"CF/C64": "percent", "C19": "percent"}


def seed_unit(row: SeedRow) -> str:
    cells = row.baseline.text + row.target.text
    if row.code in READ_UNITS:
        return READ_UNITS[row.code]
    if "£" in cells:
        return "money"
    if "per 10,000" in row.title:
        return "rate_per_10000"
    if row.title.startswith("%") or "%" in cells or " rate " in row.title:
        return "percent"
    if re.search(r"\b(no|number) of\b", row.title, re.IGNORECASE):
        return "count"
    raise AssertionError(f"seed line {row.line}: no unit in its words")


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(PROGRAMME_FILE)


def indicator_for(programme: Programme, row: SeedRow) -> Indicator:
    """The programme's indicator for a seed row: by its code where it has one, else by title."""
    if row.code:
        found = [i for i in programme.indicators if i.code == row.code]
    else:
        found = [i for i in programme.indicators if words(i.title) == row.title]
    assert len(found) == 1, f"seed line {row.line} ({row.name}) matches {len(found)} indicators"
    return found[0]


by_row = pytest.mark.parametrize("row", SEED_ROWS, ids=[row.name for row in SEED_ROWS])


def test_the_seed_has_eighteen_indicators_and_the_programme_has_each_once(programme):
    assert len(SEED_ROWS) == 18
    matched = [indicator_for(programme, row).key for row in SEED_ROWS]
    assert sorted(matched) == sorted(i.key for i in programme.indicators)


@by_row
def test_the_title_is_the_seeds_own(programme, row):
    assert words(indicator_for(programme, row).title) == row.title


@by_row
def test_the_baseline_is_the_seeds(programme, row):
    baseline = indicator_for(programme, row).baseline
    assert baseline.text == row.baseline.text
    assert baseline.value == (
        None if row.baseline.value is None else pytest.approx(row.baseline.value)
    )
    assert baseline.numerator == row.baseline.numerator
    assert baseline.denominator == row.baseline.denominator
    assert baseline.qualifier == ("up_to" if row.baseline.qualifier == "up_to" else "exact")
    assert baseline.period == row.baseline_period


@by_row
def test_the_target_is_the_seeds(programme, row):
    target = indicator_for(programme, row).target
    assert target.text == row.target.text
    assert target.value == pytest.approx(row.target.value)
    assert target.period == row.target_period
    if row.target.qualifier == "up_to":
        assert target.qualifier == "up_to"


@by_row
def test_the_unit_is_what_the_seeds_words_give(programme, row):
    assert indicator_for(programme, row).unit == seed_unit(row)


@by_row
def test_the_recommendations_are_those_of_the_seeds_table_header(programme, row):
    assert indicator_for(programme, row).recommendations == row.recommendations


@by_row
def test_a_target_no_better_than_its_baseline_is_a_floor_a_band_or_to_maintain(programme, row):
    indicator = indicator_for(programme, row)
    base, target = indicator.baseline.value, indicator.target.value
    if base is not None and not better(indicator.polarity, target, base):
        assert indicator.target.qualifier in ("at_least", "band", "maintain")
    else:
        assert indicator.polarity in ("higher", "lower")


def test_care_leavers_keep_the_seeds_percentage_and_its_counts(programme):
    baseline = programme.indicator("sc-5037").baseline
    assert (baseline.value, baseline.numerator, baseline.denominator) == (89.5, 19, 20)
    assert baseline.text == "89.5% (19/20)"


def test_occupational_therapy_at_100_percent_is_a_target_to_maintain(programme):
    ot = programme.indicator("local-pi-ot")
    assert (ot.baseline.value, ot.target.value, ot.target.qualifier) == (100, 100, "maintain")


def test_transition_plans_are_up_to_figures_at_both_ends(programme):
    plans = programme.indicator("sc-5026")
    assert (plans.baseline.qualifier, plans.target.qualifier) == ("up_to", "up_to")
    assert (plans.baseline.value, plans.target.value) == (50, 75)


def test_retention_below_its_baseline_is_a_floor_not_a_fall(programme):
    retention = programme.indicator("sw-retention")
    assert retention.polarity == "higher"
    assert retention.target.qualifier == "at_least"
    assert retention.target.value < retention.baseline.value


def test_turnover_and_vacancy_are_lower_is_better(programme):
    assert programme.indicator("sw-turnover").polarity == "lower"
    assert programme.indicator("sw-vacancy").polarity == "lower"


def test_the_child_protection_rate_is_a_band_around_its_target(programme):
    ch01 = programme.indicator("ch-01")
    assert ch01.polarity == "band"
    assert ch01.target.qualifier == "band"
    assert ch01.target.low < ch01.baseline.value < ch01.target.high
    assert ch01.target.low < ch01.target.value < ch01.target.high


def test_joint_commissioning_is_stored_in_pounds_and_shown_in_millions(programme):
    spend = programme.indicator("joint-commissioning")
    assert (spend.baseline.value, spend.target.value) == (2_690_000, 2_830_000)
    assert format_value(spend.baseline.value, spend.unit) == "£2.69M"
    assert format_value(spend.target.value, spend.unit) == "£2.83M"


@pytest.mark.parametrize("key", ["caf-staff-trained", "cafs-completed"])
def test_the_caf_counts_have_no_baseline(programme, key):
    baseline = programme.indicator(key).baseline
    assert baseline.value is None
    assert baseline.text == "-"


RECORD_MEASURES = {
    "ch-141": "referrals_per_10k",
    "ch-143": "referrals_to_initial_assessment",
    "dis-1704": "initial_assessments_within_7_days",
    "ch-145": "core_assessments_per_10k",
    "cf-c64": "core_assessments_within_35_days",
    "ch-01": "protection_plans_per_10k",
    "c-19": "health_assessments_on_time",
    "sc-5037": "care_leavers_19_suitable",
    "sw-per-10000": "social_workers_per_10k",
    "sw-turnover": "turnover",
    "sw-vacancy": "vacancy_rate",
    "sw-retention": "retention",
}


def test_indicators_computable_from_records_name_their_measure_and_no_others_do(programme):
    measures = {i.key: i.measure for i in programme.indicators if i.measure}
    assert measures == RECORD_MEASURES


def test_every_indicator_has_an_owner_definition_source_and_notes_on_its_reading(programme):
    for indicator in programme.indicators:
        assert indicator.owner, indicator.key
        assert indicator.definition, indicator.key
        assert indicator.source, indicator.key
        assert "programme's reading" in words(indicator.notes or ""), indicator.key


# --- recommendations ----------------------------------------------------------------------------


def test_recommendations_are_jar_1_to_16_and_the_two_sub_items_the_seed_names(programme):
    numbers = {r.number for r in programme.recommendations}
    assert numbers == {str(n) for n in range(1, 17)} | {"6(2)", "12(5)"}


def test_every_recommendation_the_seed_mentions_is_in_the_programme(programme):
    mentioned = set()
    for match in re.finditer(r"[Rr]ecommendations? ([\d\s,–()and]+)", SEED_TEXT):
        mentioned |= set(recommendation_numbers(match[1]))
    assert mentioned <= {r.number for r in programme.recommendations}
    assert {"6(2)", "12(5)", "16"} <= mentioned


def test_recommendations_the_seed_does_not_describe_say_so(programme):
    for number in ("13", "14", "15"):
        title = next(r.title for r in programme.recommendations if r.number == number)
        assert "not described" in title.lower()


# --- evidence items and overarching criteria ----------------------------------------------------


def seed_numbered(heading: str, until: str) -> dict[int, str]:
    items = {}
    for line in section(heading, until):
        match = re.match(r"(\d+)\. (.*)", line)
        if match:
            items[int(match[1])] = match[2]
    return items


SEED_EVIDENCE = seed_numbered("Performance Management", "Reporting Arrangements")
SEED_CRITERIA = seed_numbered("Overarching Success Criteria", "Relevant Performance Indicators")

# The months the seed gives, in its own words: "Sept 2006", "Oct 06", "November", "March 07",
# "November 2006", "Jan 07", "Dec 06"; item 6's September inspection reports in October.
EVIDENCE_DUE = {
    2: "2006-09",
    3: "2006-10",
    4: "2006-11",
    5: "2007-03",
    6: "2006-10",
    8: "2006-11",
    9: "2007-01",
    10: "2006-12",
}


def test_there_are_ten_evidence_items_each_the_seeds_words(programme):
    assert len(SEED_EVIDENCE) == 10
    assert [e.number for e in programme.evidence_items] == list(range(1, 11))
    for item in programme.evidence_items:
        seed = SEED_EVIDENCE[item.number]
        assert seed.startswith(words(item.title)), item.number
        rest = seed[len(words(item.title)) :].strip(" ().")
        assert rest in (item.notes or ""), item.number


def test_evidence_items_belong_to_the_seeds_two_areas(programme):
    areas = {e.number: e.area for e in programme.evidence_items}
    assert {areas[n] for n in range(1, 7)} == {"Performance management"}
    assert {areas[n] for n in range(7, 11)} == {"Project management of service developments"}


def test_evidence_items_are_due_in_the_months_the_seed_gives(programme):
    assert {e.number: e.due for e in programme.evidence_items if e.due} == EVIDENCE_DUE


def test_ipc_reports_and_the_action_plan_are_evidence_at_every_meeting(programme):
    assert {e.number for e in programme.evidence_items if e.every_meeting} == {1, 7}
    assert {r.evidence_item for r in programme.standing_reports} >= {1, 7}


def test_the_final_ipc_report_notes_that_ipc_are_not_commissioned(programme):
    item = next(e for e in programme.evidence_items if e.number == 5)
    assert "not currently commissioned" in (item.notes or "")


def test_there_are_five_overarching_criteria_in_the_seeds_words(programme):
    assert len(SEED_CRITERIA) == 5
    assert {c.number: words(c.title) for c in programme.success_criteria} == SEED_CRITERIA


def test_the_ipc_criterion_is_shown_by_the_ipc_evidence_items(programme):
    criteria = {c.number: c.evidence_items for c in programme.success_criteria}
    assert criteria[4] == [1, 2, 3, 4, 5]
    assert criteria[2] == [7]
    assert criteria[5] == []


# --- reporting, standing reports and the schedule -----------------------------------------------


def test_the_indicator_report_includes_the_seeds_four_points_and_the_piap_reviews(programme):
    points = [
        line.removeprefix("- ")
        for line in section("Reporting Arrangements", "Schedule of Reports")
        if line.startswith("- ") and not line.startswith("- Updated")
    ]
    assert len(points) == 5
    for point in points:
        assert point.rstrip(".") in [r.rstrip(".") for r in programme.reporting]


def test_the_standing_reports_are_what_the_board_receives_at_each_meeting(programme):
    keys = [r.key for r in programme.standing_reports]
    assert keys == [
        "social-care-pi-report",
        "piap-milestones",
        "piap-implementation",
        "ipc-project-board",
    ]
    ipc = programme.standing_reports[-1]
    assert "October 2006" in (ipc.notes or "")


def seed_schedule() -> dict[str, list[str]]:
    """The "Schedule of Reports to Board": each month's reports, one a paragraph."""
    schedule: dict[str, list[str]] = {}
    month = None
    for line in section("Schedule of Reports to Board", "Overarching Success Criteria"):
        heading = re.fullmatch(r"([A-Z][a-z]+) (\d{4})", line)
        if heading and heading[1] in MONTHS:
            month = str(Period(int(heading[2]), MONTHS[heading[1]]))
            schedule[month] = []
        elif month:
            schedule[month].append(line)
    return schedule


SEED_SCHEDULE = seed_schedule()


def test_there_is_a_meeting_every_month_from_september_2006_to_march_2007(programme):
    months = period_range(Period(2006, 9), Period(2007, 3))
    assert [m.period for m in programme.meetings] == [str(month) for month in months]
    assert all(m.date is None for m in programme.meetings)


def test_each_meeting_has_the_seeds_reports_item_by_item(programme):
    counts = {m.period: len(m.reports) for m in programme.meetings}
    seed_counts = {month: len(items) for month, items in SEED_SCHEDULE.items()}
    assert list(seed_counts.values()) == [4, 3, 4, 2, 1, 2]
    assert counts == {**seed_counts, "2007-02": 0}


def test_february_2007_says_it_has_no_scheduled_reports(programme):
    february = next(m for m in programme.meetings if m.period == "2007-02")
    assert "no report" in (february.notes or "")


def test_each_report_links_the_recommendations_the_seed_names_for_it(programme):
    for meeting in programme.meetings:
        for item, report in zip(
            SEED_SCHEDULE.get(meeting.period, []), meeting.reports, strict=True
        ):
            named = re.search(r"JAR recommendations? ([\d\s,–()-]+)", item)
            expected = recommendation_numbers(named[1]) if named else []
            assert report.recommendations == expected, report.key


def test_safeguarding_outcomes_cover_recommendations_1_to_6_and_service_management_12_5(programme):
    reports = {r.key: r for m in programme.meetings for r in m.reports}
    assert reports["safeguarding-outcomes"].recommendations == ["1", "2", "3", "4", "5", "6"]
    assert reports["service-management"].recommendations == ["12(5)"]


def test_every_dated_evidence_item_is_a_report_at_its_meeting(programme):
    for item in programme.evidence_items:
        if item.due:
            meeting = next(m for m in programme.meetings if m.period == item.due)
            assert item.number in [r.evidence_item for r in meeting.reports], item.number


def test_report_keys_are_unique_within_each_meeting_with_the_standing_reports(programme):
    standing = [r.key for r in programme.standing_reports]
    for meeting in programme.meetings:
        keys = [r.key for r in meeting.reports] + standing
        assert len(keys) == len(set(keys)), meeting.period


def test_every_reference_from_reports_and_actions_names_something_defined(programme):
    numbers = {r.number for r in programme.recommendations}
    evidence = {e.number for e in programme.evidence_items}
    reports = [*programme.standing_reports, *(r for m in programme.meetings for r in m.reports)]
    for report in reports:
        assert set(report.recommendations) <= numbers, report.key
        assert report.evidence_item is None or report.evidence_item in evidence, report.key
    for action in programme.actions:
        assert set(action.evidence_items) <= evidence, action.key


# --- actions and risks --------------------------------------------------------------------------


def test_actions_are_dated_owned_and_milestoned(programme):
    assert 6 <= len(programme.actions) <= 10
    for action in programme.actions:
        assert action.owner and action.due, action.key
        assert action.status == "not_started", action.key
        assert 1 <= len(action.milestones) <= 3, action.key
        assert all(m.due <= action.due for m in action.milestones), action.key
        assert Period.of(action.due).last_day == action.due, action.key
        assert words(action.notes or "").startswith("Derived from the seed's"), action.key


def test_action_milestones_on_an_indicator_are_its_target(programme):
    for action in programme.actions:
        for milestone in action.milestones:
            if milestone.indicator:
                assert milestone.value == programme.indicator(milestone.indicator).target.value


def test_each_dated_evidence_item_of_a_service_development_has_an_action(programme):
    covered = {n for a in programme.actions for n in a.evidence_items}
    assert {2, 3, 4, 5, 6, 8, 9, 10} <= covered


def test_the_risk_log_starts_with_what_the_seed_flags_scored_as_an_initial_assessment(programme):
    assert 4 <= len(programme.risks) <= 6
    for risk in programme.risks:
        assert risk.owner and risk.mitigation and risk.proximity and risk.review_date, risk.key
        assert "initial assessment" in words(risk.notes or ""), risk.key
    titles = " ".join(r.title for r in programme.risks)
    assert "IPC not commissioned" in titles
    assert "16.7%" in titles


# --- the programme itself -----------------------------------------------------------------------


def test_the_programme_runs_april_2006_to_march_2007(programme):
    info = programme.programme
    assert (info.key, info.council, info.council_code) == (
        "herefordshire-2006",
        "Herefordshire",
        "E06000019",
    )
    assert (str(info.baseline_date), str(info.target_date)) == ("2006-03-31", "2007-03-31")
    assert [str(p) for p in (programme.periods[0], programme.periods[-1])] == ["2006-04", "2007-03"]
    assert len(programme.periods) == 12


def test_the_population_is_herefordshires_earliest_ons_figure_as_a_stated_stand_in(programme):
    path = require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv")
    with path.open(encoding="utf-8") as file:
        rows = [
            row
            for row in csv.DictReader(file)
            if row["new_la_code"] == "E06000019"
            and row["age_group"] == "Children aged 0 to 17 years"
        ]
    earliest = min(rows, key=lambda row: int(row["time_period"]))
    assert earliest["time_period"] == "2012"
    info = programme.programme
    stand_in = int(earliest["population_estimate"])
    assert info.population == {2006: stand_in, 2007: stand_in}
    assert "Stand-in" in (info.population_source or "")
    assert "2012" in (info.population_source or "")


def test_the_programme_names_roles_not_the_officer_the_seed_names():
    assert "Zita" not in PROGRAMME_FILE.read_text(encoding="utf-8")
