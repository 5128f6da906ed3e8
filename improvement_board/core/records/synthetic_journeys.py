"""Simulated journeys of children through one council's services, and its social workforce.

Nothing here is a real child or worker. Journeys are plain objects with day numbers (proleptic
ordinals, ``date.toordinal()``) so simulation is arithmetic; statutory codes appear only where a
statutory file needs them. Rates are rough national shapes (about 550 referrals per 10,000 a
year, a fifth re-referred, about 3% of plans lasting two years), enough to exercise every measure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

SOURCES = ("1A", "1B", "2A", "2B", "3A", "3B", "4", "5A", "5B", "6", "7", "8", "9", "10")
NEEDS = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")
CATEGORIES = ("neglect", "emotional", "physical", "sexual", "multiple")
LEGAL_STATUSES = ("C1", "C2", "V2", "E1", "J2")
PLACEMENTS = ("U1", "U3", "U4", "U5", "U6", "K2", "R1", "P1", "S1")
LEAVING_REASONS = ("E4A", "E13", "E11", "E12", "E41", "E8")
ACTIVITIES = ("F1", "F2", "P1", "P2", "G4", "G5", "G6")
ACCOMMODATION = ("B", "C", "D", "E", "G", "H", "K", "R", "S", "T", "U")
ETHNICITIES = (
    "WBRI",
    "WIRI",
    "WOTH",
    "MWBC",
    "MWBA",
    "AIND",
    "APKN",
    "BAFR",
    "BCRB",
    "CHNE",
    "OOTH",
)
YEAR = 365


def add_years(day: int, years: int) -> int:
    """The same calendar day some years on (29 February becomes 28 February)."""
    when = date.fromordinal(day)
    try:
        return when.replace(year=when.year + years).toordinal()
    except ValueError:
        return when.replace(year=when.year + years, day=28).toordinal()


def year_end_after(day: int) -> int:
    """The first 31 March on or after the day."""
    when = date.fromordinal(day)
    year = when.year if (when.month, when.day) <= (3, 31) else when.year + 1
    return date(year, 3, 31).toordinal()


@dataclass(slots=True)
class Assessment:
    kind: str
    start: int
    completed: int


@dataclass(slots=True)
class Referral:
    referral_id: str
    day: int
    source: str
    need: str
    nfa: bool
    closure: int = 0
    assessments: list[Assessment] = field(default_factory=list)
    section47s: list[tuple[int, int | None]] = field(default_factory=list)
    cin_plans: list[tuple[int, int]] = field(default_factory=list)
    protection_plans: list[tuple[int, int, str, int]] = field(default_factory=list)


@dataclass(slots=True)
class Episode:
    start: int
    end: int
    reason_new: str
    legal_status: str
    placement: str
    reason_ceased: str


@dataclass(slots=True)
class Child:
    child_id: str
    birth: int
    sex: str
    disabled: bool
    ethnicity: str
    referrals: list[Referral] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    outcomes: list[tuple[int, bool, bool, bool]] = field(default_factory=list)
    leavers: list[tuple[int, str, str, str, bool]] = field(default_factory=list)
    care_until: int = 0
    plans: int = 0


class JourneySimulator:
    """Children of one council, each followed from a first referral onwards."""

    def __init__(self, rng: random.Random, *, prefix: str, single_from: int, until: int) -> None:
        self.rng = rng
        self.prefix = prefix
        self.single_from = single_from
        self.until = until
        self.year_ends = [
            date(y, 3, 31).toordinal() for y in range(1990, date.fromordinal(until).year + 2)
        ]

    def child(self, serial: int, first_day: int) -> Child:
        rng = self.rng
        birth = first_day - int(rng.random() ** 1.4 * 17.9 * 365.25)
        sex = "female" if rng.random() < 0.48 else ("male" if rng.random() < 0.99 else "unknown")
        child = Child(
            child_id=f"{self.prefix}-{serial:06x}",
            birth=birth,
            sex=sex,
            disabled=rng.random() < 0.1,
            ethnicity=ETHNICITIES[int(rng.random() * len(ETHNICITIES))],
        )
        adult, day = add_years(birth, 18), first_day
        while day <= self.until and day < adult:
            referral = self._referral(child, day)
            child.referrals.append(referral)
            if child.care_until > day or rng.random() > (0.45 if child.plans else 0.28):
                break
            day = max(referral.closure, day) + 1 + int(rng.expovariate(1 / 200))
        return child

    def _referral(self, child: Child, day: int) -> Referral:
        rng = self.rng
        referral = Referral(
            referral_id=f"{child.child_id}-r{len(child.referrals) + 1}",
            day=day,
            source=SOURCES[int(rng.random() * len(SOURCES))],
            need=NEEDS[int(rng.random() * len(NEEDS))],
            nfa=rng.random() < 0.08,
        )
        done = day + 1 + int(rng.random() * 4)
        if not referral.nfa:
            done = self._assess(referral, day)
            done = self._after_assessment(child, referral, done)
        referral.closure = done + int(rng.random() * 20)
        return referral

    def _assess(self, referral: Referral, day: int) -> int:
        rng = self.rng
        if day >= self.single_from:
            start = day + int(rng.random() * 4)
            done = start + int(rng.gammavariate(2.0, 15.0))
            referral.assessments.append(Assessment("single", start, done))
            return done
        start = day + int(rng.random() * 2)
        done = start + int(rng.gammavariate(2.0, 3.5))
        referral.assessments.append(Assessment("initial", start, done))
        if rng.random() < 0.35:
            core_done = done + int(rng.gammavariate(2.0, 14.0))
            referral.assessments.append(Assessment("core", done, core_done))
            done = core_done
        return done

    def _after_assessment(self, child: Child, referral: Referral, done: int) -> int:
        rng = self.rng
        chance = rng.random() * (0.3 if child.plans else 1.0)  # a second plan is likelier
        if chance < 0.21:
            return self._protect(child, referral, referral.day + 1 + int(rng.random() * 10))
        if chance < 0.5:
            end = done + 1 + int(rng.gammavariate(2.0, 90.0))
            referral.cin_plans.append((done, end))
            return end
        if chance < 0.515:
            return self._look_after(child, done)
        return done

    def _protect(self, child: Child, referral: Referral, start: int) -> int:
        rng = self.rng
        icpc = start + 10 + int(rng.random() * 10) if rng.random() < 0.55 else None
        referral.section47s.append((start, icpc))
        if icpc is None or rng.random() > 0.85:
            return start + 15
        end = icpc + 1 + int(rng.gammavariate(2.0, 140.0))
        if rng.random() < 0.25:
            end = icpc + 1 + int(rng.random() * (end - icpc))
            self._look_after(child, end)
        category = CATEGORIES[int(rng.random() * len(CATEGORIES))]
        referral.protection_plans.append((icpc, end, category, child.plans))
        child.plans += 1
        return end

    def _look_after(self, child: Child, start: int) -> int:
        adult = add_years(child.birth, 18)
        if start >= adult or child.care_until > start:
            return start
        rng = self.rng
        long_term = rng.random() < 0.3
        end = adult if long_term else min(adult, start + 7 + int(rng.gammavariate(1.3, 350.0)))
        reason_end = "E8" if end == adult else LEAVING_REASONS[int(rng.random() * 6)]
        self._episodes(child, start, end, reason_end)
        child.care_until = end
        self._outcomes(child, start, end)
        self._leaver(child, start, end)
        return end

    def _episodes(self, child: Child, start: int, end: int, reason_end: str) -> None:
        rng, day, reason = self.rng, start, "S"
        legal = LEGAL_STATUSES[int(rng.random() * len(LEGAL_STATUSES))]
        place = PLACEMENTS[int(rng.random() * len(PLACEMENTS))]
        while True:
            change = day + 1 + int(rng.expovariate(1 / 420))
            if change >= end:
                child.episodes.append(Episode(day, end, reason, legal, place, reason_end))
                return
            child.episodes.append(Episode(day, change, reason, legal, place, "X1"))
            kind = rng.random()
            reason = "L" if kind < 0.2 else "P" if kind < 0.85 else "T" if kind < 0.95 else "U"
            if reason in ("L", "T"):
                legal = LEGAL_STATUSES[int(rng.random() * len(LEGAL_STATUSES))]
            if reason != "L":
                place = PLACEMENTS[int(rng.random() * len(PLACEMENTS))]
            day = change

    def _outcomes(self, child: Child, start: int, end: int) -> None:
        rng = self.rng
        for year_end in self.year_ends:
            if start <= year_end - YEAR and end > year_end:
                checks = (rng.random() < 0.88, rng.random() < 0.85, rng.random() < 0.8)
                child.outcomes.append((year_end, *checks))

    def _leaver(self, child: Child, start: int, end: int) -> None:
        rng = self.rng
        if end - start < 91 or end < add_years(child.birth, 16):
            return
        for age in range(17, 22):
            birthday = add_years(child.birth, age)
            if birthday >= end:
                child.leavers.append(
                    (
                        year_end_after(birthday),
                        "YES" if rng.random() < 0.92 else "NO",
                        ACTIVITIES[int(rng.random() * len(ACTIVITIES))],
                        ACCOMMODATION[int(rng.random() * len(ACCOMMODATION))],
                        rng.random() < 0.88,
                    )
                )
