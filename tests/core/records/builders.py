"""Small, readable test inputs in the statutory formats, written where a test asks."""

from __future__ import annotations

import csv
import io
from pathlib import Path

KEY = b"test-key-of-thirty-two-bytes-min"
COUNCIL = "E06000019"

HEADER_903 = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODES_903 = [
    "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
    "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
]  # fmt: skip


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def header_903(folder: Path, rows: list[list[str]]) -> Path:
    """Header rows: CHILD, SEX, DOB, ETHNIC, UPN (MOTHER and MC_DOB blank)."""
    return write_csv(folder / "header.csv", HEADER_903, [[*row, "", ""] for row in rows])


def episodes_903(folder: Path, rows: list[list[str]]) -> Path:
    """Episode rows: CHILD, DECOM, RNE, LS, PLACE, DEC, REC (the rest filled in)."""
    full = [
        [child, start, rne, ls, "N1", place, "PR1", end, rec, "", "AB1 2CD", "EF3 4GH", "1"]
        for child, start, rne, ls, place, end, rec in rows
    ]
    return write_csv(folder / "episodes.csv", EPISODES_903, full)


def cin_census(children: str, *, year: int = 2022, reference: str = "2022-03-31") -> bytes:
    """A CIN census message around the given <Child> elements."""
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n<Message>\n<Header>\n<CollectionDetails>"
        f"<Collection>CIN</Collection><Year>{year}</Year><ReferenceDate>{reference}</ReferenceDate>"
        "</CollectionDetails>\n<Source><SourceLevel>L</SourceLevel><LEA>201</LEA></Source>\n"
        f"</Header>\n<Children>\n{children}</Children>\n</Message>\n"
    ).encode()


def cin_child(child_id: str, referral: str = "2021-06-01", *, sex: str = "1") -> str:
    return (
        "<Child>\n<ChildIdentifiers>"
        f"<LAchildID>{child_id}</LAchildID><UPN>A123456789012</UPN>"
        f"<PersonBirthDate>2015-01-01</PersonBirthDate><GenderCurrent>{sex}</GenderCurrent>"
        "</ChildIdentifiers>\n<ChildCharacteristics><Ethnicity>WBRI</Ethnicity>"
        "</ChildCharacteristics>\n<CINdetails>\n"
        f"<CINreferralDate>{referral}</CINreferralDate><ReferralSource>6</ReferralSource>"
        "<ReferralNFA>0</ReferralNFA>\n</CINdetails>\n</Child>\n"
    )
