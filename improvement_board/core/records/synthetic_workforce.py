"""A simulated social work workforce for one council: yearly censuses on 30 September.

Each census lists employed social workers in post, those who left in the 12 months before it
(as the workforce census does), and agency workers in post; vacancies come as one row per census.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from improvement_board.core.records.synthetic_journeys import YEAR


@dataclass(slots=True)
class Worker:
    worker_id: str
    census: int
    fte: float
    agency: bool
    start: int
    leaving: int | None
    cases: int


def _fte(rng: random.Random) -> float:
    return 1.0 if rng.random() < 0.75 else round(0.4 + rng.random() * 0.5, 2)


def _cases(rng: random.Random, chance: float) -> int:
    return 8 + int(rng.random() * 16) if rng.random() < chance else 0


def simulate_workforce(
    rng: random.Random, *, prefix: str, population: int, start: int, until: int
) -> tuple[list[Worker], list[tuple[int, float, float]]]:
    """Census rows and (census, vacancy FTE, agency cover FTE) for each 30 September in range."""
    posts = max(4, round(population / 10_000 * 30 / 0.92))
    serial = 0

    def hire(day: int) -> tuple[str, int, float]:
        nonlocal serial
        serial += 1
        return f"{prefix}-w{serial:05x}", day, _fte(rng)

    in_post = [hire(start - int(rng.random() * 10 * YEAR)) for _ in range(posts)]
    workers: list[Worker] = []
    vacancies: list[tuple[int, float, float]] = []
    for year in range(date.fromordinal(start).year, date.fromordinal(until).year + 1):
        census = date(year, 9, 30).toordinal()
        if census < start + YEAR or census > until:
            continue
        staying = []
        for worker_id, began, fte in in_post:
            if began <= census - YEAR and rng.random() < 0.15:
                left = census - int(rng.random() * YEAR)
                workers.append(Worker(worker_id, census, fte, False, began, left, 0))
                staying.append(hire(left + 1 + int(rng.random() * 60)))
            else:
                staying.append((worker_id, began, fte))
        in_post = staying
        for worker_id, began, fte in in_post:
            if began <= census:
                workers.append(
                    Worker(worker_id, census, fte, False, began, None, _cases(rng, 0.75))
                )
        agency_fte = 0.0
        for _ in range(round(posts * (0.08 + rng.random() * 0.14))):
            worker_id, began, fte = hire(census - int(rng.random() * YEAR))
            workers.append(Worker(worker_id, census, fte, True, began, None, _cases(rng, 0.85)))
            agency_fte += fte
        vacancy = round(posts * (0.06 + rng.random() * 0.16), 1)
        vacancies.append((census, vacancy, round(agency_fte * 0.85, 1)))
    return workers, vacancies
