"""The social work workforce: how many, how stable, how stretched (annual census, in FTE).

Every figure counts qualified social workers (a row whose ``qualified`` is unknown counts as
qualified: the census is of social workers). Employed means not agency. In post at the census
date means started on or before it and not left by it.
"""

from __future__ import annotations

from improvement_board.core.records.measures.registry import (
    annual_per_10k,
    annual_return,
    measure,
    month_index,
    step,
)


@step("workforce_census", tables=("workers",))
def workforce_census() -> str:
    """Full-time equivalents per council and census date, by what each worker did that year."""
    return """
        WITH w AS (
            SELECT council, census_date, coalesce(fte, 0) AS fte,
                   coalesce(agency, FALSE) AS agency, coalesce(cases, 0) AS cases,
                   (start_date IS NULL OR start_date <= census_date)
                       AND (leaving_date IS NULL OR leaving_date > census_date) AS in_post,
                   leaving_date > census_date - INTERVAL 1 YEAR
                       AND leaving_date <= census_date AS left_in_year,
                   start_date <= census_date - INTERVAL 1 YEAR
                       AND (leaving_date IS NULL OR leaving_date > census_date - INTERVAL 1 YEAR)
                       AS in_post_year_before
            FROM workers
            WHERE coalesce(qualified, TRUE)
        )
        SELECT council, census_date,
               sum(CASE WHEN in_post AND NOT agency THEN fte ELSE 0 END) AS employed_fte,
               sum(CASE WHEN in_post AND agency THEN fte ELSE 0 END) AS agency_fte,
               sum(CASE WHEN left_in_year AND NOT agency THEN fte ELSE 0 END) AS leavers_fte,
               sum(CASE WHEN in_post_year_before AND NOT agency THEN fte ELSE 0 END)
                   AS year_before_fte,
               sum(CASE WHEN in_post_year_before AND in_post AND NOT agency THEN fte ELSE 0 END)
                   AS retained_fte,
               sum(CASE WHEN in_post AND cases > 0 THEN cases ELSE 0 END) AS cases,
               sum(CASE WHEN in_post AND cases > 0 THEN fte ELSE 0 END) AS case_holder_fte
        FROM w
        GROUP BY council, census_date"""


def _census(numerator: str, denominator: str) -> str:
    """One row per council and census month: two sums over the workforce_census step."""
    return annual_return(f"""
        SELECT w.council, {month_index("w.census_date")} AS month_index,
               sum({numerator}) AS numerator, sum({denominator}) AS denominator
        FROM workforce_census AS w
        GROUP BY w.council, {month_index("w.census_date")}""")


@measure(
    "social_workers_per_10k",
    title="Qualified social workers (FTE) per 10,000 children",
    code=None,
    unit="per_10k",
    polarity="higher",
    numerator="FTE of employed qualified social workers in post at the census date",
    denominator="children aged 0–17 (ONS mid-year estimate)",
    era="seed",
    period_rule="annual_return",
    tables=("workers",),
    steps=("workforce_census",),
)
def social_workers_per_10k() -> str:
    """Employed qualified social workers in post (FTE) per 10,000 children aged 0–17.

    Worked example: 156.0 FTE in post on 30 September 2006 in a council of 52,000 children:
    156.0 / 52,000 × 10,000 = 30.0 for 2006-09.
    """
    counts = f"""
        SELECT w.council, {month_index("w.census_date")} AS month_index,
               sum(w.employed_fte) AS numerator
        FROM workforce_census AS w
        GROUP BY w.council, {month_index("w.census_date")}"""
    return annual_per_10k(counts)


@measure(
    "turnover",
    title="Social worker turnover",
    code=None,
    unit="percent",
    polarity="lower",
    numerator="FTE of employed social workers who left in the 12 months to the census date",
    denominator="FTE of employed social workers in post at the census date",
    era="seed",
    period_rule="annual_return",
    tables=("workers",),
    steps=("workforce_census",),
)
def turnover() -> str:
    """Employed leavers in the year (FTE) over employed social workers in post (FTE).

    Worked example: 23.4 FTE left between 1 October 2005 and 30 September 2006; 156.0 FTE in
    post on 30 September 2006: 23.4 / 156.0 = 15.0%.
    """
    return _census("w.leavers_fte", "w.employed_fte")


@measure(
    "vacancy_rate",
    title="Social worker vacancy rate",
    code=None,
    unit="percent",
    polarity="lower",
    numerator="vacant posts (FTE) at the census date",
    denominator="vacant posts plus employed social workers in post (FTE)",
    era="seed",
    period_rule="annual_return",
    tables=("vacancies", "workers"),
    steps=("workforce_census",),
)
def vacancy_rate() -> str:
    """Vacancies (FTE) over vacancies plus employed social workers in post (FTE).

    Worked example: 24.0 FTE vacant and 156.0 FTE in post: 24.0 / 180.0 = 13.3%.
    """
    return annual_return(f"""
        SELECT v.council, {month_index("v.census_date")} AS month_index,
               sum(coalesce(v.vacancy_fte, 0)) AS numerator,
               sum(coalesce(v.vacancy_fte, 0) + coalesce(w.employed_fte, 0)) AS denominator
        FROM vacancies AS v
        LEFT JOIN workforce_census AS w
            ON w.council = v.council AND w.census_date = v.census_date
        GROUP BY v.council, {month_index("v.census_date")}""")


@measure(
    "retention",
    title="Social worker retention",
    code=None,
    unit="percent",
    polarity="higher",
    numerator="of those, FTE still in post at the census date",
    denominator="FTE of employed social workers in post a year before the census date",
    era="seed",
    period_rule="annual_return",
    tables=("workers",),
    steps=("workforce_census",),
)
def retention() -> str:
    """Employed social workers in post a year before the census who are still in post.

    Needs the census to list leavers of the year as well as those in post, as the
    workforce census does. A worker with no start date is not counted a year before.

    Worked example: 140.0 FTE in post on 30 September 2005, of which 130.2 FTE still in post
    on 30 September 2006: 130.2 / 140.0 = 93.0%.
    """
    return _census("w.retained_fte", "w.year_before_fte")


@measure(
    "agency_rate",
    title="Agency social worker rate",
    code=None,
    unit="percent",
    polarity="lower",
    numerator="FTE of agency social workers in post at the census date",
    denominator="FTE of agency and employed social workers in post",
    era="today",
    period_rule="annual_return",
    tables=("workers",),
    steps=("workforce_census",),
)
def agency_rate() -> str:
    """Agency social workers (FTE) over agency plus employed social workers (FTE).

    Worked example: 26.0 FTE agency and 156.0 FTE employed: 26.0 / 182.0 = 14.3%.
    """
    return _census("w.agency_fte", "w.agency_fte + w.employed_fte")


@measure(
    "average_caseload",
    title="Average caseload per social worker (FTE)",
    code=None,
    unit="ratio",
    polarity="lower",
    numerator="cases held by case-holding social workers in post (employed and agency)",
    denominator="FTE of those case holders",
    era="today",
    period_rule="annual_return",
    tables=("workers",),
    steps=("workforce_census",),
)
def average_caseload() -> str:
    """Cases held over the FTE of the social workers holding them, at the census date.

    Worked example: 1,890 cases held by case holders totalling 118.1 FTE: 1,890 / 118.1 = 16.0.
    """
    return _census("w.cases", "w.case_holder_fte")
