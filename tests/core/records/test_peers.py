"""Every peer file in ../shared/data/peers is read, and what is read matches an independent count.

The expected counts, and the problems the checks must find in the peers' synthetic data (which
carries deliberate errors), are worked out here straight from the files with the standard csv
module, defusedxml's ElementTree and openpyxl, not through the readers under test.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as ElementTree
import openpyxl
import pytest

from improvement_board.core.records.load import Reading, read_dataset
from tests.shared import PEERS, require

COUNCIL = "E06000019"
Found = set[tuple[str, str, str]]  # (place, field, rule)

CIN_RECORDS = {
    "Child": "children",
    "CINdetails": "referrals",
    "Assessments": "assessments",
    "Section47": "section47s",
    "ChildProtectionPlans": "protection_plans",
    "CINPlanDates": "cin_plans",
}
CIN_STORED_DATES = {
    "PersonBirthDate", "CINreferralDate", "CINclosureDate", "AssessmentActualStartDate",
    "AssessmentAuthorisationDate", "S47ActualStartDate", "CPPstartDate", "CPPendDate",
    "CINPlanStartDate", "CINPlanEndDate",
}  # fmt: skip
REASONS_FROM_2019 = {"E45", "E46", "E47", "E48"}  # replaced E43/E44 from the 2018-19 return
ACCOM = re.compile(r"^([BCDEGHKRSTUVWXYZ][12]|0)$")


def found(reading: Reading, *, by: str = "row") -> Found:
    """The content problems as (place, field, rule); place is 'file:row' or the element path."""
    assert [p for p in reading.problems if p.is_format] == []
    return {
        (
            f"{p.where.file}:{p.where.row}" if by == "row" else str(p.where.element),
            str(p.field),
            p.rule,
        )
        for p in reading.problems
    }


def walk(path: Path) -> list[tuple[str, Element, list[tuple[str, str]]]]:
    """Every element with its path (Message/Children[1]/Child[3]) and its ancestors' (tag, path)."""
    root = ElementTree.parse(path).getroot()
    found_elements = []

    def visit(element: Element, at: str, ancestors: list[tuple[str, str]]) -> None:
        found_elements.append((at, element, ancestors))
        counts: dict[str, int] = defaultdict(int)
        for child in element:
            counts[child.tag] += 1
            visit(child, f"{at}/{child.tag}[{counts[child.tag]}]", [*ancestors, (element.tag, at)])

    visit(root, root.tag, [])
    return found_elements


def overlapping(episodes: list[tuple[str, date, date, str]]) -> set[str]:
    """Places of episodes starting before an earlier-starting episode of the same child ends."""
    by_child = defaultdict(list)
    for child, start, end, place in episodes:
        by_child[child].append((start, end, place))
    flagged = set()
    for items in by_child.values():
        ordered = sorted(items, key=lambda item: (item[0], item[1]))
        for position, (start, _, place) in enumerate(ordered):
            if any(earlier_end > start for _, earlier_end, _ in ordered[:position]):
                flagged.add(place)
    return flagged


def dmy(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


# --- CIN census -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fake_CIN_data.xml", "BAR_cin_2022.xml"])
def test_a_cin_census_file_is_read_with_every_child_and_event(name: str) -> None:
    path = require(PEERS / "cin_census" / name)
    elements = walk(path)
    expected = {table: 0 for table in CIN_RECORDS.values()}
    for _, element, ancestors in elements:
        if element.tag in CIN_RECORDS and "Children" in [tag for tag, _ in ancestors]:
            expected[CIN_RECORDS[element.tag]] += 1
    identifiers = {element.text for _, element, _ in elements if element.tag == "LAchildID"}

    reading = read_dataset("cin-census", [path], council=COUNCIL)

    assert reading.counts() == expected
    assert reading.children() == len(identifiers)


@pytest.mark.parametrize("name", ["fake_CIN_data.xml", "BAR_cin_2022.xml"])
def test_the_only_problems_in_a_cin_census_file_are_its_dates_after_the_reference_date(
    name: str,
) -> None:
    path = require(PEERS / "cin_census" / name)
    elements = walk(path)
    reference = date.fromisoformat(next(e.text for _, e, _ in elements if e.tag == "ReferenceDate"))
    expected = set()
    for at, element, ancestors in elements:
        if element.tag in CIN_STORED_DATES and date.fromisoformat(element.text) > reference:
            record = next(
                p for tag, p in reversed([*ancestors, (element.tag, at)]) if tag in CIN_RECORDS
            )
            expected.add((record, element.tag, "in-period"))

    reading = read_dataset("cin-census", [path], council=COUNCIL)

    assert found(reading, by="element") == expected
    if name.startswith("fake"):
        assert expected, "the fake census has referrals dated after its reference date"


# --- SSDA903 CSV tables ---------------------------------------------------------------------


def table(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        return [(reader.line_num, row) for row in reader]


def test_every_ssda903_table_is_read_or_recognised_and_skipped() -> None:
    folder = require(PEERS / "ssda903_fake")
    paths = sorted(folder.glob("*.csv"))
    needed = {"header.csv": "children", "episodes.csv": "care_episodes", "oc2.csv": "care_outcomes"}
    needed["oc3.csv"] = "care_leavers"

    reading = read_dataset("ssda903", paths, council=COUNCIL, period_end=date(2018, 3, 31))

    assert reading.counts() == {t: len(table(folder / f)) for f, t in needed.items()}
    assert reading.children() == len({row["CHILD"] for _, row in table(folder / "header.csv")})
    skipped = {note.split(":")[0] for note in reading.notes if note.endswith("skipped")}
    assert skipped == {path.name for path in paths} - set(needed)
    unread = {note.split(":")[0] for note in reading.notes if "columns not read" in note}
    assert unread == set(needed) - {"oc3.csv"}, "every table but OC3 has columns not read"


def test_the_problems_in_the_fake_ssda903_tables_are_exactly_its_seeded_errors() -> None:
    folder = require(PEERS / "ssda903_fake")
    end = date(2018, 3, 31)
    expected = set()
    episodes = []
    for line, row in table(folder / "episodes.csv"):
        place = f"episodes.csv:{line}"
        if row["REC"] in REASONS_FROM_2019:
            expected.add((place, "REC", "known-code"))
        for column in ("DECOM", "DEC"):
            if row[column] and dmy(row[column]) > end:
                expected.add((place, column, "in-period"))
        stop = dmy(row["DEC"]) if row["DEC"] else date.max
        episodes.append((row["CHILD"], dmy(row["DECOM"]), stop, place))
    expected |= {(place, "DECOM", "episodes-overlap") for place in overlapping(episodes)}
    for line, row in table(folder / "oc3.csv"):
        if not ACCOM.match(row["ACCOM"]):
            expected.add((f"oc3.csv:{line}", "ACCOM", "known-code"))

    paths = [folder / name for name in ("header.csv", "episodes.csv", "oc2.csv", "oc3.csv")]
    reading = read_dataset("ssda903", paths, council=COUNCIL, period_end=end)

    assert found(reading) == expected


def test_the_2020_samples_problems_are_duplicates_blanks_bad_codes_and_overlaps() -> None:
    folder = require(PEERS / "ssda903_2020")
    header, episodes_file = folder / "SSDA903_2020_header.csv", folder / "SSDA903_2020_episodes.csv"
    expected = set()
    seen = set()
    for line, row in table(header):
        if row["CHILD"] in seen:
            expected.add((f"{header.name}:{line}", "CHILD", "duplicate"))
        seen.add(row["CHILD"])
    episodes = []
    for line, row in table(episodes_file):
        place = f"{episodes_file.name}:{line}"
        if not row["LS"]:
            expected.add((place, "LS", "required"))
        if row["RNE"] not in {"S", "L", "P", "T", "B", "U"}:
            expected.add((place, "RNE", "known-code"))
        episodes.append((row["CHILD"], dmy(row["DECOM"]), dmy(row["DEC"]), place))
    expected |= {(place, "DECOM", "episodes-overlap") for place in overlapping(episodes)}

    reading = read_dataset(
        "ssda903", [header, episodes_file], council=COUNCIL, period_end=date(2020, 3, 31)
    )

    assert reading.counts()["children"] == len(table(header))
    assert reading.counts()["care_episodes"] == len(table(episodes_file))
    assert reading.children() == len(seen)
    assert found(reading) == expected


# --- SSDA903 XML ----------------------------------------------------------------------------


def test_the_ssda903_xml_is_read_and_its_seeded_errors_found() -> None:
    path = require(PEERS / "ssda903_fake" / "fake_903.xml")
    end = date(2018, 3, 31)
    root = ElementTree.parse(path).getroot()
    counts = {"children": 0, "care_episodes": 0, "care_outcomes": 0, "care_leavers": 0}
    expected, episodes, children = set(), [], set()
    for i, child in enumerate(root.findall("CHILD"), start=1):
        header, header_at = child.find("HEADER"), f"EXPSSDA903/CHILD[{i}]/HEADER[1]"
        children.add(header.findtext("CHILDID"))
        counts["children"] += 1
        counts["care_outcomes"] += len(header.findall("OC2"))
        counts["care_leavers"] += header.find("IN_TOUCH") is not None
        accom = header.findtext("ACCOM")
        if accom is not None and not ACCOM.match(accom):
            expected.add((header_at, "ACCOM", "known-code"))
        for j, episode in enumerate(child.findall("EPISODE"), start=1):
            at = f"EXPSSDA903/CHILD[{i}]/EPISODE[{j}]"
            counts["care_episodes"] += 1
            start, stop = dmy(episode.findtext("DECOM")), episode.findtext("DEC")
            finish = dmy(stop) if stop else date.max
            if episode.findtext("REC") in REASONS_FROM_2019:
                expected.add((at, "REC", "known-code"))
            if start > end:
                expected.add((at, "DECOM", "in-period"))
            if stop and finish > end:
                expected.add((at, "DEC", "in-period"))
            episodes.append((header.findtext("CHILDID"), start, finish, at))
    expected |= {(place, "DECOM", "episodes-overlap") for place in overlapping(episodes)}

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=end)

    assert reading.counts() == counts
    assert reading.children() == len(children)
    assert found(reading, by="element") == expected


# --- Annex A and the workforce census -------------------------------------------------------

ANNEX_A_LISTS = {
    "List 3": "referrals",
    "List 4": "assessments",
    "List 5": "section47s",
    "List 7": "protection_plans",
    "List 8": "care_episodes",
    "List 9": "care_leavers",
}


def test_the_annex_a_workbook_is_read_list_by_list_without_problems() -> None:
    path = require(PEERS / "annex_a" / "Annex_A_2024_Jan.xlsx")
    workbook = openpyxl.load_workbook(path, read_only=True)
    counts, children = {}, set()
    for sheet in workbook.worksheets:
        ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[0]]
        if sheet.title in ANNEX_A_LISTS:
            counts[ANNEX_A_LISTS[sheet.title]] = len(ids)
        if sheet.title in {*ANNEX_A_LISTS, "List 6"}:
            children |= {str(value) for value in ids}
    workbook.close()
    counts["children"] = len(children)

    reading = read_dataset("annex-a", [path], council=COUNCIL, period_end=date(2021, 3, 31))

    assert reading.counts() == counts
    assert reading.children() == len(children)
    assert reading.problems == ()


def test_the_workforce_census_sample_is_read_without_problems() -> None:
    path = require(PEERS / "workforce" / "social_work_workforce_2022_sample.xml")
    root = ElementTree.parse(path).getroot()

    reading = read_dataset("workforce", [path], council=COUNCIL)

    assert reading.counts() == {
        "workers": len(root.findall("CSWWWorker")),
        "vacancies": len(root.findall("LALevelVacancies")),
    }
    assert reading.children() == 0
    assert reading.problems == ()
