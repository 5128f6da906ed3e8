"""The definitions as Spark SQL: parameters kept as markers, CTEs read twice built apart."""

from __future__ import annotations

from improvement_board.core.records.measures import MEASURES, STEPS
from improvement_board.core.records.spark_sql import shared_parts, spark_sql


def test_parameters_reach_spark_as_named_markers() -> None:
    translated = spark_sql(MEASURES["assessments_within_45_days"].sql)
    assert ":kind" in translated and ":days" in translated
    assert "$" not in translated


def test_a_cte_read_twice_is_built_apart_and_one_read_once_stays_in_the_query() -> None:
    sql = (
        "WITH once AS (SELECT a FROM t), twice AS (SELECT a FROM once WHERE a > 1) "
        "SELECT x.a FROM twice AS x JOIN twice AS y ON x.a = y.a"
    )
    parts, query = shared_parts(sql, "m")
    assert parts == (("m_twice", "WITH once AS (SELECT a FROM t) SELECT a FROM once WHERE a > 1"),)
    assert query == "SELECT x.a FROM m_twice AS x JOIN m_twice AS y ON x.a = y.a"


def test_only_the_month_end_counts_have_parts_spark_builds_apart() -> None:
    split = {
        d.name: [name for name, _ in shared_parts(spark_sql(d.sql), d.name)[0]]
        for d in [*MEASURES.values(), *STEPS.values()]
    }
    assert {name: parts for name, parts in split.items() if parts} == {
        "care_month_ends": ["care_month_ends_reached", "care_month_ends_spans"],
        "protection_month_ends": ["protection_month_ends_reached", "protection_month_ends_spans"],
        "placement_stability_long_term": [
            "placement_stability_long_term_aged",
            "placement_stability_long_term_reached",
            "placement_stability_long_term_spans",
        ],
    }
