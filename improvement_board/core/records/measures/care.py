"""Children looked after and care leavers: how many, how stable, how well looked after."""

from __future__ import annotations

from improvement_board.core.records.measures.registry import (
    annual_return,
    measure,
    month_index,
    per_10k,
    reach,
    running_counts,
    share,
    step,
)

# Every episode is in a placement, so the councils with placements are those with episodes.
_COUNCILS = "SELECT DISTINCT council FROM placements"


@step("placements", tables=("care_episodes",))
def placements() -> str:
    """One row per placement of a child: its dates, its period of care, and two back.

    A period of care starts at a child's first episode, at an episode whose reason is S, or
    after a gap; a placement starts with a period of care or an episode whose reason is a
    change of placement (P, T, B, U). A change of legal status only (L) keeps the placement.
    ``until_date`` is the end date, or 9999-12-31 while open; ``until_two_before`` is the end
    of the child's placement two before this one (null for a first or second placement).

    Episodes of one child never overlap (loading refuses overlapping episodes), so neither do
    placements: one row open on a day is one child looked after that day. A period of care's
    start is the start of its latest new-care episode so far, so one ordering of each child's
    episodes gives periods of care and placements together.
    """
    child = "PARTITION BY child_id ORDER BY start_date"
    so_far = f"{child}, position ROWS UNBOUNDED PRECEDING"
    return f"""
        WITH ordered AS (
            SELECT council, child_id, start_date, end_date, reason_new,
                   row_number() OVER ({child}) AS position,
                   lag(end_date) OVER ({child}) AS previous_end
            FROM care_episodes
        ), flagged AS (
            SELECT *,
                   CASE WHEN position = 1 OR reason_new = 'S' OR previous_end < start_date
                        THEN 1 ELSE 0 END AS new_care
            FROM ordered
        ), numbered AS (
            SELECT *,
                   sum(CASE WHEN new_care = 1 OR reason_new IN ('P', 'T', 'B', 'U')
                            THEN 1 ELSE 0 END) OVER ({so_far}) AS placement_number,
                   max(CASE WHEN new_care = 1 THEN start_date END) OVER ({so_far})
                       AS care_start
            FROM flagged
        ), placed AS (
            SELECT council, child_id, placement_number, min(care_start) AS care_start,
                   min(start_date) AS start_date,
                   max(coalesce(end_date, DATE '9999-12-31')) AS until_date
            FROM numbered
            GROUP BY council, child_id, placement_number
        )
        SELECT council, child_id, start_date, until_date, care_start,
               lag(until_date, 2) OVER (PARTITION BY child_id ORDER BY placement_number)
                   AS until_two_before
        FROM placed"""


@step("care_month_ends", tables=("care_episodes",), steps=("placements",))
def care_month_ends() -> str:
    """Per council and month: children looked after at the month's end, and those with three
    or more placements in the 12 months to it.

    A placement is counted at a month end on or after its start and before its end
    (``until_date``); for three placements, also while the placement two before it ended after
    the first day of the 12 months (``year_start``).
    """
    days = """
        SELECT start_date AS day FROM placements
        UNION ALL SELECT until_date FROM placements
        UNION ALL SELECT until_two_before FROM placements"""
    spans = f"""
        WITH reached AS ({reach(days)})
        SELECT pl.council, started.month_end AS counted_from, ended.month_end AS counted_until,
               least(ended.month_end, coalesce(two_before.year_start, 0)) AS three_until
        FROM placements AS pl
        JOIN reached AS started ON started.day = pl.start_date
        JOIN reached AS ended ON ended.day = pl.until_date
        LEFT JOIN reached AS two_before ON two_before.day = pl.until_two_before"""
    return running_counts(
        spans,
        {
            "looked_after": ("counted_from", "counted_until"),
            "three_placements": ("counted_from", "three_until"),
        },
    )


@measure(
    "looked_after_per_10k",
    title="Children looked after per 10,000 children",
    code=None,
    era="today",
    unit="per_10k",
    polarity="context",
    period_rule="month_end",
    numerator="children looked after on the last day of the month",
    denominator="children aged 0–17 (ONS mid-year estimate)",
    tables=("care_episodes",),
    steps=("care_month_ends",),
)
def looked_after_per_10k() -> str:
    """Children looked after at the end of the month, per 10,000 children aged 0–17.

    An episode with no end date is open; one ending on the last day of the month is not.

    Worked example: 420 children looked after on 31 March 2024 in a council of 60,000
    children: 420 / 60,000 × 10,000 = 70.0.
    """
    counts = "SELECT council, month_index, looked_after AS numerator FROM care_month_ends"
    return per_10k(_COUNCILS, counts)


@measure(
    "placement_stability_moves",
    title="Children looked after with three or more placements in the year",
    code=None,
    era="today",
    unit="percent",
    polarity="lower",
    period_rule="month_end",
    numerator="of those, children with 3 or more placements in the 12 months ending with the month",
    denominator="children looked after on the last day of the month",
    tables=("care_episodes",),
    steps=("care_month_ends",),
)
def placement_stability_moves() -> str:
    """Children looked after at the month's end who had 3 or more placements in 12 months.

    Placements counted are those the child was in at any time in the 12 months: the one they
    were in when the 12 months began, and each placement starting after. Placements follow
    one another, so a child has had three when the placement two before the current one
    was still going on the first day of the 12 months or later. A placement that ended on
    that first day is not counted.

    Worked example: 400 children looked after on 31 March 2024; 36 of them had three or more
    placements between 1 April 2023 and 31 March 2024: 36 / 400 = 9.0%.
    """
    counts = """
        SELECT council, month_index, three_placements AS numerator, looked_after AS denominator
        FROM care_month_ends"""
    return share(_COUNCILS, counts)


@measure(
    "placement_stability_long_term",
    title="Long-term placement stability",
    code=None,
    era="today",
    unit="percent",
    polarity="higher",
    period_rule="month_end",
    numerator="of those, children in the same placement for 2 years or more",
    denominator="children under 16 at month end, looked after continuously for 2.5 years or more",
    tables=("care_episodes", "children"),
    steps=("placements",),
)
def placement_stability_long_term() -> str:
    """Children under 16 in care 2.5 years or more, and how many in one placement 2+ years.

    Continuous care is the current period of care; a change of legal status alone does not
    end a placement. Age comes from the children table (a child not found there is left out).

    Worked example: on 31 March 2024, 150 children under 16 had been looked after since
    30 September 2021 or before; 105 had been in their placement since 31 March 2022 or before:
    105 / 150 = 70.0%.
    """
    days = """
        SELECT start_date AS day FROM aged
        UNION ALL SELECT until_date FROM aged
        UNION ALL SELECT care_start FROM aged
        UNION ALL SELECT sixteenth_birthday FROM aged"""
    spans = f"""
        WITH aged AS (
            SELECT pl.council, pl.start_date, pl.until_date, pl.care_start,
                   CAST(c.birth_date + INTERVAL 16 YEAR AS DATE) AS sixteenth_birthday
            FROM placements AS pl
            JOIN children AS c ON c.child_id = pl.child_id
        ), reached AS ({reach(days)})
        SELECT a.council,
               greatest(started.month_end, in_care.thirty_months) AS counted_from,
               greatest(started.month_end, in_care.thirty_months, started.two_years)
                   AS stable_from,
               least(ended.month_end, sixteen.month_end) AS counted_until
        FROM aged AS a
        JOIN reached AS started ON started.day = a.start_date
        JOIN reached AS ended ON ended.day = a.until_date
        JOIN reached AS in_care ON in_care.day = a.care_start
        JOIN reached AS sixteen ON sixteen.day = a.sixteenth_birthday"""
    counted = running_counts(
        spans,
        {
            "long_term": ("counted_from", "counted_until"),
            "stable": ("stable_from", "counted_until"),
        },
    )
    counts = f"""
        SELECT council, month_index, long_term AS denominator, stable AS numerator
        FROM ({counted}) AS counted"""
    return share(_COUNCILS, counts)


@measure(
    "health_assessments_on_time",
    title="Health assessments of looked-after children up to date",
    code="C19",
    era="seed",
    unit="percent",
    polarity="higher",
    period_rule="annual_return",
    numerator="children in the cohort whose annual health assessment is up to date",
    denominator="children looked after 12 months or more at the year end",
    tables=("care_outcomes",),
)
def health_assessments_on_time() -> str:
    """Children looked after for 12 months at the year end whose health check is in date.

    An annual return (SSDA903 OC2): the figure appears in the month of its year end (March).

    Worked example: 150 children looked after 12 months or more on 31 March 2007, 129 with
    their health assessment in date: 129 / 150 = 86.0% for 2007-03.
    """
    return annual_return(f"""
        SELECT council, {month_index("year_end")} AS month_index,
               sum(CASE WHEN health_check THEN 1 ELSE 0 END) AS numerator,
               count(*) AS denominator
        FROM care_outcomes
        GROUP BY council, {month_index("year_end")}""")


_LEAVERS = f"""
    SELECT council, {month_index("year_end")} AS month_index,
           sum(CASE WHEN suitable THEN 1 ELSE 0 END) AS numerator,
           count(*) AS denominator
    FROM care_leavers
    WHERE birth_date + INTERVAL 19 YEAR <= year_end
        AND birth_date + INTERVAL {{after_last_age}} YEAR > year_end
    GROUP BY council, {month_index("year_end")}"""


@measure(
    "care_leavers_19_suitable",
    title="Care leavers at 19 in suitable accommodation",
    code="SC 5037",
    era="seed",
    unit="percent",
    polarity="higher",
    period_rule="annual_return",
    numerator="of those, care leavers in suitable accommodation around their birthday",
    denominator="care leavers whose 19th birthday fell in the year",
    tables=("care_leavers",),
)
def care_leavers_19_suitable() -> str:
    """Care leavers whose 19th birthday fell in the year, in suitable accommodation.

    An annual return (SSDA903 OC3), shown in the month of its year end. Accommodation is as
    recorded around the birthday; not known counts as not suitable.

    Worked example: 20 care leavers turned 19 between 1 April 2006 and 31 March 2007; 19 were
    in suitable accommodation: 19 / 20 = 95.0% for 2007-03.
    """
    return annual_return(_LEAVERS.format(after_last_age=20))


@measure(
    "care_leavers_19_to_21_suitable",
    title="Care leavers aged 19 to 21 in suitable accommodation",
    code=None,
    era="today",
    unit="percent",
    polarity="higher",
    period_rule="annual_return",
    numerator="of those, care leavers in suitable accommodation around their birthday",
    denominator="care leavers whose 19th, 20th or 21st birthday fell in the year",
    tables=("care_leavers",),
)
def care_leavers_19_to_21_suitable() -> str:
    """Care leavers aged 19, 20 or 21 at the year end, in suitable accommodation.

    Worked example: 90 care leavers had their 19th, 20th or 21st birthday between 1 April 2023
    and 31 March 2024; 80 were in suitable accommodation: 80 / 90 = 88.9% for 2024-03.
    """
    return annual_return(_LEAVERS.format(after_last_age=22))
