"""The canonical child-level tables that every reader produces and every measure reads.

Statutory codes and element names stay at the edge (the dataset specs); inside the project a table
has readable column names and plain types. Child and worker identifiers are already pseudonymised
(a keyed hash, see ``pseudonymise``) by the time a row has this shape, and no table has a name, an
address, a postcode or a UPN column. Every table carries ``council`` (the DfE new LA code, such as
``E06000019``, or the three-digit old code where that is all a file gives) so records pooled from
many councils can be computed in one pass.
"""

from __future__ import annotations

import pyarrow as pa

COUNCIL = pa.field("council", pa.string(), nullable=False)
PSEUDONYM = pa.int64()  # identifiers are stored as 64-bit keyed hashes (``pseudonymise``)
CHILD = pa.field("child_id", PSEUDONYM, nullable=False)

TABLES: dict[str, pa.Schema] = {
    # One row per child known to the council in the collection.
    "children": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("birth_date", pa.date32()),
            pa.field("sex", pa.string()),  # "male" / "female" / "unknown"
            pa.field("disabled", pa.bool_()),
        ]
    ),
    # One row per referral (a CIN episode starts with one).
    "referrals": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("referral_id", PSEUDONYM, nullable=False),
            pa.field("referral_date", pa.date32(), nullable=False),
            pa.field("source", pa.string()),
            pa.field("no_further_action", pa.bool_()),
            pa.field("closure_date", pa.date32()),
        ]
    ),
    # One row per assessment. kind: "initial" / "core" (seed era) or "single" (since 2014).
    "assessments": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("referral_id", PSEUDONYM),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("start_date", pa.date32(), nullable=False),
            pa.field("completed_date", pa.date32()),
        ]
    ),
    # One row per section 47 enquiry.
    "section47s": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("referral_id", PSEUDONYM),
            pa.field("start_date", pa.date32(), nullable=False),
            pa.field("icpc_date", pa.date32()),
        ]
    ),
    # One row per child protection plan.
    "protection_plans": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("start_date", pa.date32(), nullable=False),
            pa.field("end_date", pa.date32()),
            pa.field("category", pa.string()),  # latest: neglect/physical/sexual/emotional/multiple
            # Added for the CIN census and Annex A, which give both (optional everywhere):
            pa.field("initial_category", pa.string()),  # the category when the plan started
            pa.field("previous_plans", pa.int32()),  # plans the child had before this one
        ]
    ),
    # One row per child in need plan.
    "cin_plans": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("start_date", pa.date32(), nullable=False),
            pa.field("end_date", pa.date32()),
        ]
    ),
    # One row per looked-after episode (SSDA903 Episodes); a new placement starts a new episode.
    "care_episodes": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("start_date", pa.date32(), nullable=False),
            pa.field("end_date", pa.date32()),
            pa.field("reason_new", pa.string()),  # RNE code: S new period, P/T/B/U placement change
            pa.field("legal_status", pa.string()),
            pa.field("placement", pa.string()),
            pa.field("reason_ceased", pa.string()),
        ]
    ),
    # Children looked after 12 months or more at the year end (SSDA903 OC2).
    "care_outcomes": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("year_end", pa.date32(), nullable=False),
            pa.field("health_check", pa.bool_()),
            pa.field("immunisations", pa.bool_()),
            pa.field("teeth_check", pa.bool_()),
        ]
    ),
    # Care leavers around their 17th to 21st birthdays (SSDA903 OC3).
    "care_leavers": pa.schema(
        [
            COUNCIL,
            CHILD,
            pa.field("birth_date", pa.date32()),
            pa.field("year_end", pa.date32(), nullable=False),
            pa.field("in_touch", pa.string()),
            pa.field("activity", pa.string()),
            pa.field("accommodation", pa.string()),
            pa.field("suitable", pa.bool_()),
        ]
    ),
    # One row per social worker in post (or who left) in the workforce census year.
    "workers": pa.schema(
        [
            COUNCIL,
            pa.field("worker_id", PSEUDONYM, nullable=False),
            pa.field("census_date", pa.date32(), nullable=False),
            pa.field("fte", pa.float64()),
            pa.field("agency", pa.bool_()),
            pa.field("qualified", pa.bool_()),
            pa.field("start_date", pa.date32()),
            pa.field("leaving_date", pa.date32()),
            pa.field("cases", pa.int32()),
        ]
    ),
    # Vacancies (FTE) at the census date, per council.
    "vacancies": pa.schema(
        [
            COUNCIL,
            pa.field("census_date", pa.date32(), nullable=False),
            pa.field("vacancy_fte", pa.float64()),
            pa.field("agency_cover_fte", pa.float64()),
        ]
    ),
}


# What makes two stored rows one record: a later return restates an earlier one by these keys.
RECORD_KEYS: dict[str, tuple[str, ...]] = {
    "children": ("council", "child_id"),
    "referrals": ("council", "referral_id"),
    "assessments": ("council", "child_id", "kind", "start_date"),
    "section47s": ("council", "child_id", "start_date"),
    "protection_plans": ("council", "child_id", "start_date"),
    "cin_plans": ("council", "child_id", "start_date"),
    "care_episodes": ("council", "child_id", "start_date"),
    "care_outcomes": ("council", "child_id", "year_end"),
    "care_leavers": ("council", "child_id", "year_end"),
    "workers": ("council", "worker_id", "census_date"),
    "vacancies": ("council", "census_date"),
}
