"""The baseline for benchmarks/records.py: the same measure definitions in plain pandas.

Written the way an analyst would: read the Parquet into data frames, vectorised operations,
a loop over the months. It covers ten of the measures, one or more of every period rule
(rolling 12 months, month, month end) and the heaviest joins and windows; the annual returns
and the workforce census are tiny tables and left out. Its results are checked against the
DuckDB engine's in the same run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import population_year
from improvement_board.core.workingdays import calendar_days

Counts = dict[tuple[str, str, str], tuple[float, float | None]]
FAR = pd.Timestamp("2262-01-01")
COLUMNS = {
    "referrals": ["council", "child_id", "referral_id", "referral_date"],
    "assessments": ["council", "referral_id", "kind", "start_date", "completed_date"],
    "protection_plans": ["council", "child_id", "start_date", "end_date", "previous_plans"],
    "care_episodes": ["council", "child_id", "start_date", "end_date", "reason_new"],
}


def read(folder: Path, table: str, columns: list[str]) -> pd.DataFrame:
    return pq.read_table(folder / f"{table}.parquet", columns=columns).to_pandas(
        date_as_object=False
    )


def month_index(dates: pd.Series) -> pd.Series:
    return dates.dt.year * 12 + dates.dt.month - 1


class Baseline:
    """Data frames loaded once; one method per measure, each returning (council, period) counts."""

    def __init__(
        self, folder: Path, periods: Sequence[Period], population: Mapping[tuple[str, int], int]
    ) -> None:
        self.folder, self.periods, self.population = folder, list(periods), population
        self.referrals = read(folder, "referrals", COLUMNS["referrals"])
        self.assessments = read(folder, "assessments", COLUMNS["assessments"])
        self.plans = read(folder, "protection_plans", COLUMNS["protection_plans"])
        self.episodes = read(folder, "care_episodes", COLUMNS["care_episodes"])
        first, last = min(self.periods), max(self.periods)
        days = dict(calendar_days(first.year - 5, last.year + 1))
        self.workdays = pd.Series(list(days.values()), index=pd.DatetimeIndex(list(days)))
        self.years: dict[str, list[int]] = {}
        for council, year in population:
            self.years.setdefault(council, []).append(year)

    def _population(self, council: str, period: Period) -> int | None:
        year = population_year(period)
        known = [y for y in self.years.get(council, ()) if y <= year]
        return self.population[(council, max(known))] if known else None

    def _rate(self, name: str, monthly: pd.Series) -> Counts:
        """Rolling 12-month sums of a (council, month) count, over the population."""
        out: Counts = {}
        councils = monthly.index.get_level_values(0).unique()
        for p in self.periods:
            months = monthly.index.get_level_values(1)
            window = monthly[(months >= p.index - 11) & (months <= p.index)]
            sums = window.groupby(level=0).sum()
            for council in councils:
                out[(name, council, str(p))] = (int(sums.get(council, 0)),
                                                self._population(council, p))  # fmt: skip
        return out

    def _share(self, name: str, frame: pd.DataFrame, month: pd.Series, hit: pd.Series) -> Counts:
        """Per council and month: rows (denominator) and rows where hit (numerator)."""
        data = pd.DataFrame({"council": frame["council"], "m": month, "hit": hit.astype(int)})
        grouped = data.groupby(["council", "m"])["hit"].agg(["sum", "count"])
        every = pd.MultiIndex.from_product(
            [frame["council"].unique(), [p.index for p in self.periods]]
        )
        full = grouped.reindex(every, fill_value=0)
        named = {p.index: str(p) for p in self.periods}
        return {
            (name, council, named[m]): (int(hits), int(rows))
            for (council, m), hits, rows in zip(full.index, full["sum"], full["count"], strict=True)
        }

    def referrals_per_10k(self) -> Counts:
        r = self.referrals
        monthly = r.groupby([r["council"], month_index(r["referral_date"])]).size()
        return self._rate("referrals_per_10k", monthly)

    def rereferrals_within_12_months(self) -> Counts:
        r = self.referrals.sort_values(["council", "child_id", "referral_date"])
        previous = r.groupby(["council", "child_id"])["referral_date"].shift()
        again = (previous < r["referral_date"]) & (
            previous >= r["referral_date"] - pd.DateOffset(months=12)
        )
        return self._share(
            "rereferrals_within_12_months", r, month_index(r["referral_date"]), again
        )

    def _timed(self, name: str, kind: str, days: int, from_referral: bool) -> Counts:
        a = self.assessments[self.assessments["kind"] == kind]
        a = a[a["completed_date"].notna()]
        start = a["start_date"]
        if from_referral:
            found = a.merge(self.referrals[["council", "referral_id", "referral_date"]],
                            on=["council", "referral_id"], how="left")  # fmt: skip
            a, start = found, found["referral_date"].fillna(found["start_date"])
        taken = a["completed_date"].map(self.workdays) - start.map(self.workdays)
        return self._share(name, a, month_index(a["completed_date"]), taken <= days)

    def initial_assessments_within_7_days(self) -> Counts:
        return self._timed("initial_assessments_within_7_days", "initial", 7, True)

    def core_assessments_within_35_days(self) -> Counts:
        return self._timed("core_assessments_within_35_days", "core", 35, False)

    def assessments_within_45_days(self) -> Counts:
        return self._timed("assessments_within_45_days", "single", 45, False)

    def _at_month_end(self, frame: pd.DataFrame) -> Iterator[tuple[Period, pd.DataFrame]]:
        """Each month with the rows open on its last day."""
        ends = frame["end_date"].fillna(FAR)
        for p in self.periods:
            last = pd.Timestamp(p.last_day)
            yield p, frame[(frame["start_date"] <= last) & (ends > last)]

    def _children_per_10k(self, name: str, frame: pd.DataFrame) -> Counts:
        out: Counts = {}
        for p, rows in self._at_month_end(frame):
            children = rows.groupby("council")["child_id"].nunique()
            for council in frame["council"].unique():
                out[(name, council, str(p))] = (int(children.get(council, 0)),
                                                self._population(council, p))  # fmt: skip
        return out

    def protection_plans_per_10k(self) -> Counts:
        return self._children_per_10k("protection_plans_per_10k", self.plans)

    def looked_after_per_10k(self) -> Counts:
        return self._children_per_10k("looked_after_per_10k", self.episodes)

    def plans_lasting_2_years(self) -> Counts:
        out: Counts = {}
        for p, rows in self._at_month_end(self.plans):
            cutoff = pd.Timestamp(p.last_day) - pd.DateOffset(years=2)
            children = rows.groupby("council")["child_id"].nunique()
            long = rows[rows["start_date"] <= cutoff].groupby("council")["child_id"].nunique()
            for council in self.plans["council"].unique():
                out[("plans_lasting_2_years", council, str(p))] = (
                    int(long.get(council, 0)), int(children.get(council, 0)))  # fmt: skip
        return out

    def second_or_subsequent_plans(self) -> Counts:
        plans = self.plans
        first = plans.groupby(["council", "child_id"])["start_date"].transform("min")
        again = (first < plans["start_date"]) | (plans["previous_plans"].fillna(0) > 0)
        return self._share(
            "second_or_subsequent_plans", plans, month_index(plans["start_date"]), again
        )

    def placement_stability_moves(self) -> Counts:
        e = self.episodes.sort_values(["council", "child_id", "start_date"]).reset_index(drop=True)
        child = e.groupby(["council", "child_id"])
        new_care = (child.cumcount() == 0) | (e["reason_new"] == "S") | (
            child["end_date"].shift() < e["start_date"])  # fmt: skip
        moved = new_care | e["reason_new"].isin(["P", "T", "B", "U"])
        e["placement"] = moved.astype(int).groupby([e["council"], e["child_id"]]).cumsum()
        ends = e["end_date"].fillna(FAR)
        out: Counts = {}
        for p in self.periods:
            last, first = pd.Timestamp(p.last_day), pd.Timestamp(p.shift(-11).first_day)
            window = e[(e["start_date"] <= last) & (ends > first)].assign(at_end=ends > last)
            per_child = window.groupby(["council", "child_id"]).agg(
                placements=("placement", "nunique"), at_end=("at_end", "max"))  # fmt: skip
            cohort = per_child[per_child["at_end"]]
            moves = (cohort["placements"] >= 3).groupby(level=0).agg(["sum", "count"])
            moves = moves.reindex(e["council"].unique(), fill_value=0)
            for council, hits, rows in zip(moves.index, moves["sum"], moves["count"], strict=True):
                out[("placement_stability_moves", council, str(p))] = (int(hits), int(rows))
        return out

    MEASURES = (
        "referrals_per_10k", "rereferrals_within_12_months", "initial_assessments_within_7_days",
        "core_assessments_within_35_days", "assessments_within_45_days",
        "protection_plans_per_10k", "plans_lasting_2_years", "second_or_subsequent_plans",
        "looked_after_per_10k", "placement_stability_moves",
    )  # fmt: skip

    def compute(self) -> Counts:
        out: Counts = {}
        for name in self.MEASURES:
            out.update(getattr(self, name)())
        return out
