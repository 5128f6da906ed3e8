"""Reading the DfE's files: by column name, markers as reasons, boundary changes simply absent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from improvement_board.core.dfe import (
    MARKERS,
    Missing,
    Observation,
    parse_value,
    read_code_map,
    read_comparators,
    read_measure,
    read_neighbours,
    read_population,
    read_records,
)
from improvement_board.core.problems import ProblemsFound
from tests.shared import DFE, require

HEADER = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
HEADER += "region_name,old_la_code,new_la_code,la_name,referral_count"
ENGLAND = "Reporting year,National,E92000001,England,,,,,"
HEREFORDSHIRE = "Reporting year,Local authority,E92000001,England,E12000005,West Midlands,"
HEREFORDSHIRE += "884,E06000019,Herefordshire"


def write(tmp_path: Path, text: str, name: str = "c1.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def one_value(tmp_path: Path, cell: str) -> Observation:
    path = write(tmp_path, f"{HEADER}\n2025,{HEREFORDSHIRE},{cell}\n")
    (observation,) = read_measure(path, "referral_count")
    return observation


@pytest.mark.parametrize("marker", ["c", "x", "z", "u", "k", "low", ":", ""])
def test_each_suppression_marker_becomes_missing_with_its_reason(
    tmp_path: Path, marker: str
) -> None:
    value = one_value(tmp_path, marker).value
    assert value == Missing(marker)  # type: ignore[arg-type]
    assert isinstance(value, Missing) and value.reason == MARKERS[value.marker]


@pytest.mark.parametrize("written", [" c ", "C", "LOW", " z"])
def test_markers_are_read_whatever_their_case_and_spacing(tmp_path: Path, written: str) -> None:
    value = one_value(tmp_path, written).value
    assert isinstance(value, Missing) and value.marker == written.strip().lower()


def test_numbers_are_read_with_the_council_and_year(tmp_path: Path) -> None:
    observation = one_value(tmp_path, "1587")
    assert observation.value == 1587.0
    assert (observation.year, observation.area.key, observation.area.code) == (
        2025,
        "884",
        "E06000019",
    )
    assert observation.area.name == "Herefordshire"


def test_columns_are_read_by_name_whatever_their_order(tmp_path: Path) -> None:
    names = HEADER.split(",")
    cells = f"2025,{HEREFORDSHIRE},512".split(",")
    order = list(reversed(range(len(names))))
    shuffled = ",".join(names[i] for i in order) + "\n" + ",".join(cells[i] for i in order) + "\n"
    straight = write(tmp_path, f"{HEADER}\n2025,{HEREFORDSHIRE},512\n", "straight.csv")
    assert read_measure(write(tmp_path, shuffled), "referral_count") == read_measure(
        straight, "referral_count"
    )


def test_a_column_may_be_named_as_any_of_its_editions(tmp_path: Path) -> None:
    path = write(
        tmp_path, f"{HEADER.replace('referral_count', 'Referrals')}\n2024,{ENGLAND},621880\n"
    )
    (observation,) = read_measure(path, ("referral_count", "Referrals"))
    assert observation.value == 621880.0 and observation.area.level == "National"


def test_a_year_written_as_two_years_counts_as_the_year_it_ends(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n202425,{HEREFORDSHIRE},512\n")
    assert read_measure(path, "referral_count")[0].year == 2025


def test_every_bad_cell_is_reported_with_file_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n2025,{HEREFORDSHIRE},lots\n20x5,{ENGLAND},12\n")
    with pytest.raises(ProblemsFound) as raised:
        read_measure(path, "referral_count")
    found = {(p.file, p.row, p.column) for p in raised.value.problems}
    assert found == {(str(path), 2, "referral_count"), (str(path), 3, "time_period")}
    assert "found 'lots'" in str(raised.value)


def test_a_missing_column_names_the_columns_there_are(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n2025,{HEREFORDSHIRE},512\n")
    with pytest.raises(ProblemsFound, match=r"no column 'CPP_At31'.*la_name"):
        read_measure(path, "CPP_At31")


def test_a_missing_file_is_reported_not_raised_as_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound, match="file not found"):
        read_measure(tmp_path / "absent.csv", "referral_count")


def test_two_rows_for_one_council_and_year_ask_for_a_filter(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n2025,{HEREFORDSHIRE},512\n2025,{HEREFORDSHIRE},513\n")
    with pytest.raises(ProblemsFound, match="a second row for Herefordshire in 2025"):
        read_measure(path, "referral_count")


@settings(max_examples=300)
@given(st.text(max_size=12))
def test_any_cell_text_is_a_number_a_marker_or_reported(text: str) -> None:
    value = parse_value(text)
    assert value is None or isinstance(value, float | Missing)
    if isinstance(value, float):
        assert value == float(text.strip())


def measure_columns(path: Path) -> list[str]:
    """The measures of a file: the columns after ``la_name``, less its text filters."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    text_columns = {"category", "age_group"}
    return [name for name in header[header.index("la_name") + 1 :] if name not in text_columns]


PUBLISHED = [
    "b1_children_in_need_2013_to_2025.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "csww_indicators_2017_to_2025.csv",
    "csww_headline_measures_2017_to_2022.csv",
    "ons_mid-year_population_estimates_2012_to_2024.csv",
]


def test_every_measure_of_the_published_files_reads_without_a_problem() -> None:
    markers: set[str] = set()
    for name in PUBLISHED:
        path = require(DFE / name)
        columns = {column: column for column in measure_columns(path)}
        for record in read_records(path, columns):
            markers |= {v.marker for v in record.values.values() if isinstance(v, Missing)}
    assert {"c", "x", "z", "u", "low"} <= markers


def test_the_k_marker_of_the_care_leaver_file_reads_as_missing() -> None:
    path = require(DFE / "la_care_leavers_activity.csv")
    where = {"care_leaver_age": "19 to 21 years", "breakdown": "Total information not known"}
    rows = read_measure(path, "care_leaver_percent", where=where)
    chosen = [r for r in read_raw(path) if all(r[k] == v for k, v in where.items())]
    published_k = sum(1 for r in chosen if r["care_leaver_percent"] == "k")
    assert published_k > 0 and len(rows) == len(chosen)
    assert sum(1 for r in rows if r.value == Missing("k")) == published_k


def read_raw(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def councils_by_year(name: str) -> dict[int, set[str]]:
    years: dict[int, set[str]] = {}
    for row in read_measure(require(DFE / name), "At31_episodes"):
        if row.area.level == "Local authority":
            years.setdefault(row.year, set()).add(row.area.key)
    return years


def test_councils_created_or_abolished_are_simply_absent_in_other_years() -> None:
    years = councils_by_year("b1_children_in_need_2013_to_2025.csv")
    dorset_pre_2019, bcp, northamptonshire, cumbria = "835", "839", "928", "909"
    assert all(bcp not in years[y] for y in range(2013, 2020)) and bcp in years[2020]
    assert dorset_pre_2019 in years[2019] and dorset_pre_2019 not in years[2020]
    assert northamptonshire in years[2021] and {"940", "941"}.isdisjoint(years[2021])
    assert northamptonshire not in years[2022] and {"940", "941"} <= years[2022]
    assert cumbria in years[2023] and {"942", "943"}.isdisjoint(years[2023])
    assert cumbria not in years[2024] and {"942", "943"} <= years[2024]


def test_a_joint_workforce_return_keeps_its_joint_key() -> None:
    path = require(DFE / "csww_indicators_2017_to_2025.csv")
    keys = {row.area.key for row in read_measure(path, "inpost_fte") if row.year == 2025}
    assert "940 / 941" in keys and "940" not in keys


def test_old_and_new_council_codes_are_paired_from_the_dfe_files_themselves() -> None:
    codes = read_code_map(require(DFE / "b1_children_in_need_2013_to_2025.csv"))
    raw = read_raw(DFE / "b1_children_in_need_2013_to_2025.csv")
    north_yorkshire = {
        (int(r["time_period"]), r["new_la_code"]) for r in raw if r["old_la_code"] == "815"
    }
    assert codes.new_code("815", 2022) == dict(north_yorkshire)[2022]
    assert codes.new_code("815") == dict(north_yorkshire)[2025]
    assert codes.new_code("815", 2022) != codes.new_code("815", 2025)
    assert (
        codes.old_code(dict(north_yorkshire)[2022])
        == codes.old_code(dict(north_yorkshire)[2025])
        == "815"
    )
    assert codes.old_code("E06000019") == "884" and codes.new_code("884") == "E06000019"
    assert codes.new_code("942", 2023) is None


def test_the_population_is_children_aged_0_to_17_by_area_and_mid_year() -> None:
    path = require(DFE / "ons_mid-year_population_estimates_2012_to_2024.csv")
    population = read_population(path)
    raw = read_raw(path)
    key_column = {"National": "country_code", "Regional": "region_code"}
    for row in raw:
        key = row[key_column.get(row["geographic_level"], "old_la_code")]
        published = row["population_estimate"]
        expected = Missing("x") if published == "x" else float(published)
        assert population[(key, int(row["time_period"]))] == expected
    assert len(population) == len(raw)


def test_the_2021_neighbour_groupings_are_read_past_the_bom_and_the_repeated_column_names() -> None:
    path = require(DFE / "New_Statistical_Neighbour_Groupings_April_2021.csv")
    model = read_neighbours(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle)][1:]
    listed = [row for row in rows if row[0].strip().isdigit()]
    assert set(model) == {row[2] for row in listed}
    for row in listed:
        entry = model[row[2]]
        assert [n.old_la_code for n in entry.neighbours] == row[5:25:2]
        assert [n.closeness for n in entry.neighbours] == [
            c.strip().capitalize() for c in row[6:26:2]
        ]


def test_the_2025_neighbour_model_is_read_with_closeness_trimmed() -> None:
    path = require(DFE / "sn_model_2025_wide.csv")
    model = read_neighbours(path)
    raw = read_raw(path)
    assert len(model) == len(raw)
    for row in raw:
        entry = model[row["old_la_code"]]
        assert [n.old_la_code for n in entry.neighbours] == [row[f"SN_{k}"] for k in range(1, 11)]
        assert [n.closeness for n in entry.neighbours] == [
            row[f"SN_{k}P"].strip().capitalize() for k in range(1, 11)
        ]


def test_a_file_that_is_not_a_neighbour_model_says_what_was_expected(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound, match="not a statistical neighbour file"):
        read_neighbours(write(tmp_path, f"{HEADER}\n"))


COMPARATORS = """indicator,value,year,council_code,council_name
Referrals per 10000,512.3,2025,884,"Herefordshire, County of"
Referrals per 10000,c,2025,E06000051,Shropshire
"""


def test_the_plain_comparator_layout_is_read_in_any_column_order(tmp_path: Path) -> None:
    values = read_comparators(write(tmp_path, COMPARATORS))
    assert [(v.council_code, v.year, v.value) for v in values] == [
        ("884", 2025, 512.3),
        ("E06000051", 2025, Missing("c")),
    ]
    assert values[0].council_name == "Herefordshire, County of"


def test_every_bad_comparator_row_is_reported(tmp_path: Path) -> None:
    text = COMPARATORS + "Referrals per 10000,many,2025,884x,Nowhere\n,1,year,884,Herefordshire\n"
    with pytest.raises(ProblemsFound) as raised:
        read_comparators(write(tmp_path, text))
    found = {(p.row, p.column) for p in raised.value.problems}
    assert found == {(4, "council_code"), (4, "value"), (5, "year"), (5, "indicator")}


def test_a_comparator_file_without_its_columns_names_them_all(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound, match="no column council_code, year; expected"):
        read_comparators(write(tmp_path, "council_name,indicator,value\nShropshire,x,1\n"))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab1,"\n c:8E0')), max_size=80))
def test_any_comparator_file_gives_values_or_problems(
    tmp_path_factory: pytest.TempPathFactory, body: str
) -> None:
    path = tmp_path_factory.mktemp("comparators") / "file.csv"
    path.write_text("council_code,council_name,year,indicator,value\n" + body, encoding="utf-8")
    try:
        values = read_comparators(path)
    except ProblemsFound as problems:
        assert problems.problems
    else:
        assert all(value.indicator for value in values)
