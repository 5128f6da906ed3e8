"""Synthetic councils written in statutory formats, so a demo can exercise the real readers.

SSDA903 (CSV header, episodes, OC2 and OC3 tables) and the DfE children in need census (XML)
for one collection year, which ends on 31 March (the census holds single assessments, so
years from 2014-15). Statutory codes live only here. Every file is
labelled synthetic: the file names start with ``synthetic_``, and the XML carries a comment.
No UPN is invented: the header says ``UN1`` (UPN unknown) and the census gives ``UPNunknown``.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from improvement_board.core.records.synthetic_journeys import Child, Episode, Referral

_ABUSE = {"neglect": "NEG", "emotional": "EMO", "physical": "PHY", "sexual": "SAB"}
_GENDER = {"male": "1", "female": "2", "unknown": "0"}
_CLOSURE_REASONS = ("RC1", "RC2", "RC3", "RC4", "RC7", "RC8")
LABEL = "Synthetic data made by improvement-board: no real child, worker or council."


def _uk(day: int | None) -> str:
    return "" if day is None else date.fromordinal(day).strftime("%d/%m/%Y")


def _iso(day: int) -> str:
    return date.fromordinal(day).isoformat()


def _year_bounds(year: int) -> tuple[int, int]:
    """First and last day of the collection year ending 31 March ``year``."""
    return date(year - 1, 4, 1).toordinal(), date(year, 3, 31).toordinal()


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _episode_row(child: Child, e: Episode, end: int) -> list[str]:
    ended = e.end <= end
    need = child.referrals[0].need if child.referrals else "N1"
    return [
        child.child_id, _uk(e.start), e.reason_new, e.legal_status, need, e.placement, "PR1",
        _uk(e.end) if ended else "", e.reason_ceased if ended else "", "", "", "", "",
    ]  # fmt: skip


def write_ssda903(folder: Path, children: Sequence[Child], *, year: int) -> list[Path]:
    """The SSDA903 CSV tables for children looked after in the year ending 31 March ``year``."""
    start, end = _year_bounds(year)
    looked_after = [
        c for c in children if any(e.start <= end and e.end >= start for e in c.episodes)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    name = f"synthetic_ssda903_{year}_{{}}.csv"
    header = [
        [c.child_id, "2" if c.sex == "female" else "1", _uk(c.birth), c.ethnicity, "UN1", "", ""]
        for c in looked_after
    ]
    episodes = [
        _episode_row(c, e, end)
        for c in looked_after
        for e in c.episodes
        if e.start <= end and e.end >= start
    ]
    outcomes = [
        [
            c.child_id,
            _uk(c.birth),
            "",
            "SDQ1",
            "0",
            *(str(int(x)) for x in checks),
            "1",
            "0",
            "",
            "",
        ]
        for c in children
        for year_end, *checks in c.outcomes
        if year_end == end
    ]
    leavers = [
        [c.child_id, _uk(c.birth), in_touch, activity, letter + ("1" if suitable else "2")]
        for c in children
        for year_end, in_touch, activity, letter, suitable in c.leavers
        if year_end == end
    ]
    return [
        _write_csv(folder / name.format("header"), [*_903_HEADER], header),
        _write_csv(folder / name.format("episodes"), [*_903_EPISODES], episodes),
        _write_csv(folder / name.format("oc2"), [*_903_OC2], outcomes),
        _write_csv(folder / name.format("oc3"), [*_903_OC3], leavers),
    ]


_903_HEADER = ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")
_903_EPISODES = ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN")  # fmt: skip
_903_OC2 = ("CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
            "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")  # fmt: skip
_903_OC3 = ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM")


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _cin_details(parent: ET.Element, r: Referral, end: int) -> None:
    details = _sub(parent, "CINdetails")
    _sub(details, "CINreferralDate", _iso(r.day))
    _sub(details, "ReferralSource", r.source)
    _sub(details, "PrimaryNeedCode", r.need)
    if r.closure <= end:
        _sub(details, "CINclosureDate", _iso(r.closure))
        _sub(details, "ReasonForClosure", _CLOSURE_REASONS[r.day % len(_CLOSURE_REASONS)])
    for a in r.assessments:
        if a.kind == "single" and a.start <= end:
            assessment = _sub(details, "Assessments")
            _sub(assessment, "AssessmentActualStartDate", _iso(a.start))
            if a.completed <= end:
                _sub(assessment, "AssessmentAuthorisationDate", _iso(a.completed))
                factors = _sub(assessment, "FactorsIdentifiedAtAssessment")
                _sub(factors, "AssessmentFactors", "21")
    for start, finish in r.cin_plans:
        if start <= end:
            plan = _sub(details, "CINPlanDates")
            _sub(plan, "CINPlanStartDate", _iso(start))
            if finish <= end:
                _sub(plan, "CINPlanEndDate", _iso(finish))
    _section47s(details, r, end)
    _sub(details, "ReferralNFA", "true" if r.nfa else "false")
    _protection_plans(details, r, end)


def _section47s(details: ET.Element, r: Referral, end: int) -> None:
    for start, icpc in r.section47s:
        if start <= end:
            s47 = _sub(details, "Section47")
            _sub(s47, "S47ActualStartDate", _iso(start))
            if icpc is not None and icpc <= end:
                _sub(s47, "DateOfInitialCPC", _iso(icpc))
            _sub(s47, "ICPCnotRequired", "false" if icpc is not None else "true")


def _protection_plans(details: ET.Element, r: Referral, end: int) -> None:
    for start, finish, category, previous in r.protection_plans:
        if start <= end:
            plan = _sub(details, "ChildProtectionPlans")
            _sub(plan, "CPPstartDate", _iso(start))
            if finish <= end:
                _sub(plan, "CPPendDate", _iso(finish))
            code = _ABUSE.get(category, "MUL")
            _sub(plan, "InitialCategoryOfAbuse", code)
            _sub(plan, "LatestCategoryOfAbuse", code)
            _sub(plan, "NumberOfPreviousCPP", str(previous))


def _child_element(parent: ET.Element, c: Child, referrals: list[Referral], end: int) -> None:
    child = _sub(parent, "Child")
    ids = _sub(child, "ChildIdentifiers")
    _sub(ids, "LAchildID", c.child_id)
    _sub(ids, "UPNunknown", "UN1")
    _sub(ids, "PersonBirthDate", _iso(c.birth))
    _sub(ids, "GenderCurrent", _GENDER[c.sex])
    characteristics = _sub(child, "ChildCharacteristics")
    _sub(characteristics, "Ethnicity", c.ethnicity)
    _sub(_sub(characteristics, "Disabilities"), "Disability", "LD" if c.disabled else "NONE")
    for r in referrals:
        _cin_details(child, r, end)


def write_cin_census(path: Path, children: Iterable[Child], *, year: int, lea: str) -> Path:
    """The CIN census XML for the year ending 31 March ``year``: children in need in the year."""
    start, end = _year_bounds(year)
    message = ET.Element("Message")
    message.append(ET.Comment(f" {LABEL} "))
    header = _sub(message, "Header")
    collection = _sub(header, "CollectionDetails")
    _sub(collection, "Collection", "CIN")
    _sub(collection, "Year", str(year))
    _sub(collection, "ReferenceDate", _iso(end))
    source = _sub(header, "Source")
    for tag, text in (("SourceLevel", "L"), ("LEA", lea), ("SoftwareCode", "synthetic"),
                      ("Release", "1"), ("SerialNo", "1"),
                      ("DateTime", datetime(year, 5, 1, 9, 0).isoformat())):  # fmt: skip
        _sub(source, tag, text)
    listed = _sub(message, "Children")
    for c in children:
        referrals = [r for r in c.referrals if r.day <= end and r.closure >= start]
        if referrals:
            _child_element(listed, c, referrals, end)
    ET.indent(message)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(message).write(path, encoding="utf-8", xml_declaration=True)
    return path


def write_council_returns(
    folder: Path, children: list[Child], *, year: int, lea: str
) -> list[Path]:
    """Both returns of one council for the collection year, in one folder."""
    cin = write_cin_census(
        folder / f"synthetic_cin_census_{year}.xml", children, year=year, lea=lea
    )
    return [*write_ssda903(folder, children, year=year), cin]
