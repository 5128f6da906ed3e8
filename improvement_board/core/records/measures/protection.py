"""Child protection plans: how many children, how often again, and for how long."""

from __future__ import annotations

from improvement_board.core.records.measures.registry import (
    in_periods,
    measure,
    month_index,
    per_10k,
    reach,
    running_counts,
    share,
    step,
)

_COUNCILS = "SELECT DISTINCT council FROM protection_plans"
# Every plan is in a spell, so the councils with spells are the councils with plans.
_COUNCILS_WITH_SPELLS = "SELECT DISTINCT council FROM protection_spells"


@step("protection_spells", tables=("protection_plans",))
def protection_spells() -> str:
    """Each child's time on plans, with overlapping plans merged: one row per unbroken spell.

    Two plans of one child that overlap (a recording error) make one spell from the first
    start to the last end, so a child is never counted twice on one day. Plans that only
    touch (one ends the day the next starts) stay separate spells. ``until_date`` is the end
    date, or 9999-12-31 while the plan is open.
    """
    child = "PARTITION BY child_id ORDER BY start_date, until_date"
    return f"""
        WITH plans AS (
            SELECT council, child_id, start_date,
                   coalesce(end_date, DATE '9999-12-31') AS until_date
            FROM protection_plans
        ), marked AS (
            SELECT *,
                   CASE WHEN max(until_date) OVER (
                            {child} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                        ) > start_date THEN 0 ELSE 1 END AS new_spell
            FROM plans
        ), numbered AS (
            SELECT *, sum(new_spell) OVER ({child} ROWS UNBOUNDED PRECEDING) AS spell
            FROM marked
        )
        SELECT council, child_id, min(start_date) AS start_date, max(until_date) AS until_date
        FROM numbered
        GROUP BY council, child_id, spell"""


@step("protection_month_ends", tables=("protection_plans",), steps=("protection_spells",))
def protection_month_ends() -> str:
    """Per council and month: children on a plan at the month's end, and those on it 2+ years.

    A spell is counted at a month end on or after its start and before its end; for two years
    or more, from the month end two years or more after its start.
    """
    days = """
        SELECT start_date AS day FROM protection_spells
        UNION ALL SELECT until_date FROM protection_spells"""
    spans = f"""
        WITH reached AS ({reach(days)})
        SELECT s.council, started.month_end AS counted_from,
               started.two_years AS two_years_from, ended.month_end AS counted_until
        FROM protection_spells AS s
        JOIN reached AS started ON started.day = s.start_date
        JOIN reached AS ended ON ended.day = s.until_date"""
    return running_counts(
        spans,
        {
            "on_plan": ("counted_from", "counted_until"),
            "two_years_or_more": ("two_years_from", "counted_until"),
        },
    )


@measure(
    "protection_plans_per_10k",
    title="Children subject to a child protection plan per 10,000 children",
    code="CH 01",
    era="seed",
    unit="per_10k",
    polarity="band",
    period_rule="month_end",
    numerator="children with a plan open on the last day of the month",
    denominator="children aged 0–17 (ONS mid-year estimate)",
    tables=("protection_plans",),
    steps=("protection_month_ends",),
)
def protection_plans_per_10k() -> str:
    """Children with a child protection plan at the end of the month, per 10,000 children.

    A plan with no end date is open. A child with two overlapping plans counts once.

    Worked example: 87 children on plans on 30 November 2006 in a council of 52,000 children:
    87 / 52,000 × 10,000 = 16.7. Too low can mean missed need, so the target is a band.
    """
    counts = "SELECT council, month_index, on_plan AS numerator FROM protection_month_ends"
    return per_10k(_COUNCILS_WITH_SPELLS, counts)


@measure(
    "second_or_subsequent_plans",
    title="Child protection plans that are a second or subsequent plan",
    code=None,
    era="today",
    unit="percent",
    polarity="lower",
    period_rule="month",
    numerator="plans starting in the month for a child who had a plan before",
    denominator="plans starting in the month",
    tables=("protection_plans",),
)
def second_or_subsequent_plans() -> str:
    """Plans starting in the month for children who had a plan before, at any time.

    A plan is a second or subsequent one if the child has a plan with an earlier start in the
    records loaded, or if the record says the child had previous plans (the CIN census's
    number of previous plans reaches back before the records do). Ever, not only within two
    years, as in the DfE's measure.

    Worked example: 30 plans start in March 2024; 7 are for children with an earlier plan
    (one from 2019): 7 / 30 = 23.3%.
    """
    counts = f"""
        SELECT council, {month_index("start_date")} AS month_index, count(*) AS denominator,
               sum(CASE WHEN first_start < start_date OR previous_plans > 0
                        THEN 1 ELSE 0 END) AS numerator
        FROM (
            SELECT council, start_date, previous_plans,
                   min(start_date) OVER (PARTITION BY child_id) AS first_start
            FROM protection_plans
        ) AS plans
        WHERE {in_periods("start_date")}
        GROUP BY council, {month_index("start_date")}"""
    return share(_COUNCILS, counts)


@measure(
    "plans_lasting_2_years",
    title="Child protection plans open for two years or more",
    code=None,
    era="today",
    unit="percent",
    polarity="lower",
    period_rule="month_end",
    numerator="children on a plan at month end whose plan started two years or more before",
    denominator="children on a plan at month end",
    tables=("protection_plans",),
    steps=("protection_month_ends",),
)
def plans_lasting_2_years() -> str:
    """Children on a plan at the month's end whose plan has lasted two years or more.

    Like the DfE's count "at 31 March by duration": a plan started on 31 March 2022 has lasted
    two years on 31 March 2024. Open plans only; a plan that ended long is not counted here.
    Overlapping plans of one child (a recording error) count as one, from the first start.

    Worked example: 60 children on plans on 31 March 2024, 2 of them on plans started on or
    before 31 March 2022: 2 / 60 = 3.3%.
    """
    counts = """
        SELECT council, month_index, two_years_or_more AS numerator, on_plan AS denominator
        FROM protection_month_ends"""
    return share(_COUNCILS_WITH_SPELLS, counts)
