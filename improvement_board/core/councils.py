"""The council register: which councils exist, when, in which region, and who succeeded whom.

Comparator groups name councils by their DfE number (``884``) or ONS code (``E06000019``), and a
typed list goes wrong quietly: a code retired in a reorganisation has no figures after it, so the
neighbours' average silently runs over fewer councils. The register (``councils.yaml``, written
by ``scripts/councils.py`` from DfE's published files) lets every group be checked: an unknown
code is an error, a code that did not exist while the programme runs is an error naming its
successors, and a council that ceased part-way is explained wherever its figures stop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REGISTER = Path(__file__).with_name("councils.yaml")
ENGLAND = "E92000001"


@dataclass(frozen=True, slots=True)
class Council:
    """One council as DfE's statistics know it."""

    number: str
    name: str
    region: str
    region_name: str
    ons: tuple[str, ...]
    began: dt.date | None = None
    ceased: dt.date | None = None
    successors: tuple[str, ...] = ()
    change: str = ""
    joint: tuple[str, ...] = ()

    def existed(self, first: dt.date, last: dt.date) -> bool:
        """Whether the council existed on any day from ``first`` to ``last``."""
        began_in_time = self.began is None or self.began <= last
        return began_in_time and (self.ceased is None or self.ceased > first)

    def existed_on(self, day: dt.date) -> bool:
        return self.existed(day, day)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.number})"


@dataclass(frozen=True)
class Register:
    councils: tuple[Council, ...]

    def __post_init__(self) -> None:
        index = {code: c for c in self.councils for code in c.ons}
        index.update({c.number: c for c in self.councils})
        object.__setattr__(self, "_index", index)

    def find(self, code: str) -> Council | None:
        """A council by DfE number or any ONS code it has had."""
        index: dict[str, Council] = self.__dict__["_index"]
        return index.get(code.strip())

    def name(self, code: str) -> str:
        found = self.find(code)
        return found.name if found is not None else code

    def in_region(self, region: str) -> tuple[Council, ...]:
        return tuple(c for c in self.councils if c.region == region and not c.joint)

    def problem(self, code: str, first: dt.date, last: dt.date) -> str | None:
        """Why ``code`` cannot stand for a council between two dates, or None when it can."""
        council = self.find(code)
        if council is None:
            return (
                f"{code!r} is not a council in DfE's statistics (a 3-digit DfE number such as "
                "884, or an ONS code such as E06000019)"
            )
        if council.existed(first, last):
            return None
        if council.ceased is not None and council.ceased <= first:
            after = ", ".join(self.label(s) for s in council.successors) or "none"
            return (
                f"{council.label} was abolished on {_day(council.ceased)} ({council.change}); "
                f"succeeded by {after}"
            )
        began = _day(council.began) if council.began is not None else "a later date"
        return f"{council.label} began on {began} ({council.change})"

    def label(self, code: str) -> str:
        council = self.find(code)
        return council.label if council is not None else code


@cache
def register() -> Register:
    """The bundled register, read once."""
    data = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    return Register(tuple(_council(entry) for entry in data["councils"]))


def _council(entry: dict[str, object]) -> Council:
    ons = entry.get("ons")
    if not isinstance(ons, dict):
        ons = {}
    return Council(
        number=str(entry["number"]),
        name=str(entry["name"]),
        region=str(entry["region"]),
        region_name=str(entry["region_name"]),
        ons=tuple(str(code) for code in ons),
        began=_date(entry.get("began")),
        ceased=_date(entry.get("ceased")),
        successors=tuple(str(s) for s in _list(entry.get("successors"))),
        change=str(entry.get("change") or ""),
        joint=tuple(str(s) for s in _list(entry.get("joint"))),
    )


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
