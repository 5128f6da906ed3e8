"""Referrals and assessments: the front door of children's social care."""

from __future__ import annotations

from improvement_board.core.records.measures.registry import (
    in_periods,
    measure,
    month_index,
    per_10k,
    rolling_12_months,
    share,
    step,
)

_COUNCILS_WITH_REFERRALS = "SELECT DISTINCT council FROM referral_months"
_COUNCILS_WITH_KIND = "SELECT DISTINCT council FROM assessment_months WHERE kind = $kind"
_COUNCILS_WITH_INITIAL = "SELECT DISTINCT council FROM assessment_months WHERE kind = 'initial'"


@step("referral_months", tables=("referrals",))
def referral_months() -> str:
    """Referrals per council and month received: the rate's counts, and who has referrals."""
    return f"""
        SELECT council, {month_index("referral_date")} AS month_index, count(*) AS referrals
        FROM referrals
        GROUP BY council, {month_index("referral_date")}"""


@step("assessment_months", tables=("assessments",))
def assessment_months() -> str:
    """Assessments per council, kind and month started: rates, and who records each kind."""
    return f"""
        SELECT council, kind, {month_index("start_date")} AS month_index, count(*) AS started
        FROM assessments
        GROUP BY council, kind, {month_index("start_date")}"""


@step("initial_assessment_referrals", tables=("assessments", "referrals"))
def initial_assessment_referrals() -> str:
    """Each initial assessment with the date of the referral it answers (null when the referral
    is not in the records): one join serves both initial assessment measures."""
    return """
        SELECT a.council, a.referral_id, a.start_date, a.completed_date, r.referral_date
        FROM assessments AS a
        LEFT JOIN referrals AS r ON r.referral_id = a.referral_id
        WHERE a.kind = 'initial'"""


@measure(
    "referrals_per_10k",
    title="Referrals per 10,000 children",
    code="CH 141",
    era="seed",
    unit="per_10k",
    polarity="context",
    period_rule="rolling_12_months",
    numerator="referrals received in the 12 months ending with the month",
    denominator="children aged 0–17 (ONS mid-year estimate)",
    tables=("referrals",),
    steps=("referral_months",),
)
def referrals_per_10k() -> str:
    """Referrals received in the 12 months to the month's end, per 10,000 children aged 0–17.

    A rolling 12-month count, not an annualised month: in March it equals the published annual
    rate. Every referral counts, including a second referral of the same child.

    Worked example: 1,300 referrals from April 2006 to March 2007 in a council of 52,000
    children gives 1,300 / 52,000 × 10,000 = 250.0 for 2007-03.
    """
    monthly = "SELECT council, month_index, referrals AS n FROM referral_months"
    return per_10k(_COUNCILS_WITH_REFERRALS, rolling_12_months(monthly))


@measure(
    "referrals_to_initial_assessment",
    title="Referrals leading to an initial assessment",
    code="CH 143",
    era="seed",
    unit="percent",
    polarity="higher",
    period_rule="month",
    numerator="referrals in the month with an initial assessment",
    denominator="referrals in the month",
    tables=("referrals", "assessments"),
    steps=("referral_months", "assessment_months", "initial_assessment_referrals"),
)
def referrals_to_initial_assessment() -> str:
    """Referrals received in the month that led to an initial assessment (matched by referral).

    Only councils whose records hold initial assessments are reported: after 2014 the single
    assessment replaced them and the measure no longer applies.

    Worked example: 20 referrals in November 2006, of which 17 have an initial assessment
    recorded against them: 17 / 20 = 85.0%.
    """
    counts = f"""
        WITH assessed AS (
            SELECT council, {month_index("referral_date")} AS month_index,
                   count(DISTINCT referral_id) AS referrals
            FROM initial_assessment_referrals
            WHERE {in_periods("referral_date")}
            GROUP BY council, {month_index("referral_date")}
        )
        SELECT r.council, r.month_index, r.referrals AS denominator,
               coalesce(a.referrals, 0) AS numerator
        FROM referral_months AS r
        LEFT JOIN assessed AS a ON a.council = r.council AND a.month_index = r.month_index"""
    return share(_COUNCILS_WITH_INITIAL, counts)


_WITHIN_DAYS = """
    sum(CASE WHEN done.workday_number - began.workday_number <= $days THEN 1 ELSE 0 END)"""

_FROM_REFERRAL = f"""
    SELECT a.council, {month_index("a.completed_date")} AS month_index, count(*) AS denominator,
           {_WITHIN_DAYS} AS numerator
    FROM initial_assessment_referrals AS a
    LEFT JOIN working_calendar AS began ON began.day = coalesce(a.referral_date, a.start_date)
    LEFT JOIN working_calendar AS done ON done.day = a.completed_date
    WHERE {in_periods("a.completed_date")}
    GROUP BY a.council, {month_index("a.completed_date")}"""

_FROM_START = f"""
    SELECT a.council, {month_index("a.completed_date")} AS month_index, count(*) AS denominator,
           {_WITHIN_DAYS} AS numerator
    FROM assessments AS a
    LEFT JOIN working_calendar AS began ON began.day = a.start_date
    LEFT JOIN working_calendar AS done ON done.day = a.completed_date
    WHERE a.kind = $kind AND {in_periods("a.completed_date")}
    GROUP BY a.council, {month_index("a.completed_date")}"""


@measure(
    "initial_assessments_within_7_days",
    title="Initial assessments within 7 working days of referral",
    code="DIS 1704",
    era="seed",
    unit="percent",
    polarity="higher",
    period_rule="month",
    numerator="initial assessments completed in the month within 7 working days of referral",
    denominator="initial assessments completed in the month",
    tables=("assessments", "referrals"),
    steps=("assessment_months", "initial_assessment_referrals"),
    params={"days": 7},
)
def initial_assessments_within_7_days() -> str:
    """Initial assessments completed in the month, and how many within 7 working days.

    The clock starts at the referral (the day itself not counted) and stops at completion;
    weekends and bank holidays do not count. An assessment with no matching referral is timed
    from its own start. A day outside the working calendar counts as late.

    Worked example: referral Thursday 21 December 2006, assessment completed Tuesday
    2 January 2007: 22, 27, 28, 29 December and 2 January are working days (25, 26 December and
    1 January are bank holidays), so 5 days: on time, and counted in January 2007.
    """
    return share(_COUNCILS_WITH_INITIAL, _FROM_REFERRAL)


@measure(
    "core_assessments_per_10k",
    title="Core assessments per 10,000 children",
    code="CH 145",
    era="seed",
    unit="per_10k",
    polarity="context",
    period_rule="rolling_12_months",
    numerator="core assessments started in the 12 months ending with the month",
    denominator="children aged 0–17 (ONS mid-year estimate)",
    tables=("assessments",),
    steps=("assessment_months",),
    params={"kind": "core"},
)
def core_assessments_per_10k() -> str:
    """Core assessments started in the 12 months to the month's end, per 10,000 children.

    Rolling 12 months, like the referral rate. Counted by start date, which every assessment
    has, so a month's figure does not grow as late completions arrive.

    Worked example: 390 core assessments started from December 2005 to November 2006 in a
    council of 52,000 children: 390 / 52,000 × 10,000 = 75.0 for 2006-11.
    """
    monthly = "SELECT council, month_index, started AS n FROM assessment_months WHERE kind = $kind"
    return per_10k(_COUNCILS_WITH_KIND, rolling_12_months(monthly))


@measure(
    "core_assessments_within_35_days",
    title="Core assessments within 35 working days of their start",
    code="CF/C64",
    era="seed",
    unit="percent",
    polarity="higher",
    period_rule="month",
    numerator="core assessments completed in the month within 35 working days of their start",
    denominator="core assessments completed in the month",
    tables=("assessments",),
    steps=("assessment_months",),
    params={"kind": "core", "days": 35},
)
def core_assessments_within_35_days() -> str:
    """Core assessments completed in the month, and how many within 35 working days of start.

    Worked example: started Monday 2 April 2007, completed Tuesday 22 May 2007. There are
    36 weekdays after 2 April up to 22 May; Good Friday (6 April), Easter Monday (9 April) and
    7 May were bank holidays, so 33 working days: on time, counted in May 2007.
    """
    return share(_COUNCILS_WITH_KIND, _FROM_START)


@measure(
    "assessments_within_45_days",
    title="Assessments completed within 45 working days",
    code=None,
    era="today",
    unit="percent",
    polarity="higher",
    period_rule="month",
    numerator="single assessments completed in the month within 45 working days of their start",
    denominator="single assessments completed in the month",
    tables=("assessments",),
    steps=("assessment_months",),
    params={"kind": "single", "days": 45},
)
def assessments_within_45_days() -> str:
    """Single assessments completed in the month, and how many within 45 working days.

    Worked example: 120 assessments completed in June 2024, 101 of them 45 working days or
    fewer after their start: 101 / 120 = 84.2%.
    """
    return share(_COUNCILS_WITH_KIND, _FROM_START)


@measure(
    "rereferrals_within_12_months",
    title="Re-referrals within 12 months of a previous referral",
    code=None,
    era="today",
    unit="percent",
    polarity="lower",
    period_rule="month",
    numerator="referrals in the month made within 12 months of the child's previous referral",
    denominator="referrals in the month",
    tables=("referrals",),
    steps=("referral_months",),
)
def rereferrals_within_12_months() -> str:
    """Referrals received in the month that came within 12 months of the child's last one.

    "Within 12 months" includes the same date a year before (15 March 2024 after 15 March 2023
    is a re-referral). The child's last referral is the one before in date order; two
    referrals of one child on one day (a duplicate a file should not hold) are two referrals,
    of which only one can be a re-referral. Earlier referrals count only if they are in the
    records loaded.

    Worked example: in May 2024 a council receives 50 referrals; 11 are of children last
    referred between May 2023 and April 2024: 11 / 50 = 22.0%.
    """
    counts = f"""
        WITH referred AS (
            SELECT council, referral_date,
                   lag(referral_date) OVER (PARTITION BY child_id ORDER BY referral_date)
                       AS previous_date
            FROM referrals
        )
        SELECT council, {month_index("referral_date")} AS month_index, count(*) AS denominator,
               sum(CASE WHEN previous_date < referral_date
                             AND previous_date >= referral_date - INTERVAL 12 MONTH
                        THEN 1 ELSE 0 END) AS numerator
        FROM referred
        WHERE {in_periods("referral_date")}
        GROUP BY council, {month_index("referral_date")}"""
    return share(_COUNCILS_WITH_REFERRALS, counts)
